"""The Risks view: table models, heat-map filtering, forms, undo of every edit, export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app.enums import IssueStatus, RiskStatus
from app.services import issue_service as iss
from app.services import people_service
from app.services import risk_service as rk
from app.services.log_tables import risk_table
from tests.ui.conftest import make_release
from tests.ui.form_driver import press_ok, state, type_into, when_the_form_opens
from ui.risks.log_models import IssueTableModel, RiskTableModel
from ui.risks.risks_view import RisksView
from ui.undo import risk_commands


@pytest.fixture
def seeded(ctx):
    ws = ctx.workspace
    rel = make_release(ws, "Checkout", version_label="1.0")
    other = make_release(ws, "Ledger", version_label="2.0")
    owner = people_service.add_person(ws, "Alice Archer").id
    rk.create_risk(ws, rel.id, "Vendor late", 4, 5, owner_id=owner)
    rk.create_risk(ws, rel.id, "=cmd|' /C calc'!A0", 2, 2)
    rk.create_risk(ws, other.id, "Freeze slips", 4, 5)
    iss.create_issue(ws, rel.id, "Staging down", severity="high")
    return ctx


@pytest.fixture
def view(qtbot, seeded):
    widget = RisksView(seeded)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    settle(qtbot, widget)
    return widget


def settle(qtbot, view: RisksView) -> None:
    """Wait until both panes have read their rows (off the GUI thread) and drawn the
    charts; generously, since a loaded machine runs the reads slowly."""
    qtbot.waitUntil(lambda: not view.risks.busy and not view.issues.busy, timeout=30_000)


def test_models_pass_the_model_tester(qtmodeltester, seeded) -> None:
    risks = RiskTableModel()
    risks.set_rows(rk.list_risks(seeded.workspace))
    qtmodeltester.check(risks)
    issues = IssueTableModel()
    issues.set_rows(iss.list_issues(seeded.workspace))
    qtmodeltester.check(issues)
    assert risks.rowCount() == 3 and issues.rowCount() == 1


def _titles(view: RisksView) -> list[str]:
    return [r.title for r in view.risks.model.rows()]


def test_heat_map_click_filters_the_table(view: RisksView) -> None:
    pane = view.risks
    assert _titles(view) == ["Freeze slips", "Vendor late", "=cmd|' /C calc'!A0"]
    cells = {(c.probability, c.impact): c.count for c in pane.heatmap.cells}
    assert cells[(4, 5)] == 2 and cells[(2, 2)] == 1
    target = next(c for c in pane.heatmap.cells if (c.probability, c.impact) == (2, 2))
    # A click in the middle of the cell, through matplotlib's own event path.
    x, y = pane.heatmap._ax.transData.transform((target.impact, target.probability))
    _click(pane.heatmap, x, y)
    assert _titles(view) == ["=cmd|' /C calc'!A0"]
    assert "probability 2 × impact 2" in pane.cell_note.text()
    pane.heatmap.click_cell(2, 2)  # the same cell again: everything
    assert len(_titles(view)) == 3


def _click(canvas, x: float, y: float) -> None:
    from matplotlib.backend_bases import MouseButton, MouseEvent

    MouseEvent("button_press_event", canvas, x, y, MouseButton.LEFT)._process()


def test_filters_and_grouping(qtbot, view: RisksView) -> None:
    pane = view.risks
    qtbot.keyClicks(pane.search, "vendor")
    assert _titles(view) == ["Vendor late"]
    pane.search.clear()
    pane.release.setCurrentIndex(pane.release.findText("Ledger 2.0"))
    assert _titles(view) == ["Freeze slips"]
    pane.release.setCurrentIndex(0)
    pane.min_score.setValue(10)
    assert _titles(view) == ["Freeze slips", "Vendor late"]
    pane.min_score.setValue(1)
    pane.group.setChecked(True)
    assert [r.release_title for r in pane.model.rows()] == [
        "Checkout 1.0",
        "Checkout 1.0",
        "Ledger 2.0",
    ]


def test_add_risk_form_refuses_probability_7_at_the_field(qtbot, view: RisksView) -> None:
    seen = {}

    def fill(dialog) -> None:
        type_into(qtbot, dialog.editors["title"], "Key engineer away")
        type_into(qtbot, dialog.editors["probability"], "7")
        press_ok(qtbot, dialog)
        seen["refused"] = state(dialog, "probability")
        type_into(qtbot, dialog.editors["probability"], "4")
        press_ok(qtbot, dialog)
        seen["closed"] = not dialog.isVisible()

    when_the_form_opens(fill)
    view.risks.add()
    settle(qtbot, view)
    assert seen["refused"]["invalid"] and "from 1 to 5" in seen["refused"]["message"]
    assert seen["closed"]
    [row] = [r for r in rk.list_risks(view.ctx.workspace) if r.title == "Key engineer away"]
    assert (row.probability, row.impact) == (4, 3)
    assert "Key engineer away" in _titles(view)
    view.ctx.runner.stack.undo()
    settle(qtbot, view)
    assert "Key engineer away" not in _titles(view)
    view.ctx.runner.stack.redo()
    settle(qtbot, view)
    assert "Key engineer away" in _titles(view)


def _select(view: RisksView, title: str) -> None:
    view.risks.table.select_id(next(r.id for r in view.risks.model.rows() if r.title == title))


def test_every_risk_edit_undoes(qtbot, view: RisksView) -> None:
    ws, stack = view.ctx.workspace, view.ctx.runner.stack

    def then(step) -> None:  # a step, and the refresh it causes
        step()
        settle(qtbot, view)

    _select(view, "Vendor late")
    row = view.risks.table.current()
    then(lambda: view.ctx.runner.run(risk_commands.edit_risk(ws, row, {"impact": 2})))
    assert rk.get_risk(ws, row.id).impact == 2
    then(stack.undo)
    assert rk.get_risk(ws, row.id).impact == 5
    _select(view, "Vendor late")
    then(view.risks.review)
    then(stack.undo)
    assert rk.get_risk(ws, row.id).last_reviewed_at == row.last_reviewed_at
    _select(view, "Vendor late")
    then(view.risks.occurred)
    assert rk.get_risk(ws, row.id).status == RiskStatus.OCCURRED
    assert [i.risk_id for i in iss.list_issues(ws) if i.risk_id] == [row.id]
    then(stack.undo)
    assert rk.get_risk(ws, row.id).status == RiskStatus.OPEN
    assert [i.risk_id for i in iss.list_issues(ws) if i.risk_id] == []
    _select(view, "Vendor late")
    then(view.risks.delete)
    assert "Vendor late" not in _titles(view)
    then(stack.undo)
    assert "Vendor late" in _titles(view)


def test_issue_resolve_and_delete_undo(qtbot, view: RisksView) -> None:
    ws, stack, pane = view.ctx.workspace, view.ctx.runner.stack, view.issues
    pane.table.selectRow(0)
    pane.resolve()
    settle(qtbot, view)
    [row] = iss.list_issues(ws)
    assert (row.status, row.resolved_by) == (IssueStatus.RESOLVED, ws.user)
    assert "by tester" in pane.model.data(pane.model.index(0, 7))
    stack.undo()
    settle(qtbot, view)
    assert iss.list_issues(ws)[0].status == IssueStatus.OPEN
    pane.table.selectRow(0)
    pane.delete()
    settle(qtbot, view)
    assert pane.model.rowCount() == 0
    stack.undo()
    settle(qtbot, view)
    assert pane.model.rowCount() == 1


def test_issue_form_refuses_a_due_date_before_raising(qtbot, view: RisksView) -> None:
    import datetime as dt

    from app import clock

    seen = {}

    def fill(dialog) -> None:
        type_into(qtbot, dialog.editors["title"], "Certificates expired")
        dialog.editors["due_date"].edit.setDate(clock.today() - dt.timedelta(days=3))
        press_ok(qtbot, dialog)
        seen.update(state(dialog, "due_date"))

    when_the_form_opens(fill)
    view.issues.add()
    assert seen["open"] and seen["invalid"] and "before the day" in seen["message"]
    assert [i.title for i in iss.list_issues(view.ctx.workspace)] == ["Staging down"]


def test_stale_edit_goes_to_the_conflict_dialog(view: RisksView, presenter) -> None:
    ws = view.ctx.workspace
    _select(view, "Vendor late")
    row = view.risks.table.current()
    rk.update_risk(ws, row.id, row.version, impact=1)  # a colleague, meanwhile
    view.risks.review()
    assert presenter.conflicts and rk.get_risk(ws, row.id).impact == 1


def test_export_the_visible_rows(view: RisksView, tmp_path: Path) -> None:
    pane = view.risks
    pane.heatmap.click_cell(2, 2)
    path = tmp_path / "risks.xlsx"
    pane.table.export_to(str(path), risk_table, "Risks", ())
    sheet = openpyxl.load_workbook(path)["Risks"]
    assert sheet["A1"].value == "Title" and sheet.max_row == 2
    assert sheet["A2"].value == "'=cmd|' /C calc'!A0"
    assert sheet.freeze_panes == "A2"


def test_colleague_changes_arrive(qtbot, view: RisksView) -> None:
    change = rk.create_risk(view.ctx.workspace, None, "Raised by a colleague", 1, 1)
    view.ctx.hub.publish(change, remote=True)
    settle(qtbot, view)
    assert "Raised by a colleague" in _titles(view)


def test_register_shows_active_risks_and_tints_stale_ones(qtbot, seeded) -> None:
    import datetime as dt

    import time_machine
    from PySide6.QtCore import Qt

    from app import clock

    ws = seeded.workspace
    [row] = [r for r in rk.list_risks(ws) if r.title == "Freeze slips"]
    rk.update_risk(ws, row.id, row.version, status="closed")
    with time_machine.travel(clock.precise_now() + dt.timedelta(days=20), tick=False):
        widget = RisksView(seeded)
        qtbot.addWidget(widget)
        settle(qtbot, widget)
        model = widget.risks.model
        assert [r.title for r in model.rows()] == ["Vendor late", "=cmd|' /C calc'!A0"]
        title = model.index(0, 1)
        assert model.data(title, Qt.ItemDataRole.BackgroundRole) is not None
        assert "Not reviewed for more than 14 days." in model.data(
            title, Qt.ItemDataRole.ToolTipRole
        )
        reviewed = model.index(0, 9)  # the reason stands out in its own cell
        assert model.data(reviewed, Qt.ItemDataRole.FontRole).bold()
        assert model.data(model.index(0, 8), Qt.ItemDataRole.FontRole) is None
        assert "2 need review" in widget.risks.count.text()
        _tint_follows_the_theme(model, title)
        widget.risks.status.setCurrentIndex(1)  # every state
        assert len(model.rows()) == 3


def test_rows_are_read_off_the_gui_thread(qtbot, seeded) -> None:
    widget = RisksView(seeded)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    pane = widget.risks
    # The read answers through the event loop: until then the table says so.
    assert pane.busy and pane.model.rowCount() == 0
    assert pane.table.loading_note.isVisible()
    assert pane.table.loading_note.text() == "Loading risks…"
    settle(qtbot, widget)
    assert not pane.table.loading_note.isVisible()
    assert _titles(widget) == ["Freeze slips", "Vendor late", "=cmd|' /C calc'!A0"]
    assert widget.issues.model.rowCount() == 1


def test_closing_the_workspace_while_reading_reads_no_more(qtbot, seeded) -> None:
    widget = RisksView(seeded)
    qtbot.addWidget(widget)
    widget.close_workspace()  # waits for the read under way
    qtbot.wait(50)
    widget.refresh()
    assert not widget.risks.busy and not widget.issues.busy


def test_a_risk_proximity_can_be_cleared(qtbot, view: RisksView) -> None:
    import datetime as dt

    ws = view.ctx.workspace
    [row] = [r for r in rk.list_risks(ws) if r.title == "Vendor late"]
    rk.update_risk(ws, row.id, row.version, proximity=dt.date(2031, 3, 14))
    view.refresh()
    settle(qtbot, view)
    _select(view, "Vendor late")
    seen = {}

    def fill(dialog) -> None:
        proximity = dialog.editors["proximity"]
        seen["before"] = proximity.edit.text()
        qtbot.mouseClick(proximity.clear_button, Qt.MouseButton.LeftButton)
        seen["after"] = proximity.edit.text()
        press_ok(qtbot, dialog)
        seen["closed"] = not dialog.isVisible()

    when_the_form_opens(fill)
    view.risks.edit()
    settle(qtbot, view)
    assert "2031" in seen["before"] and seen["after"] == "Not set" and seen["closed"]
    assert rk.get_risk(ws, row.id).proximity is None
    view.ctx.runner.stack.undo()
    assert rk.get_risk(ws, row.id).proximity == dt.date(2031, 3, 14)


def test_an_issue_due_date_can_be_cleared(qtbot, view: RisksView) -> None:
    import datetime as dt

    ws = view.ctx.workspace
    [row] = iss.list_issues(ws)
    iss.update_issue(ws, row.id, row.version, due_date=dt.date(2031, 3, 14))
    view.refresh()
    settle(qtbot, view)
    view.issues.table.selectRow(0)

    def clear_due(dialog) -> None:
        editor = dialog.editors["due_date"]
        assert editor.day() is not None  # an edited issue shows its date, a new one next week
        if not dialog.editors["title"].text():
            type_into(qtbot, dialog.editors["title"], "Backups fail")
        qtbot.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
        assert editor.edit.text() == "Not set" and not editor.clear_button.isEnabled()
        press_ok(qtbot, dialog)

    when_the_form_opens(clear_due)
    view.issues.edit()
    assert iss.list_issues(ws)[0].due_date is None
    when_the_form_opens(clear_due)
    view.issues.add()
    [added] = [i for i in iss.list_issues(ws) if i.title == "Backups fail"]
    assert added.due_date is None


def test_an_empty_risk_title_is_refused_at_the_field(qtbot, view: RisksView) -> None:
    seen = {}

    def fill(dialog) -> None:
        type_into(qtbot, dialog.editors["title"], "   ")
        press_ok(qtbot, dialog)
        seen.update(state(dialog, "title"))

    when_the_form_opens(fill)
    view.risks.add()
    assert seen["open"] and seen["invalid"] and "required" in seen["message"]
    assert len(rk.list_risks(view.ctx.workspace)) == 3


def test_columns_fit_the_pane_and_drop_the_least_needed_first(view: RisksView) -> None:
    table = view.risks.table
    header = table.horizontalHeader()
    for room, hidden in (
        (1400, []),
        (900, ["Domain", "Reviewed"]),
        (700, ["Domain", "Reviewed", "Tasks", "Mitigation"]),
    ):
        table.fit_columns(room)
        shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        assert sum(header.sectionSize(i) for i in shown) <= room
        assert [
            table.model().headerData(i, Qt.Orientation.Horizontal)
            for i in range(header.count())
            if header.isSectionHidden(i)
        ] == hidden


def _tint_follows_the_theme(model: RiskTableModel, cell) -> None:
    """The table keeps its colours between paints, yet a theme change repaints a stale
    row in the new scheme's tint."""
    from PySide6.QtWidgets import QApplication

    from ui import theme

    try:
        for dark in (True, False):
            colours = theme.apply_theme(QApplication.instance(), dark)
            tint = model.data(cell, Qt.ItemDataRole.BackgroundRole)
            assert tint == theme.badge(colours, warning=True)[0]
    finally:
        theme.apply_theme(QApplication.instance(), False)
