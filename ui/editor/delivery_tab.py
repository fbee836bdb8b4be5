"""The release editor's Delivery tab: deployments, the runbook panel and build notes.

Lifecycle actions are undoable commands (undo takes the step back); the runbook runs
in QProcess with its output shown live and a Cancel button; build notes are grouped by
the component they changed.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.changes import Change
from app.dates_text import moment
from app.enums import DeploymentStatus
from app.errors import ReleaseDeskError
from app.services import build_notes, deployment_service, promotion, runbook_runs
from app.services.release_service import ReleaseRow
from app.services.runbook_service import plan_run
from ui.editor.build_notes_import import BuildNotesImporter
from ui.editor.deployment_model import DeploymentModel
from ui.editor.environments_dialog import show_environments
from ui.editor.promotion_path_dialog import show_promotion_path
from ui.editor.row_table_model import RowRole
from ui.editor.runbook_dialog import RunbookDialog
from ui.editor.runbook_process import RunbookProcess
from ui.editor.schedule_deployment_dialog import schedule_deployment
from ui.flow_layout import FlowLayout
from ui.icons import icon
from ui.saved_splitter import SavedSplitter
from ui.undo.service_command import VersionedCommand
from ui.view_registry import ViewContext

D = DeploymentStatus
ACTIONS = (
    (D.DEPLOYING, "Start"),
    (D.DEPLOYED, "Deployed"),
    (D.VERIFIED, "Verify"),
    (D.FAILED, "Failed"),
    (D.BACKED_OUT, "Backed out"),
)
ENTITIES = frozenset(
    {"deployment", "deployment_event", "runbook_run", "build", "build_note", "environment"}
) | {"promotion_step"}


class DeliveryTab(QWidget):
    """Deployments per environment with lifecycle actions, runbook runs, build notes."""

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.release: ReleaseRow | None = None
        self.process: RunbookProcess | None = None
        self.model = DeploymentModel(self)
        self.table = QTableView(tabKeyNavigation=False)  # Tab leaves; arrows move in it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setDefaultAlignment(  # over the left-aligned values
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.action_buttons: dict[D, QPushButton] = {}
        actions = FlowLayout(spacing=6)
        for status, text in ACTIONS:
            button = QPushButton(text, toolTip=f"Mark the selected deployment {text.lower()}")
            button.clicked.connect(lambda _c=False, s=status: self.advance(s))
            self.action_buttons[status] = button
            actions.addWidget(button)
        deployments = QWidget()
        top = QVBoxLayout(deployments)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addLayout(self._path_row())
        top.addLayout(actions)
        top.addWidget(self.table, 1)

        self.environment = QComboBox()
        self.environment.setAccessibleName("Runbook environment")
        self.steps_button = QPushButton("Steps…")
        self.dry_run_button = QPushButton("Dry run")
        self.run_button = QPushButton("Run")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.dry_run_button.clicked.connect(lambda: self.start_run(dry_run=True))
        self.run_button.clicked.connect(lambda: self.start_run(dry_run=False))
        self.cancel_button.clicked.connect(self.cancel_run)
        self.steps_button.setToolTip("Edit the steps of the runbook for this environment")
        self.steps_button.clicked.connect(self.edit_steps)
        self.environment.setToolTip("The environment whose runbook runs")
        self.environment.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.environment.setMinimumContentsLength(12)
        self.run_status = QLabel(wordWrap=True)
        controls = FlowLayout(spacing=6)
        for widget in (
            self.environment,
            self.steps_button,
            self.dry_run_button,
            self.run_button,
            self.cancel_button,
        ):
            controls.addWidget(widget)
        self.output = QPlainTextEdit(readOnly=True, tabChangesFocus=True)
        self.output.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.output.setPlaceholderText("A runbook's commands and their output show here.")
        runbook = self._page(controls, self.output)
        runbook.layout().insertWidget(1, self.run_status)  # type: ignore[union-attr]

        self.notes = QTreeWidget()
        self.notes.setHeaderLabels(["Component / commit", "Author", "Date", "Hash"])
        self.notes.setRootIsDecorated(True)
        self.notes.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.import_notes_button = QPushButton(icon("import"), "Import build notes…")
        self.import_notes_button.setToolTip("Record a git range or a changelog version as a build")
        self.notes_importer = BuildNotesImporter(ctx.workspace, ctx.runner, self)
        self.notes_importer.busy_changed.connect(
            lambda busy: self.import_notes_button.setEnabled(not busy)
        )
        self.import_notes_button.clicked.connect(self.import_notes)
        notes_top = FlowLayout(spacing=6)
        notes_top.addWidget(self.import_notes_button)
        notes = self._page(notes_top, self.notes)

        # The deployments come first; the runbook and the build notes share the rest
        # as two pages, so a 720-pixel screen still shows several deployments.
        self.pages = QTabWidget(documentMode=True)
        self.pages.addTab(runbook, "Runbook")
        self.pages.addTab(notes, "Build notes")
        self.pages.setTabToolTip(1, "Build notes by component")
        self.split = SavedSplitter(ctx.settings, "delivery_split", (deployments, self.pages))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.split)
        chain = [*self.planning_buttons, *self.action_buttons.values(), self.table]
        for before, after in itertools.pairwise(chain):  # Tab goes top to bottom
            QWidget.setTabOrder(before, after)
        # A run left "running" by a window or command that died is marked crashed now;
        # read-only or offline, it stays until a start that can write.
        with contextlib.suppress(ReleaseDeskError):
            runbook_runs.mark_stale_runs(ctx.workspace)
        self._enable()

    def _path_row(self) -> QHBoxLayout:
        """The path this release follows on one line (the whole text in its tooltip),
        and icon buttons that plan its deployments (their text is the tooltip)."""
        self.path_label = QLabel()
        self.path_label.setAccessibleName("Promotion path")
        self.path_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(self.path_label, 1)
        self.planning_buttons: list[QToolButton] = []
        for text, icon_name, slot, tip in (
            ("Schedule…", "calendar", self.schedule, "plan a deployment to a stage of the path"),
            ("Promotion path…", "plan", self.edit_path, "choose and order this release's stages"),
            ("Environments…", "local", self.edit_environments, "the workspace's stage order"),
        ):
            button = self._tool_button(text, f"{text} — {tip}", icon_name)
            button.clicked.connect(lambda _c=False, s=slot: s())
            row.addWidget(button)
            self.planning_buttons.append(button)
        return row

    @staticmethod
    def _tool_button(text: str, tip: str, icon_name: str) -> QToolButton:
        """A flat icon button; ``text`` stays its accessible name (and what tests and
        screen readers find it by)."""
        button = QToolButton(text=text, autoRaise=True, toolTip=tip)
        button.setAccessibleName(text)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable by Tab like a button
        button.setIcon(icon(icon_name))
        return button

    def schedule(self) -> None:
        if self.release is not None:
            schedule_deployment(self.ctx, self.release.id, self.release.title, self)

    def edit_path(self) -> None:
        if self.release is not None:
            show_promotion_path(self.ctx, self.release.id, self.release.title, self)

    def edit_environments(self) -> None:
        show_environments(self.ctx, self)

    @staticmethod
    def _page(top: QLayout, body: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        return page

    # -- loading -------------------------------------------------------------------------
    def set_release(self, release: ReleaseRow) -> None:
        self.release = release
        self.reload()

    def concerns(self, changes: Iterable[Change]) -> bool:
        return any(c.entity in ENTITIES for c in changes)

    def reload(self) -> None:
        if self.release is None:
            return
        ws = self.ctx.workspace
        try:
            self.model.set_rows(deployment_service.list_deployments(ws, self.release.id))
            envs = promotion.list_environments(ws)
            path = promotion.release_path(ws, self.release.id)
            notes = build_notes.release_notes(ws, self.release.id)
        except ReleaseDeskError as exc:
            self.run_status.setText(str(exc))
            return
        self.table.resizeColumnsToContents()
        self.path_label.setText(f"Promotion path: {path.text}")
        self.path_label.setToolTip(self.path_label.text())
        current = self.environment.currentText()
        self.environment.clear()
        self.environment.addItems([e.name for e in envs])
        if current:
            self.environment.setCurrentText(current)
        self._show_notes(notes)
        self._enable()

    def _show_notes(self, notes: dict[str, list[build_notes.NoteRow]]) -> None:
        self.notes.clear()
        for component, rows in notes.items():
            name = component or "Not linked to a configuration item"
            top = QTreeWidgetItem([f"{name} ({len(rows)})"])
            for n in rows:
                when = moment(clock.to_local(n.committed_at)) if n.committed_at else ""
                child = QTreeWidgetItem([n.text, n.author, when, n.reference[:10]])
                child.setToolTip(0, n.paths or n.text)
                top.addChild(child)
            self.notes.addTopLevelItem(top)
            top.setExpanded(True)
        self.notes.resizeColumnToContents(1)
        self.notes.resizeColumnToContents(2)

    def import_notes(self) -> bool:
        """Ask for a git range or a changelog version and import it (undoable)."""
        if self.release is None:
            return False
        return self.notes_importer.ask_and_import(self.release.id)

    # -- deployments ---------------------------------------------------------------------
    def selected(self) -> deployment_service.DeploymentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowRole) if rows else None

    def _enable(self) -> None:
        row = self.selected()
        allowed = deployment_service.next_statuses(row.status) if row else ()
        for status, button in self.action_buttons.items():
            button.setEnabled(status in allowed)
        self.cancel_button.setEnabled(self.process is not None)
        idle = self.process is None and self.environment.count() > 0
        self.run_button.setEnabled(idle)
        self.steps_button.setEnabled(self.environment.count() > 0)
        self.dry_run_button.setEnabled(idle)

    def advance(self, status: D) -> bool:
        """Move the selected deployment on to ``status`` (undo: take the step back)."""
        row = self.selected()
        if row is None:
            return False
        ws = self.ctx.workspace
        label = status.value.replace("_", " ")
        command = VersionedCommand(
            f"Mark the {row.environment} deployment {label}",
            row.id,
            row.version,
            lambda v: deployment_service.advance_deployment(ws, row.id, v, status),
            lambda v: deployment_service.revert_last_step(ws, row.id, v),
        )
        return self.ctx.runner.run(command)

    # -- runbook -------------------------------------------------------------------------
    def start_run(self, dry_run: bool) -> bool:
        """Run (or dry-run) the release's runbook for the chosen environment."""
        if self.release is None or self.process is not None:
            return False
        self.output.clear()
        try:
            plan = plan_run(self.ctx.workspace, self.release.id, self.environment.currentText())
            self.process = RunbookProcess(self.ctx.workspace, plan, self)
            self.process.output.connect(self._append)
            self.process.ended.connect(self._ended)
            self.run_status.setText("Dry run…" if dry_run else "Running…")
            self._enable()
            self.process.start(dry_run=dry_run)
        except ReleaseDeskError as exc:
            self.process = None
            self.run_status.setText(str(exc))
            self._enable()
            return False
        return True

    def edit_steps(self) -> RunbookDialog | None:
        """Open the runbook editor for the chosen environment (not modal)."""
        if self.release is None:
            return None
        dialog = RunbookDialog(self.ctx, self.release, self.environment.currentText(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def cancel_run(self) -> None:
        if self.process is not None:
            self.run_status.setText("Cancelling…")
            self.process.cancel()

    def _append(self, text: str) -> None:
        self.output.moveCursor(self.output.textCursor().MoveOperation.End)
        self.output.insertPlainText(text)
        self.output.ensureCursorVisible()

    def _ended(self, status: str) -> None:
        self.run_status.setText(f"Last run: {status}.")
        if self.process is not None:
            self.process.deleteLater()
        self.process = None
        self._enable()
