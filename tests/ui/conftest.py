"""UI fixtures: a view context over a real SQLite workspace, recording presenter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from app.errors import ConflictError, ReleaseDeskError
from app.services import release_service
from app.workspace import Workspace
from ui.change_hub import ChangeHub
from ui.settings import Settings
from ui.undo.command_runner import CommandRunner
from ui.view_registry import ViewContext

UI_TESTS = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def no_keys_held(qapp) -> Iterator[None]:
    """A test that pressed keys with Shift or Alt leaves them as the application's
    modifier state, and the next test's ``selectRow`` would then extend a selection
    instead of making one: a plain key event after each test lets go of them."""
    yield
    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        QTest.keyClick(QWidget(), Qt.Key.Key_Escape)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot propagate size hints whenever a
    # top-level window is shown, and that it cannot raise a popup or grab the keyboard
    # for it; that is the test platform talking, not our code.
    for item in items:
        if UI_TESTS in Path(str(item.path)).parents:
            item.add_marker(
                pytest.mark.qt_log_ignore(
                    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
                )
            )


class RecordingPresenter:
    """Records errors; answers conflicts with ``keep_mine``."""

    def __init__(self) -> None:
        self.errors: list[ReleaseDeskError] = []
        self.conflicts: list[ConflictError] = []
        self.keep_mine = False

    def show_error(self, error: ReleaseDeskError) -> None:
        self.errors.append(error)

    def resolve_conflict(self, error: ConflictError) -> bool:
        self.conflicts.append(error)
        return self.keep_mine


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def presenter() -> RecordingPresenter:
    return RecordingPresenter()


@pytest.fixture
def ctx(qapp, sqlite_workspace: Workspace, settings: Settings, presenter) -> Iterator[ViewContext]:
    stack = QUndoStack()
    hub = ChangeHub()
    runner = CommandRunner(stack, hub, presenter)
    context = ViewContext(sqlite_workspace, runner, hub, settings)
    yield context
    stack.clear()


@pytest.fixture
def editor(qtbot, ctx):
    """A release editor on ``ctx`` (imported late: the editor pulls in every tab)."""
    from ui.editor.release_editor import ReleaseEditor

    widget = ReleaseEditor(ctx)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def window(qtbot, demo_path: Path, settings: Settings, presenter):
    """The main window on a fresh copy of the demo workspace (imported late, like the
    editor)."""
    from ui.main_window import MainWindow

    ws = Workspace.open(demo_path, user="tester")
    win = MainWindow(ws, settings, target=str(demo_path), presenter=presenter)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()  # background work of the views finishes before the workspace closes
    win.workspace.close()


@pytest.fixture
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the demo workspace (built once per session)."""
    return _demo_template(tmp_path_factory)


_TEMPLATE: dict[str, Path] = {}


def _demo_template(factory: pytest.TempPathFactory) -> Path:
    import shutil

    from app.demo import create_demo_workspace

    if "demo" not in _TEMPLATE:
        path = factory.mktemp("demo-template") / "demo.db"
        create_demo_workspace(path, user="tester").close()
        _TEMPLATE["demo"] = path
    copy = factory.mktemp("demo") / "demo.db"
    shutil.copyfile(_TEMPLATE["demo"], copy)
    return copy


def make_release(ws: Workspace, name: str, **values) -> release_service.ReleaseRow:
    values.setdefault("planned_start", dt.datetime(2026, 3, 2, 8, 0))
    values.setdefault("planned_end", dt.datetime(2026, 3, 20, 17, 0))
    change = release_service.create_release(ws, name=name, **values)
    return release_service.get_release(ws, change.id)


def button(widget: QWidget, text: str) -> QAbstractButton:
    """The one button in ``widget`` a user knows by ``text`` (its label or tooltip name)."""
    [found] = [b for b in widget.findChildren(QAbstractButton) if b.text() == text]
    return found


@pytest.fixture
def infos(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts of the information boxes the window would have shown (none is shown)."""
    shown: list[str] = []

    def information(_parent, _title, text, *_args):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", information)
    return shown
