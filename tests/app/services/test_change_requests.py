"""Change requests on SQLite and PostgreSQL: record, assess (the engine's what-if),
decide, implement through the editing services, and take decisions back."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa

from app.changes import ChangeAction
from app.errors import ConflictError, ValidationError
from app.services import change_decisions as cd
from app.services import change_implementation as ci
from app.services import change_request_service as crs
from app.services import risk_service, scope_service, signoff_service, task_links
from app.services.change_impact import compute_impact, plan_rows
from app.services.change_items import ChangeItemSpec
from app.services.plan_loader import build_plan
from app.services.plan_service import schedule_plan
from app.workspace import Workspace
from models import AuditLog, ScopeItem, Task, TaskLink
from models.enums import ChangeItemKind, ChangeRequestStatus, Decision, ScopeStatus
from tests.app.services.builders import World, audit_count
from tests.app.services.task_builders import add_tasks

DAY = 480
Kind = ChangeItemKind


def _chain(world: World) -> list[uuid.UUID]:
    """Build → Test → Ship, two working days each, finish-to-start."""
    ids = add_tasks(world.ws, world.release_id, "Build", "Test", "Ship", duration_minutes=2 * DAY)
    task_links.add_link(world.ws, ids[0], ids[1])
    task_links.add_link(world.ws, ids[1], ids[2])
    return ids


def _plan_fingerprint(ws: Workspace) -> list[tuple[object, ...]]:
    """Every task and link row as stored: proves the what-if wrote nothing."""
    with ws.reading() as s:
        tasks = s.execute(sa.select(*Task.__table__.c).order_by(Task.id)).all()
        links = s.execute(sa.select(*TaskLink.__table__.c).order_by(TaskLink.id)).all()
    return [tuple(r) for r in (*tasks, *links)]


def _request(
    world: World, items: list[ChangeItemSpec], title: str = "Add fraud check"
) -> uuid.UUID:
    return crs.create_change_request(
        world.ws, world.release_id, title, requester_name="Dana",
        requested_on=dt.date(2026, 3, 2), items=items,
    ).id  # fmt: skip


def _version(world: World, request_id: uuid.UUID) -> int:
    return crs.get_change_request(world.ws, request_id).version


def test_record_list_and_edit(world: World) -> None:
    build, test, _ship = _chain(world)
    items = [
        ChangeItemSpec(Kind.ADD_SCOPE, " Fraud check "),
        ChangeItemSpec(Kind.ADD_TASK, "Fraud rules", predecessor_id=build, successor_id=test,
                       duration_minutes=3 * DAY),
    ]  # fmt: skip
    request_id = _request(world, items)
    [row] = crs.list_change_requests(world.ws, world.release_id)
    assert (row.title, row.requester_name, row.status, row.release_title) == (
        "Add fraud check", "Dana", ChangeRequestStatus.SUBMITTED, "Checkout 1.0",
    )  # fmt: skip
    assert [i.title for i in row.items] == ["Fraud check", "Fraud rules"]
    assert row.items[1].duration_minutes == 3 * DAY
    change = crs.update_change_request(
        world.ws, request_id, row.version, title="Fraud check v2", items=items[:1]
    )
    assert change.action is ChangeAction.UPDATED and change.version == row.version + 1
    again = crs.get_change_request(world.ws, request_id)
    assert (again.title, len(again.items)) == ("Fraud check v2", 1)
    with pytest.raises(ConflictError):
        crs.update_change_request(world.ws, request_id, row.version, title="Stale")


@pytest.mark.parametrize(
    ("title", "items", "message"),
    [
        ("  ", [], "title cannot be empty"),
        ("T", [ChangeItemSpec(Kind.ADD_SCOPE, " ")], "Change 1 \\(add scope\\) needs a title"),
        ("T", [ChangeItemSpec(Kind.ADD_TASK, "X", duration_minutes=-5)], "duration"),
        ("T", [ChangeItemSpec(Kind.CHANGE_DURATION, duration_minutes=5)], "needs the task"),
        (
            "T",
            [ChangeItemSpec(Kind.REMOVE_SCOPE, scope_item_id=uuid.uuid4())],
            "not in this release",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    world: World, title: str, items: list[ChangeItemSpec], message: str
) -> None:
    before = audit_count(world.ws)
    with pytest.raises(ValidationError, match=message):
        crs.create_change_request(world.ws, world.release_id, title, items=items)
    assert audit_count(world.ws) == before


def test_what_if_equals_the_engine_on_the_edited_plan_and_writes_nothing(world: World) -> None:
    build, test, ship = _chain(world)
    risk = risk_service.create_risk(world.ws, world.release_id, "Test lab booked", 3, 4).id
    risk_service.link_task(world.ws, risk, test)
    with world.ws.transaction() as s:
        release = s.get(__import__("models").Release, world.release_id)
        release.deadline = dt.datetime(2026, 1, 1)
    items = [
        ChangeItemSpec(Kind.ADD_TASK, "Fraud rules", predecessor_id=build, successor_id=test,
                       duration_minutes=3 * DAY),
        ChangeItemSpec(Kind.CHANGE_DURATION, task_id=ship, duration_minutes=4 * DAY),
    ]  # fmt: skip
    request_id = _request(world, items)
    before = _plan_fingerprint(world.ws)
    impact = compute_impact(world.ws, world.release_id, items)
    assert _plan_fingerprint(world.ws) == before  # the what-if never touched the plan
    assert impact.added_minutes == 5 * DAY
    assert impact.risks == ("Test lab booked",)
    assert "adds 5 working days to the critical path" in impact.sentence.lower()
    assert "misses its deadline" in impact.sentence
    change, assessed = cd.assess_change_request(world.ws, request_id, _version(world, request_id))
    assert assessed.sentence == crs.get_change_request(world.ws, request_id).impact
    cd.decide_change_request(world.ws, request_id, change.version, approve=True, reason="Worth it")
    ci.implement_change_request(world.ws, request_id, _version(world, request_id))
    actual = schedule_plan(build_plan(plan_rows(world.ws, world.release_id)))
    assert actual.release_finish[str(world.release_id)] == impact.finish_after
    row = crs.get_change_request(world.ws, request_id)
    assert [d.status for d in row.decisions] == [
        ChangeRequestStatus.ASSESSED, ChangeRequestStatus.APPROVED, ChangeRequestStatus.IMPLEMENTED,
    ]  # fmt: skip
    assert row.decisions[1].reason == "Worth it" and row.decisions[1].author


def test_downstream_releases_that_move_are_named(world: World) -> None:
    from app.services import release_service

    build, _test, ship = _chain(world)
    other = release_service.create_release(world.ws, name="Ledger", version_label="2.0").id
    [post] = add_tasks(world.ws, other, "Post entries", duration_minutes=DAY)
    task_links.add_link(world.ws, ship, post)
    [third] = add_tasks(world.ws, world.release_id, "Docs", duration_minutes=DAY)
    impact = compute_impact(
        world.ws, world.release_id, [ChangeItemSpec(Kind.CHANGE_DURATION, task_id=build,
                                                    duration_minutes=4 * DAY)]
    )  # fmt: skip
    assert [m.name for m in impact.downstream] == ["Ledger 2.0"]
    assert "this downstream release moves: Ledger 2.0" in impact.sentence
    calm = compute_impact(
        world.ws, world.release_id,
        [ChangeItemSpec(Kind.CHANGE_DURATION, task_id=third, duration_minutes=DAY)],
    )  # fmt: skip
    assert calm.downstream == () and calm.added_minutes == 0


def test_implementing_outdates_sign_offs_and_names_the_request_in_the_trail(world: World) -> None:
    ws = world.ws
    scope_service.add_scope_item(ws, world.release_id, "Card payments", key="PAY-1")
    old = scope_service.add_scope_item(ws, world.release_id, "Gift cards", key="PAY-2").id
    signoff_service.record_signoff(ws, world.release_id, world.alice, Decision.APPROVED)
    assert not signoff_service.list_signoffs(ws, world.release_id)[0].outdated
    request_id = _request(
        world,
        [ChangeItemSpec(Kind.ADD_SCOPE, "Fraud check"),
         ChangeItemSpec(Kind.REMOVE_SCOPE, scope_item_id=old)],
    )  # fmt: skip
    with pytest.raises(ValidationError, match="only an approved one"):
        ci.implement_change_request(ws, request_id, None)
    change, _impact = cd.assess_change_request(ws, request_id, None)
    change = cd.decide_change_request(ws, request_id, change.version, approve=True)
    ci.implement_change_request(ws, request_id, change.version)
    assert signoff_service.list_signoffs(ws, world.release_id)[0].outdated
    scope = {r.title: r.status for r in scope_service.list_scope(ws, world.release_id)}
    assert scope["Fraud check"] is ScopeStatus.AGREED and scope["Gift cards"] is ScopeStatus.REMOVED
    with ws.reading() as s:
        reasons = set(
            s.scalars(sa.select(AuditLog.reason).where(AuditLog.entity == ScopeItem.__tablename__))
        )
    assert any(r and "Add fraud check" in r for r in reasons)
    from app.services.history_service import HistoryFilter, history_page

    page = history_page(ws, HistoryFilter(entity="scope_item"))
    assert any("(for change request 'Add fraud check')" in e.sentence for e in page.entries)


def test_implementing_is_all_or_nothing(world: World) -> None:
    build, test, _ship = _chain(world)
    request_id = _request(
        world,
        [ChangeItemSpec(Kind.ADD_SCOPE, "Fraud check"),
         ChangeItemSpec(Kind.ADD_TASK, "Loop", predecessor_id=test, successor_id=build)],
    )  # fmt: skip
    with pytest.raises(Exception, match=r"(?i)circle|cannot be scheduled"):
        cd.assess_change_request(world.ws, request_id, None)
    with world.ws.transaction() as s:  # approve without assessing, to reach implement
        from models import ChangeRequest

        s.get(ChangeRequest, request_id).status = ChangeRequestStatus.APPROVED
    before = audit_count(world.ws)
    with pytest.raises(ValidationError, match="circle"):
        ci.implement_change_request(world.ws, request_id, None)
    assert audit_count(world.ws) == before
    assert [r.title for r in scope_service.list_scope(world.ws, world.release_id)] == []


def test_reject_needs_a_reason_and_decisions_can_be_taken_back(world: World) -> None:
    request_id = _request(world, [ChangeItemSpec(Kind.ADD_SCOPE, "Fraud check")])
    with pytest.raises(ValidationError, match="why"):
        cd.decide_change_request(world.ws, request_id, None, approve=False, reason=" ")
    with pytest.raises(ValidationError, match="only an assessed one"):
        cd.decide_change_request(world.ws, request_id, None, approve=True)
    change, _ = cd.assess_change_request(world.ws, request_id, None)
    change = cd.decide_change_request(world.ws, request_id, change.version, approve=False,
                                      reason="Too late")  # fmt: skip
    assert crs.get_change_request(world.ws, request_id).status is ChangeRequestStatus.REJECTED
    change = cd.revert_decision(world.ws, request_id, change.version)
    assert crs.get_change_request(world.ws, request_id).status is ChangeRequestStatus.ASSESSED
    cd.revert_decision(world.ws, request_id, change.version)
    row = crs.get_change_request(world.ws, request_id)
    assert row.status is ChangeRequestStatus.SUBMITTED and row.decisions == ()


def test_delete_and_restore_take_items_and_decisions(world: World) -> None:
    request_id = _request(world, [ChangeItemSpec(Kind.ADD_SCOPE, "Fraud check")])
    cd.assess_change_request(world.ws, request_id, None)
    crs.delete_change_request(world.ws, request_id)
    assert crs.list_change_requests(world.ws, world.release_id) == []
    crs.restore_change_request(world.ws, request_id)
    row = crs.get_change_request(world.ws, request_id)
    assert len(row.items) == 1 and len(row.decisions) == 1


def test_undoing_an_implementation_puts_scope_and_plan_back(world: World) -> None:
    ws = world.ws
    build, test, ship = _chain(world)
    gift = scope_service.add_scope_item(ws, world.release_id, "Gift cards", key="PAY-2").id
    request_id = _request(
        world,
        [ChangeItemSpec(Kind.ADD_SCOPE, "Fraud check"),
         ChangeItemSpec(Kind.REMOVE_SCOPE, scope_item_id=gift),
         ChangeItemSpec(Kind.ADD_TASK, "Rules", predecessor_id=build, successor_id=test,
                        duration_minutes=DAY),
         ChangeItemSpec(Kind.CHANGE_DURATION, task_id=ship, duration_minutes=5 * DAY)],
    )  # fmt: skip
    before = _plan_fingerprint(ws)
    scope_before = [(r.title, r.status) for r in scope_service.list_scope(ws, world.release_id)]
    change, _ = cd.assess_change_request(ws, request_id, None)
    change = cd.decide_change_request(ws, request_id, change.version, approve=True)
    change, *made = ci.implement_change_request(ws, request_id, change.version)
    assert _plan_fingerprint(ws) != before
    assert {c.entity for c in made} >= {"scope_item", "task", "task_link"}
    ci.undo_implementation(ws, request_id, change.version)
    with ws.reading() as s:
        tasks = {
            t.name: t.duration_minutes
            for t in s.scalars(sa.select(Task).where(Task.deleted_at.is_(None)))
        }
        links = s.scalar(
            sa.select(sa.func.count()).select_from(TaskLink).where(TaskLink.deleted_at.is_(None))
        )
    assert tasks == {"Build": 2 * DAY, "Test": 2 * DAY, "Ship": 2 * DAY} and links == 2
    scope_after = [(r.title, r.status) for r in scope_service.list_scope(ws, world.release_id)]
    assert scope_after == scope_before
    assert crs.get_change_request(ws, request_id).status is ChangeRequestStatus.APPROVED
