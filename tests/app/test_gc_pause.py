"""The collector pause is counted across threads: no block re-enables it under another."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from app.gc_pause import gc_paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_a_block_ending_on_one_thread_keeps_the_other_threads_pause() -> None:
    inside, go_on, done = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def long_block() -> None:
        with gc_paused():
            inside.set()
            go_on.wait(5)
            seen.append(gc.isenabled())  # the block that started first has ended
        done.set()

    worker = threading.Thread(target=long_block)
    with gc_paused():  # starts first, ends first
        worker.start()
        assert inside.wait(5)
    go_on.set()
    assert done.wait(5)
    worker.join(5)
    assert seen == [False]  # still paused while the long block ran
    assert gc.isenabled()  # and back on once the last block ended


def test_nested_blocks_turn_it_back_on_only_at_the_end() -> None:
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_it_also_decorates() -> None:
    @gc_paused()
    def work() -> bool:
        return gc.isenabled()

    assert work() is False
    assert gc.isenabled()
