"""Every edit made in the plan view, as an undoable command run by ``ctx.runner``.

Cells, bar drags and the tool bar's task buttons become the task commands of
:mod:`ui.undo.task_commands`; the baseline buttons the baseline commands. Each command
reads the task as it is now (its version included), so the runner's conflict dialog
handles a colleague's newer save. A refused cell edit (a duration or predecessors that
cannot be read, a link that would close a circle) is shown at the cell and the editor
opens again on the refused value, so it can be corrected rather than retyped.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import QToolTip

from app.charts.gantt_plan import GanttPlan, GanttRow
from app.errors import ConflictError, ReleaseDeskError
from app.services.bar_drag import dragged_duration, dragged_start
from app.words import count
from ui.plan.duration_text import parse_duration
from ui.plan.plan_columns import KEYS
from ui.plan.task_table import TaskTable
from ui.plan.task_table_model import TaskTableModel
from ui.undo.baseline_clear import ClearBaselineCommand
from ui.undo.plan_commands import BaselineSetter
from ui.undo.service_command import ServiceCommand
from ui.view_registry import ViewContext


class EditedView(Protocol):
    """What the edits need of the plan view (its table, rows and selection)."""

    model: TaskTableModel
    table: TaskTable
    plan: GanttPlan | None

    def release_ids(self) -> tuple[uuid.UUID, ...]: ...
    def current_row(self) -> GanttRow | None: ...
    def selected_rows(self) -> list[int]: ...
    def select_tasks(self, task_ids: Sequence[str]) -> None: ...
    def edit_name(self, task_id: str) -> None: ...
    def reload(self) -> None: ...
    def chart_title(self) -> str: ...


def _commands():
    """The task commands, loaded with the first edit (the view opens without them)."""
    from ui.undo import task_commands

    return task_commands


NEW_TASK_NAME = "New task"


class PlanEdits(QObject):
    """The plan view's edits; ``message`` carries a status line."""

    message = Signal(str)

    def __init__(self, ctx: ViewContext, view: EditedView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.view = ctx, view
        self._baselines: BaselineSetter | None = None

    @property
    def ws(self):
        return self.ctx.workspace

    def _task(self, row: GanttRow) -> Any:
        """The task of ``row`` as it is stored now, with its place in the outline (a
        ``TaskRow``: what moves and deletes undo to)."""
        from app.services.task_rows import get_task

        return get_task(self.ws, uuid.UUID(row.task_id))

    def _fields(self, row: GanttRow) -> Any:
        """The task of ``row``: its own fields and version only (one row read)."""
        from app.services.task_snapshot import task_snapshot

        return task_snapshot(self.ws, uuid.UUID(row.task_id))

    def _run(self, make: Callable[[], ServiceCommand], on_error=None) -> bool:
        """Build the command (reading the task now) and run it; a refusal is shown."""
        try:
            command = make()
        except ReleaseDeskError as exc:
            (on_error or self.ctx.runner.report)(exc)
            return False
        return self.ctx.runner.run(command, on_error)

    # -- cells -----------------------------------------------------------------------------
    def edit_cell(self, row: GanttRow, key: str, value: Any) -> None:
        """A cell of ``row`` in column ``key`` was given ``value`` in the table."""
        model = self.view.model
        model.set_cell_error(row.task_id, key, "")
        try:
            values = self._cell_values(key, value, model.minutes_per_day)
        except ReleaseDeskError as exc:
            self._refused(row, key, value, exc)
            return
        if key == "predecessors":
            make = lambda: _commands().set_predecessors(self.ws, self._fields(row), value)  # noqa: E731
        else:
            make = lambda: _commands().edit_task(self.ws, self._fields(row), **values)  # noqa: E731
        self._run(make, lambda exc: self._refused(row, key, value, exc))

    @staticmethod
    def _cell_values(key: str, value: Any, per_day: int) -> dict[str, Any]:
        if key == "name":
            return {"name": str(value)}
        if key == "duration":
            duration = parse_duration(str(value), per_day)
            return {"duration_minutes": duration.minutes, "duration_elapsed": duration.elapsed}
        if key == "start":
            return {"constraint_type": "SNET", "constraint_date": _minute(value)}
        if key == "finish":
            return {"constraint_type": "FNET", "constraint_date": _minute(value)}
        if key == "percent":
            return {"percent_complete": float(value)}
        if key == "constraint":
            kind, when = value
            if kind in ("ASAP", "ALAP"):  # the service clears the date
                return {"constraint_type": kind}
            return {"constraint_type": kind, "constraint_date": _minute(when)}
        return {}

    def _refused(self, row: GanttRow, key: str, value: Any, exc: ReleaseDeskError) -> None:
        """Show why at the cell, and reopen its editor on the refused text."""
        if isinstance(exc, ConflictError):
            self.ctx.runner.report(exc)
            return
        view, model = self.view, self.view.model
        model.set_cell_error(row.task_id, key, str(exc))
        index_row = model.row_of(row.task_id)
        if index_row is None:
            self.ctx.runner.report(exc)
            return
        index = model.index(index_row, KEYS[key])
        table = view.table
        if isinstance(value, str | tuple):
            table.delegate.retry_value[(index.row(), index.column())] = value
        # The refused editor is still closing: open the new one once it has.
        QTimer.singleShot(0, lambda: self._reopen(index, str(exc)))
        self.message.emit(str(exc))

    def _reopen(self, index: QModelIndex, message: str) -> None:
        table = self.view.table
        if not index.isValid():
            return
        table.setCurrentIndex(index)
        table.edit(index)
        rect = table.visualRect(index)
        QToolTip.showText(table.viewport().mapToGlobal(rect.bottomLeft()), message, table)

    # -- bars ------------------------------------------------------------------------------
    def drag_bar(self, index: int, mode: str, when: dt.datetime) -> None:
        """A bar's right end was dragged to ``when`` (a new duration), or the bar to
        start at ``when`` (start no earlier than)."""
        plan = self.view.plan
        if plan is None or not 0 <= index < len(plan.rows):
            return
        row = plan.rows[index]
        spec = plan.spec
        if mode == "finish":
            minutes = row.duration_minutes
            if spec is not None:
                minutes = dragged_duration(spec, row.task_id, minutes, row.finish, when)
            values: dict[str, Any] = {"duration_minutes": minutes}
        else:
            start = when if spec is None else dragged_start(spec, row.task_id, when)
            values = {"constraint_type": "SNET", "constraint_date": _minute(start)}
        self._run(lambda: _commands().edit_task(self.ws, self._fields(row), **values))

    # -- tasks -----------------------------------------------------------------------------
    def add_task(self) -> None:
        """A new task after the selected one (same summary), else at the end."""
        current = self.view.current_row()
        ids = self.view.release_ids()
        if current is None and len(ids) != 1:
            self.message.emit("Select a task, or show one release, to add a task to.")
            return
        holder: list[ServiceCommand] = []

        def make() -> ServiceCommand:
            if current is None:
                command = _commands().create_task(self.ws, ids[0], NEW_TASK_NAME)
            else:
                here = self._task(current)
                command = _commands().create_task(
                    self.ws,
                    here.release_id,
                    NEW_TASK_NAME,
                    parent_id=here.parent_id,
                    index=here.index + 1,
                )
            holder.append(command)
            return command

        if self._run(make):
            created = getattr(holder[0], "created_id", None)
            if created is not None:
                self.view.reload()
                self.view.edit_name(str(created))

    def delete_tasks(self) -> None:
        """Delete the selected tasks (a summary with its sub-tasks), as one undo step."""
        chosen = self._selected_tops()
        if not chosen:
            return
        stack = self.ctx.runner.stack
        stack.beginMacro(f"Delete {count(len(chosen), 'task')}")
        done = 0
        try:
            for row in chosen:
                row_ = row
                done += self._run(lambda r=row_: _commands().delete_task(self.ws, self._task(r)))
        finally:
            stack.endMacro()
        if done:
            self.message.emit(f"Deleted {count(done, 'task')} — Undo brings them back.")

    def indent(self) -> None:
        self._move_each(_commands().indent_task, "Indent")

    def outdent(self) -> None:
        self._move_each(_commands().outdent_task, "Outdent")

    def _move_each(self, command: Callable[..., ServiceCommand], what: str) -> None:
        chosen = self._selected_tops()
        if not chosen:
            return
        ids = [r.task_id for r in chosen]
        stack = self.ctx.runner.stack
        stack.beginMacro(f"{what} {count(len(chosen), 'task')}")
        try:
            for row in chosen:
                self._run(lambda r=row: command(self.ws, self._task(r)))
        finally:
            stack.endMacro()
        self.view.reload()
        self.view.select_tasks(ids)

    def _selected_tops(self) -> list[GanttRow]:
        """The selected rows without those inside a selected summary (deleting or moving
        the summary takes them along)."""
        rows, chosen = self.view.model.rows(), []
        for n in self.view.selected_rows():
            row = rows[n]
            if chosen and _inside(rows, n, chosen[-1], row):
                continue
            chosen.append(row)
        return chosen

    # -- baseline --------------------------------------------------------------------------
    def set_baseline(self) -> None:
        """The shown release's schedule becomes its baseline (scheduled off the GUI
        thread, stored as an undoable command)."""
        ids = self.view.release_ids()
        if len(ids) != 1:
            self.message.emit("Show one release to set its baseline.")
            return
        if self._baselines is None:
            self._baselines = BaselineSetter(self.ctx.runner, self)
            self._baselines.message.connect(self.message)
        self._baselines.start(self.ws, ids[0], self.view.chart_title())

    @property
    def baseline_busy(self) -> bool:
        return self._baselines is not None and self._baselines.busy

    def clear_baseline(self) -> None:
        """Remove the shown release's baseline (Undo puts it back)."""
        ids = self.view.release_ids()
        if len(ids) != 1:
            return
        title = self.view.chart_title()
        if self._run(lambda: ClearBaselineCommand(self.ws, ids[0], title)):
            self.message.emit(f"Baseline of '{title}' cleared. Undo puts it back.")


def _minute(value: Any) -> Any:
    """A date-time from an editor, to the whole minute (plans keep no seconds)."""
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    return value


def _inside(rows: tuple[GanttRow, ...], n: int, top: GanttRow, row: GanttRow) -> bool:
    """Whether row ``n`` lies within the summary ``top`` (which comes before it)."""
    if not top.summary or row.level <= top.level:
        return False
    start = next(i for i, r in enumerate(rows) if r.task_id == top.task_id)
    return all(r.level > top.level for r in rows[start + 1 : n + 1])
