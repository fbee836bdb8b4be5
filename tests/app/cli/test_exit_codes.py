"""The README's "Exit codes" table, row by row, through the command line's parsing.

Each case is a bad input a coordinator (or an adversary) can type; the test asserts
the exit code the table promises and that stderr is one line (argparse's usage line
may come first) without a traceback. A last test reads the table itself, so the table
and these cases cannot drift apart.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app import cli
from app.errors import ConflictError, TransitionRefused, WorkspaceBusyError
from app.services import release_service
from app.workspace import Workspace
from tests.app.interchange.mspdi_samples import project_xml, task_xml

README = Path(__file__).resolve().parents[3] / "README.md"
LONG_NAME = "a" * 300


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a demo workspace, a folder, a pipe, a text file and plan files."""
    root = tmp_path_factory.mktemp("exit-codes")
    assert cli.main(["demo", "--db", str(root / "demo.db")]) == 0
    (root / "folder").mkdir()
    (root / "folder.csv").mkdir()
    (root / "notes.txt").write_text("not a database, not a plan")
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe")
    circle = task_xml(1, "<PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink>")
    circle += task_xml(2, "<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink>")
    (root / "circle.xml").write_bytes(project_xml(circle))
    assert cli.main(["plan", "import", str(root / "circle.xml"), "--db",
                     str(root / "demo.db"), "--release", "Circle"]) == 0
    (root / "ok.xml").write_bytes(project_xml(task_xml(1)))
    assert cli.main(["plan", "import", str(root / "ok.xml"), "--db",
                     str(root / "demo.db"), "--release", "Fine"]) == 0
    with Workspace.open(root / "demo.db") as ws:
        for version in ("1", "2"):
            release_service.create_release(ws, name="Twin", version_label=version)
        release_service.create_release(ws, name="Empty")
    huge = task_xml(1, "<ConstraintType>1e999</ConstraintType>")
    (root / "huge.xml").write_bytes(project_xml(huge))
    broken = task_xml(1, "<ConstraintType>1\nand a second line</ConstraintType>")
    (root / "lines.xml").write_bytes(project_xml(broken))
    return root


def _raising(error: BaseException) -> Callable[..., object]:
    def handler(*_args: object, **_kwargs: object) -> object:
        raise error
    return handler


