"""The audit trail read as history: sentences, filters and keyset pages (issue 11 §6)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from app import clock
from app.services import history_service, release_service, scope_service
from app.services.history_service import HistoryEntry, HistoryFilter
from app.workspace import Workspace
from models import Task
from models.bulk_audit import insert_audited
from tests.app.services.builders import make_world
from tests.conftest import open_colleague


@pytest.fixture
def priya(workspace: Workspace) -> Iterator[Workspace]:
    """The same workspace, opened by Priya Raman."""
    other = Workspace.open(workspace.url.render_as_string(hide_password=False), user="Priya Raman")
    yield other
    other.close()


@pytest.fixture
def kolkata(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock in India (UTC+5:30, no daylight saving)."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


ALL = HistoryFilter()


def everything(ws: Workspace, where: HistoryFilter = ALL) -> list[HistoryEntry]:
    return list(history_service.history_page(ws, where, limit=10**6).entries)


def paged(ws: Workspace, where: HistoryFilter, limit: int) -> list[HistoryEntry]:
    entries: list[HistoryEntry] = []
    page = history_service.history_page(ws, where, limit=limit)
    entries += page.entries
    while page.next is not None:
        page = history_service.history_page(ws, where, page.next, limit=limit)
        entries += page.entries
    return entries


def test_an_edit_reads_as_a_sentence_by_its_author_in_local_time(
    workspace: Workspace, priya: Workspace, kolkata: None
) -> None:
    world = make_world(workspace)
    row = release_service.get_release(workspace, world.release_id)
    release_service.update_release(
        workspace, row.id, row.version, planned_end=dt.datetime(2027, 3, 12)
    )
    row = release_service.get_release(workspace, world.release_id)
    release_service.update_release(priya, row.id, row.version, planned_end=dt.datetime(2027, 3, 19))

    newest = everything(workspace, HistoryFilter(release_id=world.release_id))[0]

    assert newest.sentence == (
        "Priya Raman moved the planned end of release 'Checkout 1.0' "
        "from 12 Mar 2027 to 19 Mar 2027"
    )
    assert newest.user == "Priya Raman"
    assert abs(newest.at - clock.now()) < dt.timedelta(minutes=1)
    local = newest.at + dt.timedelta(hours=5, minutes=30)
    assert newest.when == f"{local.day} {local:%b %Y %H:%M}"


def test_additions_deletions_and_names_of_people(workspace: Workspace) -> None:
    world = make_world(workspace)
    item = scope_service.add_scope_item(workspace, world.release_id, "Smoke tests")
    scope_service.delete_scope_item(workspace, item.id)
    scope_service.restore_scope_item(workspace, item.id)
    row = release_service.get_release(workspace, world.release_id)
    release_service.update_release(workspace, row.id, row.version, owner_id=world.bob)

    sentences = [e.sentence for e in everything(workspace)][:4]

    assert sentences == [
        "tester changed the owner of release 'Checkout 1.0' from Alice Archer to Bob Baker",
        "tester restored scope item 'Smoke tests'",
        "tester deleted scope item 'Smoke tests'",
        "tester added scope item 'Smoke tests'",
    ]


def test_filters_by_user_kind_release_and_local_day(workspace: Workspace, priya: Workspace) -> None:
    world = make_world(workspace)
    other = release_service.create_release(workspace, name="Ledger", version_label="2.0").id
    scope_service.add_scope_item(priya, world.release_id, "Smoke tests")
    scope_service.add_scope_item(workspace, other, "Reconciliation")

    mine = everything(workspace, HistoryFilter(user="Priya Raman"))
    scope = everything(workspace, HistoryFilter(entity="scope_item"))
    ledger = everything(workspace, HistoryFilter(release_id=other))
    today = everything(workspace, HistoryFilter(since=clock.today(), until=clock.today()))
    tomorrow = everything(workspace, HistoryFilter(since=clock.today() + dt.timedelta(days=1)))
    yesterday = everything(workspace, HistoryFilter(until=clock.today() - dt.timedelta(days=1)))

    assert [e.sentence for e in mine] == ["Priya Raman added scope item 'Smoke tests'"]
    assert {e.name for e in scope} == {"Smoke tests", "Reconciliation"}
    assert [e.sentence for e in ledger] == [
        "tester added scope item 'Reconciliation'",
        "tester added release 'Ledger 2.0'",
    ]
    assert len(today) == len(everything(workspace)) and tomorrow == [] and yesterday == []
    assert history_service.users(workspace) == ["Priya Raman", "tester"]


def test_pages_return_every_save_exactly_once_in_order(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(workspace)
    for n in range(12):
        row = release_service.get_release(workspace, world.release_id)
        release_service.update_release(
            workspace,
            row.id,
            row.version,
            description=f"take {n}",
            deadline=dt.datetime(2027, 1, 1 + n),
        )
    with workspace.transaction() as s:  # an import: one bulk audit row per task
        insert_audited(
            s,
            Task,
            [
                {"release_id": world.release_id, "name": f"T{n}", "position": n, "wbs": str(n)}
                for n in range(25)
            ],
        )
    whole = everything(workspace)

    for limit in (1, 2, 7, 50):
        assert paged(workspace, HistoryFilter(), limit) == whole
    monkeypatch.setattr(history_service, "_IN_CHUNK", 4)  # a release of many rows: id chunks
    release_pages = paged(workspace, HistoryFilter(release_id=world.release_id), 3)
    assert release_pages == [
        e for e in whole if e.name not in ("Alice Archer", "Bob Baker", "Payments")
    ]
    assert len({e.seq for e in whole}) == len(whole)
    edits = [e for e in whole if e.verb == "changed"]
    assert len(edits) == 12 and all(len(e.changes) == 2 for e in edits)  # one save, one entry
    assert whole[0].sentence == "tester added task 'T24'"


def test_set_cleared_and_renamed_read_as_such(workspace: Workspace) -> None:
    world = make_world(workspace)
    colleague = open_colleague(workspace)
    try:
        for values in (
            {"deadline": dt.datetime(2027, 4, 1)},
            {"deadline": None},
            {"name": "Checkout NG"},
        ):
            row = release_service.get_release(colleague, world.release_id)
            release_service.update_release(colleague, row.id, row.version, **values)
    finally:
        colleague.close()

    sentences = [e.sentence for e in everything(workspace, HistoryFilter(user="colleague"))]

    assert sentences == [
        "colleague renamed release 'Checkout' to 'Checkout NG'",
        "colleague cleared the deadline of release 'Checkout NG 1.0' (was 1 Apr 2027)",
        "colleague set the deadline of release 'Checkout NG 1.0' to 1 Apr 2027",
    ]
