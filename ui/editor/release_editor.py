"""The release editor panel: header, then tabs for details, scope, stakeholders,
sign-offs, dependencies, handover, communications and history."""

from __future__ import annotations

import html
import uuid
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QToolButton, QVBoxLayout, QWidget

from app.changes import Change, ChangeAction
from app.errors import NotFoundError, ReleaseDeskError
from app.services import release_service
from app.services.conflict_service import CONFLICT_INPUTS
from app.services.release_lifecycle import LABELS
from app.services.release_service import ReleaseRow
from ui.editor.changes_tab import ChangesTab
from ui.editor.communication_tab import CommunicationTab
from ui.editor.conflict_summary import ConflictSummary
from ui.editor.delivery_tab import DeliveryTab
from ui.editor.dependency_tab import DependencyTab
from ui.editor.details_tab import DetailsTab
from ui.editor.handover_tab import HandoverTab
from ui.editor.history_tab import HistoryTab
from ui.editor.package_panel import PackagePanel
from ui.editor.plan_summary import PLAN_INPUTS, PlanSummary
from ui.editor.scope_tab import ScopeTab
from ui.editor.signoff_tab import SignOffTab
from ui.editor.stakeholder_tab import StakeholderTab
from ui.editor.table_tab import TableTab
from ui.elided_label import ElidedLabel
from ui.icons import icon
from ui.view_registry import ViewContext


