"""Choosing what a risk or an issue is linked to: a searchable list of its release's
tasks (and deployments), the linked ones ticked. OK hands back what to link and unlink;
the caller applies both as one undoable command."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.link_choices import Choice

IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
INDENT = "    "
HEADINGS = {"task": "Tasks", "deployment": "Deployments"}

# target id → (link id, link version): what is linked now
Linked = Mapping[uuid.UUID, tuple[uuid.UUID, int]]


class LinkDialog(QDialog):
    """Tick the rows to link; untick to unlink. ``choices`` in the order to list them."""

    def __init__(
        self,
        title: str,
        intro: str,
        choices: Sequence[Choice],
        linked: Linked,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("link_dialog")
        self.linked = dict(linked)
        self.intro = QLabel(intro, wordWrap=True)
        self.search = QLineEdit(placeholderText="Search WBS or name", clearButtonEnabled=True)
        self.only_linked = QCheckBox("Only ticked")
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._fill(choices)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.only_linked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self.search.textChanged.connect(self._apply_filter)
        self.only_linked.toggled.connect(self._apply_filter)
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, 520)
        self._show_summary()
        self.search.setFocus()

    def _fill(self, choices: Sequence[Choice]) -> None:
        kinds = list(dict.fromkeys(c.kind for c in choices))
        self.list.blockSignals(True)
        for kind in kinds:
            if len(kinds) > 1:
                heading = QListWidgetItem(HEADINGS.get(kind, kind))
                heading.setFlags(Qt.ItemFlag.NoItemFlags)
                font = QFont()
                font.setBold(True)
                heading.setFont(font)
                self.list.addItem(heading)
            for choice in (c for c in choices if c.kind == kind):
                item = QListWidgetItem(INDENT * choice.depth + choice.label)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                ticked = choice.id in self.linked
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                item.setData(IdRole, choice.id)
                item.setData(KindRole, kind)
                item.setToolTip(choice.label)
                self.list.addItem(item)
        self.list.blockSignals(False)
        if not choices:
            empty = QListWidgetItem("Nothing to link: the release has no tasks yet.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)

    def _items(self) -> list[QListWidgetItem]:
        return [
            item
            for n in range(self.list.count())
            if (item := self.list.item(n)).data(IdRole) is not None
        ]

    def ticked(self) -> set[uuid.UUID]:
        """The ids ticked now."""
        return {
            item.data(IdRole)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        }

    def tick(self, target_id: uuid.UUID, on: bool = True) -> None:
        """Tick (or untick) one row, as a click on its box does."""
        for item in self._items():
            if item.data(IdRole) == target_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def to_link(self, kind: str | None = None) -> list[uuid.UUID]:
        """Ticked rows not linked yet (of ``kind`` only, when given), in list order."""
        return [
            item.data(IdRole)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
            and item.data(IdRole) not in self.linked
            and kind in (None, item.data(KindRole))
        ]

    def to_unlink(self) -> dict[uuid.UUID, int]:
        """Link id → version seen, of the linked rows now unticked."""
        ticked = self.ticked()
        return {link: version for t, (link, version) in self.linked.items() if t not in ticked}

    def _apply_filter(self, *_args: object) -> None:
        needle = self.search.text().strip().lower()
        only = self.only_linked.isChecked()
        for item in self._items():
            hide = bool(needle) and needle not in item.text().lower()
            hide = hide or (only and item.checkState() != Qt.CheckState.Checked)
            item.setHidden(hide)

    def _on_list_item_changed(self, _item: QListWidgetItem) -> None:
        self._show_summary()

    def _show_summary(self) -> None:
        added, removed = len(self.to_link()), len(self.to_unlink())
        text = f"{len(self.ticked())} ticked"
        if added or removed:
            text += f" · {added} to add, {removed} to remove"
        self.summary.setText(text)
