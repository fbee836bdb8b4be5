"""``releasedesk risks`` and ``releasedesk issues`` through the command line's parsing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from app import cli


def test_add_then_list_as_json(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(
        ["risks", "add", "--db", demo_db, "--release", "Payouts API 3.4", "--title",
         "=Card scheme mandate slips", "--probability", "4", "--impact", "5"]
    )  # fmt: skip
    assert code == 0
    assert "score 20" in capsys.readouterr().out
    assert cli.main(["risks", "list", "--db", demo_db, "--release", "Payouts API", "--json"]) == 0
    risks = json.loads(capsys.readouterr().out)["risks"]
    [added] = [r for r in risks if r["title"] == "=Card scheme mandate slips"]
    assert (added["score"], added["status"], added["stale"]) == (20, "open", False)
    assert {r["release_title"] for r in risks} == {"Payouts API 3.4"}


def test_list_as_text_and_issues(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["risks", "list", "--db", demo_db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Score  Title") and "needing review." in out
    assert cli.main(["issues", "list", "--db", demo_db, "--json"]) == 0
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert issues and any(i["risk_id"] for i in issues) and any(i["overdue"] for i in issues)


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["risks", "add", "--release", "Payouts API", "--title", "T", "--probability", "7",
          "--impact", "1"], 2, "probability must be a whole number from 1 to 5"),
        (["risks", "add", "--release", "Payouts API", "--title", " ", "--probability", "1",
          "--impact", "1"], 2, "title cannot be empty"),
        (["risks", "add", "--release", "Nope", "--title", "T", "--probability", "1",
          "--impact", "1"], 4, "No release named 'Nope'"),
        (["risks", "export", "--out", "risks.pdf"], 2, "must end in .csv or .xlsx"),
        (["issues", "list", "--release", "Nope"], 4, "No release named"),
    ],
)  # fmt: skip
def test_refusals(
    demo_db: str, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    assert cli.main([*argv, "--db", demo_db]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_export_never_overwrites(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "risks.xlsx"
    assert cli.main(["risks", "export", "--db", demo_db, "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["Risks"]
    assert sheet["A1"].value == "Title" and sheet.freeze_panes == "A2" and sheet.max_row > 10
    assert cli.main(["risks", "export", "--db", demo_db, "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    issues = tmp_path / "issues.csv"
    assert cli.main(["issues", "export", "--db", demo_db, "--out", str(issues)]) == 0
    with issues.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["Title", "Release", "Domain"] and len(rows) > 2
    assert cli.main(["issues", "export", "--db", demo_db, "--out", demo_db + ".csv"]) == 0
    assert cli.main(["risks", "export", "--db", demo_db, "--out", demo_db]) == 2
