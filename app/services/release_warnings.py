"""What a saved release's dates say that its coordinator should hear, without refusing
the save: a planned end after the deadline, a dependency that ends later."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.dates_text import day
from app.workspace import Workspace
from models import Release, ReleaseDependency
from models.release import release_title


def planning_warnings(ws: Workspace, release_id: uuid.UUID) -> tuple[str, ...]:
    """Warnings about the release's planned end, in the words the editor shows."""
    other = aliased(Release)
    with ws.reading() as s:
        rel = s.get(Release, release_id)
        if rel is None or rel.deleted_at is not None or rel.planned_end is None:
            return ()
        end = rel.planned_end
        later = s.execute(
            sa.select(other.name, other.version_label, other.planned_end)
            .join(ReleaseDependency, ReleaseDependency.depends_on_id == other.id)
            .where(
                ReleaseDependency.release_id == release_id,
                ReleaseDependency.deleted_at.is_(None),
                other.deleted_at.is_(None),
                other.planned_end > end,
            )
            .order_by(other.planned_end, other.name)
        ).all()
        deadline = rel.deadline
    out = []
    if deadline is not None and end.date() > deadline.date():
        out.append(f"The planned end ({day(end)}) is after the deadline ({day(deadline)}).")
    out.extend(
        f"It depends on {release_title(name, version)}, which ends later "
        f"({day(their_end)}, after this release's planned end on {day(end)})."
        for name, version, their_end in later
    )
    return tuple(out)
