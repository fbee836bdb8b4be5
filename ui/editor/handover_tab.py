"""Handover tab: knowledge transfer to users, operations and support, with acceptance."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from app.services import handover_service as handover
from app.services import people_service
from models.enums import Audience
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field
from ui.editor.handover_model import HandoverModel
from ui.editor.table_tab import TableTab
from ui.undo import editor_commands as cmd
from ui.view_registry import ViewContext


class HandoverTab(TableTab):
    entities = frozenset({"handover_item"})

    def __init__(self, ctx: ViewContext, parent: Any = None) -> None:
        super().__init__(ctx, HandoverModel(), parent)
        self.add_button("Add item", "add", self.add_item)
        self.add_button("Accept…", "accept", self.accept_selected, needs_row=True)
        self.add_button("Reopen", "undo", self.reopen_selected, needs_row=True)
        self.add_button("Edit", "edit", self.edit_selected, needs_row=True)
        self.add_button("Remove", "delete", self.delete_selected, needs_row=True)
        self.finish_buttons()

    def fetch(self, release_id: uuid.UUID) -> list[Any]:
        return handover.list_handover(self.ctx.workspace, release_id)

    def after_reload(self) -> None:
        rows = self.model.rows()
        done = sum(1 for r in rows if r.accepted_at)
        self.show_summary(
            f"<b>{done} of {len(rows)}</b> handover items accepted. "
            "Closing the release needs every item accepted."
            if rows
            else "No handover items yet: add what users, operations and support must know."
        )

    def _fields(self, row: Any = None) -> list[Field]:
        people = people_service.list_people(self.ctx.workspace)
        return [
            Field(
                "audience",
                "Audience",
                "choice",
                getattr(row, "audience", Audience.OPERATIONS),
                [(a.value.capitalize(), a) for a in Audience],
            ),
            Field("title", "Item", value=getattr(row, "title", "")),
            Field("description", "Description", "multiline", getattr(row, "description", "")),
            Field(
                "owner_id",
                "Owner",
                "choice",
                getattr(row, "owner_id", None),
                [("Nobody", None)] + [(p.name, p.id) for p in people],
            ),
        ]

    def add_item(self, values: dict[str, Any] | None = None) -> bool:
        assert self.release is not None
        values = values or form_dialog.ask("Add handover item", self._fields(), self)
        if not values:
            return False
        ws, rid = self.ctx.workspace, self.release.id
        return self.run(
            cmd.add(
                f"Add handover item '{values['title']}'",
                lambda: handover.add_handover_item(
                    ws,
                    rid,
                    values["audience"],
                    values["title"],
                    description=values.get("description", ""),
                    owner_id=values.get("owner_id"),
                ),
                lambda i: handover.delete_handover_item(ws, i),
                lambda i: handover.restore_handover_item(ws, i),
            )
        )

    def edit_selected(self, values: dict[str, Any] | None = None) -> bool:
        row = self.selected()
        if row is None:
            return False
        values = values or form_dialog.ask("Edit handover item", self._fields(row), self)
        changed = {k: v for k, v in (values or {}).items() if getattr(row, k) != v}
        if not changed:
            return False
        ws, rid = self.ctx.workspace, row.release_id
        return self.run(
            cmd.edit(
                f"Edit handover item '{row.title}'",
                row,
                lambda i, exp, **v: handover.update_handover_item(ws, i, exp, **v),
                lambda: handover.list_handover(ws, rid),
                **changed,
            )
        )

    def accept_selected(self, values: dict[str, Any] | None = None) -> bool:
        row = self.selected()
        if row is None:
            return False
        values = values or form_dialog.ask(
            f"Accept '{row.title}'",
            [
                Field("accepted_by", "Accepted by", value=self.ctx.workspace.user),
                Field(
                    "accepted_at",
                    "Accepted at",
                    "datetime",
                    dt.datetime.now().replace(second=0, microsecond=0),
                ),
            ],
            self,
        )
        if not values:
            return False
        ws = self.ctx.workspace
        return self.run(
            cmd.step(
                f"Accept '{row.title}'",
                lambda: handover.accept_handover_item(
                    ws, row.id, values["accepted_by"], values.get("accepted_at")
                ),
                lambda: handover.reopen_handover_item(ws, row.id),
            )
        )

    def reopen_selected(self) -> bool:
        row = self.selected()
        if row is None or row.accepted_at is None:
            return False
        ws = self.ctx.workspace
        return self.run(
            cmd.step(
                f"Reopen '{row.title}'",
                lambda: handover.reopen_handover_item(ws, row.id),
                lambda: handover.accept_handover_item(ws, row.id, row.accepted_by, row.accepted_at),
            )
        )

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        ws = self.ctx.workspace
        return self.run(
            cmd.remove(
                f"Remove handover item '{row.title}'",
                row.id,
                lambda i: handover.delete_handover_item(ws, i),
                lambda i: handover.restore_handover_item(ws, i),
            )
        )
