"""The "Why this date?" panel on a known plan: its sentences, links and chain ids."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QUrl

from app.scheduling import schedule
from app.scheduling.plan import (
    CalendarException,
    CalendarSpec,
    ConstraintType,
    LinkSpec,
    PlanSpec,
    TaskSpec,
)
from app.services.driving_path import explain
from app.workspace import Workspace
from ui.plan.why_panel import WhyPanel

MONDAY = dt.datetime(2027, 1, 4, 8, 0)


def _known_path():
    """Load test waits for a constrained build; the release starts after a shutdown."""
    cal = CalendarSpec(
        "std",
        "Team days",
        exceptions=(CalendarException(dt.date(2027, 1, 7), dt.date(2027, 1, 8), (), "Shutdown"),),
    )
    plan = PlanSpec(
        [
            TaskSpec(
                "b",
                "Build <core>",
                480,
                constraint=ConstraintType.SNET,
                constraint_date=dt.datetime(2027, 1, 5, 8, 0),
                release_id="r1",
            ),
            TaskSpec("l", "Load test", 480, release_id="r1"),
            TaskSpec("d", "Deploy", 60, release_id="r2"),
        ],
        [LinkSpec("b", "l"), LinkSpec("l", "d", lag=480)],
        project_start=MONDAY,
        calendars={"std": cal},
        default_calendar_id="std",
    )
    names = {"r1": "Core 1.0", "r2": "Checkout 3.1"}
    return explain(plan, schedule(plan), "d", names, {"d": 1})


def test_the_panel_reads_the_chain_and_ends_with_its_pin(qtbot) -> None:
    panel = WhyPanel()
    qtbot.addWidget(panel)
    panel.show_path(_known_path())
    text = panel.text()
    assert "row 1: Deploy in Checkout 3.1" in text
    assert (
        "Deploy starts Tue 12 Jan 08:00 because Load test (release Core 1.0) (FS + 1d) "
        "finishes Wed 6 Jan 17:00; Shutdown (7 Jan – 8 Jan) is non-working on the Team days "
        "calendar in between."
    ) in text
    assert (
        "Build <core> (release Core 1.0) finishes Tue 5 Jan 17:00, 1d of work after it starts "
        "Tue 5 Jan 08:00 because of its constraint: start no earlier than Tue 5 Jan 08:00."
    ) in text
    assert text.rstrip().endswith("Pinned by a date constraint.")
    assert panel.task_ids() == ("d", "l", "b")


def test_clicking_a_task_name_activates_that_task(qtbot) -> None:
    panel = WhyPanel()
    qtbot.addWidget(panel)
    panel.show_path(_known_path())
    html = panel._view.toHtml()
    assert 'href="task:l"' in html and "Build &lt;core&gt;" in html  # names are escaped
    with qtbot.waitSignal(panel.task_activated) as signal:
        panel._view.anchorClicked.emit(QUrl("task:b"))
    assert signal.args == ["b"]
    with qtbot.assertNotEmitted(panel.task_activated):
        panel._view.anchorClicked.emit(QUrl("https://example.org"))


def test_clearing_and_errors_leave_no_chain(qtbot, sqlite_workspace: Workspace) -> None:
    panel = WhyPanel()
    qtbot.addWidget(panel)
    panel.show_path(_known_path())
    panel.show_path(None)
    assert panel.task_ids() == () and "Select a task" in panel.text()
    panel.show_task(sqlite_workspace, "No such release 1.0", "1")
    assert panel.task_ids() == () and "No such release 1.0" in panel.text()
