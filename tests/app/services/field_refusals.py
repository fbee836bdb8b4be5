"""Checking that a service refuses input at the field it names and writes nothing."""

from __future__ import annotations

import pytest

from app.services.calendar_checks import FieldError
from app.workspace import Workspace
from tests.app.services.builders import audit_count


def refused_at(ws: Workspace, field: str, call, *args, **kwargs) -> str:
    """Call ``call(ws, *args, **kwargs)``: it must raise FieldError naming ``field`` and
    write no audit row; the refusal's message is returned."""
    before = audit_count(ws)
    with pytest.raises(FieldError) as info:
        call(ws, *args, **kwargs)
    assert info.value.field == field
    assert audit_count(ws) == before  # nothing written
    return str(info.value)
