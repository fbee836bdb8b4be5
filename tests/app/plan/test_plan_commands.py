"""``releasedesk plan import|export|schedule`` through app.cli.main, and the demo plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.cli import main
from app.scheduling import schedule
from app.services.plan_loader import load_plan
from app.services.release_schedule import schedule_release
from app.services.release_service import find_release
from app.workspace import Workspace
from models import Release, Task, TaskLink
from models.enums import LinkType
from tests.interop_files import gan_file, mspdi_file


def _db(workspace: Workspace) -> str:
    return workspace.url.render_as_string(hide_password=False)


def _table_counts(db: str) -> tuple[int, ...]:
    with Workspace.open(db) as ws, ws.engine.connect() as conn:
        count = sa.select(sa.func.count())
        return tuple(conn.scalar(count.select_from(m)) for m in (Release, Task, TaskLink))


def test_import_then_schedule_json_matches_the_engine(workspace: Workspace, capsys) -> None:
    db = _db(workspace)
    assert main(["plan", "import", str(mspdi_file("task-links-project2010-mspdi.xml")),
                 "--release", "Links 1.0", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "'Links 1.0'" in out and "16 tasks, 8 links" in out
    assert main(["plan", "schedule", "--release", "Links 1.0", "--json", "--db", db]) == 0
    text = capsys.readouterr().out
    data = json.loads(text)
    # The text as json.dumps writes it (written by orjson since a 100k-task plan).
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert set(data) == {"release", "finish", "tasks"} and data["release"] == "Links 1.0"
    release = find_release(workspace, "Links 1.0")
    engine = schedule(load_plan(workspace, [release.id]).plan)
    assert data["finish"] == engine.release_finish[str(release.id)].isoformat()
    assert len(data["tasks"]) == 16
    for row in data["tasks"]:
        r = engine[row["id"]]
        assert row == {
            "id": row["id"], "name": row["name"],
            "early_start": r.early_start.isoformat(), "early_finish": r.early_finish.isoformat(),
            "late_start": r.late_start.isoformat(), "late_finish": r.late_finish.isoformat(),
            "total_float_minutes": r.total_float, "free_float_minutes": r.free_float,
            "critical": r.critical,
        }
    assert any(row["critical"] for row in data["tasks"])


def test_gan_import_table_and_export(workspace: Workspace, capsys, tmp_path: Path) -> None:
    db = _db(workspace)
    assert main(["plan", "import", str(gan_file("HouseBuildingSample.gan")), "--db", db]) == 0
    assert "20 tasks, 17 links, 1 calendar, 1 calendar exception" in capsys.readouterr().out
    assert main(["plan", "schedule", "--release", "HouseBuildingSample", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Critical path:" in out and "Foundation building → Ground Floor building" in out
    assert "Total float" in out and "72d" in out
    target = tmp_path / "house.xml"
    assert main(["plan", "export", "--release", "HouseBuildingSample", str(target),
                 "--db", db]) == 0
    assert "Wrote 20 tasks" in capsys.readouterr().out
    assert target.read_bytes().startswith(b"<?xml")


def test_import_sniffs_the_format_without_extension(workspace, capsys, tmp_path: Path) -> None:
    plain = tmp_path / "house"
    plain.write_bytes(gan_file("HouseBuildingSample.gan").read_bytes())
    assert main(["plan", "import", str(plain), "--db", _db(workspace)]) == 0
    assert "20 tasks" in capsys.readouterr().out


def _error(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("releasedesk: ")
    return lines[0]


def test_errors_are_one_line_and_change_nothing(demo_db: str, capsys, tmp_path: Path) -> None:
    before = _table_counts(demo_db)
    truncated = tmp_path / "cut.xml"
    truncated.write_bytes(mspdi_file("sample.xml").read_bytes()[:3000])
    assert main(["plan", "import", str(truncated), "--db", demo_db]) == 8
    assert "cut.xml" in _error(capsys)
    assert main(["plan", "import", str(tmp_path / "missing.xml"), "--db", demo_db]) == 8
    assert "no such file" in _error(capsys)
    assert main(["plan", "schedule", "--release", "No such release", "--db", demo_db]) == 4
    assert "No release named 'No such release'" in _error(capsys)
    assert main(["plan", "export", "--release", "Nope", str(tmp_path / "x.xml"),
                 "--db", demo_db]) == 4
    _error(capsys)
    assert main(["plan", "import", str(mspdi_file("mspdirelations.xml")), "--release",
                 "SEPA Instant", "--db", demo_db]) == 2
    assert "already has a plan of" in _error(capsys)
    assert _table_counts(demo_db) == before


def test_permission_denied(demo_db: str, capsys, tmp_path: Path) -> None:
    assert main(["plan", "import", str(mspdi_file("mspdirelations.xml")), "--db", demo_db]) == 0
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code = main(["plan", "export", "--release", "mspdirelations.xml",
                     str(locked / "a.xml"), "--db", demo_db])
        capsys.readouterr()  # the import's report
        if code == 0:
            pytest.skip("running as a user that ignores file permissions (root)")
        assert code == 8 and "Cannot write" in _error(capsys)
    finally:
        locked.chmod(0o700)


def test_a_cycle_is_reported_by_task_names(demo_db: str, capsys) -> None:
    with Workspace.open(demo_db) as ws, ws.transaction() as s:
        a, b = s.scalars(
            sa.select(Task.id).join(Release, Release.id == Task.release_id)
            .where(Release.name == "Offline Mode", Task.name.in_(("Hypercare", "Go-live")))
            .order_by(Task.name)
        ).all()  # Go-live → ... → Hypercare already; close the circle
        s.add(TaskLink(predecessor_id=b, successor_id=a, link_type=LinkType.FS))
    assert main(["plan", "schedule", "--release", "Offline Mode", "--db", demo_db]) == 9
    line = _error(capsys)
    assert "circle" in line and "Hypercare" in line and "Go-live" in line


def test_demo_releases_schedule_with_a_finish_and_critical_tasks(demo_db: str) -> None:
    with Workspace.open(demo_db) as ws:
        # Planned, draft (with upstream tasks of another release) and in progress.
        for name in ("Offline Mode", "Fraud Rules", "Payouts API"):
            result = schedule_release(ws, name)
            assert result.finish > result.start
            # Upstream releases start earlier; the release itself starts with its tasks.
            assert result.start == min(t.early_start for t in result.tasks)
            assert result.tasks and any(t.critical for t in result.tasks)
            assert result.critical_path
            loaded = load_plan(ws, [result.release_id])
            assert {t.id for t in result.tasks} == {
                t.id for t in loaded.plan.tasks if t.release_id == str(result.release_id)
            }
        portfolio = load_plan(ws)
        assert len(portfolio.release_names) == 16
        assert schedule(portfolio.plan).finish > portfolio.plan.project_start
