"""A dropped server connection: a clear error, nothing lost, and back online after."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.errors import ConnectionLostError
from app.services import release_service as rs
from app.workspace import Workspace
from tests.conftest import TEST_USER, pg_admin_engine


@pytest.mark.postgres
def test_connection_killed_mid_transaction(pg_workspace_url: str) -> None:
    ws = Workspace.open(pg_workspace_url, user=TEST_USER)
    admin = pg_admin_engine()
    try:
        kept = rs.create_release(ws, name="Saved before the drop").id
        lost = pytest.raises(ConnectionLostError, match="Cannot connect to the shared database")
        with lost, ws.transaction() as s:
            pid = s.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
            s.execute(sa.text("UPDATE release SET description = 'half-done'"))
            with admin.connect() as conn:
                conn.execute(sa.text("SELECT pg_terminate_backend(:p)"), {"p": pid})
            s.execute(sa.text("SELECT 1"))
        assert ws.online is False
        # The next unit of work reconnects; what was saved is there, the half-done is not.
        row = rs.get_release(ws, kept)
        assert row.description == ""
        assert ws.online is True
    finally:
        admin.dispose()
        ws.close()
