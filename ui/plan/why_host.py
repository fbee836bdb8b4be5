"""The plan view's side of "Why this date?": the :class:`WhyPanel` beside the chart,
fed with the selected task, and the one-line reason in a bar's tooltip.

Explaining a task schedules its release again, so the panel is only asked while it
shows. A tooltip's sentence comes from the schedule the view already holds (no new
schedule, at any plan size), once per task and schedule.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.charts.gantt_plan import GanttPlan, GanttRow
from app.services.driving_path import why_sentence
from ui.plan.why_panel import WhyPanel
from ui.view_registry import ViewContext


class WhyHost(QWidget):
    """``chain_changed(task ids)`` when the explained chain changes (for the chart);
    ``task_activated(task id)`` when a task named in the panel is clicked."""

    chain_changed = Signal(tuple)
    task_activated = Signal(str)

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.panel = WhyPanel()
        self.panel.task_activated.connect(self.task_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.setMinimumWidth(220)
        self._plan: GanttPlan | None = None
        self._task_id: str | None = None
        self._reasons: dict[str, str] = {}

    def show_plan(self, plan: GanttPlan | None) -> None:
        """A new schedule: explanations made for the old one no longer hold."""
        self._plan = plan
        self._reasons.clear()
        self._explain()

    def show_task(self, task_id: str | None) -> None:
        """Explain ``task_id`` (None: nothing selected)."""
        self._task_id = task_id
        self._explain()

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        self._explain()

    def _explain(self) -> None:
        before = self.panel.task_ids()
        plan, task_id = self._plan, self._task_id
        row = plan.row_of(task_id) if plan is not None and task_id else None
        if not self.isVisible() or plan is None or row is None:
            self.panel.clear()
        else:
            self.panel.show_task(self.ctx.workspace, plan.rows[row].release_id, task_id)
        if self.panel.task_ids() != before:
            self.chain_changed.emit(self.panel.task_ids())

    def driver_line(self, row: GanttRow) -> str:
        """One sentence on what sets ``row``'s start ("" when it cannot be told)."""
        plan = self._plan
        if plan is None or plan.spec is None or plan.schedule is None:
            return ""
        if row.task_id not in self._reasons:
            self._reasons[row.task_id] = why_sentence(
                plan.spec,
                plan.schedule,
                row.task_id,
                plan.scheduled_names,
                unconstrained=row.constraint_type == "ASAP",
            )
        return self._reasons[row.task_id]
