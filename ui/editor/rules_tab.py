"""Compatibility rules, checked against the package of the release shown.

Rules are workspace-wide (a component requires another within a version range);
each row says whether this release's package keeps it, and how it breaks it.
"""

from __future__ import annotations

from typing import Any

from app.errors import ValidationError
from app.services import compatibility as cr
from app.words import count
from ui.dialogs.form_dialog import Field
from ui.editor.form_fields import field
from ui.editor.rule_model import RuleModel
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo.editor_commands import RowService


class RulesTab(TableTab):
    entities = frozenset({"compatibility_rule", "configuration_item", "release_package"})
    model_type = RuleModel
    service = RowService(
        rows=cr.rule_checks,
        create=cr.add_rule_for,
        update=cr.update_rule,
        delete=cr.delete_rule,
        restore=cr.restore_rule,
    )
    texts = RowTexts(
        add_button="Add rule",
        add_dialog="Add compatibility rule",
        add="Add rule '{component} requires {requires_component}'",
        edit_dialog="Edit compatibility rule",
        edit="Edit rule '{row.text}'",
        remove="Remove rule '{row.text}'",
    )
    required = ("component", "requires_component", "specifier")

    def fields(self, row: Any = None) -> list[Field]:
        return [
            field(row, "component", "Component"),
            field(row, "requires_component", "Requires component"),
            field(row, "specifier", "Version range (e.g. >=3.0,<4.0 or ^3.1)"),
            field(row, "note", "Note", "multiline"),
        ]

    def check(self, values: dict[str, Any]) -> dict[str, str]:
        try:
            cr.check_specifier(values.get("specifier") or "")
        except ValidationError as exc:
            return {"specifier": str(exc)}
        return {}

    def after_reload(self) -> None:
        broken = [r for r in self.model.rows() if r.problem]
        if broken:
            self.show_summary(
                f"<b>{count(len(broken), 'rule')} broken</b>: the release cannot be Approved "
                "until its package keeps every rule."
            )
        else:
            rules = count(len(self.model.rows()), "rule")
            self.show_summary(f"{rules}; the package keeps them all.")
