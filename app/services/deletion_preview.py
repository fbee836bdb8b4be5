"""What goes with a release when it is deleted: the counts a coordinator is asked
about before the delete ("Delete Wallet App with 20 tasks and 3 sign-offs?")."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from app.services._rows import load_live
from app.words import count, listing
from app.workspace import Workspace
from models import (
    Communication,
    Deployment,
    HandoverItem,
    Release,
    ReleasePackage,
    ScopeItem,
    SignOff,
    Task,
)
from models.release import release_title


@dataclass(frozen=True)
class DeletionPreview:
    """A release's title and its live content, by kind (only kinds it has)."""

    title: str
    content: tuple[tuple[int, str], ...]  # (how many, singular noun), in reading order

    @property
    def has_content(self) -> bool:
        return bool(self.content)

    def content_words(self) -> str:
        """ "20 tasks, 3 sign-offs and 2 deployments" ("" without content)."""
        return listing([count(n, noun) for n, noun in self.content])


# (model, noun): rows that hang on the release by ``release_id``.
_DIRECT = (
    (Task, "task"),
    (ScopeItem, "scope item"),
    (SignOff, "sign-off"),
    (HandoverItem, "handover item"),
    (Communication, "communication"),
)


def deletion_preview(ws: Workspace, release_id: uuid.UUID) -> DeletionPreview:
    """Count the live rows that belong to the release (one read)."""
    with ws.reading() as s:
        release = load_live(s, Release, release_id)
        title = release_title(release.name, release.version_label)
        found: list[tuple[int, str]] = []
        for model, noun in _DIRECT:
            n = s.scalar(
                sa.select(sa.func.count())
                .select_from(model)
                .where(model.release_id == release_id, model.deleted_at.is_(None))
            )
            if n:
                found.append((n, noun))
        deployments = s.scalar(
            sa.select(sa.func.count())
            .select_from(Deployment)
            .join(ReleasePackage, Deployment.package_id == ReleasePackage.id)
            .where(
                ReleasePackage.release_id == release_id,
                ReleasePackage.deleted_at.is_(None),
                Deployment.deleted_at.is_(None),
            )
        )
        if deployments:
            found.append((deployments, "deployment"))
    return DeletionPreview(title, tuple(found))
