"""What the plan view shows instead of an empty table: what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyPlan(QWidget):
    """A title, a sentence and, for a release without tasks, "Add the first task"."""

    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(objectName="emptyTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(objectName="hint", alignment=Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.button = QPushButton("Add the first task", objectName="primary")
        self.button.clicked.connect(self.add_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_no_release(self) -> None:
        self._show(
            "No release chosen",
            "Choose a release above, or select one on the board and come back here.",
            can_add=False,
        )

    def show_no_tasks(self, text: str) -> None:
        self._show("No tasks yet", f"{text}", can_add=True)

    def show_no_match(self) -> None:
        self._show(
            "No task matches these filters",
            "Clear the filters above to see the whole plan.",
            can_add=False,
        )

    def _show(self, title: str, text: str, *, can_add: bool) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.button.setVisible(can_add)
