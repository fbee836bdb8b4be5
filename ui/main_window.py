"""The application shell: navigation between registered views, menus, toolbar,
status bar, undo stack and the release editor panel."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from app.credentials import without_password
from app.errors import ReleaseDeskError
from app.workspace import Workspace
from app.workspace_label import workspace_label
from ui.change_hub import ChangeHub
from ui.dialogs.about_dialog import show_about
from ui.dialogs.presenter import DialogPresenter
from ui.icons import icon
from ui.interchange.calendar_transfer import CalendarTransfer
from ui.keyboard import WindowKeys
from ui.settings import Settings
from ui.status_bar import WorkspaceStatus
from ui.undo.command_runner import CommandRunner, Presenter
from ui.view_registry import REGISTRY, ViewContext, ViewRegistry
from ui.views import register_builtin_views
from ui.window_layout import CentralArea, place_window
from ui.window_menus import build_menus, build_toolbar

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
        self.keys = WindowKeys(self)  # F6, Esc, Ctrl+S and the shortcuts sheet
        build_menus(self)
        build_toolbar(self)
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
        central = CentralArea(self.registry)
        self.navigation, self.stack = central.navigation, central.stack
        self.splitter, self.editor_host = central.splitter, central.editor_host
        self.central_area = central
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
            "Export plan…",
            self.export_plan,
            "export",
            tip="Export the plan of the release in the editor (when it has focus) or of the "
            "card selected on the board as Microsoft Project XML",
        )
        self.act_export.setEnabled(False)
        self.act_export_chart = self._action(  # enabled while the view offers one
            "Export chart…", lambda: self._in_view("export_chart"), "export"
        )
        self.act_baseline = self._action(
            "Set baseline",
            self.set_baseline,
            "baseline",
            tip="Store the current schedule of the release in the editor (when it has focus) "
            "or of the card selected on the board as its baseline (Undo takes it back)",
        )
        self.act_baseline.setEnabled(False)
        self.calendar_files = CalendarTransfer(  # File → Export calendar… / Import calendar…
            self, lambda: self.workspace, self.runner, self.settings
        )
        self.calendar_files.status_message.connect(self._on_plans_status_message)
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
        """Views, the editor, a baseline and an import let their background work on the
        workspace finish (see ViewSpec) and read no more: the workspace closes next."""
        for widget in [*self.views.values(), self.editor]:
            if widget is not None and hasattr(widget, "close_workspace"):
                widget.close_workspace()
        if self._baselines is not None:
            self._baselines.wait()
        if self._plans is not None:
            self._plans.wait()  # an import in flight finishes before the workspace closes

    def show_view(self, view_id: str) -> QWidget:
        """Show a registered view, creating it the first time."""
        widget = self.views.get(view_id)
        if widget is None:
            widget = self.registry.get(view_id).factory(self.ctx)
            self.views[view_id] = widget
            self.stack.addWidget(widget)
            if view_id == "board":
                widget.selection_changed.connect(self._on_board_selection_changed)
            if hasattr(widget, "status_message"):  # e.g. "Deleted … — Undo brings it back"
                widget.status_message.connect(self._on_view_status_message)
        if self.selected_card is not None and hasattr(widget, "show_release"):
            widget.show_release(self.selected_card)  # the plan of the board's selection
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
        self.central_area.show_editor_pane()
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

    def _in_view(self, method: str) -> None:
        getattr(self.current_view(), method, lambda: None)()

    def focus_find(self) -> None:
        self._in_view("focus_find")

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
            dialog = ConnectDialog(self, self.settings)
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
        """File → Export plan: the plan of the release acted on (see
        :meth:`target_release`) as Microsoft Project XML."""
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
        """File → Set baseline: the schedule of the release acted on becomes its baseline
        (scheduled in the background; the status bar says when it is stored)."""
        target = self.target_release()
        if target is None:
            self.statusBar().showMessage("Select a release on the board to set its baseline.")
            return
        self.baselines.start(self.workspace, *target)

    def target_release(self) -> tuple[uuid.UUID, str] | None:
        """(id, title) of the release File → Export plan and Set baseline act on: the
        one in the editor while the editor has focus, else the board's selected card
        (when the board shows), else the one in the editor."""
        release = getattr(self.editor, "release", None)
        in_editor = (
            (release.id, release.title) if release and self.editor_host.isVisible() else None
        )
        if in_editor is not None and self.editor_host.isAncestorOf(QApplication.focusWidget()):
            return in_editor
        board = self.views.get("board")
        if self.selected_card is not None and board is not None and board is self.current_view():
            card = board.model.card(self.selected_card)  # type: ignore[attr-defined]
            if card is not None:
                return card.release.id, card.release.title
        return in_editor

    def selected_release_id(self) -> uuid.UUID | None:
        target = self.target_release()
        return target[0] if target is not None else None

    def update_plan_actions(self) -> None:
        """Import needs no running transfer; export also needs a release to act on, and
        so does setting a baseline. Both name that release."""
        idle = self._plans is None or not self._plans.busy
        target = self.target_release()
        self.act_import.setEnabled(idle)
        self.act_export.setEnabled(idle and target is not None)
        self.act_baseline.setEnabled(target is not None)
        self.act_export_chart.setEnabled(getattr(self.current_view(), "can_export_chart", False))
        name = target[1].replace("&", "&&") if target else ""  # a name's "&" is no mnemonic
        self.act_export.setText(f"Export plan of {name}…" if target else "Export plan…")
        self.act_baseline.setText(f"Set baseline for {name}" if target else "Set baseline")

    # -- state ---------------------------------------------------------------------------
    def _restore_state(self) -> None:
        place_window(self, self.settings.state("geometry"))
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
        self._close_views()
        self.status.stop()
        self.save_state()
        super().closeEvent(event)

    # -- slots ---------------------------------------------------------------------------
    def _on_navigation_row_changed(self, row: int) -> None:
        specs = self.registry.specs()
        if 0 <= row < len(specs):
            self.show_view(specs[row].id)

    def on_recent_menu_about_to_show(self) -> None:
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

    def _on_view_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _on_baselines_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    def _on_plans_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _on_plans_imported(self, result: ImportResult) -> None:
        self.open_release(result.release_id)
        self.update_plan_actions()

    def _on_plans_busy_changed(self, _busy: bool) -> None:
        self.update_plan_actions()
