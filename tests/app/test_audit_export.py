"""`releasedesk audit export`: verified by the README's own script, without ReleaseDesk."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app import clock
from app.cli import main
from app.services import release_service
from app.workspace import Workspace

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_script() -> str:
    """The verification script exactly as the README prints it."""
    section = README.read_text(encoding="utf-8").split(
        "## Verifying the audit trail without ReleaseDesk", 1
    )[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def _verify(tmp_path: Path, export: Path, *anchor: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "verify.py"
    script.write_text(readme_script(), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), str(export), *anchor],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _db(ws: Workspace) -> str:
    return str(ws.file) if ws.file else ws.url.render_as_string(hide_password=False)


@pytest.fixture
def trail(workspace: Workspace) -> Workspace:
    """A trail with the values that are easy to get wrong: accents, quotes, commas, line
    breaks, an empty text becoming a value (old "" is not a missing value) and a delete."""
    release = release_service.create_release(
        workspace, name='Zahlungsverkehr "Süd", Phase 2', description="line one\nline two"
    )
    release_service.update_release(workspace, release.id, 1, version_label="2.0 ✓")
    release_service.delete_release(workspace, release.id)
    release_service.create_release(workspace, name="Portal")
    return workspace


@pytest.mark.parametrize("kind", [".jsonl", ".csv"])
def test_the_readme_script_verifies_an_export_and_its_anchor(
    trail: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    assert main(["audit", "anchor", "--db", _db(trail)]) == 0
    anchor = capsys.readouterr().out.strip()
    release_service.create_release(trail, name="After the anchor")
    export = tmp_path / f"trail{kind}"
    assert main(["audit", "export", "--db", _db(trail), "--out", str(export)]) == 0
    assert "audit rows (rows 1 to" in capsys.readouterr().out
    done = _verify(tmp_path, export, anchor)
    assert done.returncode == 0, done.stderr
    assert "audit rows verified" in done.stdout
    wrong = anchor[:-1] + ("1" if anchor.endswith("0") else "0")  # another hash, always
    assert _verify(tmp_path, export, wrong).returncode != 0
    forged = export.read_text(encoding="utf-8").replace("2.0 ✓", "2.1 ✓", 1)
    assert forged != export.read_text(encoding="utf-8")
    export.write_text(forged, encoding="utf-8")
    broken = _verify(tmp_path, export)
    assert broken.returncode != 0 and "is broken" in broken.stderr


def test_an_export_keeps_missing_and_empty_values_apart(trail: Workspace, tmp_path: Path) -> None:
    export = tmp_path / "trail.jsonl"
    assert main(["audit", "export", "--db", _db(trail), "--out", str(export)]) == 0
    rows = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    update = next(r for r in rows if r["field"] == "version_label")
    assert (update["old_value"], update["new_value"]) == ("", "2.0 ✓")
    expected_login = None if trail.file else "postgres"  # the server's session_user
    assert {r["db_login"] for r in rows} == {expected_login}


def test_export_dates_are_local_days_both_included(trail: Workspace, tmp_path: Path) -> None:
    today = clock.today()
    export = tmp_path / "trail.csv"

    def exported(since: dt.date, until: dt.date) -> int:
        argv = [
            "audit",
            "export",
            "--db",
            _db(trail),
            "--out",
            str(export),
            "--from",
            since.isoformat(),
            "--to",
            until.isoformat(),
        ]
        assert main(argv) == 0
        return len(export.read_text(encoding="utf-8").splitlines()) - 1  # the header

    everything = exported(today, today)
    assert everything > 10
    assert exported(today + dt.timedelta(days=1), today + dt.timedelta(days=9)) == 0
    assert exported(today - dt.timedelta(days=9), today - dt.timedelta(days=1)) == 0
    assert _verify(tmp_path, export).returncode == 0  # an empty export verifies
