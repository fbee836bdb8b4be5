"""Edit the runbook a release runs in an environment (from the Delivery tab).

Not modal: the coordinator can keep the Delivery tab's dry run beside it. Edits are
undoable in the window's undo stack, and a colleague's edits show as they arrive.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from app.changes import Change
from app.errors import ReleaseDeskError
from app.services import promotion
from app.services.release_service import ReleaseRow
from ui.editor.runbook_steps_tab import RunbookStepsTab
from ui.view_registry import ViewContext


class RunbookDialog(QDialog):
    """An environment chooser above the steps of the release's runbook there."""

    def __init__(
        self, ctx: ViewContext, release: ReleaseRow, environment: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(f"Runbook — {release.title}")
        self.environment = QComboBox()
        self.environment.setAccessibleName("Environment")
        self.steps = RunbookStepsTab(ctx, self)
        self.steps.release = release
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QFormLayout()
        top.addRow("Environment", self.environment)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.steps, 1)
        layout.addWidget(close)
        self._fill(environment)
        self.environment.currentTextChanged.connect(self.steps.show_environment)
        self.steps.show_environment(self.environment.currentText())
        ctx.hub.changed.connect(self._on_hub_changed)
        self.finished.connect(lambda _r: ctx.hub.changed.disconnect(self._on_hub_changed))
        self.resize(820, 420)

    def _fill(self, wanted: str) -> None:
        try:
            names = [env.name for env in promotion.list_environments(self.ctx.workspace)]
        except ReleaseDeskError as exc:
            self.steps.show_summary(str(exc))
            names = []
        self.environment.blockSignals(True)
        self.environment.clear()
        self.environment.addItems(names)
        if wanted in names:
            self.environment.setCurrentText(wanted)
        self.environment.blockSignals(False)

    def _on_hub_changed(self, changes: Iterable[Change]) -> None:
        changes = tuple(changes)
        if any(c.entity == "environment" for c in changes):
            self._fill(self.environment.currentText())
            self.steps.show_environment(self.environment.currentText())
        elif self.steps.concerns(changes):
            self.steps.reload()
