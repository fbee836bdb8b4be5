"""The coordination calendar: every domain's releases, deployments, bookings, freezes,
holidays, milestones and deadlines on one painted timeline (or a month grid), with
the conflicts among them listed beside it and marked on the items.

Dragging an item moves it (its end resizes it) as an undoable command; while it moves,
the conflicts it would create show at once. Colleagues' changes arrive through the hub.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.changes import Change
from app.conflicts.conflict import Conflict
from app.conflicts.recurrence import shifted
from app.dates_text import moment
from app.errors import ReleaseDeskError
from app.services import freeze_service
from ui.calendar import calendar_source
from ui.calendar.bars import BANDS, BLACKOUT, BOOKING, FREEZE, Bar, local, stored
from ui.calendar.calendar_source import CalendarData
from ui.calendar.calendar_toolbar import CalendarToolbar
from ui.calendar.conflict_panel import ConflictPanel
from ui.calendar.month_grid import MonthGrid
from ui.calendar.timeline_canvas import TimelineCanvas
from ui.calendar.timeline_layout import ZOOMS, lay_out
from ui.calendar.window_forms import booking_form, freeze_form, open_form
from ui.undo.calendar_commands import (
    BOOKINGS,
    FREEZES,
    RowKind,
    delete_row,
    move_item,
    move_window,
)
from ui.view_registry import ViewContext

MONTHS_SHOWN = 7
KEYS = (
    ("Ctrl+← / Ctrl+→", "Move the selected item a step earlier or later"),
    ("Ctrl+Shift+← / Ctrl+Shift+→", "Move the selected item's end"),
    ("Enter", "Edit the selected item"),
    ("Delete", "Delete the selected booking or freeze window"),
)
# Changes to these entities can move, add or remove what the calendar shows.
INPUTS = frozenset(
    {
        "release",
        "deployment",
        "calendar_exception",
        "environment_booking",
        "domain",
        "environment",
        "task",
        "release_dependency",
        "promotion_step",
        "calendar",
        "person",
        "release_package",
    }
)


def month_start(day: dt.date, months: int = 0) -> dt.date:
    """The first day of the month ``months`` after ``day``'s."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


