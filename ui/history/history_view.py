"""The workspace's History view: the whole audit trail in words, filtered by who, what
kind of row and which days."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.changes import Change
from app.errors import ReleaseDeskError
from app.services import history_service
from app.services.history_service import HistoryFilter
from ui.any_date import any_date_edit, date_of
from ui.combo import select
from ui.editor.history_table import HistoryTable
from ui.view_registry import ViewContext


class HistoryView(QWidget):
    """Filters above the history table; newest first, more rows as you scroll."""

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = QComboBox()
        self.user.setToolTip("Only the changes this person made")
        self.kind = QComboBox()
        self.kind.setToolTip("Only changes to this kind of record")
        self.kind.addItem("Everything", None)
        for table, label in history_service.entity_kinds():
            self.kind.addItem(label.capitalize(), table)
        self.since = any_date_edit("Changes made on or after this day (Any: no limit)")
        self.until = any_date_edit("Changes made on or before this day (Any: no limit)")
        self.notice = QLabel(wordWrap=True)
        self.notice.setObjectName("bannerError")
        self.notice.hide()
        self.table = HistoryTable(ctx.workspace)
        self.table.history.failed.connect(self._on_history_failed)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        for label, widget in (
            ("Who", self.user),
            ("What", self.kind),
            ("From", self.since),
            ("To", self.until),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        self.refresh()
        for combo in (self.user, self.kind):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._on_filter_changed)
        ctx.hub.changed.connect(self._on_hub_changed)

    def current(self) -> HistoryFilter:
        """The filter the widgets show."""
        return HistoryFilter(
            user=self.user.currentData(),
            entity=self.kind.currentData(),
            since=date_of(self.since),
            until=date_of(self.until),
        )

    def refresh(self) -> None:
        """Read the people who changed anything, and the history, again."""
        self.notice.hide()
        chosen = self.user.currentData()
        self.user.blockSignals(True)
        self.user.clear()
        self.user.addItem("Everyone", None)
        try:
            for name in history_service.users(self.ctx.workspace):
                self.user.addItem(name, name)
        except ReleaseDeskError as exc:
            self._on_history_failed(exc)
        select(self.user, chosen)
        self.user.blockSignals(False)
        self.table.show_history(self.current())

    def _on_filter_changed(self, *_args: object) -> None:
        self.notice.hide()
        self.table.show_history(self.current())

    def _on_hub_changed(self, changes: Iterable[Change]) -> None:
        if tuple(changes) and self.isVisible():
            self.refresh()

    def _on_history_failed(self, error: object) -> None:
        self.notice.setText(str(error))
        self.notice.show()
