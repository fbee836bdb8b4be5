"""Any table a coordinator sees, written as CSV or as a real XLSX table.

Generic and Qt-free: callers give headers and rows (plain values: text, numbers, dates,
datetimes, None), so the risk log, the issue log, change requests and the CLI all write
the same files. An XLSX gets a header row with filters, a frozen header, dates stored
as dates and columns wide enough to read.

Formula injection: a text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return would run as a formula when a spreadsheet opens the file (a risk titled
``=HYPERLINK(...)``). Such text is written with a leading apostrophe, in both formats,
so it reads as the text it is.

A file that already exists is refused unless the caller says it may be replaced (the
window's save dialog asked the user); a script never overwrites a file it did not create.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from app.errors import ValidationError
from app.interchange.file_output import write_replacing

FORMATS = ("csv", "xlsx")
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_WIDEST = 60  # characters: a long description wraps in the cell, not across the screen
_SAMPLED = 500  # rows measured for column widths


def neutralised(value: Any) -> Any:
    """``value``, with text that a spreadsheet would run as a formula made plain text."""
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def export_format(path: str | os.PathLike[str]) -> str:
    """``csv`` or ``xlsx`` from the file name; anything else is refused."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValidationError(
            f"Cannot export to {Path(path).name}: the file name must end in .csv or .xlsx."
        )
    return suffix


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The table as UTF-8 CSV (with a byte-order mark, so Excel reads accents right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralised(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_text(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(neutralised(value))


def xlsx_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "Table"
) -> bytes:
    """The table as an XLSX workbook of one sheet named ``title``."""
    from openpyxl import Workbook  # imported on use: the window starts without it
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(title)
    book.properties.creator = "ReleaseDesk"
    sheet.append([str(neutralised(h)) for h in headers])
    widths = [len(str(h)) for h in headers]
    count = 0
    for count, row in enumerate(rows, start=1):
        sheet.append([_xlsx_value(v) for v in row])
        if count <= _SAMPLED:
            widths = [max(w, _shown_width(v)) for w, v in zip(widths, row, strict=False)]
    for cells in sheet.iter_rows(min_row=2, values_only=False):
        for cell in cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, _WIDEST)
    last = get_column_letter(max(len(headers), 1))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # XLSX has no zones: the caller's local time
    return neutralised(value)


def _shown_width(value: Any) -> int:
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return len(str(value)) if value is not None else 0


def _sheet_title(title: str) -> str:
    cleaned = "".join(c for c in title if c not in "[]:*?/\\").strip()
    return (cleaned or "Table")[:31]


def export_table(
    path: str | os.PathLike[str],
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "Table",
    replace: bool = False,
    protected: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write the table to ``path`` (CSV or XLSX by its suffix) in one step.

    An existing file is refused unless ``replace``; ``protected`` are database files an
    export must never write over (the open workspace). Returns the path written.
    """
    target = Path(path)
    kind = export_format(target)
    if not replace and target.exists():
        raise ValidationError(
            f"{target} already exists; choose another file name (an export never "
            "writes over a file it did not create)."
        )
    data = csv_bytes(headers, rows) if kind == "csv" else xlsx_bytes(headers, rows, title)
    write_replacing(target, data, protected)
    return target
