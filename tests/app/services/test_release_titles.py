"""A release's title ("name version") is one rule, in Python and in SQL alike."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.errors import NotFoundError, ValidationError
from app.services import plan_service as ps
from app.services import release_service as rs
from models import Release


def test_the_title_is_the_same_in_rows_queries_and_lookups(workspace) -> None:
    with_version = rs.create_release(workspace, name="Payments", version_label="4.2").id
    without = rs.create_release(workspace, name="Ledger").id
    rows = {r.id: r.title for r in rs.list_releases(workspace)}
    assert rows == {with_version: "Payments 4.2", without: "Ledger"}
    with workspace.transaction() as s:
        in_sql = dict(s.execute(sa.select(Release.id, Release.title)).all())
        in_python = {r.id: r.title for r in s.scalars(sa.select(Release))}
    assert in_sql == in_python == rows
    assert rs.find_release(workspace, "Payments 4.2").id == with_version
    assert ps.resolve_release(workspace, with_version) == (with_version, "Payments 4.2")
    assert ps.resolve_release(workspace, "Ledger") == (without, "Ledger")


def test_an_ambiguous_name_suggests_a_title(workspace) -> None:
    rs.create_release(workspace, name="Checkout", version_label="1.0")
    rs.create_release(workspace, name="Checkout", version_label="2.0")
    with pytest.raises(ValidationError, match=r"e\.g\. 'Checkout [12]\.0'"):
        rs.find_release(workspace, "Checkout")
    with pytest.raises(NotFoundError):
        rs.find_release(workspace, "Checkout 3.0")


def test_a_deleted_release_comes_back_through_the_shared_helpers(workspace) -> None:
    release_id = rs.create_release(workspace, name="Payments", version_label="4.2").id
    assert rs.delete_release(workspace, release_id).action == "deleted"
    with pytest.raises(NotFoundError, match="no longer exists"):
        rs.update_release(workspace, release_id, None, name="Payments X")
    assert rs.restore_release(workspace, release_id).action == "restored"
    with pytest.raises(ValidationError, match="Unknown release field"):
        rs.update_release(workspace, release_id, None, colour="red")
    with pytest.raises(ValidationError, match="Unknown release field"):
        rs.create_release(workspace, name="Other", colour="red")
