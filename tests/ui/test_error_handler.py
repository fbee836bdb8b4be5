"""Errors that escape a slot or a thread: a box that says what failed, a log file, and a
window that keeps working (ui.error_handler, installed by ui.application)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.masking import mask_passwords
from ui.application import error_handling
from ui.error_log import LOG_NAME

SECRET_URL = "postgresql+psycopg://coord:hunter2@db.example:5432/releases"


class _Window(QWidget):
    """A window with a button whose slot fails and one that works."""

    def __init__(self) -> None:
        super().__init__()
        self.clicks = 0
        self.broken = QPushButton("Export")
        self.working = QPushButton("Count")
        self.broken.clicked.connect(self._on_broken_clicked)
        self.working.clicked.connect(self._on_working_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.broken)
        layout.addWidget(self.working)

    def _on_broken_clicked(self) -> None:
        raise RuntimeError(f"the report server at {SECRET_URL} went away")

    def _on_working_clicked(self) -> None:
        self.clicks += 1


def _window(qtbot) -> _Window:
    window = _Window()
    qtbot.addWidget(window)
    window.show()
    return window


def test_an_error_in_a_slot_shows_a_box_logs_it_and_the_window_works_on(
    qtbot, tmp_path: Path
) -> None:
    window = _window(qtbot)
    with error_handling(tmp_path) as handler:
        qtbot.mouseClick(window.broken, Qt.MouseButton.LeftButton)
        assert handler.shown is not None
        box = handler.shown.box
        assert isinstance(box, QMessageBox) and box.isVisible()
        assert "The last action did not finish: RuntimeError: the report server" in box.text()
        assert str(tmp_path / LOG_NAME) in box.text()
        assert "Traceback" in box.detailedText()
        assert "_on_broken_clicked" in box.detailedText()
        assert "hunter2" not in box.text() + box.detailedText()

        box.close()  # the box is not modal to the event loop: the window answers
        qtbot.mouseClick(window.working, Qt.MouseButton.LeftButton)
        assert window.clicks == 1
        assert handler.shown is None
    log = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback" in log and "_on_broken_clicked" in log
    assert "coord:***@db.example" in log and "hunter2" not in log


def test_the_same_error_again_is_counted_in_the_open_box_not_shown_again(
    qtbot, tmp_path: Path
) -> None:
    window = _window(qtbot)
    shown: list[QMessageBox] = []

    def recording_box(parent, text, details) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Critical, "Failed", text, parent=parent)
        box.setDetailedText(details)
        shown.append(box)
        return box

    with error_handling(tmp_path) as handler:
        handler.dialog_factory = recording_box
        for _ in range(3):
            qtbot.mouseClick(window.broken, Qt.MouseButton.LeftButton)
        [box] = shown
        assert box.text().endswith("This happened 3 times.")
        box.done(0)
        qtbot.mouseClick(window.broken, Qt.MouseButton.LeftButton)  # closed: shown anew
        assert len(shown) == 2
        shown[1].done(0)
    assert "The same error again (3 times so far)" in (tmp_path / LOG_NAME).read_text("utf-8")


def test_an_error_on_a_worker_thread_is_shown_by_the_window(qtbot, tmp_path: Path) -> None:
    def work() -> None:
        raise ValueError("the runbook step has no owner")

    with error_handling(tmp_path) as handler:
        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: handler.shown is not None)
        assert handler.shown is not None
        assert "ValueError: the runbook step has no owner" in handler.shown.box.text()
        handler.shown.box.done(0)
    assert "the runbook step has no owner" in (tmp_path / LOG_NAME).read_text("utf-8")


def test_passwords_are_masked_in_urls_and_parameters() -> None:
    assert mask_passwords(SECRET_URL) == "postgresql+psycopg://coord:***@db.example:5432/releases"
    assert mask_passwords("host=db password=s3cret user=x") == "host=db password=*** user=x"


def test_the_application_start_up_installs_the_handler_while_the_window_runs(
    qapp, sqlite_workspace, settings, tmp_path: Path, monkeypatch
) -> None:
    """run_gui: an error in a slot of the running window is shown and logged to the
    user's log folder; the hooks are put back when the window's loop ends."""
    from ui import application, error_log

    monkeypatch.setattr(error_log, "log_folder", lambda: tmp_path / "log")
    monkeypatch.setattr(application, "Settings", lambda: settings)
    seen: dict[str, str] = {}
    before = sys.excepthook

    def exec_(_app) -> int:  # the event loop, for one click
        window = _Window()
        window.broken.click()  # the slot raises inside Qt's signal delivery
        handler = sys.excepthook.__self__
        seen["text"] = handler.shown.box.text()
        handler.shown.box.done(0)
        window.working.click()
        seen["clicks"] = str(window.clicks)
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    path = sqlite_workspace.url.database
    sqlite_workspace.close()
    assert application.run_gui(path, user="tester") == 0
    assert "RuntimeError: the report server" in seen["text"] and seen["clicks"] == "1"
    assert sys.excepthook is before
    assert "_on_broken_clicked" in (tmp_path / "log" / LOG_NAME).read_text("utf-8")
