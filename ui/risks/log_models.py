"""The risk and issue tables: service rows mapped to roles; stale and overdue rows tinted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from app import clock
from app.charts.risk_heatmap import BAND_COLOURS
from app.dates_text import day
from app.risk_scores import band
from app.services.issue_service import IssueRow
from app.services.risk_service import RiskRow
from ui import theme
from ui.editor.row_table_model import (
    AnyIndex,
    Column,
    IdRole,
    RowRole,
    RowTableModel,
    capitalized,
    stamp,
)

SortRole = Qt.ItemDataRole.UserRole + 3
# Roles as plain ints: data() runs for every role of every painted cell.
_DISPLAY, _TIP, _BACK, _FORE, _FONT, _ALIGN, _SORT = (
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        SortRole,
    )
)
_STYLE_ROLES = frozenset({_BACK, _FORE, _FONT, _ALIGN})
_ANSWERED = _STYLE_ROLES | {_DISPLAY, _TIP, _SORT, int(RowRole), int(IdRole)}
_CENTRED = Qt.AlignmentFlag.AlignCenter
# The score cell: the heat map's colour of its band, dark text on it (made once).
_SCORE_BACK = [QColor(BAND_COLOURS[band(max(n, 1))]) for n in range(26)]
_SCORE_INK = QColor("#1f2430")
Look = tuple[Any, tuple[str, ...], str, int]  # (row, texts, why flagged, flag column)


def _day(value: Any) -> str:
    return day(value) if value else "—"


def _score_tip(row: RiskRow) -> str:
    return f"Probability {row.probability} × impact {row.impact} = {row.score}"


def _task_count(row: RiskRow) -> str:
    return str(len(row.task_names)) if row.task_names else "—"


def _task_tip(row: RiskRow) -> str:
    if not row.task_names:
        return "Threatens no task yet (Threatened tasks… links them)"
    return "Threatens: " + ", ".join(row.task_names)


def _affected_tip(row: IssueRow) -> str:
    if not row.affected:
        return "Affects no task or deployment yet (Affects… links them)"
    return "Affects: " + "; ".join(row.affected)


class _LogModel(RowTableModel):
    """A log table: ``keys[i](row)`` sorts column i; ``flagged(row)`` tints a row.

    ``widths[i]`` is column i's width; a negative one, -n, takes n shares of the spare
    width (long text, elided). When the table is too narrow for them all, the columns
    in ``drop_order`` are hidden, in that order.
    """

    keys: ClassVar[tuple[Any, ...]] = ()
    widths: ClassVar[tuple[int, ...]] = ()
    drop_order: ClassVar[tuple[int, ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._looks: dict[int, Look] = {}  # id(row) → its look, once per loaded row
        self._tint: tuple[theme.Colours, QColor, QColor] | None = None
        self._bold: QFont | None = None

    def flagged(self, row: Any) -> str:
        """Why the row stands out ("" when it does not)."""
        return ""

    def flag_column(self, row: Any) -> int:
        """The column of a flagged row whose date is the reason (shown bold, amber)."""
        return -1

    def forget_looks(self) -> None:
        """Drop the texts worked out for earlier rows (a new set of rows was read)."""
        self._looks.clear()

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows``. A filter hands back the very row objects it was given, so a
        keystroke that keeps the same rows costs one identity check per row (comparing
        10,000 rows field by field, as a refresh must, would take most of it)."""
        rows = list(rows)
        if len(rows) == len(self._rows) and all(
            a is b for a, b in zip(rows, self._rows, strict=True)
        ):
            return
        if [r.id for r in rows] == [r.id for r in self._rows]:
            super().set_rows(rows)  # the same rows, read again: update them in place
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def look(self, n: int) -> Look:
        """Row ``n``'s texts and why it stands out, worked out the first time the row
        is painted and kept while it stays loaded (a repaint or a filter that shows it
        again only looks them up)."""
        row = self._rows[n]
        found = self._looks.get(id(row))
        if found is None or found[0] is not row:  # an id a gone row had is reused
            why = self.flagged(row)
            texts = tuple(column.text(row) for column in self.columns)
            found = self._looks[id(row)] = (row, texts, why, self.flag_column(row) if why else -1)
        return found

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED:  # most of the seven roles a painted cell asks for
            return None
        n = index.row()  # -1 for an invalid index
        if not 0 <= n < len(self._rows):
            return None
        if role == _DISPLAY:
            return self.look(n)[1][index.column()]
        if role in _STYLE_ROLES:
            return self.style(self.look(n), index.column(), role)
        if role == _SORT:
            return self.keys[index.column()](self._rows[n])
        if role == _TIP:
            _row, _texts, why, _column = self.look(n)
            tip = super().data(index, role)
            return f"{tip}\n{why}" if why else tip
        return super().data(index, role)  # the row or its id

    def style(self, look: Look, column: int, role: int) -> Any:
        """A cell's background, foreground, font or alignment (None: the table's)."""
        _row, _texts, why, flag_column = look
        if not why:
            return None
        if role == _BACK:
            return self._warning()[0]
        if column != flag_column:
            return None
        if role == _FORE:
            return self._warning()[1]
        if role == _FONT:
            if self._bold is None:  # made on use: a QFont wants the application
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        return None

    def _warning(self) -> tuple[QColor, QColor]:
        """The warning badge's tint and text, made again only when the theme changes."""
        colours = theme.colours()
        if self._tint is None or self._tint[0] is not colours:
            self._tint = (colours, *theme.badge(colours, warning=True))
        return self._tint[1], self._tint[2]


