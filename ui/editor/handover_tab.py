"""Handover tab: knowledge transfer to users, operations and support, with acceptance."""

from __future__ import annotations

from typing import Any

from app import clock
from app.enums import Audience
from app.services import handover_service as handover
from app.services import people_service
from ui.dialogs.form_dialog import Field
from ui.editor.form_fields import enum_choices, field
from ui.editor.form_save import OnError
from ui.editor.handover_model import HandoverModel
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo import editor_commands as cmd
from ui.undo.editor_commands import RowService


class HandoverTab(TableTab):
    entities = frozenset({"handover_item"})
    model_type = HandoverModel
    service = RowService(
        rows=handover.list_handover,
        create=handover.add_handover_item,
        update=handover.update_handover_item,
        delete=handover.delete_handover_item,
        restore=handover.restore_handover_item,
    )
    required = ("title",)
    texts = RowTexts(
        add_button="Add item",
        add_dialog="Add handover item",
        add="Add handover item '{title}'",
        edit_dialog="Edit handover item",
        edit="Edit handover item '{row.title}'",
        remove="Remove handover item '{row.title}'",
    )

    def add_extra_buttons(self) -> None:
        self.add_button("Accept…", "accept", self.accept_selected, needs_row=True)
        self.add_button("Reopen", "undo", self.reopen_selected, needs_row=True)

    def fields(self, row: Any = None) -> list[Field]:
        people = people_service.list_people(self.ctx.workspace)
        audiences = enum_choices(Audience)
        owners = [("Nobody", None)] + [(p.name, p.id) for p in people]
        return [
            field(row, "audience", "Audience", "choice", Audience.OPERATIONS, audiences),
            field(row, "title", "Item"),
            field(row, "description", "Description", "multiline"),
            field(row, "owner_id", "Owner", "choice", None, owners),
        ]

    def after_reload(self) -> None:
        rows = self.model.rows()
        done = sum(1 for r in rows if r.accepted_at)
        self.show_summary(
            f"<b>{done} of {len(rows)}</b> handover items accepted. "
            "Closing the release needs every item accepted."
            if rows
            else "No handover items yet: add what users, operations and support must know."
        )

    add_item = TableTab.add_row

    def accept_selected(self, values: dict[str, Any] | None = None) -> bool:
        """Record who accepted the selected item and when (asks when ``values`` is None)."""
        row = self.selected()
        if row is None:
            return False
        if values:
            return self._accept(row, values)
        me = people_service.user_display_name(self.ctx.workspace)
        fields = [
            Field("accepted_by", "Accepted by", value=me, required=True),
            Field("accepted_at", "Accepted at", "datetime", clock.now()),
        ]
        return self.ask_and_apply(
            f"Accept '{row.title}'",
            fields,
            lambda v, on_error: self._accept(row, v, on_error),
            _accepted_in_the_past,
        )

    def _accept(self, row: Any, values: dict[str, Any], on_error: OnError | None = None) -> bool:
        ws = self.ctx.workspace
        return self.run(
            cmd.step(
                f"Accept '{row.title}'",
                row,
                lambda expected: handover.accept_handover_item(
                    ws,
                    row.id,
                    values["accepted_by"],
                    values.get("accepted_at"),
                    expected_version=expected,
                ),
                lambda expected: handover.reopen_handover_item(
                    ws, row.id, expected_version=expected
                ),
            ),
            on_error,
        )

    def reopen_selected(self) -> bool:
        row = self.selected()
        if row is None or row.accepted_at is None:
            return False
        ws = self.ctx.workspace
        return self.run(
            cmd.step(
                f"Reopen '{row.title}'",
                row,
                lambda expected: handover.reopen_handover_item(
                    ws, row.id, expected_version=expected
                ),
                lambda expected: handover.accept_handover_item(
                    ws, row.id, row.accepted_by, row.accepted_at, expected_version=expected
                ),
            )
        )


def _accepted_in_the_past(values: dict[str, Any]) -> dict[str, str]:
    """An acceptance is something that happened: not later than now."""
    at = values.get("accepted_at")
    if at is not None and at > clock.now():
        return {"accepted_at": "An acceptance cannot lie in the future."}
    return {}
