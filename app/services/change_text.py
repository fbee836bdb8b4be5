"""A change request's changes as lines a coordinator types, one change a line:

- ``add scope: Fraud check``
- ``remove scope: PAY-2`` (a scope item's key or title)
- ``add task: Fraud rules, 3d, after 4, before 5`` (task rows as the plan numbers
  them; ``after``/``before`` are optional finish-to-start links)
- ``duration: 7, 5d`` (task row 7 lasts five working days; ``h`` for hours)

:func:`parse_changes` turns the text into :class:`ChangeItemSpec` (or refuses it with
the line that is wrong); :func:`changes_text` writes items back the same way.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from app.errors import ValidationError
from app.services import scope_service, task_rows
from app.services.change_items import ChangeItemSpec
from app.workspace import Workspace
from models import ScopeItem
from models.enums import ChangeItemKind as Kind

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([dh]?)$", re.IGNORECASE)
EXAMPLE = "add task: Fraud rules, 3d, after 4, before 5"


def _minutes(text: str, where: str, per_day: int) -> int:
    found = _DURATION.match(text.strip())
    if not found:
        raise ValidationError(f"{where}: '{text.strip()}' is not a duration such as 3d or 4h.")
    number, unit = float(found[1]), found[2].lower() or "d"
    return round(number * (per_day if unit == "d" else 60))


def _days(minutes: int, per_day: int) -> str:
    if minutes % per_day == 0:
        return f"{minutes // per_day}d"
    return f"{minutes / 60:g}h"


def _row(text: str, where: str, tasks: Mapping[int, uuid.UUID]) -> uuid.UUID:
    try:
        return tasks[int(text.strip())]
    except (ValueError, KeyError):
        raise ValidationError(f"{where}: there is no task row '{text.strip()}'.") from None


def _line(
    n: int,
    line: str,
    tasks: Mapping[int, uuid.UUID],
    scope: Mapping[str, uuid.UUID],
    per_day: int,
) -> ChangeItemSpec:
    where = f"Line {n}"
    head, sep, rest = line.partition(":")
    head = " ".join(head.lower().split())
    if not sep:
        raise ValidationError(
            f"{where}: start with add scope:, remove scope:, add task: or duration:."
        )
    parts = [p.strip() for p in rest.split(",")]
    if head == "add scope":
        return ChangeItemSpec(Kind.ADD_SCOPE, rest.strip())
    if head == "remove scope":
        key = rest.strip()
        if key.lower() not in scope:
            raise ValidationError(f"{where}: no scope item '{key}' in this release.")
        return ChangeItemSpec(Kind.REMOVE_SCOPE, key, scope_item_id=scope[key.lower()])
    if head == "add task":
        if len(parts) < 2 or not parts[0]:
            raise ValidationError(f"{where}: write a name and a duration, as in '{EXAMPLE}'.")
        links: dict[str, uuid.UUID] = {}
        for part in parts[2:]:
            word, _s, row = part.partition(" ")
            if word.lower() not in ("after", "before"):
                raise ValidationError(f"{where}: '{part}' should be 'after ROW' or 'before ROW'.")
            links[word.lower()] = _row(row, where, tasks)
        return ChangeItemSpec(
            Kind.ADD_TASK,
            parts[0],
            predecessor_id=links.get("after"),
            successor_id=links.get("before"),
            duration_minutes=_minutes(parts[1], where, per_day),
        )
    if head == "duration":
        if len(parts) != 2:
            raise ValidationError(
                f"{where}: write the task row and its new duration: 'duration: 7, 5d'."
            )
        return ChangeItemSpec(
            Kind.CHANGE_DURATION,
            task_id=_row(parts[0], where, tasks),
            duration_minutes=_minutes(parts[1], where, per_day),
        )
    raise ValidationError(f"{where}: start with add scope:, remove scope:, add task: or duration:.")


def parse_changes(
    text: str,
    tasks: Mapping[int, uuid.UUID],
    scope: Mapping[str, uuid.UUID],
    per_day: int = 480,
) -> list[ChangeItemSpec]:
    """The changes typed in ``text``; ``tasks`` maps plan row numbers to task ids,
    ``scope`` a scope item's key or title (lower case) to its id."""
    return [
        _line(n, line, tasks, scope, per_day)
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip()
    ]


def changes_text(
    items: Sequence[ChangeItemSpec],
    rows: Mapping[uuid.UUID, int],
    scope_names: Mapping[uuid.UUID, str],
    per_day: int = 480,
) -> str:
    """``items`` as :func:`parse_changes` reads them (``rows``: task id → row number)."""
    lines = []
    for i in items:
        if i.kind is Kind.ADD_SCOPE:
            lines.append(f"add scope: {i.title}")
        elif i.kind is Kind.REMOVE_SCOPE and i.scope_item_id is not None:
            lines.append(f"remove scope: {scope_names.get(i.scope_item_id, i.title)}")
        elif i.kind is Kind.ADD_TASK:
            links = [f"after {rows[i.predecessor_id]}" for _ in [0] if i.predecessor_id in rows]
            links += [f"before {rows[i.successor_id]}" for _ in [0] if i.successor_id in rows]
            parts = [i.title, _days(i.duration_minutes, per_day), *links]
            lines.append("add task: " + ", ".join(parts))
        elif i.kind is Kind.CHANGE_DURATION and i.task_id in rows:
            lines.append(f"duration: {rows[i.task_id]}, {_days(i.duration_minutes, per_day)}")
    return "\n".join(lines)


@dataclass(frozen=True)
class ReleaseRefs:
    """What the lines refer to in one release: task rows and scope items, both ways."""

    tasks: Mapping[int, uuid.UUID]
    rows: Mapping[uuid.UUID, int]
    scope: Mapping[str, uuid.UUID]
    scope_names: Mapping[uuid.UUID, str]

    def parse(self, text: str) -> list[ChangeItemSpec]:
        """:func:`parse_changes` in this release."""
        return parse_changes(text, self.tasks, self.scope)

    def text(self, items: Sequence[ChangeItemSpec]) -> str:
        """:func:`changes_text` in this release."""
        return changes_text(items, self.rows, self.scope_names)


def release_refs(ws: Workspace, release_id: uuid.UUID) -> ReleaseRefs:
    """The task rows and scope items of a release, for reading and writing lines."""
    numbers = task_rows.row_numbers(ws, release_id)
    with ws.reading() as s:
        items = s.execute(
            sa.select(ScopeItem.id, ScopeItem.key, ScopeItem.title)
            .where(ScopeItem.release_id == release_id, ScopeItem.deleted_at.is_(None))
            .order_by(*scope_service.ORDER)
        ).all()
    scope = {t.lower(): i for i, _k, t in items} | {k.lower(): i for i, k, _t in items if k}
    names = {i: k or t for i, k, t in items}
    tasks = {n: t for n, t in enumerate(numbers.task_ids, 1)}
    return ReleaseRefs(tasks, dict(numbers.rows), scope, names)
