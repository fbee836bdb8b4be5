from __future__ import annotations

import uuid

import pytest

from app.changes import ChangeAction
from app.errors import ValidationError
from app.services import people_service as ps
from app.workspace import Workspace
from models.enums import EnvironmentStage
from tests.app.services.builders import add_domain, add_environment


def test_add_person_lists_with_domain_name(workspace: Workspace) -> None:
    domain = add_domain(workspace, "Payments")
    change = ps.add_person(workspace, "  Zoe Zed ", "zoe@example.com", "Tester", domain)
    ps.add_person(workspace, "Adam Ant")
    assert (change.entity, change.action) == ("person", ChangeAction.CREATED)
    people = ps.list_people(workspace)
    assert [p.name for p in people] == ["Adam Ant", "Zoe Zed"]
    zoe = people[1]
    assert (zoe.id, zoe.email, zoe.role, zoe.domain_name) == (
        change.id,
        "zoe@example.com",
        "Tester",
        "Payments",
    )
    assert people[0].domain_name == "" and people[0].domain_id is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "  "}, "name cannot be empty"),
        ({"name": "X", "email": "not-an-address"}, "does not look like an e-mail"),
        ({"name": "X", "domain_id": uuid.uuid4()}, "domain does not exist"),
    ],
)
def test_add_person_refuses_bad_input(workspace: Workspace, kwargs: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ps.add_person(workspace, **kwargs)
    assert ps.list_people(workspace) == []


def test_list_domains(workspace: Workspace) -> None:
    add_domain(workspace, "Retail", "#00FF00")
    add_domain(workspace, "Core")
    domains = ps.list_domains(workspace)
    assert [(d.name, d.code) for d in domains] == [("Core", "COR"), ("Retail", "RET")]
    assert domains[1].colour == "#00FF00" and domains[1].version == 1


def test_list_environments_in_stage_order(workspace: Workspace) -> None:
    add_environment(workspace, "Production", EnvironmentStage.PROD, 30)
    add_environment(workspace, "Dev", EnvironmentStage.DEV, 0)
    add_environment(workspace, "Staging", EnvironmentStage.STAGING, 20)
    envs = ps.list_environments(workspace)
    assert [e.name for e in envs] == ["Dev", "Staging", "Production"]
    assert envs[2].stage == EnvironmentStage.PROD and envs[2].shared is True
