"""Progress of ``releasedesk plan import`` on stderr: on a terminal, or with --progress."""

from __future__ import annotations

import io
import re

from app.cli import main
from app.cli.progress import TerminalProgress
from app.workspace import Workspace
from tests.interop_files import mspdi_file


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_flag_reports_rows_written_up_to_the_total(
    sqlite_workspace: Workspace, capsys
) -> None:
    db = str(sqlite_workspace.url.database)
    path = str(mspdi_file("sample.xml"))
    assert main(["plan", "import", path, "--db", db, "--progress"]) == 0
    captured = capsys.readouterr()
    assert "19 tasks, 6 links" in captured.out and "%" not in captured.out
    lines = captured.err.splitlines()
    assert lines[0] == "Reading sample.xml…"
    counts = [tuple(map(int, m.groups())) for m in
              (re.search(r"(\d+) of (\d+) \(", line) for line in lines) if m]
    assert counts[0] == (0, 25) and counts[-1] == (25, 25)
    assert [d for d, _ in counts] == sorted(d for d, _ in counts)


def test_no_progress_when_stderr_is_not_a_terminal(sqlite_workspace: Workspace, capsys) -> None:
    db = str(sqlite_workspace.url.database)
    assert main(["plan", "import", str(mspdi_file("sample.xml")), "--db", db]) == 0
    assert capsys.readouterr().err == ""


def test_a_terminal_line_is_redrawn_only_when_the_percentage_changes() -> None:
    stream = _Terminal()
    progress = TerminalProgress(stream)
    progress.phase("Writing")
    for done in range(0, 100_001, 10):
        progress.update(done, 100_000)
    progress.finish()
    frames = stream.getvalue().split("\r\x1b[K")[1:]
    assert frames[0] == "Writing…" and frames[-1] == "Writing: 100,000 of 100,000 (100 %)\n"
    assert len(frames) == 102  # the phase, then 0 % to 100 %
