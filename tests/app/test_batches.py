"""One way to cut a sequence into batches (IN lists, bulk inserts)."""

from __future__ import annotations

import pytest

from app.batches import IN_LIST_SIZE, batches


def test_batches_keep_order_and_the_last_is_shorter() -> None:
    assert list(batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_nothing_gives_no_batch_and_a_generator_is_read_once() -> None:
    assert list(batches([], 3)) == []
    assert [len(b) for b in batches(i for i in range(1001))] == [IN_LIST_SIZE] * 2 + [1]


def test_a_batch_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError):
        list(batches([1], 0))
