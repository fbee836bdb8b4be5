"""A save that leaves a release's dates at odds is made, and said (issue 11 §4)."""

from __future__ import annotations

import datetime as dt

from app.services import dependency_service
from app.services import release_service as rs
from app.workspace import Workspace

END = dt.datetime(2026, 3, 20, 17, 0)


def _release(ws: Workspace, name: str, **values) -> rs.ReleaseRow:
    values.setdefault("planned_start", dt.datetime(2026, 3, 2, 8, 0))
    values.setdefault("planned_end", END)
    return rs.get_release(ws, rs.create_release(ws, name=name, **values).id)


def test_a_planned_end_after_the_deadline_is_saved_with_a_warning(workspace: Workspace) -> None:
    rel = _release(workspace, "Payments Core", deadline=END + dt.timedelta(days=5))
    later = END + dt.timedelta(days=7)
    change = rs.update_release(workspace, rel.id, rel.version, planned_end=later)
    assert rs.get_release(workspace, rel.id).planned_end == later  # saved, not refused
    assert change.warnings == (
        "The planned end (27 Mar 2026) is after the deadline (25 Mar 2026).",
    )


def test_depending_on_a_release_that_ends_later_is_said(workspace: Workspace) -> None:
    rel = _release(workspace, "Fraud Rules", version_label="4.2")
    base = _release(workspace, "Event Streaming", version_label="3.8")
    dependency_service.add_dependency(workspace, rel.id, base.id)
    change = rs.update_release(workspace, base.id, base.version, planned_end=END)
    assert change.warnings == ()  # ending together is fine
    base = rs.get_release(workspace, base.id)
    rs.update_release(workspace, base.id, base.version, planned_end=END + dt.timedelta(days=3))
    rel = rs.get_release(workspace, rel.id)
    change = rs.update_release(workspace, rel.id, rel.version, description="Checked")
    assert change.warnings == (
        "It depends on Event Streaming 3.8, which ends later (23 Mar 2026, after this "
        "release's planned end on 20 Mar 2026).",
    )
