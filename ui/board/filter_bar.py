"""The rows above the board: free text, domain, owner, date range, swimlanes; then the
quick-filter chips and how many cards the filters leave."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from ui.board.board_filter import CHIPS, BoardFilter
from ui.combo import select
from ui.icons import icon

NO_DATE = QDate(2000, 1, 1)


def _dot(colour: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(colour))
    return QIcon(pix)


class FilterBar(QWidget):
    """Emits ``filter_changed`` with a :class:`BoardFilter` on every edit."""

    filter_changed = Signal(object)
    swimlanes_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.text = QLineEdit(placeholderText="Filter releases…")
        self.text.setClearButtonEnabled(True)
        self.text.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        self.text.setMinimumWidth(120)
        self.text.setToolTip("Name, version, domain or owner (Ctrl+F)")
        # Narrow enough that the board leaves the release editor beside it its share.
        self.domain = _combo()
        self.owner = _combo()
        self.date_from = self._date_edit("From")
        self.date_to = self._date_edit("To")
        self.lanes = QToolButton(text="Swimlanes", checkable=True)
        self.lanes.setIcon(icon("swimlanes"))
        self.lanes.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.lanes.setToolTip("One row per domain")
        self.chips: dict[str, QToolButton] = {}
        for key, label, tip in CHIPS:
            chip = QToolButton(text=label, checkable=True)
            chip.setObjectName("filterChip")
            chip.setToolTip(tip)
            chip.toggled.connect(self._on_any_changed)
            self.chips[key] = chip
        self.shown = QLabel()
        self.shown.setObjectName("hint")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 4)
        outer.setSpacing(6)
        layout = QHBoxLayout()
        layout.setSpacing(8)
        outer.addLayout(layout)
        chip_row = QHBoxLayout()
        chip_row.setSpacing(6)
        for chip in self.chips.values():
            chip_row.addWidget(chip)
        chip_row.addStretch(1)
        chip_row.addWidget(self.shown)
        outer.addLayout(chip_row)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.domain)
        layout.addWidget(self.owner)
        layout.addWidget(QLabel("Window"))
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.date_to)
        layout.addStretch(1)
        layout.addWidget(self.lanes)
        self.set_domains([])
        self.set_owners([])
        self.text.textChanged.connect(self._on_any_changed)
        self.domain.currentIndexChanged.connect(self._on_any_changed)
        self.owner.currentIndexChanged.connect(self._on_any_changed)
        self.date_from.dateChanged.connect(self._on_any_changed)
        self.date_to.dateChanged.connect(self._on_any_changed)
        self.lanes.toggled.connect(self.swimlanes_toggled)

    def _date_edit(self, hint: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yy")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("Any")
        edit.setDate(NO_DATE)
        edit.setToolTip(f"{hint} date of the planned window (Any: no limit)")
        edit.calendarWidget().installEventFilter(_OpensAtToday(edit))
        return edit

    def set_domains(self, domains: Sequence[tuple[uuid.UUID, str, str]]) -> None:
        """Offer ``(id, name, colour)`` domains, keeping the current choice if possible."""
        current = self.domain.currentData()
        self.domain.blockSignals(True)
        self.domain.clear()
        self.domain.addItem("All domains", None)
        for ident, name, colour in domains:
            self.domain.addItem(_dot(colour), name, ident)
        select(self.domain, current)
        self.domain.blockSignals(False)

    def set_owners(self, owners: Sequence[tuple[uuid.UUID, str]]) -> None:
        current = self.owner.currentData()
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem("All owners", None)
        for ident, name in owners:
            self.owner.addItem(name, ident)
        select(self.owner, current)
        self.owner.blockSignals(False)

    def current(self) -> BoardFilter:
        return BoardFilter(
            text=self.text.text().strip(),
            domain_id=self.domain.currentData(),
            owner_id=self.owner.currentData(),
            date_from=_date(self.date_from),
            date_to=_date(self.date_to),
            chips=frozenset(k for k, chip in self.chips.items() if chip.isChecked()),
        )

    def set_shown(self, shown: int, total: int, filtered: bool) -> None:
        """Say how many of the ``total`` cards the filters leave (nothing when unfiltered)."""
        self.shown.setText(f"{shown} of {total} shown" if filtered else "")

    def clear(self) -> None:
        """Back to the empty filter (one ``filter_changed``)."""
        widgets = (self.text, self.domain, self.owner, self.date_from, self.date_to)
        for w in (*widgets, *self.chips.values()):
            w.blockSignals(True)
        self.text.clear()
        self.domain.setCurrentIndex(0)
        self.owner.setCurrentIndex(0)
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        for chip in self.chips.values():
            chip.setChecked(False)
        for w in (*widgets, *self.chips.values()):
            w.blockSignals(False)
        self._on_any_changed()

    def _on_any_changed(self, *_args: object) -> None:
        self.filter_changed.emit(self.current())


class _OpensAtToday(QObject):
    """Shows today's month when the calendar of an "Any" date opens (not January 2000,
    the value that stands for "Any")."""

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._edit.date() == NO_DATE:
            today = clock.today()
            watched.setCurrentPage(today.year, today.month)  # type: ignore[attr-defined]
        return False


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _date(edit: QDateEdit) -> dt.date | None:
    value = edit.date()
    return None if value == NO_DATE else dt.date(value.year(), value.month(), value.day())
