"""Scope tab: the items agreed into the release."""

from __future__ import annotations

from typing import Any

from app.enums import ScopeStatus
from app.services import scope_service as scope
from app.words import count
from ui.dialogs.form_dialog import Field
from ui.editor.form_fields import enum_choices, field
from ui.editor.scope_model import ScopeModel
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo.editor_commands import RowService

KINDS = ("feature", "fix", "change", "technical", "documentation")


class ScopeTab(TableTab):
    entities = frozenset({"scope_item"})
    model_type = ScopeModel
    service = RowService(
        rows=scope.list_scope,
        create=scope.add_scope_item,
        update=scope.update_scope_item,
        delete=scope.delete_scope_item,
        restore=scope.restore_scope_item,
    )
    texts = RowTexts(
        add_button="Add item",
        add_dialog="Add scope item",
        add="Add scope item '{title}'",
        edit_dialog="Edit scope item",
        edit="Edit scope item '{row.title}'",
        remove="Remove scope item '{row.title}'",
    )
    required = ("title",)

    def add_extra_buttons(self) -> None:
        self.add_move_buttons("scope item", "the scope list", scope.move_scope_item)

    def fields(self, row: Any = None) -> list[Field]:
        return [
            field(row, "key", "Key"),
            field(row, "title", "Title"),
            field(row, "kind", "Kind", "choice", "feature", [(k.capitalize(), k) for k in KINDS]),
            field(
                row, "status", "Status", "choice", ScopeStatus.PROPOSED, enum_choices(ScopeStatus)
            ),
            field(row, "description", "Description", "multiline"),
        ]

    def after_reload(self) -> None:
        rows = self.model.rows()
        live = [r for r in rows if r.status != ScopeStatus.REMOVED]
        self.show_summary(
            f"{count(len(live), 'item')} in scope. Changing the scope after stakeholders signed it "
            "off marks their sign-offs as outdated."
        )

    add_item = TableTab.add_row
