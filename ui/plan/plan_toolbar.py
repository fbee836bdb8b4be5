"""The plan view's tool bar: which releases, filters, task edits, zoom, baseline and the
"Why this date?" panel. Actions carry shortcuts that work while the view has focus."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QToolBar, QWidget

from ui.combo import give_way, select
from ui.icons import icon
from ui.plan.release_chooser import ReleaseChooser


@dataclass(frozen=True)
class PlanFilter:
    """What the view's filters keep: critical tasks only, one domain, a text."""

    critical_only: bool = False
    domain_id: uuid.UUID | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.critical_only or self.domain_id or self.text)


class PlanToolbar(QToolBar):
    """Emits ``filter_changed(PlanFilter)``; the actions are connected by the view."""

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Plan", parent)
        self.setObjectName("planToolbar")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.chooser = ReleaseChooser()
        self.addWidget(self.chooser)
        self.addSeparator()
        self.act_add = self._action(
            "Add task", "add", "Insert", "Add a task under the selected one"
        )
        self.act_delete = self._action(
            "Delete task", "delete", "Ctrl+Delete", "Delete the selected tasks (Undo restores them)"
        )
        self.act_outdent = self._action(
            "Outdent", "outdent", "Alt+Shift+Left", "Move the selected task one level out"
        )
        self.act_indent = self._action(
            "Indent",
            "indent",
            "Alt+Shift+Right",
            "Make the selected task a subtask of the one above",
        )
        self.addSeparator()
        self.act_zoom_out = self._action(
            "Zoom out", "zoom_out", "Ctrl+-", "Show more time (Ctrl+wheel)"
        )
        self.act_zoom_in = self._action(
            "Zoom in", "zoom_in", "Ctrl+=", "Show less time (Ctrl+wheel)"
        )
        self.act_fit = self._action("Fit", "zoom_fit", "Ctrl+0", "Show the whole plan")
        self.addSeparator()
        self.act_set_baseline = self._action(
            "Set baseline", "baseline", None, "Store the current schedule as the baseline"
        )
        self.act_clear_baseline = self._action(
            "Clear baseline", "baseline_clear", None, "Remove the stored baseline"
        )
        self.addSeparator()
        self.critical = QCheckBox("Critical only")
        self.critical.setToolTip("Show only the tasks on the critical path (and their summaries)")
        self.domain = give_way(QComboBox(), 10)
        self.domain.setAccessibleName("Domain")
        self.domain.addItem("All domains", None)
        self.text = QLineEdit(placeholderText="Filter tasks…")
        self.text.setClearButtonEnabled(True)
        self.text.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        self.text.setMinimumWidth(120)
        self.text.setMaximumWidth(200)
        for widget in (self.critical, self.domain, self.text):
            self.addWidget(widget)
        self.addSeparator()
        self.act_why = self._action(
            "Why this date?", "why", "Ctrl+Shift+Y", "Show what drives the selected task's dates"
        )
        self.act_why.setCheckable(True)
        self.critical.toggled.connect(self._on_any_changed)
        self.domain.currentIndexChanged.connect(self._on_any_changed)
        self.text.textChanged.connect(self._on_any_changed)

    def _action(self, text: str, icon_name: str, keys: str | None, tip: str) -> QAction:
        action = QAction(icon(icon_name), text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tip = f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        self.addAction(action)
        return action

    def set_domains(self, domains: Sequence[tuple[uuid.UUID, str]]) -> None:
        """Offer ``domains`` (id, name); keeps the chosen one while it is there."""
        current = self.domain.currentData()
        self.domain.blockSignals(True)
        self.domain.clear()
        self.domain.addItem("All domains", None)
        for domain_id, name in domains:
            self.domain.addItem(name, domain_id)
        select(self.domain, current)
        self.domain.blockSignals(False)

    def plan_filter(self) -> PlanFilter:
        data = self.domain.currentData()
        return PlanFilter(
            self.critical.isChecked(),
            data if isinstance(data, uuid.UUID) else None,
            self.text.text().strip(),
        )

    def _on_any_changed(self, *_args: object) -> None:
        self.filter_changed.emit(self.plan_filter())
