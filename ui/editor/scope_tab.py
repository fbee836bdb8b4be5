"""Scope tab: the items agreed into the release."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut

from app.enums import ScopeStatus
from app.services import scope_service as scope
from app.words import count
from ui.dialogs.form_dialog import Field
from ui.editor.form_fields import enum_choices, field
from ui.editor.scope_model import ScopeModel
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo import editor_commands as cmd
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
        arrows = (
            ("Move up", "Ctrl+Up", -1, Qt.ArrowType.UpArrow),
            ("Move down", "Ctrl+Down", 1, Qt.ArrowType.DownArrow),
        )
        for text, keys, step, arrow in arrows:
            button = self.add_button(
                text,
                "",
                lambda s=step: self.move_selected(s),
                enabled_for=lambda row, s=step: self._target(row, s) is not None,
                arrow=arrow,
            )
            button.setToolTip(f"{text} in the scope list ({keys})")
            QShortcut(
                QKeySequence(keys),
                self,
                lambda s=step: self.move_selected(s),
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )

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

    def move_selected(self, step: int) -> bool:
        """Move the selected item ``step`` places (-1 up, +1 down); undo moves it back."""
        row = self.selected()
        target = None if row is None else self._target(row, step)
        if row is None or target is None:
            return False
        ws, origin = self.ctx.workspace, target - step
        return self.run(
            cmd.step(
                f"Move scope item '{row.title}' {'up' if step < 0 else 'down'}",
                row,
                lambda expected: scope.move_scope_item(ws, row.id, target, expected),
                lambda expected: scope.move_scope_item(ws, row.id, origin, expected),
            )
        )

    def _target(self, row: Any, step: int) -> int | None:
        ids = [r.id for r in self.model.rows()]
        target = ids.index(row.id) + step
        return target if 0 <= target < len(ids) else None
