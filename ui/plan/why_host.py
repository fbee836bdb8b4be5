"""The "Why this date?" side panel of the plan view."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.charts.gantt_plan import GanttPlan, GanttRow
from ui.view_registry import ViewContext


class WhyHost(QWidget):
    """Hosts the driving-path panel."""

    task_activated = Signal(str)

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel("Select a task")
        QVBoxLayout(self).addWidget(self.label)

    def show_plan(self, plan: GanttPlan | None) -> None:
        self.plan = plan

    def show_task(self, task_id: str | None) -> None:
        self.task_id = task_id

    def driver_line(self, row: GanttRow) -> str:
        return ""
