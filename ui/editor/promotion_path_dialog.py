"""A release's promotion path: tick the environments it goes through and put them in
order. Saved as one undoable command; a path a colleague changed meanwhile goes to the
conflict dialog instead of being overwritten."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.changes import Change
from app.errors import ReleaseDeskError
from app.services import promotion
from app.services.promotion import EnvironmentRow, PathRow
from ui.editor.environments_dialog import STAGE_NAMES
from ui.undo.delivery_commands import PathCommand
from ui.view_registry import ViewContext

IdRole = Qt.ItemDataRole.UserRole + 1


class PromotionPathDialog(QDialog):
    """Checkable, orderable environments; OK saves the ticked ones in list order."""

    def __init__(
        self, ctx: ViewContext, release_id: uuid.UUID, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.release_id = ctx, release_id
        self.setWindowTitle(f"Promotion path of {title}")
        intro = QLabel(
            "Tick the environments this release is deployed to, first stage first. A "
            "deployment to a stage needs the stage before it on this path verified.",
            wordWrap=True,
        )
        self.refusal = QLabel(wordWrap=True, objectName="bannerError")
        self.refusal.hide()
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setAccessibleName("Environments on the path")
        self.list.setSpacing(3)
        self.list.currentRowChanged.connect(lambda *_: self._enable())
        self.up = QPushButton("Move up")
        self.down = QPushButton("Move down")
        self.every = QPushButton("Every environment", toolTip="Every environment, in stage order")
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        self.every.clicked.connect(self.use_every_environment)
        side = QVBoxLayout()
        for button in (self.up, self.down, self.every):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        self.path_text = QLabel(wordWrap=True)
        self.list.itemChanged.connect(lambda *_: self._show_path())
        self.list.model().rowsMoved.connect(lambda *_: self._show_path())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.refusal)
        layout.addLayout(body, 1)
        layout.addWidget(self.path_text)
        layout.addWidget(buttons)
        self.seen: PathRow | None = None
        self.every_environment = False  # the user asked to follow the stage order again
        ctx.hub.changed.connect(self._on_hub_changed)
        self.resize(520, 380)
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the path and the environments; ticks and order made here are kept."""
        ws = self.ctx.workspace
        try:
            self.seen = promotion.release_path(ws, self.release_id)
            envs = promotion.list_environments(ws)
        except ReleaseDeskError as exc:
            self._refused(exc)
            return
        if self.list.count():  # a colleague's change: keep what the user arranged
            order, ticked = self.chosen_order(), set(self.chosen())
        else:
            order, ticked = list(self.seen.ids), set(self.seen.ids)
        by_id = {e.id: e for e in envs}
        ordered = [by_id[i] for i in order if i in by_id]
        ordered += [e for e in envs if e.id not in order]
        self.list.blockSignals(True)
        self.list.clear()
        for env in ordered:
            self._add(env, env.id in ticked)
        self.list.blockSignals(False)
        self._show_path()
        self._enable()

    def _add(self, env: EnvironmentRow, ticked: bool) -> None:
        item = QListWidgetItem(f"{env.name}  ·  {STAGE_NAMES[env.stage].lower()} stage")
        item.setData(IdRole, env.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.addItem(item)

    def _on_hub_changed(self, changes: Iterable[Change]) -> None:
        if any(c.entity in ("environment", "promotion_step") for c in changes):
            self.reload()

    def chosen_order(self) -> list[uuid.UUID]:
        return [self.list.item(n).data(IdRole) for n in range(self.list.count())]

    def chosen(self) -> list[uuid.UUID]:
        """The ticked environments, in list order."""
        return [
            self.list.item(n).data(IdRole)
            for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]

    def _show_path(self) -> None:
        names = [
            self.list.item(n).text().split("  ·  ")[0]
            for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]
        self.every_environment = False
        self.path_text.setText("Path: " + (" → ".join(names) or "no environment ticked"))

    def _enable(self) -> None:
        at = self.list.currentRow()
        self.up.setEnabled(at > 0)
        self.down.setEnabled(0 <= at < self.list.count() - 1)

    # -- editing -------------------------------------------------------------------------
    def move(self, by: int) -> None:
        """Move the current environment ``by`` places (−1: earlier)."""
        at = self.list.currentRow()
        if not 0 <= at + by < self.list.count() or at < 0:
            return
        item = self.list.takeItem(at)
        self.list.insertItem(at + by, item)
        self.list.setCurrentRow(at + by)
        self._show_path()

    def use_every_environment(self) -> None:
        """Tick every environment in stage order: the path follows the stage order again
        (and takes in environments added later)."""
        self.list.clear()
        self.list.blockSignals(True)
        for env in promotion.list_environments(self.ctx.workspace):
            self._add(env, True)
        self.list.blockSignals(False)
        self._show_path()
        self.every_environment = True

    def _refused(self, error: ReleaseDeskError) -> None:
        self.refusal.setText(str(error))
        self.refusal.show()

    def accept(self) -> None:
        """OK: save the ticked environments as the path (the dialog stays on a refusal)."""
        if self.seen is None:
            return
        chosen = None if self.every_environment else self.chosen()
        if chosen is not None and not chosen:
            self._refused(ReleaseDeskError("Tick at least one environment."))
            return
        unchanged = chosen == list(self.seen.ids) or (chosen is None and not self.seen.custom)
        if unchanged or self.ctx.runner.run(
            PathCommand(self.ctx.workspace, self.seen, chosen), on_error=self._refused
        ):
            super().accept()
        elif not self.refusal.isVisible():  # a colleague's path won: show theirs
            self.list.clear()
            self.reload()


def show_promotion_path(
    ctx: ViewContext, release_id: uuid.UUID, title: str, parent: QWidget | None = None
) -> None:
    """Open the promotion path dialog of a release (modal) over ``parent``."""
    dialog = PromotionPathDialog(ctx, release_id, title, parent)
    try:
        dialog.exec()
    finally:
        ctx.hub.changed.disconnect(dialog._on_hub_changed)
        dialog.deleteLater()
