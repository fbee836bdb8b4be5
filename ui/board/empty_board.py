"""What the board shows instead of empty columns: what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from app.words import count


class EmptyBoard(QWidget):
    """A title, a sentence and the one button that gets cards back on the board."""

    new_requested = Signal()
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(objectName="emptyTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(objectName="hint", alignment=Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.button = QPushButton(objectName="primary")
        self.button.clicked.connect(self._on_button_clicked)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._clears = False

    def show_no_releases(self) -> None:
        self._show(
            "No releases yet",
            "Create the first release with New release (Ctrl+N), or bring a plan in "
            "with File → Import.",
            "New release…",
            clears=False,
        )

    def show_no_match(self, total: int) -> None:
        self._show(
            "No release matches these filters",
            f"The board has {count(total, 'release')}; clear the filters to see them all, "
            "or loosen one of them.",
            "Clear filters",
            clears=True,
        )

    def _show(self, title: str, text: str, button: str, *, clears: bool) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.button.setText(button)
        self._clears = clears

    def _on_button_clicked(self) -> None:
        (self.clear_requested if self._clears else self.new_requested).emit()
