"""The board's card lists as one stop in the Tab order.

Tab enters the board at the list that last had focus (the first list at first) and
the next Tab leaves the board for the next pane; inside the board the arrow keys move
between cards and columns. Only that one list takes Tab focus; the others take focus
by click or arrow, and whichever list gets focus becomes the board's stop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget


class OneFocusStop(QObject):
    """Keeps exactly one of the added widgets in the Tab chain: the last focused."""

    focused = Signal(QWidget)  # one of the widgets got the focus (scroll it into view)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget] = []

    def reset(self) -> None:
        """Forget the widgets (the board is rebuilding them)."""
        self._widgets.clear()

    def add(self, widget: QWidget) -> None:
        first = not self._widgets
        self._widgets.append(widget)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus if first else Qt.FocusPolicy.ClickFocus)
        widget.installEventFilter(self)

    def stop(self) -> QWidget | None:
        """The widget Tab enters the board at."""
        return next(
            (w for w in self._widgets if w.focusPolicy() == Qt.FocusPolicy.StrongFocus), None
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            if watched is not self.stop():
                for widget in self._widgets:
                    widget.setFocusPolicy(
                        Qt.FocusPolicy.StrongFocus
                        if widget is watched
                        else Qt.FocusPolicy.ClickFocus
                    )
            self.focused.emit(watched)
        return False
