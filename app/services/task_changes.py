"""The change summary of a task or link edit: the row it is about, then what else it wrote.

Plan edits write more than one row: moving a task renumbers its siblings and the WBS
codes after it, setting predecessors writes links and the task. Every task and link
service returns :data:`Changes` so that views refresh every row and the undo stack
knows every version the edit left.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.changes import Change, ChangeAction
from models import Task

Changes = tuple[Change, ...]
"""What every task and link service write returns: the change of the row the call is
about first, then one change listing the other tasks it wrote (renumbered siblings,
recomputed WBS codes, the task whose predecessors changed)."""


@contextmanager
def tracked(s: Session) -> Iterator[set[Task]]:
    """Collect the tasks ``s`` writes while the block runs (flushes included)."""
    rows: set[Task] = set()

    def collect(session: Session, _ctx: Any, _instances: Any) -> None:
        rows.update(o for o in session.dirty if isinstance(o, Task) and session.is_modified(o))

    event.listen(s, "before_flush", collect)
    try:
        yield rows
    finally:
        event.remove(s, "before_flush", collect)


def summary(s: Session, first: Change, touched: set[Task]) -> Changes:
    """``first``, then one change listing every other task written (with its version)."""
    s.flush()
    others = sorted((t for t in touched if t.id not in first.ids), key=lambda t: str(t.id))
    if not others:
        return (first,)
    return (
        first,
        Change(
            Task.__tablename__,
            ChangeAction.UPDATED,
            tuple(t.id for t in others),
            tuple(t.version for t in others),
        ),
    )
