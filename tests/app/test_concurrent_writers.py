"""Two writers on one workspace: a save waits for a colleague's, and a failure is named
for what it is (busy, a conflict), never a lost connection."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import cli
from app.errors import ConflictError, ConnectionLostError, WorkspaceBusyError
from app.services import release_service as rs
from app.workspace import Workspace
from models import Release
from tests.app.interchange.mspdi_samples import project_xml, task_xml
from tests.conftest import TEST_USER, open_colleague
from tests.sqlite_lock import held_by_another_program, wait_briefly

HOLD_S = 0.4


@pytest.fixture
def tiny_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    wait_briefly(monkeypatch)


def test_a_save_waits_for_a_colleagues_write_then_succeeds(
    sqlite_workspace: Workspace,
) -> None:
    ws = sqlite_workspace
    mine = rs.create_release(ws, name="Mine").id
    theirs = rs.create_release(ws, name="Theirs").id
    colleague = open_colleague(ws)
    holding = threading.Event()

    def colleague_saves_slowly() -> None:
        with colleague.transaction() as s:
            s.get(Release, theirs).description = "colleague's edit"
            s.flush()  # the write lock is theirs from here until commit
            holding.set()
            time.sleep(HOLD_S)

    worker = threading.Thread(target=colleague_saves_slowly)
    worker.start()
    try:
        assert holding.wait(5)
        version = rs.get_release(ws, mine).version  # reads do not wait
        started = time.monotonic()
        rs.update_release(ws, mine, version, description="my edit")
        waited = time.monotonic() - started
    finally:
        worker.join()
        colleague.close()
    assert waited > HOLD_S / 4  # it queued behind the colleague instead of failing
    assert rs.get_release(ws, mine).description == "my edit"
    assert rs.get_release(ws, theirs).description == "colleague's edit"
    assert ws.online is True


def test_a_lock_held_past_the_busy_timeout_is_busy_not_a_lost_connection(
    sqlite_workspace: Workspace, tiny_busy_timeout: None
) -> None:
    path = Path(sqlite_workspace.url.database)
    release = rs.create_release(sqlite_workspace, name="Payouts API").id
    with Workspace.open(path, user=TEST_USER) as ws, held_by_another_program(path):
        row = rs.get_release(ws, release)  # a read goes on while another program writes
        with pytest.raises(WorkspaceBusyError, match="is busy") as caught:
            rs.update_release(ws, release, row.version, description="blocked")
        assert not isinstance(caught.value, ConnectionLostError)
        assert "try again" in str(caught.value) and "\n" not in str(caught.value)
        assert ws.online is True  # busy is not offline: the window keeps working
        assert rs.get_release(ws, release).description == ""
    with Workspace.open(path, user=TEST_USER) as ws:
        with held_by_another_program(path), pytest.raises(WorkspaceBusyError):
            rs.update_release(ws, release, row.version, description="blocked")
        # Once the other program lets go, the same workspace saves as if nothing happened.
        rs.update_release(ws, release, row.version, description="saved later")
    assert rs.get_release(sqlite_workspace, release).description == "saved later"


def test_the_command_line_says_busy_with_its_own_exit_code(
    sqlite_workspace: Workspace, tiny_busy_timeout: None, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = Path(sqlite_workspace.url.database)
    plan = tmp_path / "plan.xml"
    plan.write_bytes(project_xml(task_xml(1)))
    with held_by_another_program(path):
        code = cli.main(["plan", "import", str(plan), "--db", str(path), "--release", "New"])
    err = capsys.readouterr().err
    assert code == WorkspaceBusyError.exit_code == 10, err
    assert "is busy" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_reading_unit_of_work_refuses_to_save(sqlite_workspace: Workspace) -> None:
    release = rs.create_release(sqlite_workspace, name="Read only").id
    with pytest.raises(RuntimeError, match="reading transaction"), \
            sqlite_workspace.reading() as s:
        s.get(Release, release).description = "sneaked in"
        s.flush()
    assert rs.get_release(sqlite_workspace, release).description == ""


@pytest.fixture
def pg_pair(pg_workspace_url: str) -> Iterator[tuple[Workspace, Workspace, uuid.UUID]]:
    """Our workspace and a colleague's on one shared database, and a release in it."""
    with Workspace.open(pg_workspace_url, user=TEST_USER) as ws, open_colleague(ws) as other:
        yield ws, other, rs.create_release(ws, name="Shared").id


def _still_online_with(ws: Workspace, release: uuid.UUID) -> str:
    """The release's saved description, read after asserting ``ws`` stayed online."""
    assert ws.online is True
    return rs.get_release(ws, release).description


def _describe(s: Session, release: uuid.UUID, text: str) -> None:
    """A plain UPDATE, past the version check (and the trail): only PostgreSQL's own
    locks decide."""
    s.connection().execute(sa.update(Release).where(Release.id == release).values(description=text))


@pytest.mark.postgres
def test_a_serialisation_failure_is_a_conflict_not_a_lost_connection(pg_pair) -> None:
    ws, other, release = pg_pair
    with pytest.raises(ConflictError), ws.transaction() as s:
        s.execute(sa.text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        s.get(Release, release)  # the snapshot now predates their save
        version = rs.get_release(other, release).version
        rs.update_release(other, release, version, description="theirs")
        _describe(s, release, "mine")
    assert _still_online_with(ws, release) == "theirs"


@pytest.mark.postgres
def test_a_row_lock_held_past_lock_timeout_is_busy(pg_pair) -> None:
    ws, other, release = pg_pair
    with other.transaction() as theirs:
        _describe(theirs, release, "theirs, not yet committed")  # locked until they commit
        with pytest.raises(WorkspaceBusyError, match=r"shared database .* is busy"), \
                ws.transaction() as s:
            s.execute(sa.text("SET LOCAL lock_timeout = '50ms'"))
            _describe(s, release, "x")
    assert _still_online_with(ws, release) == "theirs, not yet committed"


@pytest.mark.postgres
def test_a_deadlock_is_a_conflict_for_one_writer_and_a_save_for_the_other(pg_pair) -> None:
    ws, other, first = pg_pair
    second = rs.create_release(ws, name="Second").id
    mine_held, theirs_held = threading.Event(), threading.Event()
    outcomes: dict[str, BaseException | None] = {}

    def save(who: Workspace, name: str, ids: tuple, mine: threading.Event,
             wait_for: threading.Event) -> None:
        try:
            with who.transaction() as s:
                for n, release in enumerate(ids):
                    _describe(s, release, name)
                    if n == 0:
                        mine.set()
                        assert wait_for.wait(5)
            outcomes[name] = None
        except BaseException as exc:  # recorded for the assertions
            outcomes[name] = exc

    colleague = threading.Thread(
        target=save, args=(other, "theirs", (second, first), theirs_held, mine_held)
    )
    colleague.start()
    save(ws, "mine", (first, second), mine_held, theirs_held)
    colleague.join()
    errors = [e for e in outcomes.values() if e is not None]
    assert len(errors) == 1, outcomes  # PostgreSQL picked one victim
    assert isinstance(errors[0], ConflictError), errors[0]
    survivor = next(name for name, e in outcomes.items() if e is None)
    assert other.online is True
    assert _still_online_with(ws, first) == _still_online_with(ws, second) == survivor
