"""A colleague saved first: show their value next to mine; reload or keep mine."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError


class ConflictDialog(QDialog):
    """``exec()`` returns Accepted for "Keep mine", Rejected for "Reload theirs"."""

    def __init__(self, error: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Someone else changed this")
        self.error = error
        intro = QLabel(
            f"A colleague saved a newer version of this {error.entity} while you were "
            "editing it. Nothing has been overwritten yet."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(error.conflicts), 3)
        self.table.setHorizontalHeaderLabels(["Field", "Their value", "Your value"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, conflict in enumerate(error.conflicts):
            for col, text in enumerate(
                (conflict.field.replace("_", " ").capitalize(), conflict.theirs, conflict.mine)
            ):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if not error.conflicts:
            self.table.hide()
        buttons = QDialogButtonBox()
        self.reload_button = QPushButton("Reload theirs")
        self.keep_button = QPushButton("Keep mine")
        self.reload_button.setDefault(True)
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(
            QLabel(
                "<i>Keep mine</i> saves your values over theirs; <i>Reload theirs</i> "
                "discards your change and shows their version."
            )
        )
        layout.addWidget(buttons)
        self.resize(560, 260)
