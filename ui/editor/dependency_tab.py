"""Dependencies tab: releases (usually of other domains) this one cannot ship before."""

from __future__ import annotations

import uuid
from typing import Any

from app.errors import ReleaseDeskError
from app.services import dependency_service as deps
from app.services import release_service
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field
from ui.editor.dependency_model import DependencyModel
from ui.editor.table_tab import TableTab
from ui.undo import editor_commands as cmd
from ui.view_registry import ViewContext


class DependencyTab(TableTab):
    entities = frozenset({"release_dependency", "release"})

    def __init__(self, ctx: ViewContext, parent: Any = None) -> None:
        super().__init__(ctx, DependencyModel(), parent)
        self.add_button("Add dependency", "add", self.add_dependency)
        self.add_button("Remove", "delete", self.delete_selected, needs_row=True)
        self.finish_buttons()

    def fetch(self, release_id: uuid.UUID) -> list[Any]:
        return deps.list_dependencies(self.ctx.workspace, release_id)

    def after_reload(self) -> None:
        assert self.release is not None
        try:
            needed_by = deps.list_dependents(self.ctx.workspace, self.release.id)
        except ReleaseDeskError:
            needed_by = []
        names = ", ".join(d.depends_on_title for d in needed_by)
        self.show_summary(
            f"Needed by: {names}" if names else "No other release depends on this one."
        )

    def candidates(self) -> list[tuple[str, uuid.UUID]]:
        """Other releases, other domains first."""
        assert self.release is not None
        me = self.release
        rows = [r for r in release_service.list_releases(self.ctx.workspace) if r.id != me.id]
        rows.sort(key=lambda r: (r.domain_id == me.domain_id, r.domain_name, r.name))
        return [(f"{r.title} — {r.domain_name or 'no domain'}", r.id) for r in rows]

    def add_dependency(self, values: dict[str, Any] | None = None) -> bool:
        assert self.release is not None
        values = values or form_dialog.ask(
            "Add dependency",
            [
                Field("depends_on_id", "Depends on", "choice", None, self.candidates()),
                Field("note", "Note", "multiline", ""),
            ],
            self,
        )
        if not values or values.get("depends_on_id") is None:
            return False
        ws, rid = self.ctx.workspace, self.release.id
        return self.run(
            cmd.add(
                "Add dependency",
                lambda: deps.add_dependency(
                    ws, rid, values["depends_on_id"], values.get("note", "")
                ),
                lambda i: deps.remove_dependency(ws, i),
                lambda i: deps.restore_dependency(ws, i),
            )
        )

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        ws = self.ctx.workspace
        return self.run(
            cmd.remove(
                f"Remove dependency on {row.depends_on_title}",
                row.id,
                lambda i: deps.remove_dependency(ws, i),
                lambda i: deps.restore_dependency(ws, i),
            )
        )
