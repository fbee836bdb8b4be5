"""Base of the editor tabs that show a table of rows with add, edit and remove.

A tab declares what differs: its model, the service functions behind its rows
(:class:`~ui.undo.editor_commands.RowService`), the texts the user reads
(:class:`RowTexts`) and its form fields. The flows here turn each action into an
undoable command over those service calls, run through the context's command runner
(which also resolves conflicts).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.changes import Change
from app.errors import ReleaseDeskError
from app.services.release_service import ReleaseRow
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field, Validator
from ui.editor.form_save import Apply, FormSave, OnError
from ui.editor.row_table_model import RowRole, RowTableModel
from ui.icons import icon
from ui.undo import editor_commands as cmd
from ui.undo.editor_commands import RowService
from ui.undo.service_command import ServiceCommand
from ui.view_registry import ViewContext

MAX_COLUMN = 180  # px a short column may take beside a stretching text column
# move(ws, row_id, new_position, expected_version): a row's new place in its list
Mover = Callable[[Any, uuid.UUID, int, int | None], Change]


@dataclass(frozen=True)
class RowTexts:
    """What the user reads for one kind of row: buttons, dialog titles, undo texts.

    ``add`` is formatted with the add form's values (``"Add scope item '{title}'"``);
    ``edit_dialog``, ``edit`` and ``remove`` with the row (``"Remove … '{row.title}'"``).
    """

    add_button: str
    add_dialog: str
    add: str
    remove: str
    edit_dialog: str = ""
    edit: str = ""
    add_icon: str = "add"
    remove_button: str = "Remove"


class TableTab(QWidget):
    """A summary line, buttons and a table; reloads when its entities change."""

    entities: ClassVar[frozenset[str]] = frozenset()
    model_type: ClassVar[type[RowTableModel]]
    service: ClassVar[RowService]
    texts: ClassVar[RowTexts]
    # Form fields without which nothing is saved: the form refuses OK while they are
    # empty and says so beside them (also an empty choice list).
    required: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = model = self.model_type(self)
        self.release: ReleaseRow | None = None
        self.summary = QLabel(wordWrap=True)
        self.summary.setObjectName("bannerInfo")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.hide()
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Headers sit over their left-aligned values (a centred one over a wide stretched
        # column floats away from its text).
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        stretch = [n for n, c in enumerate(model.columns) if c.stretch]
        for n in stretch:  # the long text gives way, so the short columns stay in view
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(not stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.summary)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        self._row_buttons: list[tuple[QAbstractButton, Callable[[Any], bool]]] = []
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.add_button(self.texts.add_button, self.texts.add_icon, self.add_row)
        self.add_extra_buttons()
        self.buttons.addStretch(1)
        if self.service.update is not None:
            self.add_button("Edit", "edit", self.edit_selected, needs_row=True, compact=True)
        remove = self.texts.remove_button
        self.add_button(remove, "delete", self.delete_selected, needs_row=True, compact=True)

    def add_button(
        self,
        text: str,
        icon_name: str,
        slot: Callable[[], Any],
        needs_row: bool = False,
        enabled_for: Callable[[Any], bool] | None = None,
        arrow: Qt.ArrowType | None = None,
        compact: bool = False,
    ) -> QAbstractButton:
        """A button; with ``needs_row`` enabled only while a row (for which
        ``enabled_for`` holds, when given) is selected. ``compact`` (or an ``arrow``)
        makes an icon-only tool button whose ``text`` is its tooltip and accessible
        name, so the editor's narrow panel keeps every button whole."""
        button: QAbstractButton
        if arrow is None and not compact:
            button = QPushButton(icon(icon_name), text)
        else:
            button = QToolButton(text=text, autoRaise=True)
            button.setIcon(icon(icon_name))
            if arrow is not None:
                button.setArrowType(arrow)
            button.setToolTip(text)
            button.setAccessibleName(text)
        button.clicked.connect(lambda _c=False: slot())
        self.buttons.addWidget(button)
        if needs_row or enabled_for is not None:
            button.setEnabled(False)
            self._row_buttons.append((button, enabled_for or (lambda _row: True)))
        return button

    def add_extra_buttons(self) -> None:
        """Buttons between *add* and *edit* (accept, mark sent, …); none by default."""

    def add_move_buttons(self, noun: str, where: str, move: Mover) -> None:
        """Up and down arrows (Ctrl+Up / Ctrl+Down) that move the selected row one place
        in its list through ``move(ws, row_id, position, expected_version)``; undo moves
        it back. ``noun`` names the row in the undo text, ``where`` the list in tooltips."""
        self._mover = (noun, move)
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
            button.setToolTip(f"{text} in {where} ({keys})")
            QShortcut(
                QKeySequence(keys),
                self,
                lambda s=step: self.move_selected(s),
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )

    def move_selected(self, step: int) -> bool:
        """Move the selected row ``step`` places (-1 up, +1 down); undo moves it back."""
        row = self.selected()
        target = None if row is None else self._target(row, step)
        if row is None or target is None:
            return False
        (noun, move), ws, origin = self._mover, self.ctx.workspace, target - step
        return self.run(
            cmd.step(
                f"Move {noun} '{self.row_name(row)}' {'up' if step < 0 else 'down'}",
                row,
                lambda expected: move(ws, row.id, target, expected),
                lambda expected: move(ws, row.id, origin, expected),
            )
        )

    def row_name(self, row: Any) -> str:
        """How undo texts name a row (its title by default)."""
        return str(row.title)

    def _target(self, row: Any, step: int) -> int | None:
        ids = [r.id for r in self.model.rows()]
        target = ids.index(row.id) + step
        return target if 0 <= target < len(ids) else None

    # -- loading -------------------------------------------------------------------------
    def set_release(self, release: ReleaseRow) -> None:
        self.release = release
        self.reload()

    def reload(self) -> None:
        if self.release is None:
            return
        selected = self.selected()
        try:
            self.model.set_rows(self.fetch(self.release.id))
            self.after_reload()
        except ReleaseDeskError as exc:
            self.show_summary(str(exc))
        self.table.resizeColumnsToContents()
        if not self.table.horizontalHeader().stretchLastSection():
            for n in range(self.model.columnCount()):  # long values elide; tooltips show all
                if not self.model.columns[n].stretch:
                    self.table.setColumnWidth(n, min(self.table.columnWidth(n), MAX_COLUMN))
        if selected is not None and not self.table.selectionModel().hasSelection():
            self.select_id(selected.id)  # a reordered list resets the model
        self._on_table_selection_changed()

    def select_id(self, row_id: uuid.UUID) -> bool:
        """Select the row with ``row_id``; False when the table does not show it."""
        for n, row in enumerate(self.model.rows()):
            if row.id == row_id:
                self.table.selectRow(n)
                return True
        return False

    def fetch(self, release_id: uuid.UUID) -> list[Any]:
        return list(self.service.rows(self.ctx.workspace, release_id))

    def after_reload(self) -> None:
        """Update the summary line (optional)."""

    def show_summary(self, html: str) -> None:
        self.summary.setText(html)
        self.summary.setVisible(bool(html))

    def concerns(self, changes: Iterable[Change]) -> bool:
        return any(c.entity in self.entities for c in changes)

    # -- edits ---------------------------------------------------------------------------
    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowRole) if rows else None

    def run(self, command: ServiceCommand, on_error: OnError | None = None) -> bool:
        return self.ctx.runner.run(command, on_error)

    def fields(self, row: Any = None) -> list[Field]:
        """The form: ``row``'s values to edit, or defaults to add one (row None)."""
        raise NotImplementedError

    def add_fields(self) -> list[Field]:
        return self.with_required(self.fields())

    def edit_fields(self, row: Any) -> list[Field]:
        return self.with_required(self.fields(row))

    def with_required(self, fields: list[Field]) -> list[Field]:
        """``fields`` with those named in :attr:`required` flagged as such."""
        return [replace(f, required=True) if f.name in self.required else f for f in fields]

    def check(self, values: dict[str, Any]) -> Mapping[str, str]:
        """Problems of the add/edit form's ``values`` beyond empty required fields
        (``{field: message}``), shown inside the open form; none by default."""
        return {}

    def ask(self, title: str, fields: list[Field]) -> dict[str, Any] | None:
        """The form's values once valid, or None when cancelled."""
        return form_dialog.ask(title, fields, self, self.check)

    def ask_and_apply(
        self, title: str, fields: list[Field], apply: Apply, validate: Validator | None = None
    ) -> bool:
        """Show the form; OK saves through ``apply`` while it is still open, so what the
        service refuses (a duplicate, a value too long) is said inside the form and
        nothing typed is lost. Whether the edit was applied."""
        save = FormSave(apply, self.ctx.runner.report)
        form_dialog.ask(title, fields, self, validate or self.check, save)
        return save.applied

    def add_row(self, values: dict[str, Any] | None = None) -> bool:
        """Add a row from ``values`` (asks with the add form when None); undoable."""
        assert self.release is not None
        if not values:
            return self.ask_and_apply(self.texts.add_dialog, self.add_fields(), self._add)
        return self._add(values)

    def _add(self, values: dict[str, Any], on_error: OnError | None = None) -> bool:
        assert self.release is not None
        if any(values.get(name) is None for name in self.required):
            return False
        text = self.texts.add.format(**values)
        ws, rid = self.ctx.workspace, self.release.id
        return self.run(cmd.add_row(text, self.service, ws, rid, values), on_error)

    def edit_selected(self, values: dict[str, Any] | None = None) -> bool:
        """Change the selected row's fields that differ (asks when None); undoable.

        Also the double-click action; rows without an update service are not edited.
        """
        row = self.selected()
        if row is None or self.service.update is None:
            return False
        if not values:
            title = self.texts.edit_dialog.format(row=row)
            fields = self.edit_fields(row)
            return self.ask_and_apply(title, fields, lambda v, e: self._edit(row, v, e))
        return self._edit(row, values)

    def _edit(self, row: Any, values: dict[str, Any], on_error: OnError | None = None) -> bool:
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if not changed:
            return False
        text = self.texts.edit.format(row=row)
        command = cmd.edit_row(text, self.service, self.ctx.workspace, row, changed)
        return self.run(command, on_error)

    def delete_selected(self) -> bool:
        """Soft-delete the selected row; undo restores it."""
        row = self.selected()
        if row is None:
            return False
        text = self.texts.remove.format(row=row)
        return self.run(cmd.remove_row(text, self.service, self.ctx.workspace, row))

    def _on_table_selection_changed(self, *_args: object) -> None:
        row = self.selected()
        for button, enabled_for in self._row_buttons:
            button.setEnabled(row is not None and enabled_for(row))
