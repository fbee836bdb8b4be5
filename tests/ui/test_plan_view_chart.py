"""The plan view's table and chart together: one row per task, rows level, one selection,
filters, baseline, a plan that cannot be scheduled, the why panel."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QPoint, Qt

from app.services.gantt_data import gantt_plan
from models import Task, TaskLink
from tests.conftest import open_colleague
from ui.plan.task_table_model import TaskTableModel

from .plan_view_helpers import NAMES, import_known_plan, shown_view


@pytest.fixture
def view(qtbot, workspace, presenter, tmp_path):
    release_id = import_known_plan(workspace)
    widget = shown_view(qtbot, workspace, presenter, tmp_path, release_id)
    yield widget
    widget.ctx.runner.stack.clear()


def test_the_table_model_passes_the_model_tester(qtmodeltester, workspace) -> None:
    release_id = import_known_plan(workspace)
    model = TaskTableModel()
    model.set_rows(gantt_plan(workspace, [release_id]).rows)
    qtmodeltester.check(model)
    assert [model.index(r, 1).data() for r in range(4)] == list(NAMES)


def test_rows_of_table_and_chart_are_level(view) -> None:
    table, canvas = view.table, view.canvas
    assert view.model.rowCount() == 4
    bottom, top = canvas.ax.get_ylim()
    for row in range(4):
        rect = table.visualRect(view.model.index(row, 0))  # in the viewport
        centre_in_table = table.viewport_top() + rect.top() + table.row_px / 2
        # y = row in the chart, in canvas pixels (the canvas starts level with the table)
        y_px = canvas.header_px + (row - top) / (bottom - top) * canvas.span_view.height_px
        assert abs(y_px - centre_in_table) < 0.01
    assert table.mapTo(view, QPoint(0, 0)).y() == canvas.mapTo(view, QPoint(0, 0)).y()


def test_selecting_in_the_table_selects_in_the_chart_and_back(view, qtbot) -> None:
    view.table.selectRow(2)
    assert view.canvas.selected == (2,)
    # A click on the Design bar selects its row in the table.
    w = view.canvas.span_view
    row = view.plan.rows[0]
    x = (w.x_of(row.start) + w.x_of(row.finish)) / 2
    y = view.canvas.header_px + 0.5 * w.row_px - w.scroll_px
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(x), int(y)))
    assert view.selected_rows() == [0]
    assert view.canvas.selected == (0,)


def test_critical_only_and_text_filters(view, qtbot) -> None:
    view.toolbar.critical.setChecked(True)
    assert [r.label for r in view.model.rows()] == ["Design", "Build", "Test"]
    view.toolbar.critical.setChecked(False)
    view.toolbar.text.setText("doc")
    assert [r.label for r in view.model.rows()] == ["Docs"]
    assert view.model.rows()[0].number == 4  # its number in the whole plan
    view.toolbar.text.setText("nothing like it")
    assert view.pages.currentWidget() is view.empty
    assert "No task matches" in view.empty.title.text()


def test_set_and_clear_the_baseline(view, qtbot) -> None:
    assert not view.plan.has_baseline
    assert not view.toolbar.act_clear_baseline.isEnabled()
    view.toolbar.act_set_baseline.trigger()
    qtbot.waitUntil(lambda: view.plan is not None and view.plan.has_baseline, timeout=10_000)
    qtbot.waitUntil(lambda: view.canvas.artists.baselines is not None)  # baseline bars drawn
    assert view.model.index(1, 10).data() == "0"  # Build's finish variance: on baseline
    view.toolbar.act_clear_baseline.trigger()
    qtbot.waitUntil(lambda: not view.plan.has_baseline)
    assert view.model.index(1, 10).data() == ""
    view.ctx.runner.stack.undo()  # the baseline comes back
    qtbot.waitUntil(lambda: view.plan.has_baseline)


def test_a_circle_shows_the_banner_and_keeps_the_last_schedule(view, qtbot) -> None:
    before = view.plan
    ws = view.ctx.workspace
    with open_colleague(ws) as colleague, colleague.transaction() as s:
        ids = {t.name: t.id for t in s.scalars(sa.select(Task))}
        s.add(TaskLink(predecessor_id=ids["Test"], successor_id=ids["Design"]))
    view.reload()
    assert view.banner.isVisible() and view.banner.error
    text = view.banner.text()
    assert "cannot be scheduled" in text and "Design" in text and "Test" in text
    assert view.plan is before  # the last good schedule stays on screen
    assert view.model.rowCount() == 4 and view.canvas.plan is before


def test_the_why_panel_explains_the_selected_task(view, qtbot) -> None:
    view.toolbar.act_why.setChecked(True)
    view.table.selectRow(2)  # Test
    qtbot.waitUntil(lambda: "Test" in view.why.panel.text())  # shown once laid out
    text = view.why.panel.text()
    assert "Test" in text and "Build" in text
    ids = {r.label: r.task_id for r in view.plan.rows}
    assert set(view.canvas.highlight) >= {ids["Test"], ids["Build"], ids["Design"]}
