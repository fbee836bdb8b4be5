"""Change summaries: what a mutation touched, so views refresh only what concerns them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum


class ChangeAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
    RESTORED = "restored"


@dataclass(frozen=True)
class Change:
    """One kind of entity touched by a service call, and which rows."""

    entity: str
    action: ChangeAction
    ids: tuple[uuid.UUID, ...]

    @property
    def id(self) -> uuid.UUID:
        """The single row a one-row change touched."""
        return self.ids[0]
