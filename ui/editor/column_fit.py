"""Keeping a table's stretching column readable in a narrow pane.

The editor pane can be dragged narrow. Its tables size the short columns to their
contents and let one long column (an artifact URL, a description) stretch into what is
left — which, in a narrow pane, is nothing: the long column and its header slide out of
view behind a scroll bar. :class:`NarrowColumns` hides the optional short columns, the
least useful first, while the long one would get less than ``minimum`` pixels, and
shows them again as soon as there is room (their values stay in the tooltips).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class NarrowColumns(QObject):
    """Hides ``optional`` columns of ``table`` (in that order) while ``stretch`` would
    be narrower than ``minimum``; call :meth:`fit` after the columns were resized."""

    def __init__(
        self, table: QTableView, stretch: int, optional: Sequence[int], minimum: int = 160
    ) -> None:
        super().__init__(table)
        self.table, self.stretch, self.optional, self.minimum = table, stretch, optional, minimum
        self._fitting = False
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def hidden(self) -> list[int]:
        """The optional columns hidden now."""
        return [n for n in self.optional if self.table.isColumnHidden(n)]

    def fit(self) -> None:
        """Show as many optional columns as leave the stretching one its minimum."""
        if self._fitting:
            return
        self._fitting = True
        try:
            header = self.table.horizontalHeader()
            for n in self.optional:
                header.setSectionHidden(n, False)
            widths = {n: self.table.columnWidth(n) for n in range(header.count())}
            room = self.table.viewport().width() - self.minimum
            used = sum(w for n, w in widths.items() if n != self.stretch)
            for n in self.optional:
                if used <= room:
                    break
                header.setSectionHidden(n, True)
                used -= widths[n]
        finally:
            self._fitting = False
