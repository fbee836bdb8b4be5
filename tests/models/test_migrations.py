"""Migrations build exactly the models' schema, and go down and up again."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from models import Base, Calendar, CalendarException, schema
from models.database import make_engine


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[sa.Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'empty.db'}"
    else:
        url = request.getfixturevalue("pg_database_factory")()
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_matches_models(empty_engine: sa.Engine) -> None:
    schema.upgrade(empty_engine)
    assert _tables(empty_engine) == set(Base.metadata.tables)
    with empty_engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
        assert diff == [], f"models and migrations disagree: {diff}"
        assert schema.current_revision(conn) == schema.head_revision()


def test_downgrade_then_upgrade(empty_engine: sa.Engine) -> None:
    schema.upgrade(empty_engine)
    schema.downgrade(empty_engine, "base")
    assert _tables(empty_engine) == set()
    schema.upgrade(empty_engine)
    assert _tables(empty_engine) == set(Base.metadata.tables)


def test_revision_names_follow_the_file_convention() -> None:
    """Opening reads revisions from file names; Alembic must agree with them."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(schema.alembic_config())
    assert {r.revision for r in script.walk_revisions()} == schema.known_revisions()
    assert script.get_heads() == [schema.head_revision()]


def test_weekday_hours_migration_keeps_existing_calendars(empty_engine: sa.Engine) -> None:
    """0003 adds per-weekday hours; calendars stored before keep their usual hours."""
    schema.upgrade(empty_engine, "0002_delivery")
    calendar = sa.table(
        "calendar", *(sa.column(c) for c in (
            "id", "version", "created_at", "created_by", "updated_at", "updated_by", "name",
            "working_days", "working_hours",
        )),
    )
    stamp = dt.datetime(2026, 1, 5)
    row_id = uuid.uuid4()
    with empty_engine.begin() as conn:
        conn.execute(sa.insert(calendar).values(
            id=row_id.hex if empty_engine.dialect.name == "sqlite" else row_id, version=1,
            created_at=stamp, created_by="", updated_at=stamp, updated_by="", name="Ops",
            working_days="1111110", working_hours="07:00-15:00",
        ))
    schema.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        row = conn.execute(sa.select(Calendar).where(Calendar.id == row_id)).one()
    assert (row.name, row.working_days, row.working_hours, row.weekday_hours) == (
        "Ops", "1111110", "07:00-15:00", ""
    )
    schema.downgrade(empty_engine, "0002_delivery")
    with empty_engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT working_hours FROM calendar")) == "07:00-15:00"


def test_ical_uid_migration_keeps_windows_and_long_rules(empty_engine: sa.Engine) -> None:
    """0007 adds ``ical_uid`` (unique) and widens ``rrule`` to hold RRULE + EXDATE lines."""
    schema.upgrade(empty_engine, "0006_audit_history_indexes")
    window = sa.table(
        "calendar_exception", *(sa.column(c) for c in (
            "id", "version", "created_at", "created_by", "updated_at", "updated_by", "name",
            "kind", "start", "finish", "working_hours", "rrule",
        )),
    )
    stamp = dt.datetime(2026, 1, 5)
    row_id = uuid.uuid4()
    with empty_engine.begin() as conn:
        conn.execute(sa.insert(window).values(
            id=row_id.hex if empty_engine.dialect.name == "sqlite" else row_id, version=1,
            created_at=stamp, created_by="", updated_at=stamp, updated_by="",
            name="Month-end freeze", kind="freeze", start=stamp, finish=stamp,
            working_hours="", rrule="FREQ=MONTHLY;BYMONTHDAY=-1",
        ))
    schema.upgrade(empty_engine)
    long_rule = "RRULE:FREQ=DAILY\nEXDATE:" + ",".join(
        f"2026{month:02}{day:02}T000000Z" for month in range(1, 13) for day in (1, 15)
    )
    assert len(long_rule) > 240
    new_row = {**_window_row(stamp), "rrule": long_rule, "ical_uid": "a@x"}
    with empty_engine.begin() as conn:
        conn.execute(sa.insert(CalendarException.__table__).values(**new_row))
        rows = conn.execute(
            sa.select(CalendarException.name, CalendarException.rrule, CalendarException.ical_uid)
            .order_by(CalendarException.name)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("Imported", long_rule, "a@x"), ("Month-end freeze", "FREQ=MONTHLY;BYMONTHDAY=-1", None)
    ]
    with pytest.raises(sa.exc.IntegrityError), empty_engine.begin() as conn:
        conn.execute(sa.insert(CalendarException.__table__).values(
            **_window_row(stamp), ical_uid="a@x"
        ))
    with empty_engine.begin() as conn:
        conn.execute(sa.delete(CalendarException.__table__).where(
            CalendarException.ical_uid.is_not(None)
        ))
    schema.downgrade(empty_engine, "0006_audit_history_indexes")
    with empty_engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT rrule FROM calendar_exception")) == (
            "FREQ=MONTHLY;BYMONTHDAY=-1"
        )
        columns = {c["name"] for c in sa.inspect(conn).get_columns("calendar_exception")}
    assert "ical_uid" not in columns


def _window_row(stamp: dt.datetime) -> dict[str, object]:
    return {
        "id": uuid.uuid4(), "version": 1, "created_at": stamp, "created_by": "",
        "updated_at": stamp, "updated_by": "", "name": "Imported", "kind": "freeze",
        "start": stamp, "finish": stamp, "working_hours": "", "rrule": "",
    }
