"""Scope tab: the items agreed into the release."""

from __future__ import annotations

import uuid
from typing import Any

from app.services import scope_service as scope
from models.enums import ScopeStatus
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field
from ui.editor.scope_model import ScopeModel
from ui.editor.table_tab import TableTab
from ui.undo import editor_commands as cmd
from ui.view_registry import ViewContext

KINDS = ("feature", "fix", "change", "technical", "documentation")


def scope_fields(row: Any = None) -> list[Field]:
    return [
        Field("key", "Key", value=getattr(row, "key", "")),
        Field("title", "Title", value=getattr(row, "title", "")),
        Field(
            "kind",
            "Kind",
            "choice",
            getattr(row, "kind", "feature"),
            [(k.capitalize(), k) for k in KINDS],
        ),
        Field(
            "status",
            "Status",
            "choice",
            getattr(row, "status", ScopeStatus.PROPOSED),
            [(s.value.capitalize(), s) for s in ScopeStatus],
        ),
        Field("description", "Description", "multiline", getattr(row, "description", "")),
    ]


class ScopeTab(TableTab):
    entities = frozenset({"scope_item"})

    def __init__(self, ctx: ViewContext, parent: Any = None) -> None:
        super().__init__(ctx, ScopeModel(), parent)
        self.add_button("Add item", "add", self.add_item)
        self.add_button("Edit", "edit", self.edit_selected, needs_row=True)
        self.add_button("Remove", "delete", self.delete_selected, needs_row=True)
        self.finish_buttons()

    def fetch(self, release_id: uuid.UUID) -> list[Any]:
        return scope.list_scope(self.ctx.workspace, release_id)

    def after_reload(self) -> None:
        rows = self.model.rows()
        live = [r for r in rows if r.status != ScopeStatus.REMOVED]
        self.show_summary(
            f"{len(live)} item(s) in scope. Changing the scope after stakeholders signed it "
            "off marks their sign-offs as outdated."
        )

    def add_item(self, values: dict[str, Any] | None = None) -> bool:
        assert self.release is not None
        values = values or form_dialog.ask("Add scope item", scope_fields(), self)
        if not values:
            return False
        ws, rid = self.ctx.workspace, self.release.id
        title = values.pop("title")
        return self.run(
            cmd.add(
                f"Add scope item '{title}'",
                lambda: scope.add_scope_item(ws, rid, title, **values),
                lambda i: scope.delete_scope_item(ws, i),
                lambda i: scope.restore_scope_item(ws, i),
            )
        )

    def edit_selected(self, values: dict[str, Any] | None = None) -> bool:
        row = self.selected()
        if row is None:
            return False
        values = values or form_dialog.ask("Edit scope item", scope_fields(row), self)
        changed = {k: v for k, v in (values or {}).items() if getattr(row, k) != v}
        if not changed:
            return False
        ws, rid = self.ctx.workspace, row.release_id
        return self.run(
            cmd.edit(
                f"Edit scope item '{row.title}'",
                row,
                lambda i, exp, **v: scope.update_scope_item(ws, i, exp, **v),
                lambda: scope.list_scope(ws, rid),
                **changed,
            )
        )

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        ws = self.ctx.workspace
        return self.run(
            cmd.remove(
                f"Remove scope item '{row.title}'",
                row.id,
                lambda i: scope.delete_scope_item(ws, i),
                lambda i: scope.restore_scope_item(ws, i),
            )
        )
