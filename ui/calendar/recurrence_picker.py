"""Picking how a window repeats, producing RFC 5545 RRULE text: does not repeat, daily,
weekly (on chosen weekdays) or monthly, every N, ending never, on a date, or after N
times. A rule the picker cannot show (imported from a file) is kept as it is."""

from __future__ import annotations

import calendar
import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.dates_text import QT_DAY
from ui.date_edit import DateEdit

FREQUENCIES = (
    ("Does not repeat", ""),
    ("Daily", "DAILY"),
    ("Weekly", "WEEKLY"),
    ("Monthly", "MONTHLY"),
)
ENDS = (("No end", ""), ("Until a date", "UNTIL"), ("A number of times", "COUNT"))
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def parse(rule: str) -> dict[str, str]:
    """``FREQ=WEEKLY;BYDAY=FR`` as ``{"FREQ": "WEEKLY", "BYDAY": "FR"}``."""
    parts = (p.split("=", 1) for p in rule.strip().removeprefix("RRULE:").split(";") if "=" in p)
    return {k.upper(): v for k, v in parts}


class RecurrencePicker(QWidget):
    """``rule()`` is the RRULE text ("" = once); ``set_rule`` shows one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frequency = QComboBox()
        for label, value in FREQUENCIES:
            self.frequency.addItem(label, value)
        self.frequency.setAccessibleName("Repeats")
        self.interval = QSpinBox(minimum=1, maximum=99, prefix="every ")
        self.interval.setAccessibleName("Interval")
        self.days = [QCheckBox(calendar.day_abbr[i]) for i in range(7)]
        self.end = QComboBox()
        for label, value in ENDS:
            self.end.addItem(label, value)
        self.until = DateEdit(calendarPopup=True)
        self.until.setDisplayFormat(QT_DAY)
        self.count = QSpinBox(minimum=1, maximum=999, suffix=" times", value=6)
        self.summary = QLabel(wordWrap=True)
        self.summary.setObjectName("muted")
        self._kept = ""  # a rule the controls cannot show, kept unchanged
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.frequency, 1)
        top.addWidget(self.interval)
        week = QHBoxLayout()
        week.setContentsMargins(0, 0, 0, 0)
        for box in self.days:
            week.addWidget(box)
        week.addStretch(1)
        self.week = QWidget()
        self.week.setLayout(week)
        ending = QHBoxLayout()
        ending.setContentsMargins(0, 0, 0, 0)
        ending.addWidget(self.end, 1)
        ending.addWidget(self.until)
        ending.addWidget(self.count)
        self.ending = QWidget()
        self.ending.setLayout(ending)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.week)
        column.addWidget(self.ending)
        column.addWidget(self.summary)
        for signal in (
            self.frequency.currentIndexChanged,
            self.interval.valueChanged,
            self.end.currentIndexChanged,
            self.until.dateChanged,
            self.count.valueChanged,
        ):
            signal.connect(self._on_control_changed)
        for box in self.days:
            box.toggled.connect(self._on_control_changed)
        until = clock.today() + dt.timedelta(days=91)
        self.until.setDate(QDate(until.year, until.month, until.day))
        self._show()

    def _on_control_changed(self, *_args: object) -> None:
        self._kept = ""
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        repeats = bool(self.frequency.currentData())
        self.interval.setVisible(repeats)
        self.week.setVisible(self.frequency.currentData() == "WEEKLY")
        self.ending.setVisible(repeats)
        self.until.setVisible(self.end.currentData() == "UNTIL")
        self.count.setVisible(self.end.currentData() == "COUNT")
        rule = self.rule()
        self.summary.setText(f"RRULE: {rule}" if rule else "Happens once.")

    def rule(self) -> str:
        """The RRULE the controls say ("" when the window does not repeat)."""
        if self._kept:
            return self._kept
        freq = self.frequency.currentData()
        if not freq:
            return ""
        parts = [f"FREQ={freq}"]
        if self.interval.value() > 1:
            parts.append(f"INTERVAL={self.interval.value()}")
        days = [DAYS[i] for i, box in enumerate(self.days) if box.isChecked()]
        if freq == "WEEKLY" and days:
            parts.append("BYDAY=" + ",".join(days))
        if self.end.currentData() == "UNTIL":
            until = self.until.date().toPython()
            parts.append(f"UNTIL={until.isoformat().replace('-', '')}T235959Z")
        elif self.end.currentData() == "COUNT":
            parts.append(f"COUNT={self.count.value()}")
        return ";".join(parts)

    def set_rule(self, rule: str) -> None:
        """Show ``rule``; one the controls cannot say is kept as it is."""
        fields = parse(rule)
        simple = set(fields) <= {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT"}
        freq_ok = fields.get("FREQ", "") in {v for _l, v in FREQUENCIES}
        self.blockSignals(True)
        try:
            self.frequency.setCurrentIndex(
                next((i for i, (_l, v) in enumerate(FREQUENCIES) if v == fields.get("FREQ", "")), 0)
            )
            self.interval.setValue(int(fields.get("INTERVAL", "1") or 1))
            chosen = fields.get("BYDAY", "").split(",")
            for code, box in zip(DAYS, self.days, strict=True):
                box.setChecked(code in chosen)
            if "UNTIL" in fields:
                self.end.setCurrentIndex(1)
                text = fields["UNTIL"]
                until = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
                self.until.setDate(QDate(until.year, until.month, until.day))
            elif "COUNT" in fields:
                self.end.setCurrentIndex(2)
                self.count.setValue(int(fields["COUNT"]))
            else:
                self.end.setCurrentIndex(0)
        finally:
            self.blockSignals(False)
        self._kept = rule if rule and not (simple and freq_ok) else ""
        self._show()
