"""Where board cards come from: the board service (readiness, risks) or, until that
service exists in this workspace, plain release rows with nothing computed."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from app.services import release_service
from app.workspace import Workspace


@dataclasses.dataclass(frozen=True)
class PlainCard:
    """The shape of ``board_service.BoardCard`` when only the release is known."""

    release: release_service.ReleaseRow
    readiness: float | None = None
    open_high_risks: int = 0
    scope_count: int = 0
    signoffs_outdated: int = 0


def load_cards(ws: Workspace) -> list[Any]:
    """Every live release as a board card."""
    try:
        from app.services.board_service import list_board_cards
    except ImportError:
        return [PlainCard(row) for row in release_service.list_releases(ws)]
    return list(list_board_cards(ws))


def with_release(card: Any, row: release_service.ReleaseRow) -> Any:
    """The same card showing a newer version of its release."""
    return dataclasses.replace(card, release=row)


def card_id(card: Any) -> uuid.UUID:
    return card.release.id
