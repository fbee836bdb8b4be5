"""The rows above the board: free text, domain, owner, date range, swimlanes; then the
quick-filter chips and how many cards the filters leave."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
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

from ui.any_date import NO_DATE, any_date_edit, date_of
from ui.board.board_filter import CHIPS, BoardFilter
from ui.combo import select
from ui.flow_layout import FlowLayout
from ui.icons import icon


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
        self.text.setMinimumWidth(220)
        self.text.setToolTip("Name, version, domain or owner (Ctrl+F)")
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
        # The filters wrap onto a second row rather than push the release editor
        # beside the board off a small screen; the date window stays in one piece.
        window = QWidget()
        window_row = QHBoxLayout(window)
        window_row.setContentsMargins(0, 0, 0, 0)
        window_row.setSpacing(6)
        for widget in (QLabel("Window"), self.date_from, QLabel("–"), self.date_to):
            window_row.addWidget(widget)
        filters = QWidget()
        layout = FlowLayout(filters)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.text, self.domain, self.owner, window, self.lanes):
            layout.addWidget(widget)
        chip_row = QHBoxLayout()
        chip_row.setSpacing(6)
        for chip in self.chips.values():
            chip_row.addWidget(chip)
        chip_row.addStretch(1)
        chip_row.addWidget(self.shown)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 4)
        outer.setSpacing(6)
        outer.addWidget(filters)
        outer.addLayout(chip_row)
        self.set_domains([])
        self.set_owners([])
        self.text.textChanged.connect(self._on_any_changed)
        self.domain.currentIndexChanged.connect(self._on_any_changed)
        self.owner.currentIndexChanged.connect(self._on_any_changed)
        self.date_from.dateChanged.connect(self._on_any_changed)
        self.date_to.dateChanged.connect(self._on_any_changed)
        self.lanes.toggled.connect(self.swimlanes_toggled)

    def _date_edit(self, hint: str) -> QDateEdit:
        return any_date_edit(f"{hint} date of the planned window (Any: no limit)")

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
            date_from=date_of(self.date_from),
            date_to=date_of(self.date_to),
            chips=frozenset(k for k, chip in self.chips.items() if chip.isChecked()),
        )

    def set_shown(self, shown: int, total: int, filtered: bool) -> None:
        """Say how many of the ``total`` cards the filters leave (nothing when unfiltered)."""
        self.shown.setText(f"{shown} of {total} shown" if filtered else "")

    def clear(self) -> bool:
        """Show every release again (one announcement); False if nothing was set."""
        if self.current().is_empty and not self.text.text():
            return False
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
        return True

    def _on_any_changed(self, *_args: object) -> None:
        self.filter_changed.emit(self.current())


def _combo() -> QComboBox:
    combo = QComboBox()  # wide enough for its longest name ("Mobile App", not "Mobile A…")
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo
