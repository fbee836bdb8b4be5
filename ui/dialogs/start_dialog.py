"""No workspace yet (or it cannot be opened): offer the ways to get one."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.icons import icon


class StartChoice(StrEnum):
    DEMO = "demo"
    EMPTY = "empty"
    OPEN = "open"
    CONNECT = "connect"
    QUIT = "quit"


class StartDialog(QDialog):
    """``choice`` says which button was pressed (QUIT when closed)."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to ReleaseDesk")
        self.choice = StartChoice.QUIT
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        head = QLabel("<h2>Welcome to ReleaseDesk</h2>")
        text = QLabel(message)
        text.setWordWrap(True)
        text.setObjectName("hint")
        layout.addWidget(head)
        layout.addWidget(text)
        for choice, label, icon_name in (
            (StartChoice.DEMO, "Create demo workspace", "release"),
            (StartChoice.EMPTY, "Create empty workspace", "new"),
            (StartChoice.OPEN, "Open…", "open"),
            (StartChoice.CONNECT, "Connect to shared database…", "connect"),
        ):
            button = QPushButton(icon(icon_name), label)
            button.setMinimumHeight(34)
            button.clicked.connect(lambda _c=False, ch=choice: self._choose(ch))
            layout.addWidget(button)
        self.resize(460, 0)

    def _choose(self, choice: StartChoice) -> None:
        self.choice = choice
        self.accept()
