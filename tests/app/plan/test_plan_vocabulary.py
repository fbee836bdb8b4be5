"""The engine and the database name link types, lag units and constraints alike.

``app.scheduling.plan`` keeps its own enums so that the engine runs without importing
the ORM; ``models.enums`` stores them. The plan loader and the importer translate by
value, so the two must never drift apart.
"""

from __future__ import annotations

import pytest

from app.scheduling import plan as engine
from models import enums as stored


@pytest.mark.parametrize("name", ["LinkType", "LagUnit", "ConstraintType"])
def test_engine_and_database_enums_have_the_same_members(name):
    ours, theirs = getattr(engine, name), getattr(stored, name)
    assert [(m.name, m.value) for m in ours] == [(m.name, m.value) for m in theirs]
