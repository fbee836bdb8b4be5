from __future__ import annotations

import uuid

import pytest

from app.changes import ChangeAction
from app.errors import ConflictError, NotFoundError, ValidationError
from app.services import scope_service as sc
from models.enums import ScopeStatus
from tests.app.services.builders import World, audit_count


def test_add_appends_in_order_and_lists(world: World) -> None:
    ws, rel = world.ws, world.release_id
    first = sc.add_scope_item(ws, rel, " Pay by link ", key="PAY-1", description="d")
    sc.add_scope_item(ws, rel, "Refunds", kind="fix", status=ScopeStatus.AGREED)
    assert (first.entity, first.action) == ("scope_item", ChangeAction.CREATED)
    items = sc.list_scope(ws, rel)
    assert [(i.title, i.position) for i in items] == [("Pay by link", 0), ("Refunds", 1)]
    assert items[0].id == first.id and items[0].key == "PAY-1"
    assert (items[1].kind, items[1].status) == ("fix", ScopeStatus.AGREED)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": " "}, "title cannot be empty"),
        ({"title": "x" * 241}, "too long"),
        ({"title": "T", "status": "maybe"}, "not a valid scope status"),
        ({"title": "T", "kind": ""}, "kind cannot be empty"),
    ],
)
def test_add_refuses_bad_input(world: World, kwargs: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        sc.add_scope_item(world.ws, world.release_id, **kwargs)
    assert sc.list_scope(world.ws, world.release_id) == []


def test_add_to_unknown_release_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="release does not exist"):
        sc.add_scope_item(world.ws, uuid.uuid4(), "Anything")


def test_update_changes_fields_and_version(world: World) -> None:
    ws = world.ws
    item = sc.add_scope_item(ws, world.release_id, "Old").id
    change = sc.update_scope_item(ws, item, 1, title="New", status="done", position=5)
    assert (change.action, change.id) == (ChangeAction.UPDATED, item)
    [row] = sc.list_scope(ws, world.release_id)
    assert (row.title, row.status, row.position, row.version) == ("New", ScopeStatus.DONE, 5, 2)


def test_update_refuses_unknown_field_and_empty_title(world: World) -> None:
    item = sc.add_scope_item(world.ws, world.release_id, "Old").id
    with pytest.raises(ValidationError, match="Unknown scope item field"):
        sc.update_scope_item(world.ws, item, 1, release_id=uuid.uuid4())
    with pytest.raises(ValidationError, match="title cannot be empty"):
        sc.update_scope_item(world.ws, item, 1, title="")
    assert sc.list_scope(world.ws, world.release_id)[0].title == "Old"


def test_stale_update_conflicts_and_writes_nothing(world: World) -> None:
    ws = world.ws
    item = sc.add_scope_item(ws, world.release_id, "Original").id
    sc.update_scope_item(ws, item, 1, title="Theirs")  # a colleague saves first
    before = audit_count(ws)
    with pytest.raises(ConflictError) as info:
        sc.update_scope_item(ws, item, 1, title="Mine", description="same")
    assert info.value.entity == "scope item" and info.value.entity_id == str(item)
    [conflict] = [c for c in info.value.conflicts if c.field == "title"]
    assert (conflict.theirs, conflict.mine) == ("Theirs", "Mine")
    assert audit_count(ws) == before
    [row] = sc.list_scope(ws, world.release_id)
    assert (row.title, row.description, row.version) == ("Theirs", "", 2)


def test_delete_and_restore(world: World) -> None:
    ws = world.ws
    item = sc.add_scope_item(ws, world.release_id, "Gone soon").id
    assert sc.delete_scope_item(ws, item).action == ChangeAction.DELETED
    assert sc.list_scope(ws, world.release_id) == []
    with pytest.raises(NotFoundError, match="scope item no longer exists"):
        sc.update_scope_item(ws, item, None, title="x")
    assert sc.restore_scope_item(ws, item).action == ChangeAction.RESTORED
    assert [i.title for i in sc.list_scope(ws, world.release_id)] == ["Gone soon"]
    with pytest.raises(NotFoundError):
        sc.restore_scope_item(ws, uuid.uuid4())


def test_scope_hash_follows_content_not_order_or_progress(world: World) -> None:
    ws, rel = world.ws, world.release_id
    empty = sc.current_scope_hash(ws, rel)
    item = sc.add_scope_item(ws, rel, "A").id
    with_a = sc.current_scope_hash(ws, rel)
    assert with_a != empty
    sc.update_scope_item(ws, item, None, position=9, status=ScopeStatus.DONE)
    assert sc.current_scope_hash(ws, rel) == with_a
    sc.update_scope_item(ws, item, None, status=ScopeStatus.REMOVED)
    assert sc.current_scope_hash(ws, rel) == empty


def test_move_renumbers_live_items_and_keeps_the_scope_hash(world: World) -> None:
    ws, rel = world.ws, world.release_id
    a, b, c, d = (sc.add_scope_item(ws, rel, t).id for t in "ABCD")
    sc.delete_scope_item(ws, b)
    signed = sc.current_scope_hash(ws, rel)
    before = audit_count(ws)
    change = sc.move_scope_item(ws, d, 0)
    assert (change.entity, change.action) == ("scope_item", ChangeAction.UPDATED)
    assert set(change.ids) == {a, d} and c not in change.ids  # C stays at 2
    items = sc.list_scope(ws, rel)
    assert [(i.title, i.position) for i in items] == [("D", 0), ("A", 1), ("C", 2)]
    assert sc.current_scope_hash(ws, rel) == signed
    assert audit_count(ws) > before
    sc.move_scope_item(ws, d, 99)  # clamped to the end
    assert [i.title for i in sc.list_scope(ws, rel)] == ["A", "C", "D"]
    assert sc.move_scope_item(ws, d, 2).ids == ()  # already there: nothing written
    sc.restore_scope_item(ws, b)  # kept its old position 1 while deleted
    assert [i.title for i in sc.list_scope(ws, rel)] == ["A", "B", "C", "D"]


def test_move_is_refused_for_a_deleted_item(world: World) -> None:
    item = sc.add_scope_item(world.ws, world.release_id, "Gone").id
    sc.delete_scope_item(world.ws, item)
    with pytest.raises(NotFoundError):
        sc.move_scope_item(world.ws, item, 0)