class ReleaseEditor(QWidget):
    """Edits one release at a time; every edit is an undoable command."""

    closed = Signal()

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.release: ReleaseRow | None = None
        self._closed = False  # its workspace is closing: no more reads of it
        self.title = ElidedLabel()
        self.title.setObjectName("editorTitle")
        self.subtitle = QLabel(wordWrap=True)
        self.subtitle.setObjectName("editorSubtitle")
        self.plan = PlanSummary()
        self.conflicts = ConflictSummary()
        self.notice = QLabel(wordWrap=True)
        self.notice.setObjectName("bannerError")
        self.notice.hide()
        # What a save implies (planned end after the deadline…): said, never refused.
        self.warnings = QLabel(wordWrap=True)
        self.warnings.setObjectName("bannerWarning")
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self.warnings.hide()
        close = QToolButton(autoRaise=True)
        close.setIcon(icon("close"))
        close.setToolTip("Close the editor")
        close.clicked.connect(self.closed)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        titles.addWidget(self.plan)
        titles.addWidget(self.conflicts)
        head.addLayout(titles, 1)
        head.addWidget(close)
        self.details = DetailsTab(ctx)
        self.scope = ScopeTab(ctx)
        self.stakeholders = StakeholderTab(ctx)
        self.signoffs = SignOffTab(ctx)
        self.dependencies = DependencyTab(ctx)
        self.handover = HandoverTab(ctx)
        self.communications = CommunicationTab(ctx)
        self.changes = ChangesTab(ctx)
        self.package = PackagePanel(ctx)
        self.delivery = DeliveryTab(ctx)
        self.history = HistoryTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        # A narrow pane scrolls its tabs (arrows at the right end of the row) rather
        # than forcing the window wider than a 1280-pixel screen.
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        for widget, label in (
            (self.details, "Details"),
            (self.scope, "Scope"),
            (self.stakeholders, "People"),
            (self.signoffs, "Sign-offs"),
            (self.dependencies, "Depends"),
            (self.handover, "Handover"),
            (self.communications, "Comms"),
            (self.changes, "Changes"),
            (self.package, "Package"),
            (self.delivery, "Delivery"),
            (self.history, "History"),
        ):
            self.tabs.addTab(widget, label)
        self.tabs.setTabToolTip(self.tabs.count() - 1, "Who changed what in this release, and when")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.notice)
        layout.addWidget(self.warnings)
        layout.addWidget(self.tabs, 1)
        self.ctx.hub.changed.connect(self._on_hub_changed)

    def table_tabs(self) -> list[TableTab]:
        return [
            self.scope,
            self.stakeholders,
            self.signoffs,
            self.dependencies,
            self.handover,
            self.communications,
            self.changes,
            self.package.items,
            self.package.rules,
        ]

    def release_tabs(self) -> list[TableTab | DeliveryTab | HistoryTab]:
        """The tabs that show rows of the release: the table tabs, delivery and history."""
        return [*self.table_tabs(), self.delivery, self.history]

    # -- loading -------------------------------------------------------------------------
    def load(self, release_id: uuid.UUID) -> bool:
        """Show a release (its details form is replaced even if it had unsaved edits)."""
        try:
            row = release_service.get_release(self.ctx.workspace, release_id)
        except ReleaseDeskError as exc:
            self._show_notice(str(exc))
            return False
        self.details.load_choices()
        self._show(row, force=True)
        self.warnings.hide()
        for tab in self.release_tabs():
            tab.set_release(row)
        return True

    def close_workspace(self) -> None:
        """Read nothing more: the workspace closes once its schedule under way is done."""
        self._closed = True
        self.plan.close_workspace()
        self.changes.close_workspace()

    def refresh(self) -> None:
        if self.release is not None and not self._closed:
            self._reload_release(force=False)
            for tab in self.release_tabs():
                tab.reload()

    def _show(self, row: ReleaseRow, force: bool) -> None:
        self.release = row
        self.notice.hide()
        self.title.setText(row.title)
        self.subtitle.setText(
            f"<span style='color:{row.domain_colour}'>●</span> "
            f"{row.domain_name or 'No domain'} · {LABELS[row.status]} · "
            f"{row.release_type.value.capitalize()} release"
        )
        self.details.set_row(row, force=force)
        for tab in self.release_tabs():
            tab.release = row
        self.plan.show_release(self.ctx.workspace, row.id)
        self.conflicts.show_release(self.ctx.workspace, row.id)

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _show_warnings(self, warnings: list[str]) -> None:
        self.warnings.setText("<br>".join(f"⚠ {html.escape(w)}" for w in warnings))
        self.warnings.setVisible(bool(warnings))

    def _show_deleted(self) -> None:
        self._show_notice(
            "A colleague deleted this release."
            if self.ctx.hub.remote
            else "This release was deleted. Undo (Ctrl+Z) brings it back."
        )

    def _reload_release(self, force: bool) -> None:
        assert self.release is not None
        try:
            row = release_service.get_release(self.ctx.workspace, self.release.id)
        except NotFoundError:
            self._show_deleted()
            return
        except ReleaseDeskError as exc:
            self._show_notice(str(exc))
            return
        self._show(row, force=force)

    # -- slots ---------------------------------------------------------------------------
    def _on_hub_changed(self, changes: Iterable[Change]) -> None:
        if self.release is None or self._closed:
            return
        changes = tuple(changes)
        mine = [
            c for c in changes if c.entity == "release" and (self.release.id in c.ids or not c.ids)
        ]
        if mine:
            if any(c.action == ChangeAction.DELETED and self.release.id in c.ids for c in mine):
                self._show_deleted()
            else:
                # Our own saves (and undo of them) replace the form; a colleague's
                # change to fields we are editing will surface as a conflict on save.
                self._reload_release(force=not self.details.is_dirty())
                self._show_warnings([w for c in mine for w in c.warnings])
        for tab in self.release_tabs():
            if tab.concerns(changes):
                tab.reload()
        if not mine and any(c.entity in PLAN_INPUTS for c in changes):
            self.plan.show_release(self.ctx.workspace, self.release.id)
        if not mine and any(c.entity in CONFLICT_INPUTS for c in changes):
            self.conflicts.show_release(self.ctx.workspace, self.release.id)

    def save_state(self) -> None:
        """Nothing to keep yet beyond what the main window saves."""
