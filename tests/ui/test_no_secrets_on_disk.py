"""A password on the command line or in the connect dialog never reaches the settings file.

The window is started as ``releasedesk --db postgresql+psycopg://postgres:PASSWORD@...``
does (``run_gui``, its event loop returning at once) against the real local server
(trust authentication: any password is accepted), and the settings file it wrote is
then read as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.credentials import with_keyring_password
from tests.memory_keyring import MemoryKeyring
from ui import application
from ui.settings import Settings

SECRET = "Sup3r-Secret_pw"


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file ``run_gui`` keeps its settings in (the user's own stays untouched)."""
    path = tmp_path / "ReleaseDesk.conf"
    monkeypatch.setattr(
        application, "Settings", lambda: Settings(QSettings(str(path), QSettings.Format.IniFormat))
    )
    monkeypatch.setattr(QApplication, "exec", lambda *_args: 0)  # the loop returns at once
    return path


def _with_secret(url: str) -> str:
    return sa.make_url(url).set(password=SECRET).render_as_string(hide_password=False)


@pytest.mark.postgres
def test_start_with_a_password_writes_none(
    qapp, settings_file: Path, pg_workspace_url: str, memory_keyring: MemoryKeyring
) -> None:
    assert application.run_gui(_with_secret(pg_workspace_url), user="tester") == 0
    text = settings_file.read_text()
    assert SECRET not in text
    assert "last=" in text and "recent=" in text  # remembered all the same
    assert memory_keyring.saved == {}  # not asked to keep it: used for this run only
    # The remembered entry reopens (trust authentication needs no password).
    settings = application.Settings()
    assert settings.last_workspace() == pg_workspace_url
    opened = application.open_start_workspace(None, settings, "tester")
    assert opened is not None
    opened[0].close()


@pytest.mark.postgres
def test_save_password_keeps_it_in_the_keyring_only(
    qapp, settings_file: Path, pg_workspace_url: str, memory_keyring: MemoryKeyring
) -> None:
    code = application.run_gui(_with_secret(pg_workspace_url), user="tester", save_password=True)
    assert code == 0
    assert SECRET not in settings_file.read_text()
    assert list(memory_keyring.saved.values()) == [SECRET]
    last = application.Settings().last_workspace()
    assert last is not None and SECRET not in last
    assert sa.make_url(with_keyring_password(last)).password == SECRET


def test_passwords_an_older_version_stored_are_scrubbed(tmp_path: Path) -> None:
    path = tmp_path / "old.ini"
    path.write_text(
        "[workspace]\n"
        f"last=postgresql+psycopg://alice:{SECRET}@dbhost:5432/releases\n"
        f"recent=postgresql+psycopg://alice:{SECRET}@dbhost:5432/releases, "
        "postgresql+psycopg://alice@dbhost:5432/releases, /home/alice/plan.db\n"
    )
    settings = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    settings.scrub_passwords()
    assert SECRET not in path.read_text()
    assert settings.recent_workspaces() == [
        "postgresql+psycopg://alice@dbhost:5432/releases",
        "/home/alice/plan.db",
    ]
    assert settings.last_workspace() == "postgresql+psycopg://alice@dbhost:5432/releases"


@pytest.mark.postgres
def test_opening_a_recent_url_with_password_writes_none(
    window, tmp_path: Path, pg_workspace_url: str
) -> None:
    """File → Recent workspaces (or any switch) with a URL that holds a password."""
    window.open_recent(_with_secret(pg_workspace_url))
    assert window.workspace.kind.value == "shared"
    window.settings.sync()
    assert SECRET not in (tmp_path / "settings.ini").read_text()
    assert window.settings.recent_workspaces()[0] == pg_workspace_url
    assert SECRET not in (window.target or "")
