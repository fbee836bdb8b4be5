"""Fixtures of the plan tests."""

from __future__ import annotations

import gc
import warnings

import pytest


@pytest.fixture(scope="session")
def pg_available(pg_available: bool) -> bool:
    """The root fixture's answer, after quietly collecting the engine it leaves behind.

    Same workaround as ``tests/app/services/conftest.py``: the root fixture's pooled
    psycopg connection would otherwise be collected during a later test and fail it
    under ``filterwarnings=error``.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return pg_available
