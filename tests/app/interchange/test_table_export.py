"""CSV and XLSX exports of a table, read back: header, filters, dates, injection guard."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from app.errors import PlanFileError, ValidationError
from app.interchange.table_export import export_table, neutralised

HEADERS = ["Title", "Score", "Proximity", "Reviewed"]
ROWS = [
    ['=HYPERLINK("http://x","click")', 20, dt.date(2026, 12, 3), dt.datetime(2026, 11, 20, 9, 5)],
    ["+1 vendor late", -3, None, None],
    ["-minus", 4, None, None],
    ["@SUM(A1)", 1, None, None],
    ["\tTabbed", 2, None, None],
    ["\rReturn", 2, None, None],
    ["Plain title", 9, None, None],
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("safe = fine", "safe = fine"),
        (-5, -5),
    ],
)
def test_formula_triggers_become_text(text: object, expected: object) -> None:
    assert neutralised(text) == expected


def test_xlsx_is_a_real_table(tmp_path: Path) -> None:
    path = export_table(tmp_path / "risks.xlsx", HEADERS, ROWS, title="Risks")
    book = openpyxl.load_workbook(path)
    sheet = book["Risks"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.auto_filter.ref == "A1:D8"
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].value == '\'=HYPERLINK("http://x","click")'
    assert sheet["A2"].data_type == "s"
    assert [sheet[f"A{r}"].value[0] for r in range(3, 8)] == ["'"] * 5
    assert sheet["A8"].value == "Plain title"
    assert sheet["B3"].value == -3  # numbers stay numbers, negative too
    assert sheet["C2"].value == dt.datetime(2026, 12, 3)  # a date cell, not text
    assert sheet["C2"].is_date
    assert sheet["D2"].value == dt.datetime(2026, 11, 20, 9, 5)


def test_csv_reads_back_neutralised(tmp_path: Path) -> None:
    path = export_table(tmp_path / "risks.csv", HEADERS, ROWS)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == HEADERS
    assert rows[1] == ['\'=HYPERLINK("http://x","click")', "20", "2026-12-03", "2026-11-20 09:05"]
    assert [r[0][0] for r in rows[2:7]] == ["'"] * 5
    assert rows[7] == ["Plain title", "9", "", ""]


def test_existing_file_is_never_overwritten_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("mine")
    with pytest.raises(ValidationError, match="already exists"):
        export_table(path, HEADERS, ROWS)
    assert path.read_text() == "mine"
    export_table(path, HEADERS, ROWS, replace=True)
    assert path.read_text(encoding="utf-8-sig").startswith("Title,")


def test_unknown_suffix_and_workspace_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"\.csv or \.xlsx"):
        export_table(tmp_path / "risks.pdf", HEADERS, ROWS)
    db = tmp_path / "w.xlsx"
    with pytest.raises(PlanFileError, match="workspace that is open"):
        export_table(db, HEADERS, ROWS, protected=[db])
    assert not db.exists()
