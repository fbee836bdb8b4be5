"""What a change request's grid refers to, on SQLite and PostgreSQL: task rows as the
plan numbers them, scope items by title and key, links in the plan view's notation
(refused naming the entry), and the assessor's note kept with the assessment."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.services import change_decisions as cd
from app.services import change_request_service as crs
from app.services import scope_service, task_links, task_service
from app.services.change_items import ChangeItemSpec
from app.services.change_refs import linked_task, release_refs
from models.enums import ChangeItemKind, ChangeRequestStatus
from tests.app.services.builders import World
from tests.app.services.task_builders import add_tasks

DAY = 480


def test_refs_name_tasks_by_row_and_scope_by_title_and_key(world: World) -> None:
    build, test = add_tasks(world.ws, world.release_id, "Build", "Test", duration_minutes=DAY)
    task_links.add_link(world.ws, build, test)
    pay = scope_service.add_scope_item(world.ws, world.release_id, "Card payments", key="PAY-1")
    refs = release_refs(world.ws, world.release_id)
    assert refs.tasks == {1: build, 2: test}
    assert refs.task_label(test) == "Test (row 2)" and refs.row_text(build) == "1"
    assert refs.scope_names == {pay.id: "Card payments (PAY-1)"}
    assert refs.summaries == frozenset()
    assert linked_task("", refs.tasks) is None
    assert linked_task(" 2 ", refs.tasks) == test
    task_service.create_task(world.ws, world.release_id, "Unit tests", parent_id=test)
    refs = release_refs(world.ws, world.release_id)
    assert refs.summaries == {test} and refs.task_label(refs.tasks[3]) == "Unit tests (row 3)"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1, 2", "Could not use '2' (the 2nd entry): a request's new task follows one task"),
        ("1; 5XX-2d", "Could not read '5XX-2d' (the 2nd entry): link type must be FS"),
        ("2SS", "Could not use '2SS' (the 1st entry): only a plain finish-to-start link (2)"),
        ("1+2d", "not 1FS+2d"),
        ("7", "(the 1st entry): the plan has no task row 7"),
    ],
)
def test_links_the_request_cannot_hold_are_refused_naming_the_entry(
    world: World, typed: str, message: str
) -> None:
    add_tasks(world.ws, world.release_id, "Build", "Test", duration_minutes=DAY)
    refs = release_refs(world.ws, world.release_id)
    with pytest.raises(ValidationError) as refused:
        linked_task(typed, refs.tasks)
    assert message in str(refused.value)


def test_an_assessment_keeps_the_assessors_note_else_the_impact(world: World) -> None:
    [build] = add_tasks(world.ws, world.release_id, "Build", duration_minutes=DAY)
    items = [ChangeItemSpec(ChangeItemKind.CHANGE_DURATION, task_id=build, duration_minutes=DAY)]
    first = crs.create_change_request(world.ws, world.release_id, "Same", items=items).id
    second = crs.create_change_request(world.ws, world.release_id, "Again", items=items).id
    cd.assess_change_request(world.ws, first, None, "  Checked with the test lead ")
    cd.assess_change_request(world.ws, second, None)
    noted, plain = crs.get_change_request(world.ws, first), crs.get_change_request(world.ws, second)
    assert noted.status is ChangeRequestStatus.ASSESSED
    assert noted.decisions[-1].reason == "Checked with the test lead"
    assert noted.impact == plain.impact == plain.decisions[-1].reason
    assert noted.impact.startswith("Adds no working time")
