"""The change request form: title, requester and description above the grid of the
changes the request asks for (:class:`ChangeGrid`). OK is refused while a cell is
refused or a row lacks what its kind needs, with the grid marked and the reason said."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app.services.change_items import ChangeItemSpec
from app.services.change_refs import ReleaseRefs
from ui.changes.change_grid import ChangeGrid
from ui.dialogs.form_dialog import Field, FormDialog, Submit, Validator

ITEMS = "items"  # the grid's name among the form's fields


class RequestDialog(FormDialog):
    """A :class:`FormDialog` whose ``values()`` also hold ``items``: the grid's changes."""

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        refs: ReleaseRefs,
        items: Sequence[ChangeItemSpec] = (),
        parent: QWidget | None = None,
        validate: Validator | None = None,
        submit: Submit | None = None,
    ) -> None:
        super().__init__(title, fields, parent, validate, submit)
        self.grid = ChangeGrid(refs, self)
        self.grid.set_items(tuple(items))
        self.editors[ITEMS] = self.grid.table
        self.errors[ITEMS] = self.grid.error
        heading = QLabel("<b>Changes</b> — what the request asks for")
        layout = self.layout()
        layout.insertWidget(layout.count() - 1, heading)
        layout.insertWidget(layout.count() - 1, self.grid, 1)
        self.resize(760, 560)

    def problems(self) -> dict[str, str]:
        found = super().problems()
        problem = self.grid.model.problem()
        if problem:
            found.setdefault(ITEMS, problem)
        return found

    def values(self) -> dict[str, Any]:
        return {**super().values(), ITEMS: self.grid.model.specs()}
