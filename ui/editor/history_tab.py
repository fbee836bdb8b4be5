"""The release editor's History tab: every change to the release and its rows, in words."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.changes import Change
from app.services.history_service import HistoryFilter
from app.services.release_service import ReleaseRow
from ui.editor.history_table import HistoryTable
from ui.view_registry import ViewContext


class HistoryTab(QWidget):
    """Who changed what in this release and when, newest first; more rows on scroll.

    Offers the editor tabs' ``set_release`` / ``reload`` / ``concerns``; reading waits
    until the tab is shown, so edits in other tabs do not pay for it.
    """

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.release: ReleaseRow | None = None
        self._stale = False
        self.table = HistoryTable(ctx.workspace)
        self.table.history.failed.connect(self._on_history_failed)
        self.notice = QLabel(wordWrap=True)
        self.notice.setObjectName("bannerError")
        self.notice.hide()
        hint = QLabel(
            "Every change to this release, its plan, scope, people, sign-offs, "
            "handover and messages; hover a row for all its fields.",
            wordWrap=True,
        )
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)

    def set_release(self, release: ReleaseRow) -> None:
        self.release = release
        self.reload()

    def reload(self) -> None:
        """Read the history again from its newest entry (now, or when next shown)."""
        self._stale = self.release is not None and not self.isVisible()
        if self.release is not None and not self._stale:
            self.notice.hide()
            self.table.show_history(HistoryFilter(release_id=self.release.id))

    def concerns(self, changes: Iterable[Change]) -> bool:
        """Any saved change may belong to this release's history."""
        return any(True for _ in changes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_history_failed(self, error: object) -> None:
        self.notice.setText(str(error))
        self.notice.show()
