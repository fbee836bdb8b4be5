"""Change summaries: what a mutation touched, so views refresh only what concerns them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum


class ChangeAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
    RESTORED = "restored"


@dataclass(frozen=True)
class Change:
    """One kind of entity touched by a service call, and which rows.

    ``versions`` (when given, one per id) are the rows' versions after the change: the
    version the next edit of the same row (an undo, a redo) must expect. ``warnings``
    say what the saved values imply that the user should hear (the save was made).
    """

    entity: str
    action: ChangeAction
    ids: tuple[uuid.UUID, ...]
    versions: tuple[int, ...] = field(default=(), compare=False)
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def id(self) -> uuid.UUID:
        """The single row a one-row change touched."""
        return self.ids[0]

    @property
    def version(self) -> int | None:
        """The version a one-row change left behind (None when not recorded)."""
        return self.versions[0] if self.versions else None
