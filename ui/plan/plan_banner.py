"""The line above the plan that says what is wrong with it: a circle of links or an
impossible constraint (red, the chart keeps the last good schedule), or the engine's
warnings (amber, the schedule shown is the current one)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from ui.icons import icon

_SHOWN = 4  # warnings listed before "and n more"


class PlanBanner(QWidget):
    """Hidden until there is something to say; the close button hides it until the next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(wordWrap=True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(autoRaise=True)
        close.setIcon(icon("close"))
        close.setToolTip("Close the message")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        self.error = False

    def show_error(self, head: str, detail: str) -> None:
        """A problem that stops scheduling (the chart shows the last good schedule)."""
        self.error = True
        self.label.setObjectName("bannerError")
        self._set(f"<b>{html.escape(head)}</b> {html.escape(detail)}")

    def show_warnings(self, problems: Sequence[str]) -> None:
        """The engine's warnings about the schedule shown (none: hidden)."""
        self.error = False
        if not problems:
            self.clear()
            return
        self.label.setObjectName("bannerWarning")
        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems[:_SHOWN])
        more = len(problems) - _SHOWN
        tail = f"<li>and {more} more</li>" if more > 0 else ""
        self._set(f"<b>The schedule has problems:</b><ul style='margin:2px 0'>{items}{tail}</ul>")

    def clear(self) -> None:
        self.error = False
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _set(self, text: str) -> None:
        self.label.setText(text)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        self.show()
