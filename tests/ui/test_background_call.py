"""BackgroundCall: work on a pool thread, results and errors back on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThreadPool

from app.errors import ReleaseDeskError, ValidationError
from ui.background_call import BackgroundCall


@pytest.fixture
def pool(qapp):
    pool = QThreadPool()
    yield pool
    pool.waitForDone()


def run(qtbot, pool: QThreadPool, work) -> tuple[str, object, int]:
    call = BackgroundCall(work, "Importing plan.xml")
    got: list[tuple[str, object, int]] = []
    call.succeeded.connect(lambda r: got.append(("ok", r, threading.get_ident())))
    call.failed.connect(lambda e: got.append(("error", e, threading.get_ident())))
    call.start(pool)
    qtbot.waitUntil(lambda: bool(got))
    return got[0]


def test_work_runs_off_the_gui_thread_and_reports_back_on_it(qtbot, pool) -> None:
    gui = threading.get_ident()
    kind, worker, slot_thread = run(qtbot, pool, threading.get_ident)
    assert kind == "ok"
    assert worker != gui
    assert slot_thread == gui


def test_domain_errors_pass_through(qtbot, pool) -> None:
    def work():
        raise ValidationError("The plan has two tasks with the same id.")

    kind, error, _ = run(qtbot, pool, work)
    assert kind == "error" and isinstance(error, ValidationError)


def test_unexpected_errors_become_readable(qtbot, pool, caplog) -> None:
    def work():
        raise KeyError("calendar")

    kind, error, _ = run(qtbot, pool, work)
    assert kind == "error" and type(error) is ReleaseDeskError
    assert str(error) == "Importing plan.xml stopped unexpectedly: 'calendar'"
    assert "Importing plan.xml failed" in caplog.text


def test_a_call_that_ends_after_its_owner_is_gone_answers_nobody_quietly(qtbot) -> None:
    import shiboken6

    release = threading.Event()
    call = BackgroundCall(lambda: release.wait(5) and "late", "Scheduling")
    done = threading.Event()
    raised: list[BaseException] = []

    def run() -> None:  # what the pool's worker does, watched for exceptions
        try:
            call.run()
        except BaseException as exc:
            raised.append(exc)
        finally:
            done.set()

    threading.Thread(target=run).start()
    shiboken6.delete(call)  # the window closed while the call ran
    release.set()
    assert done.wait(5)
    assert raised == []


def test_superseded_calls_live_until_their_answer_arrives(qtbot) -> None:
    """A call replaced by a newer one still answers (on ``stale``) from a live object:
    destroyed on its worker right after emitting, its queued answer came from a deleted
    sender, which crashed the suite now and then."""
    import gc

    from ui.background_call import LatestCall

    latest = LatestCall("Scheduling")
    newest: list[object] = []
    stale: list[object] = []
    latest.succeeded.connect(newest.append)
    latest.stale.connect(stale.append)
    for i in range(200):
        latest.start(lambda i=i: i)
    QThreadPool.globalInstance().waitForDone()
    gc.collect()
    assert sum(isinstance(o, BackgroundCall) for o in gc.get_objects()) >= 200
    qtbot.waitUntil(lambda: len(newest) + len(stale) == 200)
    assert newest == [199] and sorted(stale) == list(range(199))
    assert not latest.busy
