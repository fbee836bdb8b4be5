"""Where board cards come from (the board service) and how one is refreshed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from app.services import release_service
from app.services.board_service import BoardCard, list_board_cards, with_schedule
from app.workspace import Workspace


def load_cards(
    ws: Workspace, finishes: Mapping[uuid.UUID, dt.datetime] | None = None
) -> list[BoardCard]:
    """Every live release as a board card (readiness, high risks, outdated sign-offs),
    with the scheduled ``finishes`` known so far."""
    return with_schedule(list_board_cards(ws), finishes or {})


def with_conflicts(
    cards: Iterable[BoardCard], sentences: Mapping[uuid.UUID, tuple[str, ...]]
) -> list[BoardCard]:
    """The cards with the sentences of their open conflicts (none for a release not in
    ``sentences``)."""
    return [
        c
        if c.conflicts == (found := sentences.get(c.release.id, ()))
        else dataclasses.replace(c, conflicts=found)
        for c in cards
    ]


def with_release(card: Any, row: release_service.ReleaseRow) -> Any:
    """The same card showing a newer version of its release."""
    return dataclasses.replace(card, release=row)


def card_id(card: Any) -> uuid.UUID:
    return card.release.id
