"""Where build notes come from: a git repository and two refs, or a changelog file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class NotesSource:
    """A git range (``repo``, ``since``, ``until``) or a changelog (``changelog``,
    ``version``: None for its newest released version)."""

    repo: Path | None = None
    since: str = ""
    until: str = ""
    changelog: Path | None = None
    version: str | None = None

    @property
    def label(self) -> str:
        """How the undo menu names the import."""
        if self.changelog is not None:
            return f"{self.changelog.name} {self.version or '(newest version)'}"
        return f"{self.since}..{self.until}"


def _path_row(edit: QLineEdit, browse: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row


class BuildNotesDialog(QDialog):
    """Asks for a git repository with its refs, or a changelog file with a version."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import build notes")
        self.from_git = QRadioButton("From a git repository: the commits between two refs")
        self.from_changelog = QRadioButton("From a changelog file (Keep a Changelog)")
        group = QButtonGroup(self)
        group.addButton(self.from_git)
        group.addButton(self.from_changelog)
        self.repo = QLineEdit(placeholderText="Folder of the repository")
        self.since = QLineEdit(placeholderText="Older ref, e.g. v1.3.0")
        self.until = QLineEdit(placeholderText="Newer ref, e.g. v1.4.0 or main")
        self.changelog = QLineEdit(placeholderText="CHANGELOG.md")
        self.version = QLineEdit(placeholderText="Empty: newest released; 1.2.0..1.4.0: a range")
        self.repo_browse = QPushButton("Browse…")
        self.changelog_browse = QPushButton("Browse…")
        self.repo_browse.clicked.connect(self._on_repo_browse_clicked)
        self.changelog_browse.clicked.connect(self._on_changelog_browse_clicked)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.from_git)
        form.addRow("Repository:", _path_row(self.repo, self.repo_browse))
        form.addRow("From:", self.since)
        form.addRow("To:", self.until)
        form.addItem(QSpacerItem(0, 8))
        form.addRow(self.from_changelog)
        form.addRow("File:", _path_row(self.changelog, self.changelog_browse))
        form.addRow("Version:", self.version)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._git_fields = (self.repo, self.repo_browse, self.since, self.until)
        self._changelog_fields = (self.changelog, self.changelog_browse, self.version)
        for edit in (self.repo, self.since, self.until, self.changelog):
            edit.textChanged.connect(self._on_choice_changed)
        self.from_git.toggled.connect(self._on_choice_changed)
        self.from_changelog.setChecked(True)
        self._on_choice_changed()
        self.changelog.setFocus()  # the chosen source's first field, not the other's radio
        self.resize(520, 0)

    def source(self) -> NotesSource | None:
        """The chosen source (None while it is incomplete)."""
        if self.from_git.isChecked():
            repo, since, until = (e.text().strip() for e in (self.repo, self.since, self.until))
            if repo and since and until:
                return NotesSource(repo=Path(repo).expanduser(), since=since, until=until)
            return None
        changelog = self.changelog.text().strip()
        if not changelog:
            return None
        version = self.version.text().strip() or None
        return NotesSource(changelog=Path(changelog).expanduser(), version=version)

    def _on_choice_changed(self, *_args: object) -> None:
        git = self.from_git.isChecked()
        for widget in self._git_fields:
            widget.setEnabled(git)
        for widget in self._changelog_fields:
            widget.setEnabled(not git)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.source() is not None)

    def _on_repo_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Git repository", self.repo.text())
        if folder:
            self.repo.setText(folder)

    def _on_changelog_browse_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Changelog", self.changelog.text(), "Changelogs (*.md *.txt);;All files (*)"
        )
        if name:
            self.changelog.setText(name)


def ask_notes_source(parent: QWidget) -> NotesSource | None:
    """Show the dialog; the chosen source, or None when cancelled."""
    dialog = BuildNotesDialog(parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.source()
    finally:
        dialog.deleteLater()
