"""Sign-offs tab: record a stakeholder's decision on the scope the approver was shown.

The scope's fingerprint is taken when the form opens; the service refuses the decision
if the scope changed before OK was pressed, so a sign-off never approves a scope the
approver did not see.
"""

from __future__ import annotations

from typing import Any

from app.enums import Decision
from app.errors import ReleaseDeskError
from app.services import signoff_service as signoffs
from ui.dialogs.form_dialog import Field
from ui.editor.form_fields import enum_choices, field
from ui.editor.signoff_model import SignOffModel
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo.editor_commands import RowService


class SignOffTab(TableTab):
    """Decisions are recorded and withdrawn, not edited."""

    # Scope edits make sign-offs outdated, so they concern this tab too.
    entities = frozenset({"sign_off", "scope_item", "release_stakeholder"})
    model_type = SignOffModel
    service = RowService(
        rows=signoffs.list_signoffs,
        create=signoffs.record_signoff,
        delete=signoffs.withdraw_signoff,
        restore=signoffs.restore_signoff,
    )
    texts = RowTexts(
        add_button="Record decision",
        add_icon="accept",
        add_dialog="Record sign-off decision",
        add="Record {decision} sign-off",  # a choice field gives the value's text
        remove_button="Withdraw",
        remove="Withdraw sign-off of {row.person_name}",
    )
    required = ("person_id",)

    def fields(self, row: Any = None) -> list[Field]:
        """The stakeholder preselected is the first whose required sign-off is missing
        (not someone merely informed)."""
        assert self.release is not None
        ws, release_id = self.ctx.workspace, self.release.id
        people = signoffs.list_stakeholders(ws, release_id)
        stakeholders = [(f"{p.person_name} ({p.role})", p.person_id) for p in people]
        missing = set(signoffs.signoff_status(ws, release_id).missing_ids)
        awaited = next(
            (p.person_id for p in people if p.signoff_required and p.person_id in missing), None
        )
        return [
            field(row, "person_id", "Stakeholder", "choice", awaited, stakeholders),
            field(row, "decision", "Decision", "choice", Decision.APPROVED, enum_choices(Decision)),
            field(row, "comment", "Comment", "multiline"),
        ]

    def after_reload(self) -> None:
        assert self.release is not None
        try:
            status = signoffs.signoff_status(self.ctx.workspace, self.release.id)
        except ReleaseDeskError as exc:
            self.show_summary(str(exc))
            return
        parts = [
            f"<b>{status.approved_current} of {status.required}</b> required approvals are current"
        ]
        if status.outdated:
            parts.append(f"{status.outdated} outdated by scope changes")
        if status.missing:
            parts.append("missing: " + ", ".join(status.missing))
        self.show_summary(" · ".join(parts))

    def add_row(self, values: dict[str, Any] | None = None) -> bool:
        """Ask for a decision (or take ``values``) on the scope as it is right now: its
        fingerprint is read before the form opens and travels with the decision."""
        assert self.release is not None
        try:
            seen = signoffs.scope_fingerprint(self.ctx.workspace, self.release.id)
        except ReleaseDeskError as exc:
            self.ctx.runner.report(exc)
            return False
        values = values or self.ask(self.texts.add_dialog, self.add_fields())
        if not values:
            return False
        return super().add_row({**values, "expected_scope_hash": seen})

    record = add_row
    withdraw_selected = TableTab.delete_selected
