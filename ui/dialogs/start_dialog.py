"""No workspace yet (or it cannot be opened): offer the ways to get one, in plain words.

Each way in is a button with a line that says what it gives; the text above says
what was (not) found, never which command to run.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.icons import icon


class StartChoice(StrEnum):
    DEMO = "demo"
    EMPTY = "empty"
    OPEN = "open"
    CONNECT = "connect"
    QUIT = "quit"


# (choice, button, what it gives, icon)
WAYS_IN = (
    (StartChoice.DEMO, "Create demo workspace", "Sample releases to look around in.", "release"),
    (StartChoice.EMPTY, "Create empty workspace", "Start planning your own releases.", "new"),
    (StartChoice.OPEN, "Open…", "A workspace file saved elsewhere or shared with you.", "open"),
    (
        StartChoice.CONNECT,
        "Connect to shared database…",
        "Your team's workspace on a database server.",
        "connect",
    ),
)
WIDTH = 500


def start_message(where: str | None, missing: bool) -> str:
    """What the dialog says about ``where`` (a file or server, None for the default):
    that no workspace is there yet (``missing``) or that it could not be opened."""
    place = f" at {where}" if where else ""
    if missing:
        return f"There is no workspace{place} yet. Choose how to start:"
    return f"The workspace{place} could not be opened. Choose another way in:"


class StartDialog(QDialog):
    """``choice`` says which button was pressed (QUIT when closed)."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to ReleaseDesk")
        self.choice = StartChoice.QUIT
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(QLabel("<h2>Welcome to ReleaseDesk</h2>"))
        self.message = _wrapped(message)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        layout.addSpacing(6)
        for choice, label, gives, icon_name in WAYS_IN:
            button = QPushButton(icon(icon_name), label)
            button.setMinimumHeight(34)
            button.setToolTip(gives)
            button.clicked.connect(lambda _c=False, ch=choice: self._choose(ch))
            hint = _wrapped(gives)
            hint.setObjectName("hint")
            hint.setContentsMargins(4, 0, 0, 6)
            layout.addWidget(button)
            layout.addWidget(hint)
        # A fixed width and a height taken from the wrapped text: nothing is cut off.
        self.setFixedWidth(WIDTH)
        self.adjustSize()

    def _choose(self, choice: StartChoice) -> None:
        self.choice = choice
        self.accept()


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
