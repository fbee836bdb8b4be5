"""The workspace's environments in stage order: add, edit (name, stage), move up or
down, remove. Every edit is one undoable command on the window's stack; a refusal shows
in the dialog, a colleague's newer save goes to the conflict dialog, and colleagues'
changes to the environments show as they arrive."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.changes import Change
from app.enums import EnvironmentStage
from app.errors import ReleaseDeskError
from app.services import promotion
from app.services.promotion import EnvironmentRow
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field
from ui.editor.row_table_model import Column, RowRole, RowTableModel
from ui.undo import delivery_commands as commands
from ui.view_registry import ViewContext

STAGE_NAMES = {
    EnvironmentStage.DEV: "Development",
    EnvironmentStage.TEST: "Test",
    EnvironmentStage.STAGING: "Staging",
    EnvironmentStage.PROD: "Production",
}
STAGES = tuple((label, stage.value) for stage, label in STAGE_NAMES.items())
ENTITIES = frozenset({"environment", "deployment", "promotion_step"})


class EnvironmentModel(RowTableModel):
    """Position in the stage order, name and stage of each environment."""

    columns = (
        Column("#", lambda r: str(r.position)),
        Column("Environment", lambda r: r.row.name, stretch=True),
        Column("Stage", lambda r: STAGE_NAMES[r.row.stage]),
    )

    def set_environments(self, envs: Iterable[EnvironmentRow]) -> None:
        self.set_rows([_Placed(n, env) for n, env in enumerate(envs, start=1)])


class _Placed:
    """An environment and its place (1 = first stage); ``id`` for the model."""

    def __init__(self, position: int, row: EnvironmentRow) -> None:
        self.position, self.row, self.id = position, row, row.id


class EnvironmentsDialog(QDialog):
    """Edit the stage order every release's promotion path follows by default."""

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Environments")
        intro = QLabel(
            "Deployments are promoted through the environments in this order, unless a "
            "release has its own promotion path.",
            wordWrap=True,
        )
        self.refusal = QLabel(wordWrap=True, objectName="bannerError")
        self.refusal.hide()
        self.model = EnvironmentModel(self)
        self.table = QTableView(tabKeyNavigation=False)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.doubleClicked.connect(lambda *_: self.edit())
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.buttons: dict[str, QPushButton] = {}
        side = QVBoxLayout()
        for text, slot, tip in (
            ("Add…", self.add, "Add an environment after the last stage"),
            ("Edit…", self.edit, "Rename the environment or change its stage"),
            ("Move up", lambda: self.move(-1), "Promote to it earlier"),
            ("Move down", lambda: self.move(1), "Promote to it later"),
            ("Remove", self.remove, "Remove it (refused while it has deployments)"),
        ):
            button = QPushButton(text, toolTip=tip)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[text] = button
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.refusal)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        ctx.hub.changed.connect(self._on_hub_changed)
        self.resize(560, 360)
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the environments again, keeping the selected one selected."""
        chosen = self.selected()
        try:
            self.model.set_environments(promotion.list_environments(self.ctx.workspace))
        except ReleaseDeskError as exc:
            self._refused(exc)
            return
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, self.table.columnWidth(2) + 16)  # room at the edge
        if chosen is not None:
            self.select(chosen.id)
        self._enable()

    def _on_hub_changed(self, changes: Iterable[Change]) -> None:
        if any(c.entity in ENTITIES for c in changes):
            self.reload()

    def selected(self) -> EnvironmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowRole).row if rows else None

    def select(self, env_id: Any) -> None:
        for n, placed in enumerate(self.model.rows()):
            if placed.id == env_id:
                self.table.selectRow(n)

    def _position(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _enable(self) -> None:
        at, last = self._position(), self.model.rowCount() - 1
        for name in ("Edit…", "Remove"):
            self.buttons[name].setEnabled(at >= 0)
        self.buttons["Move up"].setEnabled(at > 0)
        self.buttons["Move down"].setEnabled(0 <= at < last)

    # -- editing -------------------------------------------------------------------------
    def _run(self, command: Any) -> bool:
        self.refusal.hide()
        return self.ctx.runner.run(command, on_error=self._refused)

    def _refused(self, error: ReleaseDeskError) -> None:
        self.refusal.setText(str(error))
        self.refusal.show()

    def _form(self, title: str, row: EnvironmentRow | None, save: Any) -> None:
        fields = [
            Field("name", "Name", value=row.name if row else "", required=True),
            Field("stage", "Stage", "choice", row.stage.value if row else "test", STAGES),
        ]

        def submit(values: dict[str, Any]) -> str | None:
            command = save(values)
            if command is None:  # nothing changed
                return None
            refused: list[str] = []
            done = self.ctx.runner.run(command, on_error=lambda e: refused.append(str(e)))
            return None if done else (refused[0] if refused else "")

        form_dialog.ask(title, fields, self, submit=submit)

    def add(self) -> None:
        ws = self.ctx.workspace
        self._form(
            "Add environment", None, lambda v: commands.add_environment(ws, v["name"], v["stage"])
        )

    def edit(self) -> None:
        row = self.selected()
        if row is None:
            return
        ws = self.ctx.workspace

        def save(values: dict[str, Any]) -> Any:
            changed = {k: v for k, v in values.items() if v != getattr(row, k)}
            return commands.edit_environment(ws, row, **changed) if changed else None

        self._form(f"Edit {row.name}", row, save)

    def move(self, by: int) -> bool:
        """Move the selected environment ``by`` places (−1: up) in the stage order."""
        row, at = self.selected(), self._position()
        if row is None or not 0 <= at + by < self.model.rowCount():
            return False
        done = self._run(commands.move_environment(self.ctx.workspace, row, at, at + by))
        self.select(row.id)
        return done

    def remove(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        return self._run(commands.remove_environment(self.ctx.workspace, row))


def show_environments(ctx: ViewContext, parent: QWidget | None = None) -> None:
    """Open the environments dialog (modal) over ``parent``."""
    dialog = EnvironmentsDialog(ctx, parent)
    try:
        dialog.exec()
    finally:
        ctx.hub.changed.disconnect(dialog._on_hub_changed)
        dialog.deleteLater()
