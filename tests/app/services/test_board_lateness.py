"""Board cards tell late releases apart (issue 11 §4), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from app.demo import populate_demo
from app.services import board_service as bs
from app.services import people_service
from app.services import release_service as rs
from app.services.portfolio_finish import scheduled_finishes
from app.services.release_schedule import schedule_release
from app.workspace import Workspace
from models import Person


def _scheduled_cards(ws: Workspace) -> list[bs.BoardCard]:
    return bs.with_schedule(bs.list_board_cards(ws), scheduled_finishes(ws))


def test_the_demo_release_waiting_on_another_is_the_one_late_card(workspace: Workspace) -> None:
    populate_demo(workspace)
    cards = _scheduled_cards(workspace)
    late = [c for c in cards if c.late]
    # The demo plans one release side by side with the one it builds on: only it misses
    # its deadline, and by weeks.
    [card] = late
    assert card.misses_deadline and card.misses_planned_end
    assert card.scheduled_finish - card.release.deadline > dt.timedelta(days=14)
    # The portfolio schedule agrees with the release's own schedule, to the day.
    own = schedule_release(workspace, card.release.id).finish
    assert card.scheduled_finish.date() == own.date()


def test_every_card_finishes_when_its_release_schedule_does(workspace: Workspace) -> None:
    """The board's one portfolio schedule and the editor's schedule of one release give
    the same finish, to the minute, for every release (the demo mixes calendars: a
    release on its domain's calendar ends on a day the portfolio's usual one rests)."""
    populate_demo(workspace)
    finishes = scheduled_finishes(workspace)
    assert len(finishes) == 16
    own = {rid: schedule_release(workspace, rid).finish for rid in finishes}
    assert finishes == own


def test_a_planned_end_moved_before_the_plan_finish_makes_the_card_late(
    workspace: Workspace,
) -> None:
    populate_demo(workspace)
    card = next(c for c in _scheduled_cards(workspace) if not c.late)
    earlier = card.scheduled_finish - dt.timedelta(days=3)
    rs.update_release(workspace, card.release.id, card.release.version, planned_end=earlier)
    [moved] = [c for c in _scheduled_cards(workspace) if c.release.id == card.release.id]
    assert moved.late and moved.misses_planned_end and not moved.misses_deadline


def test_a_release_without_a_plan_is_never_late(workspace: Workspace) -> None:
    change = rs.create_release(
        workspace, name="Unplanned", planned_end=dt.datetime(2020, 1, 1), deadline=None
    )
    [card] = _scheduled_cards(workspace)
    assert card.release.id == change.id
    assert card.scheduled_finish is None and not card.late


def test_mine_marks_releases_the_workspace_user_owns_or_manages(workspace: Workspace) -> None:
    by_login = people_service.add_person(workspace, "Tess Ter").id
    with workspace.transaction() as s:
        s.get(Person, by_login).login = workspace.user
    by_name = people_service.add_person(workspace, workspace.user.title()).id
    other = people_service.add_person(workspace, "Omar Other").id
    owned = rs.create_release(workspace, name="Owned", owner_id=by_login).id
    managed = rs.create_release(workspace, name="Managed", release_manager_id=by_name).id
    rs.create_release(workspace, name="Theirs", owner_id=other)
    mine = {c.release.id for c in bs.list_board_cards(workspace) if c.mine}
    assert mine == {owned, managed}
