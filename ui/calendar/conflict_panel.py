"""The side panel listing the range's conflicts; choosing one selects its items, and
its suggested fix is one button away."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from app.conflicts.conflict import Conflict
from app.words import count
from ui.calendar.conflict_model import ConflictModel


class ConflictPanel(QWidget):
    """``conflict_chosen`` when a conflict is clicked; ``fix_requested`` for its fix."""

    conflict_chosen = Signal(object)  # Conflict
    fix_requested = Signal(object)  # Conflict

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictPanel")
        self.model = ConflictModel(self)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(3)
        self.list.setAccessibleName("Conflicts")
        self.fix_text = QLabel(wordWrap=True)
        self.fix_text.setObjectName("muted")
        self.fix = QPushButton("Apply suggested fix")
        self.fix.setEnabled(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 8)
        column.addWidget(self.title)
        column.addWidget(self.list, 1)
        column.addWidget(self.fix_text)
        column.addWidget(self.fix)
        self.list.clicked.connect(self._on_list_clicked)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.fix.clicked.connect(self._on_fix_clicked)
        self.set_conflicts([])

    def set_conflicts(self, conflicts: list[Conflict]) -> None:
        chosen = self.current()
        self.model.set_conflicts(conflicts)
        self.title.setText(
            f"Conflicts ({len(conflicts)})" if conflicts else "No conflicts in this range"
        )
        row = self.model.row_of(chosen.key) if chosen is not None else None
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))
        self._show_fix()
        self.setToolTip(count(len(conflicts), "conflict"))

    def current(self) -> Conflict | None:
        index = self.list.currentIndex()
        return self.model.conflict(index.row()) if index.isValid() else None

    def choose(self, row: int) -> None:
        """Make row ``row`` current and announce it (as a click does)."""
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self._on_list_clicked(index)

    def _on_list_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.conflict_chosen.emit(self.model.conflict(index.row()))

    def _on_list_current_changed(self, *_args: object) -> None:
        self._show_fix()

    def _show_fix(self) -> None:
        chosen = self.current()
        fix = chosen.fix if chosen is not None else None
        self.fix.setEnabled(fix is not None)
        self.fix_text.setText(f"Suggested: {fix.sentence}" if fix is not None else "")
        self.fix_text.setVisible(fix is not None)

    def _on_fix_clicked(self) -> None:
        chosen = self.current()
        if chosen is not None and chosen.fix is not None:
            self.fix_requested.emit(chosen)