class RiskTableModel(_LogModel):
    """The risk log: one row per risk; a stale one is tinted and says why."""

    widths: ClassVar[tuple[int, ...]] = (58, -3, 130, 104, 30, 30, 112, 86, 94, 94, 54, -2)
    # domain, reviewed, tasks, mitigation, owner
    drop_order: ClassVar[tuple[int, ...]] = (3, 9, 10, 11, 6)

    columns = (
        Column("Score", lambda r: str(r.score), tooltip=_score_tip),
        Column("Title", lambda r: r.title, stretch=True),
        Column("Release", lambda r: r.release_title or "—"),
        Column("Domain", lambda r: r.domain or "—"),
        Column("P", lambda r: str(r.probability), tooltip=lambda r: "Probability (1-5)"),
        Column("I", lambda r: str(r.impact), tooltip=lambda r: "Impact (1-5)"),
        Column("Owner", lambda r: r.owner_name or "—"),
        Column("Status", lambda r: capitalized(r.status)),
        Column("Proximity", lambda r: _day(r.proximity)),
        Column(
            "Reviewed",
            lambda r: _day(
                clock.to_local(r.last_reviewed_at).date() if r.last_reviewed_at else None
            ),
            tooltip=lambda r: f"Last reviewed {stamp(r.last_reviewed_at)}",
        ),
        Column("Tasks", _task_count, tooltip=_task_tip),
        Column("Mitigation", lambda r: r.mitigation),
    )
    keys = (
        lambda r: r.score,
        lambda r: r.title.lower(),
        lambda r: r.release_title.lower(),
        lambda r: r.domain.lower(),
        lambda r: r.probability,
        lambda r: r.impact,
        lambda r: r.owner_name.lower(),
        lambda r: r.status.value,
        lambda r: r.proximity.toordinal() if r.proximity else 0,
        lambda r: r.last_reviewed_at.timestamp() if r.last_reviewed_at else 0.0,
        lambda r: len(r.task_names),
        lambda r: r.mitigation.lower(),
    )

    def flagged(self, row: RiskRow) -> str:
        return row.stale_reason

    def flag_column(self, row: RiskRow) -> int:
        return 8 if row.proximity is not None and "proximity" in row.stale_reason else 9

    def style(self, look: Look, column: int, role: int) -> Any:
        if column == 0:  # the heat map's colour of the score
            if role == _BACK:
                return _SCORE_BACK[look[0].score]
            if role == _FORE:
                return _SCORE_INK
            if role == _ALIGN:
                return _CENTRED
        return super().style(look, column, role)


class IssueTableModel(_LogModel):
    """The issue log: one row per issue; an overdue one is tinted."""

    widths: ClassVar[tuple[int, ...]] = (76, -3, 130, 112, 94, 86, 170, 170, 64, -2)
    drop_order: ClassVar[tuple[int, ...]] = (7, 6, 8)  # resolved, from risk, affects

    columns = (
        Column("Severity", lambda r: capitalized(r.severity)),
        Column("Title", lambda r: r.title, stretch=True),
        Column("Release", lambda r: r.release_title or "—"),
        Column("Owner", lambda r: r.owner_name or "—"),
        Column("Due", lambda r: _day(r.due_date)),
        Column("Status", lambda r: capitalized(r.status)),
        Column("From risk", lambda r: r.risk_title or "—"),
        Column(
            "Resolved",
            lambda r: f"{stamp(r.resolved_at)} by {r.resolved_by}" if r.resolved_at else "—",
        ),
        Column(
            "Affects", lambda r: str(len(r.affected)) if r.affected else "—", tooltip=_affected_tip
        ),
        Column("Corrective action", lambda r: r.corrective_action),
    )
    _SEVERITY: ClassVar[dict[str, int]] = {"low": 0, "medium": 1, "high": 2, "critical": 3}
    keys = (
        lambda r: IssueTableModel._SEVERITY[r.severity.value],
        lambda r: r.title.lower(),
        lambda r: r.release_title.lower(),
        lambda r: r.owner_name.lower(),
        lambda r: r.due_date.toordinal() if r.due_date else 0,
        lambda r: r.status.value,
        lambda r: r.risk_title.lower(),
        lambda r: r.resolved_at.timestamp() if r.resolved_at else 0.0,
        lambda r: len(r.affected),
        lambda r: r.corrective_action.lower(),
    )

    def flagged(self, row: IssueRow) -> str:
        return "Overdue: past its due date and not resolved." if row.overdue else ""

    def flag_column(self, row: IssueRow) -> int:
        return 4  # due
