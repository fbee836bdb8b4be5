"""File → Connect to shared database: server details, keyring, "Test connection"."""

from __future__ import annotations

import threading
from urllib.parse import quote

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.credentials import keyring_account, store_password, stored_password
from app.errors import ReleaseDeskError
from app.masking import mask_passwords
from app.workspace import Workspace
from ui.settings import Settings

CONNECT_TIMEOUT_S = 5


def build_url(host: str, port: int, database: str, user: str, password: str) -> str:
    """A psycopg URL with the password quoted (never logged or stored in settings)."""
    auth = quote(user, safe="")
    if password:
        auth += ":" + quote(password, safe="")
    return (
        f"postgresql+psycopg://{auth}@{host}:{port}/{quote(database, safe='')}"
        f"?connect_timeout={CONNECT_TIMEOUT_S}"
    )


class ConnectDialog(QDialog):
    """Collects the server details; :meth:`url` gives what to open.

    With ``settings`` it opens on the last server connected to and remembers the one
    connected to now (host, port, database, user: never the password).
    """

    test_finished = Signal(bool, str)

    def __init__(self, parent: QWidget | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to shared database")
        self.settings = settings
        last = settings.last_server() if settings is not None else {}
        self.host = QLineEdit(last.get("host", "localhost"))
        port = last.get("port", "")
        self.port = QSpinBox(minimum=1, maximum=65535, value=int(port) if port.isdigit() else 5432)
        self.database = QLineEdit(last.get("database", "releasedesk"))
        self.user = QLineEdit(last.get("user", ""))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("Store the password in the system keyring")
        self.test_button = QPushButton("Test connection")
        self.result = QLabel(wordWrap=True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("Host", self.host)
        form.addRow("Port", self.port)
        form.addRow("Database", self.database)
        form.addRow("User", self.user)
        form.addRow("Password", self.password)
        form.addRow("", self.remember)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Connect")
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(buttons)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.test_finished.connect(self._on_test_finished)
        self.user.editingFinished.connect(self._on_user_editing_finished)
        if self.user.text():  # the remembered server: its password may be in the keyring
            self._on_user_editing_finished()
        self.resize(460, 0)

    def account(self) -> str:
        return keyring_account(
            self.user.text().strip(),
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
        )

    def url(self) -> str:
        return build_url(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )

    def display_target(self) -> str:
        """The URL without password (what recent workspaces remember)."""
        return build_url(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
            "",
        )

    # -- testing -------------------------------------------------------------------------
    def test_connection(self, wait: bool = False) -> None:
        """Try to open the workspace off the GUI thread; the result lands in ``result``."""
        self.test_button.setEnabled(False)
        self.result.setText("Connecting…")
        worker = threading.Thread(target=self._try_open, args=(self.url(),), daemon=True)
        worker.start()
        if wait:
            worker.join()

    def _try_open(self, url: str) -> None:
        try:
            Workspace.open(url).close()
        except ReleaseDeskError as exc:
            self.test_finished.emit(False, mask_passwords(str(exc)))
        except Exception as exc:  # driver errors we did not foresee: still say why
            self.test_finished.emit(False, mask_passwords(f"{type(exc).__name__}: {exc}"))
        else:
            self.test_finished.emit(True, "Connected: this is a ReleaseDesk workspace.")

    def _on_test_button_clicked(self) -> None:
        self.test_connection()

    def _on_test_finished(self, ok: bool, message: str) -> None:
        self.test_button.setEnabled(True)
        colour = "#2f9e60" if ok else "#d14343"
        self.result.setText(f"<span style='color:{colour}'>{'✓' if ok else '✗'}</span> {message}")

    def _on_user_editing_finished(self) -> None:
        if not self.password.text():
            self.password.setText(stored_password(self.account()))

    def _on_buttons_accepted(self) -> None:
        """Connect; the password goes to the keyring only when the box is ticked."""
        if self.remember.isChecked() and self.password.text():
            problem = store_password(self.account(), self.password.text())
            if problem is not None:  # no keyring backend: say so and stay, nothing written
                self.result.setText(
                    f"The password could not be stored in the system keyring ({problem}). "
                    "Untick the box to connect without storing it."
                )
                return
        if self.settings is not None:
            self.settings.remember_server(
                self.host.text().strip(),
                self.port.value(),
                self.database.text().strip(),
                self.user.text().strip(),
            )
        self.accept()
