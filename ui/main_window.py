"""The application shell: navigation between registered views, menus, toolbar,
status bar, undo stack and the release editor panel."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app.credentials import without_password
from app.errors import ReleaseDeskError
from app.workspace import Workspace
from app.workspace_label import workspace_label
from ui.change_hub import ChangeHub
from ui.dialogs.about_dialog import show_about
from ui.dialogs.presenter import DialogPresenter
from ui.icons import icon
from ui.settings import Settings
from ui.status_bar import WorkspaceStatus
from ui.undo.command_runner import CommandRunner, Presenter
from ui.view_registry import REGISTRY, ViewContext, ViewRegistry
from ui.views import register_builtin_views

if TYPE_CHECKING:
    from app.services.plan_service import ImportResult
    from ui.interchange.plan_transfer import PlanTransfer
    from ui.undo.plan_commands import BaselineSetter


class MainWindow(QMainWindow):
    """One window on one workspace; switching workspace rebuilds the views."""

    def __init__(
        self,
        workspace: Workspace,
        settings: Settings,
        *,
        target: str | None = None,
        registry: ViewRegistry | None = None,
        presenter: Presenter | None = None,
    ) -> None:
        super().__init__()
        register_builtin_views()
        self.settings = settings
        self.registry = registry or REGISTRY
        self.undo_stack = QUndoStack(self)
        self.hub = ChangeHub(self)
        self.presenter: Presenter = presenter or DialogPresenter(self)
        self.runner = CommandRunner(self.undo_stack, self.hub, self.presenter, self)
        self.workspace = workspace
        self._plans: PlanTransfer | None = None  # built on first import/export (start-up)
        self._baselines: BaselineSetter | None = None  # built on first use, likewise
        self.target = target
        self.views: dict[str, QWidget] = {}
        self.editor: QWidget | None = None
        self.selected_card: uuid.UUID | None = None  # the board's selected release
        self.setWindowIcon(icon("release", "#3b6fd8"))
        self._build_central()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.status = WorkspaceStatus(self.statusBar(), self.hub, self)
        self.hub.changed.connect(self._on_hub_changed)
        self.set_workspace(workspace, target)
        self._restore_state()

    @property
    def plans(self) -> PlanTransfer:
        """Plan import/export; its modules (readers, writers, engine) load on first use."""
        if self._plans is None:
            from ui.interchange.plan_transfer import PlanTransfer

            self._plans = PlanTransfer(self, lambda: self.workspace, self.runner, self.settings)
            self._plans.status_message.connect(self._on_plans_status_message)
            self._plans.imported.connect(self._on_plans_imported)
            self._plans.busy_changed.connect(self._on_plans_busy_changed)
        return self._plans

    # -- building ------------------------------------------------------------------------
    def _build_central(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(18, 18))
        self.navigation.setFixedWidth(176)
        for spec in self.registry.specs():
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.id)
            item.setToolTip(spec.tooltip or spec.title)
            self.navigation.addItem(item)
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.stack)
        self.editor_host = QStackedWidget()
        self.editor_host.setMinimumWidth(440)
        self.editor_host.hide()
        self.splitter.addWidget(self.editor_host)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self._on_navigation_row_changed)

    def _action(
        self, text: str, slot, icon_name: str = "", shortcut=None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip or text)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_new_release = self._action("New release…", self.new_release, "add", K.New)
        self.act_new_ws = self._action(
            "New local workspace…", self.new_local_workspace, "new", "Ctrl+Shift+N"
        )
        self.act_open = self._action("Open…", self.open_workspace_file, "open", K.Open)
        self.act_connect = self._action(
            "Connect to shared database…", self.connect_shared, "connect"
        )
        self.act_import = self._action(
            "Import…",
            self.import_plan,
            "import",
            tip="Import a Microsoft Project (.xml) or GanttProject (.gan) plan into a release",
        )
        self.act_export = self._action(
            "Export…",
            self.export_plan,
            "export",
            tip="Export the selected release's plan as Microsoft Project XML",
        )
        self.act_export.setEnabled(False)
        self.act_baseline = self._action(
            "Set baseline",
            self.set_baseline,
            "baseline",
            tip="Store the selected release's current schedule as its baseline "
            "(Undo takes it back)",
        )
        self.act_baseline.setEnabled(False)
        self.act_quit = self._action("Quit", self.close, "quit", K.Quit)
        self.act_undo = self.undo_stack.createUndoAction(self, "Undo")
        self.act_undo.setShortcut(QKeySequence(K.Undo))
        self.act_undo.setIcon(icon("undo"))
        self.act_undo.setPriority(QAction.Priority.LowPriority)
        self.act_redo = self.undo_stack.createRedoAction(self, "Redo")
        self.act_redo.setShortcut(QKeySequence(K.Redo))
        self.act_redo.setIcon(icon("redo"))
        self.act_redo.setPriority(QAction.Priority.LowPriority)
        self.act_find = self._action("Find", self.focus_find, "find", K.Find)
        self.act_refresh = self._action("Refresh", self.refresh, "refresh", K.Refresh)
        self.act_editor = self._action("Release editor", self.toggle_editor, "edit", "Ctrl+E")
        self.act_editor.setCheckable(True)
        self.act_about = self._action("About ReleaseDesk", self.about, "about")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        # Selection, view, editor and transfers keep Import/Export current; opening
        # the menu checks once more (cheap).
        file_menu.aboutToShow.connect(self.update_plan_actions)
        file_menu.addActions([self.act_new_release, self.act_new_ws, self.act_open])
        file_menu.addAction(self.act_connect)
        self.recent_menu = file_menu.addMenu("Recent workspaces")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        file_menu.addSeparator()
        file_menu.addActions([self.act_import, self.act_export])
        file_menu.addAction(self.act_baseline)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_find)
        self.view_menu = bar.addMenu("&View")
        for n, spec in enumerate(self.registry.specs()):
            act = self.view_menu.addAction(icon(spec.icon), spec.title)
            if n < 9:
                act.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            act.triggered.connect(lambda _c=False, vid=spec.id: self.show_view(vid))
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.act_editor, self.act_refresh])
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addActions([self.act_new_release, self.act_open, self.act_connect])
        bar.addSeparator()
        bar.addActions([self.act_undo, self.act_redo])
        bar.addSeparator()
        bar.addActions([self.act_find, self.act_refresh])

    # -- workspace -----------------------------------------------------------------------
    def context(self) -> ViewContext:
        return self.ctx

    def set_workspace(self, workspace: Workspace, target: str | None = None) -> None:
        """Show ``workspace``: fresh views, empty undo history, new status bar."""
        self._close_views()
        for widget in self.views.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.views.clear()
        self.selected_card = None
        if self.editor is not None:
            self.editor_host.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
            self.editor_host.hide()
        self.undo_stack.clear()
        self.workspace, self.target = workspace, target
        self.ctx = ViewContext(workspace, self.runner, self.hub, self.settings, self.open_release)
        self.setWindowTitle(f"{workspace.name} — ReleaseDesk")
        self.status.show_workspace(workspace)
        first = self.settings.text("view/current", "")
        self.show_view(first if first in self.registry else self.registry.specs()[0].id)

    # -- views ---------------------------------------------------------------------------
    def _close_views(self) -> None:
        """Views let their background work on the workspace finish (see ViewSpec)."""
        for widget in self.views.values():
            if hasattr(widget, "close_workspace"):
                widget.close_workspace()

    def show_view(self, view_id: str) -> QWidget:
        """Show a registered view, creating it the first time."""
        widget = self.views.get(view_id)
        if widget is None:
            widget = self.registry.get(view_id).factory(self.ctx)
            self.views[view_id] = widget
            self.stack.addWidget(widget)
            if view_id == "board":
                widget.selection_changed.connect(self._on_board_selection_changed)
                widget.status_message.connect(lambda text: self.statusBar().showMessage(text))
        self.stack.setCurrentWidget(widget)
        self.update_plan_actions()
        ids = [s.id for s in self.registry.specs()]
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(ids.index(view_id))
        self.navigation.blockSignals(False)
        self.settings.set_text("view/current", view_id)
        return widget

    def current_view(self) -> QWidget | None:
        return self.stack.currentWidget()

    def view(self, view_id: str) -> QWidget:
        return self.views.get(view_id) or self.show_view(view_id)

    def _ensure_editor(self) -> QWidget:
        if self.editor is None:
            from ui.editor.release_editor import ReleaseEditor

            self.editor = ReleaseEditor(self.ctx)
            self.editor.closed.connect(self._on_editor_closed)
            self.editor_host.addWidget(self.editor)
        return self.editor

    def open_release(self, release_id: uuid.UUID) -> None:
        """Show a release in the editor panel beside the current view."""
        editor = self._ensure_editor()
        editor.load(release_id)  # type: ignore[attr-defined]
        if not self.editor_host.isVisible():
            self.editor_host.show()
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([int(total * 0.6), total - int(total * 0.6)])
        self.act_editor.setChecked(True)
        self.update_plan_actions()

    def toggle_editor(self) -> None:
        visible = self.editor is not None and not self.editor_host.isVisible()
        self.editor_host.setVisible(visible)
        self.act_editor.setChecked(visible)
        self.update_plan_actions()

    # -- commands ------------------------------------------------------------------------
    def new_release(self) -> None:
        board = self.view("board")
        self.show_view("board")
        board.new_release()  # type: ignore[attr-defined]

    def focus_find(self) -> None:
        view = self.current_view()
        if view is not None and hasattr(view, "focus_find"):
            view.focus_find()

    def refresh(self) -> None:
        for widget in (self.current_view(), self.editor):
            if widget is not None and hasattr(widget, "refresh"):
                widget.refresh()
        self.status.refresh()

    def switch_to(self, workspace: Workspace, target: str) -> None:
        """Show ``workspace``; ``target`` is remembered (and shown) without its password."""
        target = without_password(target)
        old = self.workspace
        self.set_workspace(workspace, target)
        self.settings.remember_workspace(target)
        if old is not workspace:
            old.close()

    def _try_switch(self, opener) -> None:
        try:
            result = opener()
        except ReleaseDeskError as exc:
            self.presenter.show_error(exc)
            return
        if result is not None:
            self.switch_to(*result)

    def new_local_workspace(self) -> None:
        from ui.workspace_opener import ask_path, open_workspace

        def opener():
            path = ask_path(self, save=True)
            return (open_workspace(path, self.workspace.user, create=True), path) if path else None

        self._try_switch(opener)

    def open_workspace_file(self) -> None:
        from ui.workspace_opener import ask_path, open_workspace

        def opener():
            path = ask_path(self, save=False)
            return (open_workspace(path, self.workspace.user), path) if path else None

        self._try_switch(opener)

    def connect_shared(self) -> None:
        from ui.dialogs.connect_dialog import ConnectDialog

        def opener():
            dialog = ConnectDialog(self)
            if not dialog.exec():
                return None
            return Workspace.open(dialog.url(), user=self.workspace.user), dialog.display_target()

        self._try_switch(opener)

    def open_recent(self, target: str) -> None:
        from ui.workspace_opener import open_workspace

        self._try_switch(lambda: (open_workspace(target, self.workspace.user), target))

    def about(self) -> None:
        show_about(self, f"Workspace: {self.workspace.name} ({self.workspace.kind.value})")

    def import_plan(self) -> None:
        """File → Import…: a plan file into a new or empty release (undoable)."""
        self.plans.import_plan()

    def export_plan(self) -> None:
        """File → Export…: the selected release's plan as Microsoft Project XML."""
        release_id = self.selected_release_id()
        if release_id is None:
            self.statusBar().showMessage("Select a release on the board to export its plan.")
            return
        self.plans.export_plan(release_id)

    @property
    def baselines(self) -> BaselineSetter:
        """File → Set baseline's worker (scheduling runs off the GUI thread)."""
        if self._baselines is None:
            from ui.undo.plan_commands import BaselineSetter

            self._baselines = BaselineSetter(self.runner, self)
            self._baselines.message.connect(self._on_baselines_message)
        return self._baselines

    def set_baseline(self) -> None:
        """File → Set baseline: the selected release's schedule becomes its baseline
        (scheduled in the background; the status bar says when it is stored)."""
        release_id = self.selected_release_id()
        if release_id is None:
            self.statusBar().showMessage("Select a release on the board to set its baseline.")
            return
        board = self.views.get("board")
        card = board.model.card(release_id) if board is not None else None  # type: ignore[attr-defined]
        title = card.release.title if card is not None else self.editor.release.title  # type: ignore[union-attr]
        self.baselines.start(self.workspace, release_id, title)

    def selected_release_id(self) -> uuid.UUID | None:
        """The card selected on the board (when it shows), else the release open in the
        editor."""
        board = self.views.get("board")
        if self.selected_card is not None and board is not None and board is self.current_view():
            return self.selected_card
        release = getattr(self.editor, "release", None)
        if release is not None and self.editor_host.isVisible():
            return release.id
        return None

    def update_plan_actions(self) -> None:
        """Import needs no running transfer; export also needs a selected release, and
        so does setting a baseline."""
        idle = self._plans is None or not self._plans.busy
        self.act_import.setEnabled(idle)
        self.act_export.setEnabled(idle and self.selected_release_id() is not None)
        self.act_baseline.setEnabled(self.selected_release_id() is not None)

    # -- state ---------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.state("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            self.resize(
                min(1560, int(screen.width() * 0.96)), min(940, int(screen.height() * 0.92))
            )
        state = self.settings.state("state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.state("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_state(self) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("state", self.saveState())
        self.settings.set_state("splitter", self.splitter.saveState())
        if self.editor is not None and hasattr(self.editor, "save_state"):
            self.editor.save_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._plans is not None:
            self._plans.wait()  # an import in flight finishes before the workspace closes
        self._close_views()
        self.status.stop()
        self.save_state()
        super().closeEvent(event)

    # -- slots ---------------------------------------------------------------------------
    def _on_navigation_row_changed(self, row: int) -> None:
        specs = self.registry.specs()
        if 0 <= row < len(specs):
            self.show_view(specs[row].id)

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_workspaces()
        for target in recent:
            act = self.recent_menu.addAction(workspace_label(target))
            act.setToolTip(target)  # remembered without its password
            act.triggered.connect(lambda _c=False, t=target: self.open_recent(t))
        self.recent_menu.setToolTipsVisible(True)
        if not recent:
            self.recent_menu.addAction("No recent workspaces").setEnabled(False)

    def _on_board_selection_changed(self, release_id: uuid.UUID | None) -> None:
        self.selected_card = release_id
        self.update_plan_actions()

    def _on_editor_closed(self) -> None:
        self.editor_host.hide()
        self.act_editor.setChecked(False)
        self.update_plan_actions()

    def _on_hub_changed(self, _changes: object) -> None:
        self.update_plan_actions()

    def _on_baselines_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    def _on_plans_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _on_plans_imported(self, result: ImportResult) -> None:
        self.open_release(result.release_id)
        self.update_plan_actions()

    def _on_plans_busy_changed(self, _busy: bool) -> None:
        self.update_plan_actions()
