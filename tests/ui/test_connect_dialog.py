"""Connect to a shared database: Test connection against the real server, keyring."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.memory_keyring import MemoryKeyring
from tests.ui.form_driver import clear
from ui.dialogs.connect_dialog import ConnectDialog
from ui.workspace_opener import with_keyring_password


def _fill(dialog: ConnectDialog, url: str, port: int | None = None) -> None:
    parts = sa.make_url(url)
    dialog.host.setText(parts.host or "localhost")
    dialog.port.setValue(port or parts.port or 5432)
    dialog.database.setText(parts.database or "")
    dialog.user.setText(parts.username or "")
    dialog.password.setText(parts.password or "")


@pytest.mark.postgres
def test_test_connection_succeeds_on_a_workspace(qtbot, pg_workspace_url: str) -> None:
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, pg_workspace_url)
    with qtbot.waitSignal(dialog.test_finished, timeout=10_000) as blocker:
        dialog.test_connection()
    assert blocker.args[0] is True
    assert "Connected" in dialog.result.text() and dialog.test_button.isEnabled()


def test_test_connection_says_why_it_failed(qtbot) -> None:
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, "postgresql+psycopg://nobody@127.0.0.1/nothing", port=1)
    with qtbot.waitSignal(dialog.test_finished, timeout=10_000) as blocker:
        dialog.test_connection()
    assert blocker.args[0] is False
    assert "Cannot connect to the shared database 127.0.0.1:1/nothing" in dialog.result.text()


def test_password_kept_in_keyring_on_request(qtbot, memory_keyring: MemoryKeyring) -> None:
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, "postgresql+psycopg://alice:s3cret@dbhost:5433/releases")
    dialog.remember.click()  # as a user ticks it
    _press_connect(dialog, qtbot)
    target = dialog.display_target()
    assert "s3cret" not in target
    assert list(memory_keyring.saved.values()) == ["s3cret"]
    assert sa.make_url(with_keyring_password(target)).password == "s3cret"


def test_password_not_stored_unless_asked(qtbot, memory_keyring: MemoryKeyring) -> None:
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, "postgresql+psycopg://alice:s3cret@dbhost:5433/releases")
    _press_connect(dialog, qtbot)
    assert memory_keyring.saved == {}


def _press_connect(dialog: ConnectDialog, qtbot) -> None:
    """Click the dialog's Connect (OK) button, as the user does."""
    buttons = dialog.findChild(QDialogButtonBox)
    connect = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert connect.text() == "Connect"
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(connect, Qt.MouseButton.LeftButton)


def test_no_keyring_keeps_the_dialog_open_and_says_why(qtbot, memory_keyring, monkeypatch):
    """Asked to store the password where there is no keyring: say so, write nothing."""

    def no_backend(*_args):
        raise RuntimeError("No recommended backend was available")

    monkeypatch.setattr(memory_keyring, "set_password", no_backend)
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, "postgresql+psycopg://alice:s3cret@dbhost:5433/releases")
    dialog.remember.click()
    buttons = dialog.findChild(QDialogButtonBox)
    with qtbot.assertNotEmitted(dialog.accepted):
        qtbot.mouseClick(
            buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert "could not be stored in the system keyring" in dialog.result.text()
    assert "No recommended backend" in dialog.result.text()
    dialog.remember.click()  # untick: connect without storing it
    _press_connect(dialog, qtbot)


def test_the_dialog_opens_on_the_last_server_without_its_password(
    qtbot, settings, memory_keyring: MemoryKeyring, tmp_path
) -> None:
    first = ConnectDialog(settings=settings)
    qtbot.addWidget(first)
    for field, typed in (
        (first.host, "db.example.org"),
        (first.database, "releases"),
        (first.user, "alice"),
        (first.password, "s3cret"),
    ):
        clear(qtbot, field)
        qtbot.keyClicks(field, typed)
    clear(qtbot, first.port)
    qtbot.keyClicks(first.port, "5433")
    _press_connect(first, qtbot)
    settings.sync()
    again = ConnectDialog(settings=settings)
    qtbot.addWidget(again)
    shown = (again.host.text(), again.port.value(), again.database.text(), again.user.text())
    assert shown == ("db.example.org", 5433, "releases", "alice")
    assert again.password.text() == ""  # not stored: neither in settings nor the keyring
    assert "s3cret" not in (tmp_path / "settings.ini").read_text()


def test_a_stored_password_is_filled_in_for_the_remembered_server(
    qtbot, settings, memory_keyring: MemoryKeyring
) -> None:
    first = ConnectDialog(settings=settings)
    qtbot.addWidget(first)
    _fill(first, "postgresql+psycopg://alice:s3cret@dbhost:5433/releases")
    first.remember.click()
    _press_connect(first, qtbot)
    again = ConnectDialog(settings=settings)
    qtbot.addWidget(again)
    assert again.password.text() == "s3cret"  # from the keyring, as the user asked
