"""Which releases the plan view shows: one from a combo box, or several (portfolio mode)
ticked in the menu of the button beside it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMenu, QToolButton, QWidget

from app.services.release_service import ReleaseRow
from app.words import count
from ui.combo import give_way, index_of

PORTFOLIO = "portfolio"  # the combo's item that stands for the ticked releases


class ReleaseChooser(QWidget):
    """A release combo and a "Portfolio" button whose menu ticks several releases.

    ``chosen`` carries the tuple of release ids to show (empty: nothing chosen).
    """

    chosen = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = give_way(QComboBox(), 14)
        self.combo.setAccessibleName("Release")
        self.combo.setToolTip("The release whose plan is shown")
        self.portfolio = QToolButton(text="Portfolio")
        self.portfolio.setToolTip("Show several releases together, with the links between them")
        self.portfolio.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.portfolio)
        self.portfolio.setMenu(self.menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.portfolio)
        self._releases: list[ReleaseRow] = []
        self._ticked: list[uuid.UUID] = []
        self.combo.currentIndexChanged.connect(self._on_combo_current_index_changed)

    def set_releases(self, releases: Sequence[ReleaseRow]) -> None:
        """Offer ``releases`` (keeps the choice when its releases are still there)."""
        current = self.release_ids()
        self._releases = sorted(releases, key=lambda r: r.title.casefold())
        known = {r.id for r in self._releases}
        self._ticked = [i for i in self._ticked if i in known]
        self.combo.blockSignals(True)
        self.combo.clear()
        for release in self._releases:
            self.combo.addItem(release.title, release.id)
        self._rebuild_menu()
        self.combo.blockSignals(False)
        self._show(tuple(i for i in current if i in known), emit=False)

    def release_ids(self) -> tuple[uuid.UUID, ...]:
        """The releases shown now."""
        data = self.combo.currentData()
        if data == PORTFOLIO:
            return tuple(self._ticked)
        return (data,) if isinstance(data, uuid.UUID) else ()

    def choose(self, release_ids: Sequence[uuid.UUID]) -> None:
        """Show ``release_ids`` (one: that release; several: portfolio mode)."""
        self._show(tuple(release_ids), emit=True)

    def _show(self, ids: tuple[uuid.UUID, ...], *, emit: bool) -> None:
        before = self.release_ids()
        self.combo.blockSignals(True)
        if len(ids) > 1:
            self._ticked = list(ids)
            self._sync_checks()
            self.combo.setCurrentIndex(self._portfolio_row())
        else:
            self.combo.setCurrentIndex(index_of(self.combo, ids[0]) if ids else -1)
        self._drop_portfolio_row_unless_current()
        self.combo.blockSignals(False)
        if emit and self.release_ids() != before:
            self.chosen.emit(self.release_ids())

    def _portfolio_row(self) -> int:
        row = index_of(self.combo, PORTFOLIO)
        if row < 0:
            self.combo.addItem(f"Portfolio: {count(len(self._ticked), 'release')}", PORTFOLIO)
            row = self.combo.count() - 1
        self.combo.setItemText(row, f"Portfolio: {count(len(self._ticked), 'release')}")
        return row

    def _drop_portfolio_row_unless_current(self) -> None:
        row = index_of(self.combo, PORTFOLIO)
        if row >= 0 and self.combo.currentIndex() != row:
            self.combo.removeItem(row)

    def _rebuild_menu(self) -> None:
        self.menu.clear()
        for release in self._releases:
            action = self.menu.addAction(release.title)
            action.setCheckable(True)
            action.setData(release.id)
            action.setChecked(release.id in self._ticked)
            action.toggled.connect(lambda on, i=release.id: self._on_menu_toggled(i, on))
        if not self._releases:
            self.menu.addAction("No releases yet").setEnabled(False)

    def _sync_checks(self) -> None:
        for action in self.menu.actions():
            action.blockSignals(True)
            action.setChecked(action.data() in self._ticked)
            action.blockSignals(False)

    def _on_menu_toggled(self, release_id: uuid.UUID, on: bool) -> None:
        shown = [i for i in self.release_ids() if i != release_id]
        if on:
            shown.append(release_id)
        self._ticked = shown
        self._show(tuple(shown), emit=True)

    def _on_combo_current_index_changed(self, _row: int) -> None:
        ids = self.release_ids()
        self._drop_portfolio_row_unless_current()
        if self.combo.currentData() != PORTFOLIO:
            self._ticked = list(ids)
            self._sync_checks()
        self.chosen.emit(ids)
