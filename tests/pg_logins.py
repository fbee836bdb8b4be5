"""Server logins for tests of a shared workspace's roles (PostgreSQL only).

Roles belong to the whole server, which other test runs share: every test gets its own
workspace database and its own logins, dropped afterwards; the three group roles are
created idempotently by ``db init-shared`` and never dropped.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa

from app.cli import main

Login = Callable[[str], str]


@pytest.fixture
def shared_url(pg_database_factory: Callable[[], str]) -> str:
    """A new database made a team workspace by its owner, through the command line."""
    url = pg_database_factory()
    assert main(["db", "init-shared", "--db", url, "--user", "owner"]) == 0
    return url


@pytest.fixture
def login(shared_url: str) -> Iterator[Login]:
    """Makes a new server login in the given group; its URL on ``shared_url``."""
    from tests.conftest import pg_admin_engine  # the conftest imports this module

    admin = pg_admin_engine()
    made: list[str] = []

    def make(role: str) -> str:
        name = f"rd_login_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE ROLE {name} LOGIN"))
        made.append(name)
        assert main(["db", "grant", "--db", shared_url, "--login", name, "--role", role]) == 0
        return sa.make_url(shared_url).set(username=name).render_as_string(False)

    yield make
    with admin.connect() as conn:
        for name in made:  # their sessions first: a role cannot go while signed in
            conn.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :name"
                ),
                {"name": name},
            )
            conn.execute(sa.text(f"DROP ROLE {name}"))
    admin.dispose()
