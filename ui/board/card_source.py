"""Where board cards come from (the board service) and how one is refreshed."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from app.services import release_service
from app.services.board_service import BoardCard, list_board_cards
from app.workspace import Workspace


def load_cards(ws: Workspace) -> list[BoardCard]:
    """Every live release as a board card (readiness, high risks, outdated sign-offs)."""
    return list(list_board_cards(ws))


def with_release(card: Any, row: release_service.ReleaseRow) -> Any:
    """The same card showing a newer version of its release."""
    return dataclasses.replace(card, release=row)


def card_id(card: Any) -> uuid.UUID:
    return card.release.id
