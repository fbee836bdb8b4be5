"""RowInserter stores exactly what SQLAlchemy's own executemany stores."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa

from app.services import release_service as rs
from app.workspace import Workspace
from models import Task
from models.enums import ConstraintType
from models.fast_insert import RowInserter


@pytest.mark.behind_the_back
def test_rows_are_stored_as_sqlalchemy_would_store_them(workspace: Workspace) -> None:
    release = rs.create_release(workspace, name="Payments").id
    when = dt.datetime(2026, 3, 2, 8, 30, 15, 250)
    row = {
        "release_id": release, "parent_id": None, "position": 3, "wbs": "1.2",
        "name": "Gö live", "duration_minutes": 480, "duration_elapsed": True,
        "milestone": False, "is_deployment": True, "calendar_id": None,
        "constraint_type": ConstraintType.SNET, "constraint_date": when, "deadline": None,
        "actual_start": when, "actual_finish": None, "percent_complete": 12.5,
        "baseline_start": None, "baseline_finish": None, "baseline_duration_minutes": 60,
        "notes": "",
    }
    stamps = {"version": 1, "created_at": when, "created_by": "tester", "updated_at": when,
              "updated_by": "tester", "deleted_at": None}
    fast, plain = uuid.uuid4(), uuid.uuid4()
    table = Task.__table__
    with workspace.engine.begin() as conn:
        # the stamps as constants: converted once, not per row
        RowInserter(conn, table, ["id", *row], stamps).insert([{"id": fast, **row}])
        conn.execute(sa.insert(table), [{"id": plain, **row, **stamps}])
    columns = ", ".join(c.name for c in table.columns if c.name != "id")
    with workspace.engine.connect() as conn:
        raw = conn.exec_driver_sql(f"SELECT {columns} FROM task ORDER BY position").all()
        typed = conn.execute(sa.select(table).where(table.c.id.in_([fast, plain]))).all()
    assert len(raw) == 2 and raw[0] == raw[1]  # the same text and numbers in the file
    assert {r.id for r in typed} == {fast, plain}
    assert all(r.constraint_type is ConstraintType.SNET and r.actual_start == when for r in typed)
