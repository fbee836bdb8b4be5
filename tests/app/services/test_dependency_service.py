from __future__ import annotations

import datetime as dt
import uuid

import pytest

from app.changes import ChangeAction
from app.errors import NotFoundError, ValidationError
from app.services import dependency_service as ds
from app.services import release_service as rs
from app.workspace import Workspace
from models.enums import ReleaseStatus
from tests.app.services.builders import World, add_domain, audit_count


def _release(ws: Workspace, name: str, version: str, **values) -> uuid.UUID:
    return rs.create_release(ws, name=name, version_label=version, **values).id


def test_dependencies_and_dependents_show_the_other_release(world: World) -> None:
    ws, checkout = world.ws, world.release_id
    core = add_domain(ws, "Core", "#00AA00")
    end = dt.datetime(2026, 3, 1, 18, 0)
    ledger = _release(ws, "Ledger", "2.0", domain_id=core, planned_end=end)
    change = ds.add_dependency(ws, checkout, ledger, "  needs the new API ")
    assert (change.entity, change.action) == ("release_dependency", ChangeAction.CREATED)
    [dep] = ds.list_dependencies(ws, checkout)
    assert (dep.id, dep.release_id, dep.depends_on_id) == (change.id, checkout, ledger)
    assert (dep.depends_on_title, dep.depends_on_domain, dep.depends_on_domain_colour) == (
        "Ledger 2.0",
        "Core",
        "#00AA00",
    )
    assert (dep.depends_on_status, dep.depends_on_planned_end, dep.note) == (
        ReleaseStatus.DRAFT,
        end,
        "needs the new API",
    )
    [back] = ds.list_dependents(ws, ledger)
    assert (back.release_id, back.depends_on_id, back.depends_on_title) == (
        ledger,
        checkout,
        "Checkout 1.0",
    )
    assert back.depends_on_domain == "Payments"
    assert ds.list_dependents(ws, checkout) == [] and ds.list_dependencies(ws, ledger) == []


def test_self_duplicate_and_unknown_are_refused(world: World) -> None:
    ws, checkout = world.ws, world.release_id
    with pytest.raises(ValidationError, match=r"Checkout 1\.0 cannot depend on itself"):
        ds.add_dependency(ws, checkout, checkout)
    other = _release(ws, "Ledger", "2.0")
    ds.add_dependency(ws, checkout, other)
    with pytest.raises(ValidationError, match=r"already depends on Ledger 2\.0"):
        ds.add_dependency(ws, checkout, other)
    with pytest.raises(ValidationError, match="release to depend on does not exist"):
        ds.add_dependency(ws, checkout, uuid.uuid4())
    assert len(ds.list_dependencies(ws, checkout)) == 1


def test_cycle_is_refused_naming_the_circle_in_order(world: World) -> None:
    ws = world.ws
    a = _release(ws, "A", "1.0")
    b = _release(ws, "B", "2.0")
    c = _release(ws, "C", "3.0")
    ds.add_dependency(ws, a, b)
    with pytest.raises(ValidationError) as two:
        ds.add_dependency(ws, b, a)
    assert str(two.value) == (
        "Releases would depend on each other in a circle: B 2.0 → A 1.0 → B 2.0"
    )
    ds.add_dependency(ws, b, c)
    before = audit_count(ws)
    with pytest.raises(ValidationError) as three:
        ds.add_dependency(ws, c, a)
    assert str(three.value).endswith("C 3.0 → A 1.0 → B 2.0 → C 3.0")
    assert audit_count(ws) == before
    assert ds.list_dependencies(ws, c) == []


def test_remove_restore_and_deleted_links_do_not_count(world: World) -> None:
    ws = world.ws
    a = _release(ws, "A", "1.0")
    b = _release(ws, "B", "2.0")
    link = ds.add_dependency(ws, a, b).id
    assert ds.remove_dependency(ws, link).action == ChangeAction.DELETED
    assert ds.list_dependencies(ws, a) == []
    reverse = ds.add_dependency(ws, b, a).id  # no circle while a → b is removed
    with pytest.raises(ValidationError, match=r"circle: A 1\.0 → B 2\.0 → A 1\.0"):
        ds.restore_dependency(ws, link)
    ds.remove_dependency(ws, reverse)
    assert ds.restore_dependency(ws, link).action == ChangeAction.RESTORED
    assert [d.depends_on_id for d in ds.list_dependencies(ws, a)] == [b]
    with pytest.raises(NotFoundError):
        ds.remove_dependency(ws, reverse)


def test_deleted_release_disappears_from_lists(world: World) -> None:
    ws = world.ws
    other = _release(ws, "Ledger", "2.0")
    ds.add_dependency(ws, world.release_id, other)
    rs.delete_release(ws, other)
    assert ds.list_dependencies(ws, world.release_id) == []
