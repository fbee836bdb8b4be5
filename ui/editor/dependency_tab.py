"""Dependencies tab: releases (usually of other domains) this one cannot ship before."""

from __future__ import annotations

import uuid
from typing import Any

from app.errors import ReleaseDeskError
from app.services import dependency_service as deps
from app.services import release_service
from ui.dialogs.form_dialog import Field
from ui.editor.dependency_model import DependencyModel
from ui.editor.form_fields import field
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo.editor_commands import RowService


class DependencyTab(TableTab):
    """Dependencies are added and removed, not edited."""

    entities = frozenset({"release_dependency", "release"})
    model_type = DependencyModel
    service = RowService(
        rows=deps.list_dependencies,
        create=deps.add_dependency,
        delete=deps.remove_dependency,
        restore=deps.restore_dependency,
    )
    texts = RowTexts(
        add_button="Add dependency",
        add_dialog="Add dependency",
        add="Add dependency",
        remove="Remove dependency on {row.depends_on_title}",
    )
    required = ("depends_on_id",)

    def fields(self, row: Any = None) -> list[Field]:
        return [
            field(row, "depends_on_id", "Depends on", "choice", None, self.candidates()),
            field(row, "note", "Note", "multiline"),
        ]

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

    add_dependency = TableTab.add_row
