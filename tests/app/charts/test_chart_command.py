"""``releasedesk plan chart``: valid PNG, SVG and PDF files, and clear refusals."""

from __future__ import annotations

import contextlib
import re
import zlib
from pathlib import Path

import matplotlib
import pytest

from app.charts.gantt_file import CREATOR
from app.cli import main
from app.services.release_service import find_release
from app.services.task_rows import list_tasks
from app.workspace import Workspace

RELEASE = "Payouts API"


def _chart(db: str, out: Path | str, *extra: str) -> int:
    return main(["plan", "chart", "--release", RELEASE, "--out", str(out), "--db", db, *extra])


def _pdf_text(data: bytes) -> str:
    """The text a PDF shows: its content streams inflated, the strings of each ``TJ``
    array joined (matplotlib kerns text into pieces)."""
    shown = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            stream = zlib.decompress(stream)
        for array in re.findall(rb"\[(.*?)\]\s*TJ", stream, re.S):
            shown.append(b"".join(re.findall(rb"\((.*?)(?<!\\)\)", array)).decode("latin-1"))
        shown += [s.decode("latin-1") for s in re.findall(rb"\((.*?)(?<!\\)\)\s*Tj", stream)]
    return "\n".join(shown)


def test_png_svg_and_pdf_are_valid_files_of_their_kind(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png, svg, pdf = (tmp_path / f"plan.{ext}" for ext in ("png", "svg", "pdf"))
    assert _chart(demo_db, png) == 0
    drew = re.search(r"Drew (\d+) tasks of Payouts API", capsys.readouterr().out)
    with Workspace.open(demo_db, user="tester") as ws:
        payouts = find_release(ws, "Payouts API")
        names = [task.name for task in list_tasks(ws, payouts.id)]
    assert drew and int(drew.group(1)) == len(names)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert _chart(demo_db, svg, "--theme", "dark") == 0
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text and text.rstrip().endswith("</svg>")
    assert names[-1] in text  # the task table keeps real text
    with matplotlib.rc_context({"pdf.compression": 0}):
        assert _chart(demo_db, pdf, "--baseline") == 0
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    shown = _pdf_text(data)
    plain = [n for n in names if not re.search("f[fil]", n)]  # ligatures split the text
    for name in plain[:3] + plain[-3:]:
        assert name in shown
    assert CREATOR.encode() in data


def test_critical_only_draws_fewer_tasks(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _chart(demo_db, tmp_path / "critical.png", "--critical-only") == 0
    drew = re.search(r"Drew (\d+) tasks", capsys.readouterr().out)
    assert drew and 0 < int(drew.group(1)) < 32


def test_a_chart_it_drew_is_replaced_any_other_file_is_left_alone(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = tmp_path / "plan.png"
    assert _chart(demo_db, ours) == 0
    assert _chart(demo_db, ours, "--critical-only") == 0  # our own chart: replaced
    theirs = tmp_path / "holiday.png"
    theirs.write_bytes(b"\x89PNG\r\n\x1a\nsomebody's photo")
    capsys.readouterr()
    assert _chart(demo_db, theirs) == 8
    err = capsys.readouterr().err
    assert "not a chart ReleaseDesk drew" in err and len(err.splitlines()) == 1
    assert theirs.read_bytes() == b"\x89PNG\r\n\x1a\nsomebody's photo"


def test_the_open_workspace_is_never_written(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path(demo_db).read_bytes()
    assert main(["plan", "chart", "--release", RELEASE, "--out", demo_db, "--db", demo_db]) == 8
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert Path(demo_db).read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--out", "{tmp}/plan.jpg"], 8, "name a .png, .svg or .pdf file"),
        (["--out", "{tmp}/plan"], 8, "no extension"),
        (["--out", "{tmp}"], 8, ".png, .svg or .pdf"),
        (["--release", "No such release", "--out", "{tmp}/x.png"], 4, "No release named"),
    ],
)
def test_refusals_are_one_line_and_a_non_zero_exit(
    demo_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    words: str,
) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--release" not in argv:
        argv = ["--release", RELEASE, *argv]
    assert main(["plan", "chart", *argv, "--db", demo_db]) == code
    err = capsys.readouterr().err
    assert words in err and len(err.splitlines()) == 1
    assert not list(tmp_path.glob("*.png"))


def test_release_and_out_are_required(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "chart", "--release", RELEASE, "--db", demo_db]) == 2
    assert "--out" in capsys.readouterr().err
