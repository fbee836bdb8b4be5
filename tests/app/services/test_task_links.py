"""Links between tasks and predecessors set as text: every refusal, circles by name."""

from __future__ import annotations

import pytest

from app.changes import ChangeAction
from app.errors import ConflictError, ValidationError
from app.services import release_service, task_links, task_rows, task_service
from app.services.task_cycles import PlanCircleError
from models.enums import LagUnit, LinkType
from tests.app.services.builders import World, audit_count
from tests.app.services.task_builders import add_tasks, row


def _links(ws, task_id) -> list[tuple[str, LinkType, float, LagUnit]]:
    names = {
        r.id: r.name for r in task_rows.list_tasks(ws, task_rows.get_task(ws, task_id).release_id)
    }
    return [
        (names[p.predecessor_id], p.link_type, p.lag, p.lag_unit)
        for p in task_links.predecessors_of(ws, task_id)
    ]


def test_text_sets_every_link_type_and_lag_unit(world: World) -> None:
    ws, rel = world.ws, world.release_id
    ids = add_tasks(ws, rel, "A", "B", "C", "D", "E", "F", "G", "H")
    h = ids[-1]
    changes = task_links.set_predecessors_text(
        ws, h, 1, "3FS+2d, 5SS-50%, 7FF+4eh; 4SF-1w, 1, 2 ss + 30 min"
    )
    assert (changes[0].entity, changes[0].action, changes[0].id) == (
        "task",
        ChangeAction.UPDATED,
        h,
    )
    assert [(c.entity, c.action, len(c.ids)) for c in changes[1:]] == [
        ("task_link", ChangeAction.CREATED, 6)
    ]
    assert sorted(_links(ws, h)) == [
        ("A", LinkType.FS, 0.0, LagUnit.WORKING),
        ("B", LinkType.SS, 30.0, LagUnit.WORKING),
        ("C", LinkType.FS, 960.0, LagUnit.WORKING),
        ("D", LinkType.SF, -2400.0, LagUnit.WORKING),
        ("E", LinkType.SS, -50.0, LagUnit.PERCENT),
        ("G", LinkType.FF, 240.0, LagUnit.ELAPSED),
    ]
    # the table shows them by row, in Project's shortest form
    assert row(ws, h).predecessors == "1, 2SS+30m, 3FS+2d, 4SF-5d, 5SS-50%, 7FF+4eh"


def test_replacing_keeps_edits_and_removes_links_in_one_go(world: World) -> None:
    ws, rel = world.ws, world.release_id
    a, *_b_c, d = add_tasks(ws, rel, "A", "B", "C", "D")
    task_links.set_predecessors_text(ws, d, 1, "1, 2")
    [kept] = [x for x in task_rows.list_links(ws, rel) if x.predecessor_id == a]
    changes = task_links.set_predecessors_text(ws, d, 2, "1, 2FS+1d, 3")
    assert [(c.entity, c.action) for c in changes] == [
        ("task", ChangeAction.UPDATED),
        ("task_link", ChangeAction.CREATED),
        ("task_link", ChangeAction.UPDATED),
    ]
    assert task_rows.get_link(ws, kept.id).version == kept.version  # untouched
    changes = task_links.set_predecessors_text(ws, d, 3, "")
    assert changes[-1].action is ChangeAction.DELETED and len(changes[-1].ids) == 3
    assert row(ws, d).predecessors == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "1, 5XX-2d",
            r"Could not read '5XX-2d' \(the 2nd entry\): link type must be FS, SS, FF or SF",
        ),
        ("2FS+2x", r"Could not read '2FS\+2x' \(the 1st entry\): the lag unit 'x' is unknown"),
        ("9", r"Row 9 \(the 1st entry\) is not a task of this release, which has 4 rows"),
        ("1, 4", r"Row 4 \(the 2nd entry\) is this task itself"),
        ("1, 2, 1SS", r"Row 1 is named twice \(the 1st and 3rd entries\)"),
        ("1FS+2000000w", r"A lag of .* minutes is too long"),
    ],
)
def test_bad_text_is_refused_and_nothing_is_saved(world: World, text: str, message: str) -> None:
    ws, rel = world.ws, world.release_id
    *_, d = add_tasks(ws, rel, "A", "B", "C", "D")
    task_links.set_predecessors_text(ws, d, 1, "3")
    before = audit_count(ws)
    with pytest.raises(ValidationError, match=message):
        task_links.set_predecessors_text(ws, d, 2, text)
    assert audit_count(ws) == before
    assert (row(ws, d).predecessors, row(ws, d).version) == ("3", 2)


