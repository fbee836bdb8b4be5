"""A stale save never overwrites a colleague's newer edit."""

from __future__ import annotations

import pytest

from app.errors import ConflictError
from app.services import release_service as rs
from app.workspace import Workspace
from models import Release


def test_second_session_with_stale_row_is_refused(workspace: Workspace) -> None:
    change = rs.create_release(workspace, name="Payments", version_label="1.0")
    alice = workspace.session_factory()
    mine = alice.get(Release, change.id)  # Alice reads version 1 ...
    alice.commit()
    alice.close()
    rs.update_release(workspace, change.id, 1, description="Bob's text")  # ... Bob saves
    with pytest.raises(ConflictError), workspace.transaction() as s:
        s.add(mine)
        mine.description = "Alice's text"
    row = rs.get_release(workspace, change.id)
    assert row.description == "Bob's text"
    assert row.version == 2


def test_service_conflict_lists_their_value_and_mine(workspace: Workspace) -> None:
    change = rs.create_release(workspace, name="Portal")
    read_at = rs.get_release(workspace, change.id).version
    rs.update_release(workspace, change.id, read_at, description="theirs")
    with pytest.raises(ConflictError) as info:
        rs.update_release(workspace, change.id, read_at, description="mine")
    assert [(c.field, c.theirs, c.mine) for c in info.value.conflicts] == [
        ("description", "theirs", "mine")
    ]
    row = rs.get_release(workspace, change.id)
    assert row.description == "theirs"
    assert row.version == read_at + 1


def test_version_increments_on_every_save(workspace: Workspace) -> None:
    change = rs.create_release(workspace, name="Data")
    for expected in (1, 2, 3):
        assert rs.get_release(workspace, change.id).version == expected
        rs.update_release(workspace, change.id, expected, description=f"v{expected}")
