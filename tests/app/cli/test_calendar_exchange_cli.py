"""``releasedesk calendar export|import`` through argument parsing, with exit codes."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from app import cli
from app.workspace import Workspace
from tests.app.interchange.calendar_world import make_calendar, window_count, windows_of


def _db(ws: Workspace) -> str:
    return ws.url.render_as_string(hide_password=False)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_then_import_into_the_same_workspace(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_calendar(workspace)
    path = tmp_path / "calendar.ics"
    code, out, err = _run(capsys, "calendar", "export", "--db", _db(workspace), "--out", str(path))
    assert (code, out, err) == (0, f"Wrote 8 events to {path}.\n", "")
    assert len(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")) == 8
    code, out, err = _run(
        capsys, "calendar", "import", str(path), "--db", _db(workspace), "--user", "Priya"
    )
    assert code == 0 and err == ""
    assert (
        out.splitlines()[0] == "Imported calendar.ics: 0 windows created, 0 updated, 3 unchanged."
    )
    assert "  note: 5 releases, deployments and milestones" in out


def test_export_filters_by_kind_domain_and_release(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_calendar(workspace)
    path = tmp_path / "pay.ics"
    args = ("calendar", "export", "--db", _db(workspace), "--out", str(path))
    assert (
        _run(capsys, *args, "--domain", "Payments", "--kind", "freeze", "--kind", "blackout")[1]
        == f"Wrote 2 events to {path}.\n"
    )
    assert _run(capsys, *args, "--release", "App 7.1")[1] == f"Wrote 3 events to {path}.\n"


def test_import_with_kind_and_domain(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_calendar(workspace)
    path = tmp_path / "days.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:x1\r\n"
        b"DTSTAMP:20260101T000000Z\r\nSUMMARY:Carnival\r\nDTSTART;VALUE=DATE:20270208\r\n"
        b"DTEND;VALUE=DATE:20270210\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    code, out, _ = _run(
        capsys,
        "calendar",
        "import",
        str(path),
        "--db",
        _db(workspace),
        "--kind",
        "holiday",
        "--domain",
        "MOB",
    )
    assert (code, out) == (0, "Imported days.ics: 1 window created, 0 updated, 0 unchanged.\n")
    carnival = windows_of(workspace)["Carnival"]
    assert carnival.kind.value == "holiday" and carnival.domain_id is not None


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (
            ("import", "{bad}"),
            8,
            "Cannot import bad.ics: line 8, VEVENT 'Oops': DTEND is before DTSTART",
        ),
        (("import", "{missing}"), 8, "Cannot import missing.ics: the file cannot be opened"),
        (("import", "{good}", "--domain", "Nope"), 4, "No domain named 'Nope'"),
        (("import", "{good}", "--kind", "party"), 2, "invalid choice: 'party'"),
        (("export", "--out", "{foreign}"), 8, "is not a calendar ReleaseDesk exported"),
        (("export", "--out", "{out}", "--release", "Nope"), 4, "No release named 'Nope'"),
        (("export", "--out", "{out}", "--kind", "party"), 2, "invalid choice: 'party'"),
        (("export",), 2, "the following arguments are required: --out"),
    ],
)
def test_refusals_are_one_line_and_a_non_zero_exit(
    workspace: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    make_calendar(workspace)
    (tmp_path / "bad.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        b"SUMMARY:Oops\r\nDTSTART:20270301T100000Z\r\nDTEND:20270301T090000Z\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (tmp_path / "good.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nEND:VCALENDAR\r\n"
    )
    (tmp_path / "foreign.ics").write_text("my own notes")
    names = {n: str(tmp_path / f"{n}.ics") for n in ("bad", "good", "missing", "foreign", "out")}
    args = [a.format(**names) for a in argv]
    before = window_count(workspace)
    got, out, err = _run(capsys, "calendar", *args, "--db", _db(workspace))
    assert got == code
    assert out == ""
    assert message in err.splitlines()[-1]
    assert err.splitlines()[-1].startswith(("releasedesk: ", "releasedesk calendar"))
    assert "Traceback" not in err
    assert window_count(workspace) == before
    assert (tmp_path / "foreign.ics").read_text() == "my own notes"
    assert not (tmp_path / "out.ics").exists()