class CalendarView(QWidget):
    """The calendar view (registered in :mod:`ui.views`)."""

    status_message = Signal(str)

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data = CalendarData(dt.datetime(2000, 1, 1), dt.datetime(2000, 1, 2))
        self.first = month_start(clock.today(), -1)
        self.grid_month = month_start(clock.today())
        self.selected: set[str] = set()
        self.toolbar = CalendarToolbar()
        for combo, key in self._remembered():
            saved = ctx.settings.text(key, str(combo.currentData()))
            found = [i for i in range(combo.count()) if str(combo.itemData(i)) == saved]
            combo.setCurrentIndex(found[0] if found else combo.currentIndex())
        self.canvas = TimelineCanvas()
        self.grid = MonthGrid()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.canvas)
        self.pages.addWidget(self.grid)
        self.panel = ConflictPanel()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.pages)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 1)
        split.setSizes([900, 300])
        split.setChildrenCollapsible(False)
        self.panel.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        layout.addWidget(split, 1)
        self._refresh_timer = QTimer(self, singleShot=True, interval=120)
        self._refresh_timer.timeout.connect(self.refresh)
        self.canvas.check_move = self.new_conflicts_if_moved
        self.canvas.describe_conflicts = self._sentences_of
        self.toolbar.changed.connect(self._on_toolbar_changed)
        self.toolbar.shift.connect(self._on_toolbar_shift)
        self.toolbar.new_freeze.connect(self.new_freeze)
        self.toolbar.new_booking.connect(self.new_booking)
        self.canvas.item_clicked.connect(self._on_item_clicked)
        self.canvas.item_activated.connect(self.edit_item)
        self.canvas.move_requested.connect(self.move)
        self.canvas.menu_requested.connect(self._on_canvas_menu_requested)
        self.canvas.delete_requested.connect(self.delete_item)
        self.grid.item_clicked.connect(self._on_item_clicked)
        self.grid.item_activated.connect(self.edit_item)
        self.grid.check_move = self.new_conflicts_if_moved
        self.grid.move_requested.connect(self.move)
        self.panel.conflict_chosen.connect(self.show_conflict)
        self.panel.fix_requested.connect(self.apply_fix)
        self.ctx.hub.changed.connect(self._on_hub_changed)
        self.refresh()
        QTimer.singleShot(0, self.scroll_to_today)

    # -- loading -------------------------------------------------------------------------
    def range(self) -> tuple[dt.datetime, dt.datetime]:
        """The local range loaded: the months the timeline or the grid shows."""
        if self.toolbar.mode.currentData() == "grid":
            first = self.grid_month - dt.timedelta(days=self.grid_month.weekday())
            return dt.datetime.combine(first, dt.time()), dt.datetime.combine(
                first + dt.timedelta(days=42), dt.time()
            )
        end = month_start(self.first, MONTHS_SHOWN)
        return dt.datetime.combine(self.first, dt.time()), dt.datetime.combine(end, dt.time())

    def refresh(self) -> None:
        """Read the range again and show it."""
        start, end = self.range()
        try:
            self.data = calendar_source.load(self.ctx.workspace, start, end)
        except ReleaseDeskError as exc:
            self.ctx.runner.report(exc)
            return
        self.toolbar.set_choices(
            [(name, key) for key, name, _c in self.data.domain_lanes if key is not None],
            [(name, key) for key, name, _c in self.data.environment_lanes if key is not None],
        )
        self.show_data()

    def shown_bars(self) -> list[Bar]:
        """The loaded bars the filters let through."""
        kinds = self.toolbar.shown_kinds()
        domain = self.toolbar.domain.currentData()
        env = self.toolbar.environment.currentData()
        out = []
        for bar in self.data.bars:
            if bar.filter_kind not in kinds:
                continue
            everywhere = bar.kind in BANDS  # a band for every domain or environment stays
            if (
                domain is not None
                and bar.domain_id != domain
                and not (everywhere and bar.domain_id is None)
            ):
                continue
            if (
                env is not None
                and bar.environment_id != env
                and not (everywhere and bar.environment_id is None)
            ):
                continue
            out.append(bar)
        return out

    def show_data(self) -> None:
        """Lay out and paint the loaded data with the toolbar's choices."""
        bars = self.shown_bars()
        grid = self.toolbar.mode.currentData() == "grid"
        conflicted = {i.id for c in self.data.conflicts for i in c.items}
        shown = {b.key for b in bars}
        self.panel.set_conflicts(
            [c for c in self.data.conflicts if any(i.id in shown for i in c.items)]
        )
        start, end = self.range()
        if grid:
            self.pages.setCurrentWidget(self.grid)
            self.grid.conflicted, self.grid.selected = conflicted, self.selected
            self.grid.set_month(self.grid_month, bars)
            self.toolbar.period.setText(
                f"{calendar.month_name[self.grid_month.month]} {self.grid_month.year}"
            )
            return
        self.pages.setCurrentWidget(self.canvas)
        zoom = self.toolbar.zoom.currentData()
        by_env = bool(self.toolbar.lanes.currentData())
        lanes = self.data.environment_lanes if by_env else self.data.domain_lanes
        lay = lay_out(
            bars, start, (end - start).days, ZOOMS[zoom], by_environment=by_env, lane_order=lanes
        )
        self.canvas.set_layout(lay, zoom)
        self.canvas.set_marks(
            conflicted=conflicted, selected=self.selected, today=clock.local_now()
        )
        last = end - dt.timedelta(days=1)
        self.toolbar.period.setText(
            f"{calendar.month_name[start.month]} {start.year} – "
            f"{calendar.month_name[last.month]} {last.year}"
        )

    def _remembered(self) -> tuple[tuple[QComboBox, str], ...]:
        """The toolbar choices kept between sessions, with their settings keys."""
        t = self.toolbar
        return ((t.mode, "calendar/mode"), (t.zoom, "calendar/zoom"), (t.lanes, "calendar/lanes"))

    def _on_toolbar_changed(self) -> None:
        for combo, key in self._remembered():
            self.ctx.settings.set_text(key, str(combo.currentData()))
        keep = self.canvas.layout_.time_at(self.canvas.horizontalScrollBar().value() + 168)
        was_grid = self.pages.currentWidget() is self.grid
        if was_grid != (self.toolbar.mode.currentData() == "grid"):
            self.refresh()
        else:
            self.show_data()
        if self.toolbar.mode.currentData() != "grid":
            self.canvas.scroll_to_time(keep, 0.0)

    def _on_toolbar_shift(self, step: int) -> None:
        if step == 0:
            self.first = month_start(clock.today(), -1)
            self.grid_month = month_start(clock.today())
        elif self.toolbar.mode.currentData() == "grid":
            self.grid_month = month_start(self.grid_month, step)
        else:
            self.first = month_start(self.first, step)
        self.refresh()
        if step == 0:
            self.scroll_to_today()

    def scroll_to_today(self) -> None:
        self.canvas.scroll_to_time(clock.local_now(), 0.12)

    def _on_hub_changed(self, changes: tuple[Change, ...]) -> None:
        if any(c.entity in INPUTS for c in changes):
            self._refresh_timer.start()

    # -- selection and conflicts ---------------------------------------------------------
    def _on_item_clicked(self, key: str) -> None:
        self.select({key} if key else set())
        sentences = self._sentences_of(key)
        if sentences:
            self.status_message.emit(sentences[0])

    def select(self, keys: set[str]) -> None:
        self.selected = keys
        self.canvas.set_marks(selected=keys)
        self.grid.selected = keys
        self.grid.update()

    def _sentences_of(self, key: str) -> list[str]:
        return [c.sentence for c in self.data.conflicts if any(i.id == key for i in c.items)]

    def show_conflict(self, conflict: Conflict) -> None:
        """Select the conflict's items and bring the first into view."""
        keys = [i.id for i in conflict.items]
        self.select(set(keys))
        if self.pages.currentWidget() is self.canvas:
            self.canvas.scroll_to(keys[0])
        else:
            first = min(i.start for i in conflict.items)
            self.grid_month = month_start(clock.to_local(first).date())
            self.refresh()
        self.status_message.emit(conflict.sentence)

    def new_conflicts_if_moved(self, bar: Bar) -> list[str]:
        """The sentences of conflicts ``bar`` (moved) would have that it has not now."""
        return calendar_source.new_conflicts(self.data, bar)

    # -- edits ---------------------------------------------------------------------------
    def move(self, bar: Bar, start: dt.datetime, end: dt.datetime) -> bool:
        """Move (or resize) an item to local ``start``–``end`` as one undoable step; a
        freeze or blackout window's row moves by as much (every occurrence of a
        repeated one)."""
        assert bar.row_id is not None
        ws = self.ctx.workspace
        if bar.kind in BANDS:  # its row's first window and rule move by as much
            row = freeze_service.get_freeze(ws, bar.row_id)
            by = start - bar.start
            window = (
                stored(local(row.start) + by),
                stored(local(row.finish) + (end - bar.end)),
                shifted(row.rrule, by),
            )
            what = "every occurrence of " if bar.recurring else ""
            text = f"Move {what}'{bar.title}' to {moment(start)}"
            return self.ctx.runner.run(move_window(ws, row, bar.version, window, text))
        old, new = (stored(bar.start), stored(bar.end)), (stored(start), stored(end))
        return self.ctx.runner.run(
            move_item(ws, bar.title, bar.table, bar.row_id, bar.version, old, new)
        )

    def apply_fix(self, conflict: Conflict) -> bool:
        """Apply a conflict's suggested fix as one undoable step."""
        fix = conflict.fix
        bar = next((b for b in self.data.bars if b.key == (fix.item_id if fix else "")), None)
        if fix is None or bar is None:
            return False
        new = (_naive_utc(fix.start), _naive_utc(fix.end))
        command = move_item(
            self.ctx.workspace,
            bar.title,
            fix.table,
            fix.row_id,
            bar.version,
            (stored(bar.start), stored(bar.end)),
            new,
            f"Fix: {fix.sentence}",
        )
        return self.ctx.runner.run(command)

    def new_freeze(self) -> bool:
        return open_form(freeze_form(self.ctx, parent=self))

    def new_booking(self, environment_id: uuid.UUID | None = None) -> bool:
        return open_form(booking_form(self.ctx, parent=self, environment_id=environment_id))

    def panes(self) -> list[QWidget]:
        """The calendar's panes in F6 order: the controls, the timeline, the conflicts."""
        return [self.toolbar, self.pages.currentWidget(), self.panel.list]

    def key_help(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The calendar's own keys for the shortcuts sheet."""
        return "On the calendar", KEYS

    def _bar(self, key: str) -> Bar | None:
        return next((b for b in self.data.bars if b.key == key), None)

    def _on_canvas_menu_requested(self, key: str, where: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction("Edit…", lambda: self.edit_item(key))
        bar = self._bar(key)
        if bar is not None and row_kind(bar) is not None:
            menu.addAction("Delete", lambda: self.delete_item(key))
        menu.exec(where)

    def delete_item(self, key: str) -> bool:
        """Delete a booking or a freeze or blackout window (undoable)."""
        bar = self._bar(key)
        kind = row_kind(bar) if bar is not None else None
        if bar is None or kind is None or bar.row_id is None:
            return False
        try:
            row = kind.get(self.ctx.workspace, bar.row_id)
        except ReleaseDeskError as exc:
            self.ctx.runner.report(exc)
            return False
        return self.ctx.runner.run(delete_row(self.ctx.workspace, kind, row))

    def edit_item(self, key: str) -> None:
        """Open what edits the item: a window's or booking's form, a release's editor."""
        bar = self._bar(key)
        if bar is None or bar.row_id is None:
            return
        try:
            kind = row_kind(bar)
            if kind is not None:
                form = booking_form if kind is BOOKINGS else freeze_form
                open_form(form(self.ctx, kind.get(self.ctx.workspace, bar.row_id), self))
            elif bar.release_id is not None:
                self.ctx.open_release(bar.release_id)
            else:
                QMessageBox.information(self, bar.title, self.canvas.describe(bar))
        except ReleaseDeskError as exc:
            self.ctx.runner.report(exc)


def row_kind(bar: Bar) -> RowKind | None:
    """The kind of row a bar's own form edits (a booking, a freeze or blackout)."""
    if bar.kind == BOOKING:
        return BOOKINGS
    if bar.table == "calendar_exception" and bar.kind in (FREEZE, BLACKOUT):
        return FREEZES
    return None


def _naive_utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment
