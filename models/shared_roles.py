"""Who may do what on a shared PostgreSQL workspace: three group roles and their grants.

- ``releasedesk_owner`` owns the tables (upgrades the schema; only it could switch the
  audit triggers off, which is DDL and shows in the server's logs);
- ``releasedesk_coordinator`` reads and writes the plan, and may only *add* to the
  audit trail: INSERT on ``audit_log``, INSERT and UPDATE on ``audit_head`` (whose
  trigger only lets it move forward), no UPDATE, DELETE or TRUNCATE of either;
- ``releasedesk_stakeholder`` reads only.

A login joins a group with :func:`grant_group`. Roles belong to the whole server, not to
one database: creating them is idempotent (and safe when two databases are secured at
once), and the grants are made per database, so one server can hold several workspaces.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from models.base import Base

OWNER = "releasedesk_owner"
COORDINATOR = "releasedesk_coordinator"
STAKEHOLDER = "releasedesk_stakeholder"
GROUPS = {"owner": OWNER, "coordinator": COORDINATOR, "stakeholder": STAKEHOLDER}
AUDIT_TABLES = ("audit_log", "audit_head")
_READ_ONLY_TABLES = ("alembic_version", "workspace_info")  # written by the owner only
_FUNCTIONS = ("refuse", "login", "head_forward")  # of migration 0005


class UnknownLoginError(LookupError):
    """The login to put into a group does not exist on the server (or cannot log in)."""


def _create_group(conn: Connection, role: str) -> None:
    # Another database's setup may create the same role at the same moment.
    conn.exec_driver_sql(
        "DO $$ BEGIN "
        f"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
        f"CREATE ROLE {role} NOLOGIN; END IF; "
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
    )


def secure_shared(conn: Connection) -> None:
    """Create the three groups (if missing) and grant them this database's tables.

    Run by the database's owner (a superuser, or a login with CREATEROLE that owns the
    tables) in one transaction; running it again resets the grants to these.
    """
    for role in GROUPS.values():
        _create_group(conn, role)
    if not conn.execute(
        sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")
    ).scalar():
        conn.exec_driver_sql(f"GRANT {OWNER} TO SESSION_USER")  # to hand the tables over
    database = conn.dialect.identifier_preparer.quote(
        conn.execute(sa.text("SELECT current_database()")).scalar_one()
    )
    conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {database} TO {COORDINATOR}, {STAKEHOLDER}")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {COORDINATOR}, {STAKEHOLDER}")
    conn.exec_driver_sql(f"GRANT USAGE, CREATE ON SCHEMA public TO {OWNER}")  # owns tables
    tables = ["alembic_version", *(t.name for t in Base.metadata.sorted_tables)]
    for table in tables:
        conn.exec_driver_sql(f'ALTER TABLE "{table}" OWNER TO {OWNER}')
        conn.exec_driver_sql(f'REVOKE ALL ON "{table}" FROM PUBLIC, {COORDINATOR}, {STAKEHOLDER}')
        conn.exec_driver_sql(f'GRANT SELECT ON "{table}" TO {COORDINATOR}, {STAKEHOLDER}')
        if table not in _READ_ONLY_TABLES and table not in AUDIT_TABLES:
            conn.exec_driver_sql(f'GRANT INSERT, UPDATE, DELETE ON "{table}" TO {COORDINATOR}')
    conn.exec_driver_sql(f"GRANT INSERT ON audit_log TO {COORDINATOR}")
    conn.exec_driver_sql(f"GRANT INSERT, UPDATE ON audit_head TO {COORDINATOR}")
    for function in _FUNCTIONS:
        conn.exec_driver_sql(f"ALTER FUNCTION releasedesk_audit_{function}() OWNER TO {OWNER}")


def grant_group(conn: Connection, login: str, group: str) -> None:
    """Put an existing ``login`` into ``group`` (a key of :data:`GROUPS`), out of the others."""
    exists = conn.execute(
        sa.text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :name"), {"name": login}
    ).scalar()
    if not exists:
        raise UnknownLoginError(login)
    quoted = conn.dialect.identifier_preparer.quote(login)
    for other in GROUPS.values():
        if other != GROUPS[group]:
            conn.exec_driver_sql(f"REVOKE {other} FROM {quoted}")
    conn.exec_driver_sql(f"GRANT {GROUPS[group]} TO {quoted}")


def may_write(conn: Connection) -> bool:
    """Whether this connection's login may save changes (False for a stakeholder).

    True on a database without a workspace yet: creating one will say if it may not.
    """
    return bool(
        conn.execute(
            sa.text(
                "SELECT to_regclass('audit_log') IS NULL "
                "OR has_table_privilege('audit_log', 'INSERT')"
            )
        ).scalar()
    )
