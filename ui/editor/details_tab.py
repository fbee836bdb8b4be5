"""Release details: name, version, type, domain, owner, manager, window, description.

The form keeps the row it was loaded from; Save sends only the fields that differ,
expecting that row's version, so a colleague's newer save becomes a conflict.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dates_text import QT_MOMENT
from app.enums import ReleaseType
from app.errors import ReleaseDeskError
from app.services import people_service, release_service
from app.services.release_service import ReleaseRow
from ui.combo import give_way, select
from ui.date_edit import DateTimeEdit
from ui.field_marks import mark, with_error_label
from ui.icons import icon
from ui.undo import release_commands
from ui.view_registry import ViewContext

NO_DATE = QDateTime(dt.datetime(2000, 1, 1))
FIELDS = (
    "name",
    "version_label",
    "release_type",
    "domain_id",
    "owner_id",
    "release_manager_id",
    "planned_start",
    "planned_end",
    "deadline",
    "description",
)


class DetailsTab(QWidget):
    """The details form; ``dirty_changed`` tells the editor about unsaved edits."""

    dirty_changed = Signal(bool)

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row: ReleaseRow | None = None
        self._loading = False
        self.name = QLineEdit()
        self.version_label = QLineEdit()
        self.release_type = QComboBox()
        for kind in ReleaseType:
            self.release_type.addItem(kind.value.capitalize(), kind)
        self.domain_id = give_way(QComboBox())
        self.owner_id = give_way(QComboBox())
        self.release_manager_id = give_way(QComboBox())
        self.planned_start = self._date_edit()
        self.planned_end = self._date_edit()
        self.deadline = self._date_edit()
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText("What this release delivers and why")
        self.description.setTabChangesFocus(True)  # Tab leaves the form's last field
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        # Fields Save can refuse carry a line under them that says why.
        name_cell, name_error = with_error_label(self.name)
        end_cell, end_error = with_error_label(self.planned_end)
        self.errors = {"name": name_error, "planned_end": end_error}
        form.addRow("Name", name_cell)
        form.addRow("Version", self.version_label)
        form.addRow("Type", self.release_type)
        form.addRow("Domain", self.domain_id)
        form.addRow("Owner", self.owner_id)
        form.addRow("Release manager", self.release_manager_id)
        form.addRow("Planned start", self.planned_start)
        form.addRow("Planned end", end_cell)
        form.addRow("Deadline", self.deadline)
        form.addRow("Description", self.description)
        self.save_button = QPushButton(icon("accept", "#ffffff"), "Save")
        self.save_button.setObjectName("primary")
        self.revert_button = QPushButton("Revert")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        for edit in (self.name, self.version_label):
            edit.textEdited.connect(self._on_field_changed)
        for combo in (self.release_type, self.domain_id, self.owner_id, self.release_manager_id):
            combo.currentIndexChanged.connect(self._on_field_changed)
        for date in (self.planned_start, self.planned_end, self.deadline):
            date.dateTimeChanged.connect(self._on_field_changed)
        self.description.textChanged.connect(self._on_field_changed)
        self._set_dirty(False)

    def _date_edit(self) -> QDateTimeEdit:
        edit = DateTimeEdit(calendarPopup=True)
        edit.setDisplayFormat(QT_MOMENT)
        edit.setMinimumDateTime(NO_DATE)
        edit.setSpecialValueText("Not set")
        return edit

    # -- loading -------------------------------------------------------------------------
    def load_choices(self) -> None:
        """Domains and people for the combo boxes."""
        try:
            domains = people_service.list_domains(self.ctx.workspace)
            people = people_service.list_people(self.ctx.workspace)
        except ReleaseDeskError:
            domains, people = [], []
        self._loading = True
        self.domain_id.clear()
        self.domain_id.addItem("No domain", None)
        for d in domains:
            self.domain_id.addItem(d.name, d.id)
        for combo in (self.owner_id, self.release_manager_id):
            combo.clear()
            combo.addItem("Nobody", None)
            for p in people:
                combo.addItem(f"{p.name} · {p.role}" if p.role else p.name, p.id)
        self._loading = False

    def set_row(self, row: ReleaseRow, force: bool = False) -> None:
        """Show ``row``; unsaved edits are kept unless ``force``."""
        if self.is_dirty() and not force:
            return
        self.row = row
        self._loading = True
        self.name.setText(row.name)
        self.version_label.setText(row.version_label)
        for name in ("release_type", "domain_id", "owner_id", "release_manager_id"):
            combo: QComboBox = getattr(self, name)
            select(combo, getattr(row, name))
        for name in ("planned_start", "planned_end", "deadline"):
            value = getattr(row, name)
            getattr(self, name).setDateTime(QDateTime(value) if value else NO_DATE)
        self.description.setPlainText(row.description)
        self._loading = False
        self._set_dirty(False)

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name.text().strip(),
            "version_label": self.version_label.text().strip(),
            "description": self.description.toPlainText(),
        }
        for name in ("release_type", "domain_id", "owner_id", "release_manager_id"):
            out[name] = getattr(self, name).currentData()
        for name in ("planned_start", "planned_end", "deadline"):
            value = getattr(self, name).dateTime()
            out[name] = None if value == NO_DATE else _norm(value.toPython())
        return out

    def changed_values(self) -> dict[str, Any]:
        if self.row is None:
            return {}
        return {k: v for k, v in self.values().items() if _norm(getattr(self.row, k)) != v}

    def is_dirty(self) -> bool:
        return bool(self.changed_values())

    def problems(self) -> dict[str, str]:
        """What Save refuses, by field: the form says so before the service would."""
        values = self.values()
        found: dict[str, str] = {}
        if not values["name"]:
            found["name"] = "A release needs a name."
        start, end = values["planned_start"], values["planned_end"]
        if start is not None and end is not None and end < start:
            found["planned_end"] = "The planned end lies before the planned start."
        return found

    def show_problems(self, problems: dict[str, str], focus: bool = True) -> None:
        """Mark the refused fields (clearing the others); ``focus`` the first."""
        for name, error in self.errors.items():
            mark(getattr(self, name), error, problems.get(name, ""))
        if problems and focus:
            getattr(self, next(iter(problems))).setFocus()

    def save(self) -> bool:
        """Save the changed fields as one undoable edit (once the form is valid)."""
        changed = self.changed_values()
        if self.row is None or not changed:
            return False
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            return False
        command = release_commands.update_release(self.ctx.workspace, self.row, **changed)
        ok = self.ctx.runner.run(command)
        if ok:
            self.set_row(release_service.get_release(self.ctx.workspace, self.row.id), force=True)
        return ok

    def revert(self) -> None:
        if self.row is not None:
            self.set_row(self.row, force=True)

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.dirty_changed.emit(dirty)

    def _on_field_changed(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(self.is_dirty())
        if any(error.text() for error in self.errors.values()):
            # Marks follow the typing (one goes once its field is right); focus stays.
            self.show_problems(self.problems(), focus=False)


def _norm(value: Any) -> Any:
    """Stored datetimes compared at the minute, as the form shows them."""
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0)
    return value
