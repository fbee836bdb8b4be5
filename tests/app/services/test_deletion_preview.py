"""What a delete takes with it: the counts the confirmation names (issue 11 §3)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.errors import NotFoundError
from app.services import release_service, scope_service, signoff_service
from app.services.deletion_preview import deletion_preview
from app.words import listing
from app.workspace import Workspace
from models import Base, Release, Task
from models.enums import Decision, DeploymentStatus, EnvironmentStage
from tests.app.services.builders import World, add_deployment, add_environment


def add_tasks(world: World, n: int) -> None:
    with world.ws.transaction() as s:
        for i in range(n):
            s.add(Task(release_id=world.release_id, name=f"T{i}", position=i))


def test_an_empty_release_has_no_content(world: World) -> None:
    preview = deletion_preview(world.ws, world.release_id)
    assert preview.title == "Checkout 1.0"
    assert not preview.has_content
    assert preview.content_words() == ""


def test_counts_name_tasks_sign_offs_and_deployments(world: World) -> None:
    add_tasks(world, 2)
    scope_service.add_scope_item(world.ws, world.release_id, title="Cards")
    signoff_service.add_stakeholder(world.ws, world.release_id, world.bob, "Product owner")
    signoff_service.record_signoff(world.ws, world.release_id, world.bob, Decision.APPROVED)
    env = add_environment(world.ws, "Prod", EnvironmentStage.PROD, 1)
    add_deployment(world.ws, world.release_id, env, DeploymentStatus.SCHEDULED)

    preview = deletion_preview(world.ws, world.release_id)

    assert preview.has_content
    assert preview.content_words() == (
        "2 tasks, 1 stakeholder, 1 scope item, 1 sign-off, 1 package and 1 deployment"
    )


def test_the_counts_are_what_the_delete_takes(demo: Workspace) -> None:
    """Every kind the cascade owns, however deep, is named, with the number of rows the
    delete then stamps: the preview reads the cascade's ownership map, nothing else."""
    wallet = release_service.find_release(demo, "Wallet App")
    preview = deletion_preview(demo, wallet.id)

    release_service.delete_release(demo, wallet.id, wallet.version)

    with demo.reading() as s:
        when = s.get(Release, wallet.id).deleted_at
        taken = {
            kind: n
            for kind in Base.registry.mappers
            if hasattr(kind.class_, "deleted_at") and kind.class_ is not Release
            for n in [
                s.scalar(
                    sa.select(sa.func.count())
                    .select_from(kind.class_)
                    .where(kind.class_.deleted_at == when)
                )
            ]
            if n
        }
    assert len(preview.content) == len(taken) >= 10  # the demo's Wallet App has most kinds
    assert sorted(n for n, *_ in preview.content) == sorted(taken.values())


def test_a_deleted_release_has_nothing_to_preview(world: World) -> None:
    row = release_service.get_release(world.ws, world.release_id)
    release_service.delete_release(world.ws, row.id, row.version)
    with pytest.raises(NotFoundError):
        deletion_preview(world.ws, world.release_id)


@pytest.mark.parametrize(
    ("parts", "words"),
    [([], ""), (["1 task"], "1 task"), (["1 task", "2 sign-offs"], "1 task and 2 sign-offs")],
)
def test_listing_joins_with_commas_and_and(parts: list[str], words: str) -> None:
    assert listing(parts) == words
