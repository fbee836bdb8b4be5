"""Cutting long sequences into batches: ids for ``IN (...)`` lists, rows for bulk inserts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")

IN_LIST_SIZE = 500  # ids per IN (...) list: well under every driver's parameter limit


def batches(values: Iterable[T], size: int = IN_LIST_SIZE) -> Iterator[list[T]]:
    """``values`` in consecutive lists of ``size`` (the last may be shorter; none empty).

    ``itertools.batched`` from Python 3.12, as lists, for the 3.11 we still support.
    """
    if size < 1:
        raise ValueError("a batch holds at least one value")
    it = iter(values)
    while batch := list(islice(it, size)):
        yield batch
