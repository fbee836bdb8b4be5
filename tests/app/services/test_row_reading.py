"""The helpers that make reading thousands of rows cheap (app/services/_rows.py)."""

from __future__ import annotations

import gc
import uuid

import pytest

from app.services import _rows


def test_uuid_reader_reads_both_drivers_ids_and_parses_each_value_once() -> None:
    ident = uuid.uuid4()
    read = _rows.uuid_reader()
    assert read(None) is None
    assert read(ident) is ident  # PostgreSQL's driver gives UUIDs already
    first = read(ident.hex)  # SQLite's: a hex string
    assert first == ident
    assert read(ident.hex) is first


@pytest.mark.parametrize("was_on", [True, False])
def test_collector_paused_leaves_the_collector_as_it_was(was_on: bool) -> None:
    if not was_on:
        gc.disable()
    try:
        with _rows.collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is was_on
        with pytest.raises(RuntimeError), _rows.collector_paused():
            raise RuntimeError("a failed read")
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
