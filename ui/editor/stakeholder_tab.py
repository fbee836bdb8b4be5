"""Stakeholders tab: who is involved and whose sign-off gates approval."""

from __future__ import annotations

from typing import Any

from app.services import people_service
from app.services import signoff_service as signoffs
from app.words import count
from ui.dialogs.form_dialog import Field
from ui.editor.form_fields import field
from ui.editor.stakeholder_model import StakeholderModel
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo.editor_commands import RowService


class StakeholderTab(TableTab):
    entities = frozenset({"release_stakeholder"})
    model_type = StakeholderModel
    service = RowService(
        rows=signoffs.list_stakeholders,
        create=signoffs.add_stakeholder,
        update=signoffs.update_stakeholder,
        delete=signoffs.remove_stakeholder,
        restore=signoffs.restore_stakeholder,
    )
    texts = RowTexts(
        add_button="Add stakeholder",
        add_dialog="Add stakeholder",
        add="Add stakeholder",
        edit_dialog="Edit {row.person_name}",
        edit="Edit stakeholder {row.person_name}",
        remove="Remove stakeholder {row.person_name}",
    )
    required = ("person_id", "role")

    def fields(self, row: Any = None) -> list[Field]:
        """The person is chosen when adding; editing changes only role and sign-off."""
        person: list[Field] = []
        if row is None:
            people = people_service.list_people(self.ctx.workspace)
            choices = [(p.name, p.id) for p in people]
            person = [field(None, "person_id", "Person", "choice", None, choices)]
        return [
            *person,
            field(row, "role", "Role", default="Business owner"),
            field(row, "signoff_required", "Sign-off required", "bool", True),
        ]

    def after_reload(self) -> None:
        required = sum(1 for r in self.model.rows() if r.signoff_required)
        self.show_summary(
            f"{count(self.model.rowCount(), 'stakeholder')}; {required} must sign off the scope "
            "before the release can be Approved."
        )

    add_stakeholder = TableTab.add_row
