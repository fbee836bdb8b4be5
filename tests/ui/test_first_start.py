"""First start: no workspace yet, so the start dialog offers the ways in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from app.services import release_service
from ui import application
from ui.dialogs.start_dialog import StartChoice, StartDialog
from ui.settings import Settings


@pytest.fixture
def default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the workspace is expected when no --db is given ($RELEASEDESK_DB here)."""
    path = tmp_path / "data" / "workspace.db"
    monkeypatch.setenv("RELEASEDESK_DB", str(path))
    return path


def _answer(monkeypatch: pytest.MonkeyPatch, *choices: StartChoice) -> list[str]:
    """Make the start dialog press ``choices`` in turn; returns the messages it showed."""
    shown: list[str] = []
    queue = list(choices)

    def exec_(self: StartDialog) -> int:
        shown.append(self.findChildren(QPushButton)[0].text())
        self.choice = queue.pop(0)
        return 1

    monkeypatch.setattr(StartDialog, "exec", exec_)
    return shown


def test_demo_choice_creates_the_demo_at_the_default_path(
    qapp, default_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _answer(monkeypatch, StartChoice.DEMO)
    opened = application.open_start_workspace(None, settings, user="tester")
    assert opened is not None
    ws, remembered = opened
    try:
        assert shown == ["Create demo workspace"]
        assert remembered == str(default_path) and default_path.exists()
        assert len(release_service.list_releases(ws)) == 16
    finally:
        ws.close()


def test_empty_choice_creates_an_empty_workspace(
    qapp, default_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, StartChoice.EMPTY)
    ws, _ = application.open_start_workspace(None, settings, user="tester")
    try:
        assert release_service.list_releases(ws) == []
    finally:
        ws.close()


def test_quit_creates_nothing(
    qapp, default_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, StartChoice.QUIT)
    assert application.open_start_workspace(None, settings) is None
    assert not default_path.exists()


def test_foreign_file_is_explained_then_the_choices_offered(
    qapp, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    _answer(monkeypatch, StartChoice.QUIT)
    assert application.open_start_workspace(str(notes), settings) is None
    assert warnings and "not a ReleaseDesk workspace" in warnings[0]
    assert notes.read_text() == "not a database"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("ftp://host/x", "'ftp' databases cannot hold a workspace"),
        ("foo+bar://x", "'foo' databases cannot hold a workspace"),
        ("mysql://u@h/db", "'mysql' databases cannot hold a workspace"),
        ("postgresql+nosuchdriver://u@h/db", "driver is not installed"),
        ("postgresql+psycopg://u@h:notaport/db", "not a database URL"),
        ("{tmp}/" + "a" * 300 + ".db", "cannot be used as a workspace file"),
        ("{tmp}", "is a folder"),
        ("/dev/zero", "not a regular file"),
    ],
)
def test_a_bad_db_value_is_explained_in_a_message_box(
    qapp,
    tmp_path: Path,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    message: str,
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    _answer(monkeypatch, StartChoice.QUIT)
    target = target.replace("{tmp}", str(tmp_path))
    assert application.open_start_workspace(target, settings) is None
    assert len(warnings) == 1 and message in warnings[0] and "\n" not in warnings[0]


def test_a_user_name_too_long_is_a_message_box_and_exit_2(
    qapp, sqlite_workspace, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(application, "Settings", lambda: settings)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    path = sqlite_workspace.url.database
    assert application.run_gui(path, user="u" * 121) == 2
    assert len(shown) == 1 and "at most 120 characters" in shown[0]


def test_the_start_dialog_speaks_plain_words_and_nothing_is_cut_off(
    qtbot, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict = {}

    def look(self: StartDialog) -> int:
        self.show()
        qtbot.waitExposed(self)
        seen["text"] = self.message.text()
        seen["buttons"] = [b.text() for b in self.findChildren(QPushButton)]
        seen["cut"] = [
            label.text()
            for label in self.findChildren(QLabel)
            if label.height() < label.heightForWidth(label.width())
        ]
        self.choice = StartChoice.QUIT
        return 0

    monkeypatch.setattr(StartDialog, "exec", look)
    missing = tmp_path / "plans" / "team.db"
    assert application.open_start_workspace(str(missing), settings) is None
    assert seen["text"] == f"There is no workspace at {missing} yet. Choose how to start:"
    assert "releasedesk" not in seen["text"] and "`" not in seen["text"]  # no commands
    assert seen["buttons"] == [
        "Create demo workspace",
        "Create empty workspace",
        "Open…",
        "Connect to shared database…",
    ]
    assert seen["cut"] == []


def test_a_server_without_a_workspace_is_named_without_its_url(
    qapp, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.errors import WorkspaceMissingError
    from ui.workspace_opener import ask_for_workspace

    texts: list[str] = []

    def look(self: StartDialog) -> int:
        texts.append(self.message.text())
        return 0

    monkeypatch.setattr(StartDialog, "exec", look)
    url = "postgresql+psycopg://alice:s3cret@dbhost:5432/releases?connect_timeout=5"
    error = WorkspaceMissingError("dbhost:5432/releases has no ReleaseDesk workspace yet.")
    assert ask_for_workspace(None, url, error) is None
    assert texts == [
        "There is no workspace at releases on dbhost:5432 as alice yet. Choose how to start:"
    ]
