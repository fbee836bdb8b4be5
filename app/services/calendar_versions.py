"""The versions of the rows a calendar shows, so that a drag expects the version the
coordinator saw: a colleague's save in between is a conflict, not overwritten."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

import sqlalchemy as sa

from app.services.history_names import model_of
from app.workspace import Workspace

_CHUNK = 900  # a statement takes at most so many parameters


def row_versions(ws: Workspace, rows: Mapping[str, Iterable[uuid.UUID]]) -> dict[uuid.UUID, int]:
    """``{row id: version}`` of the live rows named by ``{table: ids}`` (one select per
    table and chunk; unknown tables and missing rows are left out)."""
    found: dict[uuid.UUID, int] = {}
    with ws.reading() as s:
        for table, ids in rows.items():
            model = model_of(table)
            wanted = list(dict.fromkeys(ids))
            if model is None:
                continue
            for start in range(0, len(wanted), _CHUNK):
                query = sa.select(model.id, model.version).where(
                    model.id.in_(wanted[start : start + _CHUNK]), model.deleted_at.is_(None)
                )
                found.update((row_id, version) for row_id, version in s.execute(query))
    return found