def test_a_circle_is_refused_naming_its_tasks_in_order(world: World) -> None:
    ws, rel = world.ws, world.release_id
    a, b, c = add_tasks(ws, rel, "Design", "Build", "Test")
    task_links.set_predecessors_text(ws, b, 1, "1")
    task_links.set_predecessors_text(ws, c, 1, "2")
    with pytest.raises(PlanCircleError) as caught:
        task_links.set_predecessors_text(ws, a, 1, "3FS+1d")
    assert str(caught.value) == (
        "Tasks would depend on each other in a circle: "
        "Design → Build → Test → Design. Nothing was saved."
    )
    assert caught.value.task_ids == (a, b, c)
    assert row(ws, a).predecessors == ""
    with pytest.raises(PlanCircleError, match="Build → Test → Build"):
        task_links.add_link(ws, c, b, "SS")


def test_a_circle_across_releases_is_refused(world: World) -> None:
    ws = world.ws
    other = release_service.create_release(ws, name="Gateway").id
    [mine] = add_tasks(ws, world.release_id, "Checkout API")
    [theirs] = add_tasks(ws, other, "Gateway API")
    task_links.add_link(ws, mine, theirs)
    with pytest.raises(PlanCircleError, match="Checkout API → Gateway API → Checkout API"):
        task_links.add_link(ws, theirs, mine)
    # a link from another release is kept when the text is set: it has no row number
    task_links.set_predecessors_text(ws, theirs, row(ws, theirs).version, "")
    [kept] = task_rows.list_links(ws, other)
    assert (kept.predecessor_id, kept.predecessor_row) == (mine, 0)


def test_link_to_a_summary_from_its_own_sub_task_is_a_circle(world: World) -> None:
    ws, rel = world.ws, world.release_id
    [phase] = add_tasks(ws, rel, "Phase")
    step = task_service.create_task(ws, rel, "Step", parent_id=phase)[0].id
    with pytest.raises(PlanCircleError, match="Phase → Step → Phase"):
        task_links.set_predecessors_text(ws, phase, row(ws, phase).version, "2")
    with pytest.raises(PlanCircleError):
        task_links.add_link(ws, phase, step)


def test_add_edit_remove_and_restore_a_link(world: World) -> None:
    ws, rel = world.ws, world.release_id
    a, b = add_tasks(ws, rel, "A", "B")
    added = task_links.add_link(ws, a, b, "SS", 120, "elapsed")
    link = added[0].id
    assert [(c.entity, c.action) for c in added] == [
        ("task_link", ChangeAction.CREATED),
        ("task", ChangeAction.UPDATED),  # the successor's predecessors changed
    ]
    assert row(ws, b).predecessors == "1SS+2eh"
    with pytest.raises(ValidationError, match="already a predecessor"):
        task_links.add_link(ws, a, b)
    with pytest.raises(ValidationError, match="cannot be its own predecessor"):
        task_links.add_link(ws, a, a)
    with pytest.raises(ValidationError, match="not a valid link type"):
        task_links.add_link(ws, b, a, "XF")
    task_links.update_link(ws, link, 1, link_type="FF", lag=-25, lag_unit="percent")
    assert row(ws, b).predecessors == "1FF-25%"
    with pytest.raises(ConflictError):
        task_links.update_link(ws, link, 1, lag=0)
    with pytest.raises(ValidationError, match="Unknown task link field"):
        task_links.update_link(ws, link, 2, successor_id=a)
    removed = task_links.remove_link(ws, link, 2)
    assert row(ws, b).predecessors == ""
    task_links.restore_link(ws, link, removed[0].version)
    assert row(ws, b).predecessors == "1FF-25%"


def test_a_stale_predecessor_edit_is_a_conflict(world: World, colleague) -> None:
    ws, rel = world.ws, world.release_id
    a, _b, c = add_tasks(ws, rel, "A", "B", "C")
    task_links.add_link(colleague, a, c)  # their link stamps C: our read is stale
    with pytest.raises(ConflictError):
        task_links.set_predecessors_text(ws, c, 1, "2")
    assert row(ws, c).predecessors == "1"


def test_restoring_a_link_that_would_now_close_a_circle_is_refused(world: World) -> None:
    ws, rel = world.ws, world.release_id
    a, b = add_tasks(ws, rel, "A", "B")
    link = task_links.add_link(ws, a, b)[0].id
    removed = task_links.remove_link(ws, link, 1)
    task_links.add_link(ws, b, a)
    with pytest.raises(PlanCircleError, match="B → A → B"):
        task_links.restore_link(ws, link, removed[0].version)
