"""Where an imported plan goes: a new release, or an existing release without a plan."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.release_service import ReleaseRow


@dataclass(frozen=True)
class ImportTarget:
    """The release name to give :func:`import_plan`; ``release_id`` for an existing one."""

    release_name: str
    release_id: uuid.UUID | None = None


class ImportTargetDialog(QDialog):
    """Asks for a new release's name (prefilled) or picks an empty existing release."""

    def __init__(
        self,
        summary: str,
        default_name: str,
        empty_releases: Sequence[ReleaseRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import plan")
        self.new_release = QRadioButton("Into a new Draft release")
        self.existing_release = QRadioButton("Into an existing release without a plan")
        group = QButtonGroup(self)
        group.addButton(self.new_release)
        group.addButton(self.existing_release)
        self.name = QLineEdit(default_name)
        self.name.setPlaceholderText("Name of the new release")
        self.releases = QComboBox()
        for row in empty_releases:
            self.releases.addItem(row.title, row.id)
        if not empty_releases:
            self.existing_release.setEnabled(False)
            self.existing_release.setToolTip("Every release already has a plan.")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.new_release)
        form.addRow("Name:", self.name)
        form.addRow(self.existing_release)
        form.addRow("Release:", self.releases)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(summary, wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.new_release.toggled.connect(self._on_choice_toggled)
        self.name.textChanged.connect(self._on_choice_toggled)
        self.new_release.setChecked(True)
        self.resize(460, 0)

    def target(self) -> ImportTarget | None:
        """The chosen target (None while the choice is incomplete)."""
        if self.new_release.isChecked():
            name = self.name.text().strip()
            return ImportTarget(name) if name else None
        if self.releases.currentIndex() < 0:
            return None
        return ImportTarget(self.releases.currentText(), self.releases.currentData())

    def _on_choice_toggled(self, *_args: object) -> None:
        new = self.new_release.isChecked()
        self.name.setEnabled(new)
        self.releases.setEnabled(not new)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.target() is not None)


def ask_import_target(
    parent: QWidget | None,
    summary: str,
    default_name: str,
    empty_releases: Sequence[ReleaseRow],
) -> ImportTarget | None:
    """Show the dialog; the chosen target, or None when cancelled. Tests replace this."""
    dialog = ImportTargetDialog(summary, default_name, empty_releases, parent)
    return dialog.target() if dialog.exec() == QDialog.DialogCode.Accepted else None
