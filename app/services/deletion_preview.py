"""What goes with a release when it is deleted: the counts a coordinator is asked
about before the delete ("Delete Wallet App with 20 tasks and 3 sign-offs?")."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from app.services._rows import label, load_live
from app.services.cascade import owned_live
from app.words import count, listing
from app.workspace import Workspace
from models import Release, ReleaseDependency, ReleasePackage, ReleaseStakeholder, SignOff
from models.base import Entity
from models.release import release_title

# How the confirmation names a kind where its table's name reads awkwardly; any other
# kind the cascade takes (one added later too) is named by its table.
_NOUNS: dict[type[Entity], tuple[str, str]] = {
    ReleaseDependency: ("dependency", "dependencies"),
    ReleasePackage: ("package", "packages"),
    ReleaseStakeholder: ("stakeholder", "stakeholders"),
    SignOff: ("sign-off", "sign-offs"),
}


@dataclass(frozen=True)
class DeletionPreview:
    """A release's title and its live content, by kind (only kinds it has)."""

    title: str
    content: tuple[tuple[int, str, str], ...]  # (how many, singular, plural), reading order

    @property
    def has_content(self) -> bool:
        return bool(self.content)

    def content_words(self) -> str:
        """ "20 tasks, 3 sign-offs and 2 deployments" ("" without content)."""
        return listing([count(n, one, many) for n, one, many in self.content])


def deletion_preview(ws: Workspace, release_id: uuid.UUID) -> DeletionPreview:
    """Count the live rows a deletion of the release takes with it, as the cascade
    (:data:`app.services.cascade.OWNED`) decides: the release's own kinds first."""
    with ws.reading() as s:
        release = load_live(s, Release, release_id)
        title = release_title(release.name, release.version_label)
        owned = owned_live(s, release)
    return DeletionPreview(title, tuple((len(ids), *_noun(kind)) for kind, ids in owned.items()))


def _noun(kind: type[Entity]) -> tuple[str, str]:
    one = label(kind)
    return _NOUNS.get(kind, (one, one + "s"))