# (exit code, argv with {root} for the fixture folder, what stderr must contain)
CASES: list[tuple[int, list[str], str]] = [
    (0, ["db", "info", "--db", "{root}/demo.db"], ""),
    (2, ["nosuch"], "invalid choice"),
    (2, ["plan", "schedule", "--db", "{root}/demo.db"], "--release"),
    (2, ["demo"], "--db PATH"),
    (2, ["demo", "--db", "{root}/demo.db"], "already exists"),
    (2, ["demo", "--db", "{root}/scale.db", "--scale", "0"], "1 to 5,000 releases"),
    (2, ["demo", "--db", "{root}/scale.db", "--scale", "10000000"], "1 to 5,000 releases"),
    (2, ["demo", "--db", "{root}/seed.db", "--seed", "x"], "invalid int"),
    (2, ["db", "info", "--db", "{root}/demo.db", "--user", "u" * 121], "at most 120"),
    (2, ["plan", "import", "{root}/ok.xml", "--db", "{root}/demo.db", "--release", "x" * 161],
     "at most 160"),
    (2, ["plan", "import", "{root}/ok.xml", "--db", "{root}/demo.db", "--release", "Circle"],
     "already has a plan"),
    (2, ["plan", "schedule", "--release", "Twin", "--db", "{root}/demo.db"], "Several releases"),
    (2, ["plan", "baseline", "--release", "Empty", "--db", "{root}/demo.db"], "nothing to"),
    (2, ["plan", "schedule", "--release", "Empty", "--db", "{root}/demo.db"], "nothing to"),
    (2, ["plan", "variance", "--release", "Empty", "--db", "{root}/demo.db"], "nothing to"),
    (2, ["db", "check", "--db", "{root}/demo.db", "--anchor", "12"], "is not an anchor"),
    (2, ["audit", "export", "--out", "{root}/t.txt", "--db", "{root}/demo.db"], ".csv or .jsonl"),
    (2, ["audit", "export", "--out", "{root}/t.csv", "--from", "May", "--db", "{root}/demo.db"],
     "not a date"),
    (2, ["db", "init-shared", "--db", "{root}/demo.db"], "for a shared PostgreSQL"),
    (2, ["db", "grant", "--db", "{root}/demo.db", "--login", "bob", "--role", "coordinator"],
     "for a shared PostgreSQL"),
    (2, ["db", "grant", "--db", "{root}/demo.db", "--login", "bob", "--role", "owner"],
     "invalid choice"),
    (3, ["db", "info", "--db", "ftp://host/x"], "'ftp' databases"),
    (3, ["db", "info", "--db", "foo+bar://x"], "'foo' databases"),
    (3, ["db", "info", "--db", "mysql://u@h/db"], "'mysql' databases"),
    (3, ["db", "info", "--db", "postgresql+nosuchdriver://u@h/db"], "driver"),
    (3, ["db", "info", "--db", "postgresql+psycopg://u:pw@h:notaport/db"], "not a database URL"),
    (3, ["db", "info", "--db", "://"], "not a database URL"),
    (3, ["db", "upgrade", "--db", "postgresql://"], "names no database"),
    (3, ["db", "upgrade", "--db", "sqlite:///{root}/t.db?timeout=abc"], "takes none"),
    (3, ["db", "info", "--db", "sqlite:///?mode=ro"], "takes none"),
    (3, ["db", "upgrade", "--db", "sqlite://host/x.db"], "Invalid SQLite URL"),
    (3, ["db", "info", "--db", f"{{root}}/{LONG_NAME}.db"], "cannot be used"),
    (3, ["db", "upgrade", "--db", f"{{root}}/{LONG_NAME}.db"], "cannot be used"),
    (3, ["demo", "--db", f"{{root}}/{LONG_NAME}.db"], "cannot be used"),
    (3, ["db", "upgrade", "--db", "{root}/notes.txt/x.db"], "cannot be used"),
    (3, ["db", "info", "--db", "{root}/folder"], "is a folder"),
    (3, ["db", "upgrade", "--db", "/dev/zero"], "not a regular file"),
    (3, ["db", "info", "--db", "{root}/pipe"], "not a regular file"),
    (3, ["db", "info", "--db", "{root}/notes.txt"], "not a ReleaseDesk workspace"),
    (3, ["db", "check", "--db", "{root}/missing.db"], "no workspace"),
    (3, ["db", "info", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/test"],
     "Cannot connect"),
    (4, ["plan", "schedule", "--release", "Nope", "--db", "{root}/demo.db"], "No release"),
    (4, ["plan", "export", "{root}/x.xml", "--release", "Nope", "--db", "{root}/demo.db"],
     "No release"),
    (4, ["plan", "baseline", "--release", "Nope", "--db", "{root}/demo.db"], "No release"),
    (4, ["plan", "variance", "--release", "Nope", "--db", "{root}/demo.db"], "No release"),
    (8, ["plan", "import", "/dev/zero", "--db", "{root}/demo.db"], "not a regular file"),
    (8, ["plan", "import", "{root}/pipe", "--db", "{root}/demo.db"], "not a regular file"),
    (8, ["plan", "import", "{root}/folder", "--db", "{root}/demo.db"], "a folder"),
    (8, ["plan", "import", "{root}/missing.xml", "--db", "{root}/demo.db"], "no such file"),
    (8, ["plan", "import", f"{{root}}/{LONG_NAME}.xml", "--db", "{root}/demo.db"],
     "cannot be opened"),
    (8, ["plan", "import", "{root}/notes.txt", "--db", "{root}/demo.db"], "damaged"),
    (8, ["plan", "import", "{root}/huge.xml", "--db", "{root}/demo.db"], "<ConstraintType>"),
    (8, ["plan", "import", "{root}/lines.xml", "--db", "{root}/demo.db"], "1 and a second"),
    (8, ["plan", "export", "{root}/folder", "--release", "Fine", "--db", "{root}/demo.db"],
     "Cannot write"),
    (8, ["plan", "export", "{root}/demo.db", "--release", "Fine", "--db", "{root}/demo.db"],
     "the workspace that is open"),
    (7, ["db", "check", "--db", "{root}/demo.db", "--anchor", "1:" + "f" * 64],
     "differs from the anchor"),
    (8, ["audit", "export", "--out", "{root}/folder.csv", "--db", "{root}/demo.db"], "a folder"),
    (9, ["plan", "schedule", "--release", "Circle", "--db", "{root}/demo.db"], "circle"),
]


@pytest.mark.parametrize(
    ("code", "argv", "message"), CASES, ids=[" ".join(c[1])[:60] for c in CASES]
)
def test_each_bad_input_gives_its_code_and_one_line(
    place: Path, capsys: pytest.CaptureFixture[str], code: int, argv: list[str], message: str
) -> None:
    if any("pipe" in a for a in argv) and not (place / "pipe").exists():
        pytest.skip("no named pipes on this system")
    got = cli.main([a.replace("{root}", str(place)) for a in argv])
    _, err = capsys.readouterr()
    assert got == code, err
    _assert_one_line(err, message, usage=code == 2)


def _assert_one_line(err: str, message: str, usage: bool = False) -> None:
    lines = err.strip().splitlines()
    if usage and lines and lines[0].startswith("usage:"):
        lines = lines[-1:]  # argparse: the usage (maybe wrapped), then the error
    assert "Traceback" not in err
    assert len(lines) == (1 if message else 0), err
    assert message in err


def test_argparse_errors_are_the_usage_then_one_line(capsys) -> None:
    assert cli.main(["--version"]) == 0
    assert cli.main(["plan", "import"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage:") and err.strip().splitlines()[-1].startswith("releasedesk")


# Codes no typed input reaches today: the error class's code, through main() all the same.
RAISED = [
    (1, RuntimeError("boom\nsecond line"), "unexpected error"),
    (5, TransitionRefused("Cannot approve", ("no sign-off",)), "Cannot approve"),
    (6, ConflictError("task", "1"), "changed by someone else"),
    (10, WorkspaceBusyError("The workspace file x.db is busy: try again"), "is busy"),
    (130, KeyboardInterrupt(), "interrupted"),
]


@pytest.mark.parametrize(("code", "error", "message"), RAISED, ids=[str(r[0]) for r in RAISED])
def test_raised_errors_keep_their_codes(
    place: Path, monkeypatch: pytest.MonkeyPatch, capsys, code: int, error: BaseException,
    message: str,
) -> None:
    from app.services import baseline_service

    monkeypatch.delenv(cli.ENV_DEBUG, raising=False)
    monkeypatch.setattr(baseline_service, "set_baseline", _raising(error))
    got = cli.main(["plan", "baseline", "--release", "Circle", "--db", str(place / "demo.db")])
    assert got == code
    _assert_one_line(capsys.readouterr().err, message)


def test_a_closed_output_exits_141(place: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.db_commands, "_info", _raising(BrokenPipeError()))
    monkeypatch.setattr(sys.stdout, "fileno", lambda: os.open(os.devnull, os.O_WRONLY))
    assert cli.main(["db", "info", "--db", str(place / "demo.db")]) == 141


def test_a_failed_check_is_one_line_on_stderr(
    place: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # db check imports the checker when it runs (a lazy import keeps --help fast).
    monkeypatch.setattr("app.workspace_check.check_workspace", lambda _ws: ["row 4 bad", "row 9"])
    assert cli.main(["db", "check", "--db", str(place / "demo.db")]) == 7
    out, err = capsys.readouterr()
    assert "row 4 bad" in out and "row 9" in out
    _assert_one_line(err, "NOT sound: row 4 bad")


def test_the_readme_table_lists_exactly_the_tested_codes() -> None:
    section = README.read_text(encoding="utf-8").split("### Exit codes", 1)[1].split("\n## ")[0]
    promised = {int(c) for c in re.findall(r"^\|\s*(\d+)\s*\|", section, re.MULTILINE)}
    tested = {c for c, _, _ in CASES} | {c for c, _, _ in RAISED} | {141, 7}
    assert promised == tested
