"""The Plan view: a release's tasks in a table on the left, its Gantt chart on the right
(row for row, scrolled together, one selection), the "Why this date?" panel beside.

Thin: rows come from :func:`app.services.gantt_data.gantt_plan` (the same rows the chart
and ``plan chart`` draw), edits go through :class:`~ui.plan.plan_edits.PlanEdits` as
undoable commands, and every change announced on the hub (ours, or a colleague's on a
shared workspace) reloads the plan once the burst is over. A plan that cannot be
scheduled (a circle of links) is named in the banner while the last good schedule
stays on screen.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QSplitter, QStackedLayout, QVBoxLayout, QWidget

from app.changes import Change
from app.charts.gantt_collapse import collapsed
from app.charts.gantt_plan import GanttPlan, GanttRow
from app.errors import PlanNotSchedulableError, ReleaseDeskError, ValidationError
from app.services.gantt_data import gantt_plan
from app.services.people_service import list_domains
from app.services.release_service import list_releases
from app.services.risk_links import task_threats
from ui.plan.chart_export import export_chart
from ui.plan.chart_panel import ChartPanel
from ui.plan.empty_plan import EmptyPlan
from ui.plan.plan_banner import PlanBanner
from ui.plan.plan_columns import KEYS
from ui.plan.plan_edits import PlanEdits
from ui.plan.plan_toolbar import PlanFilter, PlanToolbar
from ui.plan.task_table import TaskTable
from ui.plan.task_table_model import TaskTableModel
from ui.plan.tooltip_text import bar_tooltip
from ui.plan.why_host import WhyHost
from ui.view_registry import ViewContext

# Tables whose changes can move a plan's rows or dates.
PLAN_INPUTS = frozenset(
    {
        "release",
        "task",
        "task_link",
        "calendar",
        "calendar_exception",
        "release_dependency",
        "domain",
        "freeze_window",
    }
)


# Tables whose changes alter what a task's tooltip says about the risks threatening it.
RISK_INPUTS = frozenset({"risk", "risk_task"})


class PlanView(QWidget):
    """The plan view (see the module docstring)."""

    status_message = Signal(str)
    plan_shown = Signal()  # after the table and chart show a new plan

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: GanttPlan | None = None  # the last good plan shown (folded rows out)
        self._whole: GanttPlan | None = None  # the same with every row
        self.folded: set[str] = set()  # summaries whose subtasks are hidden
        self._fitted_for: tuple[uuid.UUID, ...] = ()
        self.toolbar = PlanToolbar()
        self.banner = PlanBanner()
        self.model = TaskTableModel(self)
        self.table = TaskTable(self.model)
        self.chart = ChartPanel(self.table)
        self.canvas = self.chart.canvas
        self.why = WhyHost(ctx)
        self.why.hide()
        self.empty = EmptyPlan()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.why)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([450, 550, 0])  # shares of the width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        self.pages = QStackedLayout()
        layout.addLayout(self.pages, 1)
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.empty)
        self.edits = PlanEdits(ctx, self, self)
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._reload_timer.timeout.connect(self.reload)
        self._connect()
        self._load_choices()
        self.reload()

    def _connect(self) -> None:
        bar = self.toolbar
        # The tool bar's keys work wherever the focus is in the view (the table, mostly).
        self.addActions([a for a in bar.actions() if not a.shortcut().isEmpty()])
        bar.chooser.chosen.connect(self._on_chooser_chosen)
        bar.filter_changed.connect(self._on_toolbar_filter_changed)
        bar.act_zoom_in.triggered.connect(lambda: self.canvas.zoom(1.5))
        bar.act_zoom_out.triggered.connect(lambda: self.canvas.zoom(1 / 1.5))
        bar.act_fit.triggered.connect(self.canvas.fit)
        bar.act_add.triggered.connect(self.edits.add_task)
        bar.act_delete.triggered.connect(self.edits.delete_tasks)
        bar.act_indent.triggered.connect(self.edits.indent)
        bar.act_outdent.triggered.connect(self.edits.outdent)
        bar.act_set_baseline.triggered.connect(self.edits.set_baseline)
        bar.act_clear_baseline.triggered.connect(self.edits.clear_baseline)
        bar.act_why.toggled.connect(self._on_why_toggled)
        self.empty.add_requested.connect(self.edits.add_task)
        self.model.edit_requested.connect(self.edits.edit_cell)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.fold_requested.connect(self.fold)
        self.canvas.mouse.row_clicked.connect(self._on_canvas_row_clicked)
        self.canvas.mouse.bar_dragged.connect(self.edits.drag_bar)
        self.canvas.mouse.describe = self._describe
        self.why.task_activated.connect(self.select_task)
        self.why.chain_changed.connect(self.canvas.set_highlight)
        self.ctx.hub.changed.connect(self._on_hub_changed)
        self.edits.message.connect(self.status_message)

    # -- what is shown ---------------------------------------------------------------------
    def release_ids(self) -> tuple[uuid.UUID, ...]:
        return self.toolbar.chooser.release_ids()

    def show_release(self, release_id: uuid.UUID) -> None:
        """Show one release's plan (the board's selection when the view opens)."""
        if self.release_ids() != (release_id,):
            self.toolbar.chooser.choose([release_id])

    def show_releases(self, release_ids: Sequence[uuid.UUID]) -> None:
        """Portfolio mode: several releases together, with the links between them."""
        self.toolbar.chooser.choose(release_ids)

    def _load_choices(self) -> None:
        try:
            releases = list_releases(self.ctx.workspace)
            domains = list_domains(self.ctx.workspace)
        except ReleaseDeskError as exc:
            self.banner.show_error("Cannot read the releases.", str(exc))
            return
        self.toolbar.chooser.set_releases(releases)
        self.toolbar.set_domains([(d.id, d.name) for d in domains])

    def reload_pending(self) -> bool:
        """A burst of changes asked for a reload that has not run yet."""
        return self._reload_timer.isActive()

    def reload(self) -> None:
        """Schedule the chosen releases and show them (the last good plan stays when the
        new one cannot be scheduled)."""
        self._reload_timer.stop()
        ids = self.release_ids()
        if not ids:
            self._show_plan(None)
            self.empty.show_no_release()
            return
        f = self.toolbar.plan_filter()
        try:
            plan = gantt_plan(
                self.ctx.workspace,
                ids,
                critical_only=f.critical_only,
                domain_id=f.domain_id,
                text=f.text,
            )
        except PlanNotSchedulableError as exc:
            self.banner.show_error("The plan cannot be scheduled:", _with_hint(str(exc), self.plan))
            return
        except ValidationError as exc:
            self._show_plan(None)
            self.banner.clear()
            self.empty.show_no_tasks(str(exc))
            return
        except ReleaseDeskError as exc:
            self.banner.show_error("The plan cannot be shown:", str(exc))
            return
        self.banner.show_warnings(plan.problems)
        self._load_threats()
        self._show_plan(plan)

    def _load_threats(self) -> None:
        """The open risks of the shown tasks, for their tooltips (one query)."""
        try:
            threats = task_threats(self.ctx.workspace, self.release_ids())
        except ReleaseDeskError:
            threats = {}  # a tooltip without risks is no reason to refuse the plan
        self.model.set_threats(threats)

    def fold(self, rows: Sequence[int], unfold: bool | None) -> None:
        """Hide (``unfold`` False) or show (True) the subtasks of the summaries on these
        table rows, or toggle them (None)."""
        if self.plan is None:
            return
        for n in rows:
            task_id = self.plan.rows[n].task_id
            show = task_id in self.folded if unfold is None else unfold
            (self.folded.discard if show else self.folded.add)(task_id)
        self._show_plan(self._whole)

    def _show_plan(self, plan: GanttPlan | None) -> None:
        selected = self.selected_task_ids()
        self._whole = plan
        self.model.folded = frozenset(self.folded)
        plan = self.plan = None if plan is None else collapsed(plan, self.folded)
        rows = plan.rows if plan is not None else ()
        self.model.set_rows(rows, plan.minutes_per_day if plan is not None else 480)
        fit = plan is not None and self._fitted_for != self.release_ids()
        if fit:
            self._fitted_for = self.release_ids()
        self.canvas.set_plan(plan, fit=fit)
        self.chart._sync_time_bar()
        self.toolbar.act_clear_baseline.setEnabled(plan is not None and plan.has_baseline)
        self.toolbar.act_set_baseline.setEnabled(plan is not None and len(self.release_ids()) == 1)
        filtered = not self.toolbar.plan_filter().is_empty
        if plan is not None and not rows and filtered:
            self.empty.show_no_match()
        self.pages.setCurrentWidget(self.splitter if rows else self.empty)
        self.select_tasks(selected)
        self.why.show_plan(plan)
        self.plan_shown.emit()

    # -- selection -------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def selected_task_ids(self) -> list[str]:
        rows = self.model.rows()
        return [rows[r].task_id for r in self.selected_rows() if r < len(rows)]

    def current_row(self) -> GanttRow | None:
        rows, selected = self.model.rows(), self.selected_rows()
        return rows[selected[0]] if selected and selected[0] < len(rows) else None

    def select_tasks(self, task_ids: Sequence[str]) -> None:
        """Select these tasks' rows in the table (and so in the chart)."""
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for task_id in task_ids:
            row = self.plan.row_of(task_id) if self.plan is not None else None
            if row is not None:
                selection.select(self.model.index(row, 0), self.model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.table.selectionModel().select(selection, flags)
        if task_ids and self.plan is not None:
            row = self.plan.row_of(task_ids[0])
            if row is not None:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 1), QItemSelectionModel.SelectionFlag.NoUpdate
                )
                self.table.scrollTo(self.model.index(row, 1))

    def select_task(self, task_id: str) -> None:
        self.select_tasks([task_id])

    def edit_name(self, task_id: str) -> None:
        """Select a task and open its name for typing (after "Add task")."""
        self.select_tasks([task_id])
        row = self.plan.row_of(task_id) if self.plan is not None else None
        if row is not None:
            index = self.model.index(row, KEYS["name"])
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def _on_table_selection_changed(self, *_args: object) -> None:
        rows = self.selected_rows()
        self.canvas.set_selected(rows)
        row = self.current_row()
        self.why.show_task(row.task_id if row is not None else None)

    def _on_canvas_row_clicked(self, row: int, modifiers: object) -> None:
        flag = QItemSelectionModel.SelectionFlag
        how = (
            flag.Toggle if modifiers & Qt.KeyboardModifier.ControlModifier else flag.ClearAndSelect
        )
        index = self.model.index(row, 1)
        self.table.selectionModel().setCurrentIndex(index, how | flag.Rows)
        self.table.scrollTo(index)

    def _describe(self, row: int) -> str:
        if self.plan is None or row >= len(self.plan.rows):
            return ""
        shown = self.plan.rows[row]
        threats = self.model.threats.get(shown.task_id, ())
        return bar_tooltip(shown, self.plan, self.why.driver_line, threats)

    # -- events ----------------------------------------------------------------------------
    def _on_chooser_chosen(self, _ids: tuple) -> None:
        self.reload()

    def _on_toolbar_filter_changed(self, _f: PlanFilter) -> None:
        self.reload()

    def _on_why_toggled(self, on: bool) -> None:
        self.why.setVisible(on)
        if on:
            sizes = self.splitter.sizes()
            self.splitter.setSizes([sizes[0], max(sizes[1] - 340, 200), 340])
            row = self.current_row()
            self.why.show_task(row.task_id if row is not None else None)

    def _on_hub_changed(self, changes: tuple[Change, ...]) -> None:
        entities = {c.entity for c in changes}
        if "release" in entities or "domain" in entities:
            self._load_choices()
        if entities & PLAN_INPUTS:
            self._reload_timer.start()  # a burst of changes makes one reload
        elif entities & RISK_INPUTS and self.plan is not None:
            self._load_threats()  # only the tooltips change: no new schedule

    # -- window hooks ----------------------------------------------------------------------
    def refresh(self) -> None:
        self._load_choices()
        self.reload()

    def focus_find(self) -> None:
        self.toolbar.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.toolbar.text.selectAll()

    def panes(self) -> list[QWidget]:
        return [self.toolbar, self.table, self.chart, self.why]

    def handle_escape(self) -> bool:
        if self.toolbar.text.hasFocus() and self.toolbar.text.text():
            self.toolbar.text.clear()
            return True
        return False

    @property
    def can_export_chart(self) -> bool:
        """Whether File → Export chart… has a chart to write."""
        return self.plan is not None and self.pages.currentWidget() is self.splitter

    def export_chart(self) -> None:
        """File → Export chart…: the shown plan as PNG, SVG or PDF."""
        if self.plan is None:
            return
        try:
            file = export_chart(
                self, self.ctx.workspace, self.ctx.settings, self.plan, self.chart_title()
            )
        except ReleaseDeskError as exc:
            self.ctx.runner.report(exc)
            return
        if file is not None:
            self.status_message.emit(f"Chart of {self.chart_title()} saved to {file}.")

    def chart_title(self) -> str:
        """What an exported chart is called: the release, or the portfolio."""
        if self.plan is None:
            return "Plan"
        names = list(self.plan.release_names.values())
        return names[0] if len(names) == 1 else "Portfolio"


def _with_hint(message: str, last: GanttPlan | None) -> str:
    tail = " The chart shows the last schedule that worked." if last is not None else ""
    return f"{message}{tail} Undo the last edit or change the links named to fix it."
