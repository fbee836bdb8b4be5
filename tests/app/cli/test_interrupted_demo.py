"""`releasedesk demo` killed part-way: the file left behind is never "another program's".

The demo is killed (SIGKILL: no clean-up runs) at fixed moments from start-up through
schema creation to filling the workspace. What it left is then opened as a coordinator
would: `db info`, `db check` work or say in one line why not, with the README's exit
code; `demo` again completes or refuses; `db upgrade` makes a workspace of it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import cli

REPO = Path(__file__).resolve().parents[3]
KILL_AFTER = [0.3, 0.7, 1.1, 1.5]  # seconds: fixed, so a failure can be rerun
MISSING = re.compile(r"no (ReleaseDesk )?workspace")
DEMO = "import sys; from app.cli import main; sys.exit(main(['demo', '--db', sys.argv[1]]))"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    _, err = capsys.readouterr()
    assert len(err.strip().splitlines()) <= 1, err
    for wrong in ("another program", "Traceback", "unexpected error"):
        assert wrong not in err, err
    return code, err


@pytest.mark.parametrize("delay", KILL_AFTER)
def test_killed_demo_leaves_a_file_that_opens_checks_and_upgrades(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], delay: float
) -> None:
    path = tmp_path / "demo.db"
    proc = subprocess.Popen([sys.executable, "-c", DEMO, str(path)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.kill()
    proc.wait(timeout=30)
    db = ["--db", str(path)]

    for command in ("info", "check"):
        # A workspace, or none yet (killed before its file or its schema was written).
        code, err = _run(["db", command, *db], capsys)
        assert code == 0 or (code == 3 and MISSING.search(err)), err
    # Half-made (a schema, no demo rows): refused as an existing file, never half-filled.
    code, err = _run(["demo", *db], capsys)
    assert code == 0 or (code == 2 and "already exists" in err), err
    code, err = _run(["db", "upgrade", *db], capsys)
    assert code == 0, err
    assert _run(["db", "check", *db], capsys)[0] == 0
