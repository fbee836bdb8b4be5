"""The calendar's controls: range, zoom, timeline or month grid, lanes, filters, new."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.calendar.bars import KIND_LABELS
from ui.combo import select


def _combo(name: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(name)
    for label, value in items:
        combo.addItem(label, value)
    return combo


class CalendarToolbar(QWidget):
    """Emits ``changed`` when what is shown changes; ``shift`` for earlier/later."""

    changed = Signal()
    shift = Signal(int)  # -1 earlier, 0 today, +1 later
    new_freeze = Signal()
    new_booking = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarToolbar")
        self.today = QPushButton("Today")
        self.earlier = QToolButton(text="‹", toolTip="Earlier", autoRaise=True)
        self.later = QToolButton(text="›", toolTip="Later", autoRaise=True)
        self.period = QLabel()
        self.period.setMinimumWidth(150)
        self.mode = _combo("Show as", [("Timeline", "timeline"), ("Month grid", "grid")])
        self.zoom = _combo("Zoom", [("Week", "week"), ("Month", "month"), ("Quarter", "quarter")])
        select(self.zoom, "quarter")
        self.lanes = _combo("Lanes", [("Lanes by domain", False), ("Lanes by environment", True)])
        self.domain = _combo("Domain", [("All domains", None)])
        self.environment = _combo("Environment", [("All environments", None)])
        self.kinds = QToolButton(
            text="Kinds", popupMode=QToolButton.ToolButtonPopupMode.InstantPopup
        )
        self.kinds.setToolTip("Which kinds of items to show")
        menu = QMenu(self.kinds)
        self.kind_actions: dict[str, QAction] = {}
        for kind, label in KIND_LABELS.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(self._on_kind_toggled)
            self.kind_actions[kind] = action
        self.kinds.setMenu(menu)
        self.freeze = QPushButton("New freeze…")
        self.freeze.setToolTip("A change freeze or blackout, once or repeating")
        self.booking = QPushButton("Book environment…")
        self.booking.setToolTip("Reserve a shared environment for a while")
        self.period.setObjectName("calendarPeriod")
        font = self.period.font()
        font.setPointSizeF(font.pointSizeF() + 2)
        font.setBold(True)
        self.period.setFont(font)
        first = QHBoxLayout()
        for w in (self.today, self.earlier, self.later, self.period):
            first.addWidget(w)
        first.addStretch(1)
        first.addWidget(self.freeze)
        first.addWidget(self.booking)
        second = QHBoxLayout()
        for w in (self.mode, self.zoom, self.lanes):
            second.addWidget(w)
        second.addSpacing(12)
        second.addWidget(QLabel("Show:"))
        for w in (self.domain, self.environment, self.kinds):
            second.addWidget(w)
        second.addStretch(1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(12, 6, 12, 2)
        rows.setSpacing(4)
        rows.addLayout(first)
        rows.addLayout(second)
        self.today.clicked.connect(lambda: self.shift.emit(0))
        self.earlier.clicked.connect(lambda: self.shift.emit(-1))
        self.later.clicked.connect(lambda: self.shift.emit(1))
        self.freeze.clicked.connect(self.new_freeze)
        self.booking.clicked.connect(self.new_booking)
        for combo in (self.mode, self.zoom, self.lanes, self.domain, self.environment):
            combo.currentIndexChanged.connect(self._on_combo_changed)
        self._on_combo_changed()

    def _on_kind_toggled(self, _on: bool) -> None:
        hidden = sum(not a.isChecked() for a in self.kind_actions.values())
        self.kinds.setText("Kinds" if not hidden else f"Kinds ({len(self.kind_actions) - hidden})")
        self.changed.emit()

    def _on_combo_changed(self, *_args: object) -> None:
        grid = self.mode.currentData() == "grid"
        self.zoom.setEnabled(not grid)
        self.lanes.setEnabled(not grid)
        self.changed.emit()

    def set_choices(
        self, domains: list[tuple[str, uuid.UUID]], environments: list[tuple[str, uuid.UUID]]
    ) -> None:
        """Fill the domain and environment filters (keeping what was chosen)."""
        for combo, items in ((self.domain, domains), (self.environment, environments)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for label, value in items:
                combo.addItem(label, value)
            select(combo, chosen)
            combo.blockSignals(False)

    def shown_kinds(self) -> set[str]:
        return {k for k, a in self.kind_actions.items() if a.isChecked()}
