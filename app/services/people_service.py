"""People, delivery domains and environments: the pick lists of the release editor."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from app.changes import Change
from app.errors import ValidationError
from app.services import _rows
from app.workspace import Workspace
from models import Domain, Environment, Person
from models.enums import EnvironmentStage

# Deliberately loose: catches typos such as a missing "@" without rejecting real addresses.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class PersonRow:
    """A person with the name of their domain ("" when they belong to none)."""

    id: uuid.UUID
    name: str
    email: str
    role: str
    domain_id: uuid.UUID | None
    domain_name: str
    version: int


@dataclass(frozen=True)
class DomainRow:
    """A delivery domain and how the board colours it."""

    id: uuid.UUID
    name: str
    code: str
    colour: str
    holiday_country: str | None
    version: int


@dataclass(frozen=True)
class EnvironmentRow:
    """A target environment; ``stage_order`` is its place on the promotion path."""

    id: uuid.UUID
    name: str
    stage: EnvironmentStage
    stage_order: int
    shared: bool
    version: int


def list_people(ws: Workspace) -> list[PersonRow]:
    """Every live person, by name."""
    query = (
        _rows.row_select(
            PersonRow, Person, domain_id=Domain.id, domain_name=sa.func.coalesce(Domain.name, "")
        )
        .outerjoin(Domain, _rows.live_ref(Domain, Person.domain_id))
        .where(Person.deleted_at.is_(None))
        .order_by(Person.name)
    )
    return _rows.fetch(ws, PersonRow, query)


def add_person(
    ws: Workspace,
    name: str,
    email: str = "",
    role: str = "",
    domain_id: uuid.UUID | None = None,
    login: str | None = None,
) -> Change:
    """Register a person; the e-mail, when given, must look like an address. ``login``
    is the workspace user name they sign in with (see :func:`user_display_name`)."""
    name = _rows.required_text(name, "person's name", 120)
    email = _rows.limited_text(email, "e-mail address", 200)
    if email and not _EMAIL.match(email):
        raise ValidationError(f"'{email}' does not look like an e-mail address.")
    role = _rows.limited_text(role, "role", 80)
    with ws.transaction() as s:
        if domain_id is not None:
            _rows.require_ref(s, Domain, domain_id)
        person = Person(name=name, email=email, role=role, domain_id=domain_id, login=login)
        return _rows.create(s, person)


def user_display_name(ws: Workspace) -> str:
    """The name of the person the workspace user signs in as (their login when no
    person has it)."""
    with ws.reading() as s:
        name = s.scalar(
            sa.select(Person.name)
            .where(sa.func.lower(Person.login) == ws.user.lower(), Person.deleted_at.is_(None))
            .order_by(Person.name)
            .limit(1)
        )
    return name or ws.user


def list_domains(ws: Workspace) -> list[DomainRow]:
    """Every live delivery domain, by name."""
    query = (
        _rows.row_select(DomainRow, Domain).where(Domain.deleted_at.is_(None)).order_by(Domain.name)
    )
    return _rows.fetch(ws, DomainRow, query)


def list_environments(ws: Workspace) -> list[EnvironmentRow]:
    """Every live environment in promotion order (``stage_order``, then name)."""
    query = (
        _rows.row_select(EnvironmentRow, Environment)
        .where(Environment.deleted_at.is_(None))
        .order_by(Environment.stage_order, Environment.name)
    )
    return _rows.fetch(ws, EnvironmentRow, query)
