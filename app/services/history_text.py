"""The audit trail in words: "Priya Raman moved the planned end of release 'Payments 4.2'
from 12 Mar 2027 to 19 Mar 2027".

Audit rows hold column names and values as text (ISO dates, enum values, ids); here
they become labels ("planned end"), dates in the application's one format ("12 Mar
2027"; moments in local time), names for ids and a verb for what happened.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app import clock, dates_text
from app.services.history_names import NAME_COLUMNS, Ref, kind_label, reference_table

_LABELS = {
    "version_label": "version",
    "release_type": "type",
    "depends_on_id": "release it depends on",
    "percent_complete": "% complete",
    "signoff_required": "sign-off required",
    "wbs": "WBS",
    "duration_minutes": "duration (minutes)",
    "lag": "lag",
    "rrule": "repeat rule",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")
_LONGEST = 60  # characters of a text value shown in a sentence


@dataclass(frozen=True)
class AuditRow:
    """One audit row as read for the history (no hashes)."""

    seq: int
    at: dt.datetime
    user_name: str
    action: str
    entity: str
    entity_id: str
    field: str
    old_value: str | None
    new_value: str | None
    reason: str | None = None  # why, when the save was made for something (a change request)


@dataclass(frozen=True)
class FieldChange:
    """One field of a change as a coordinator reads it ("" for no value)."""

    field: str
    label: str
    old: str
    new: str


def moment_text(when: dt.datetime) -> str:
    """A stored moment (naive UTC) in local time: ``9 Mar 2027 14:30``."""
    return dates_text.moment(clock.to_local(when))


def field_label(field: str) -> str:
    """``planned_end`` → ``planned end``, ``owner_id`` → ``owner``."""
    if field in _LABELS:
        return _LABELS[field]
    return field.removesuffix("_id").replace("_", " ")


def value_text(table: str, field: str, value: str | None, names: Mapping[Ref, str]) -> str:
    """A stored value as a coordinator reads it; "" when there is none."""
    if value is None or value == "":
        return ""
    target = reference_table(table, field)
    if target is not None:
        return names.get((target, value), f"a deleted {kind_label(target)}")
    if _ISO_DATE.match(value):
        when = dt.datetime.fromisoformat(value)
        if field.endswith("_at"):  # a moment, stored in UTC
            return moment_text(when)
        return dates_text.moment(when) if when.time() != dt.time() else dates_text.day(when)
    if value in ("True", "False"):
        return "yes" if value == "True" else "no"
    if field in ("status", "decision", "kind", "audience", "channel", "release_type"):
        return value.replace("_", " ").capitalize()
    return value if len(value) <= _LONGEST else value[: _LONGEST - 1] + "…"


def field_changes(rows: Sequence[AuditRow], names: Mapping[Ref, str]) -> list[FieldChange]:
    """The fields a group of rows of one entity changed (a bulk insert's JSON unpacked)."""
    out: list[FieldChange] = []
    for row in rows:
        if row.field:
            pairs = [(row.field, row.old_value, row.new_value)]
        elif row.action == "insert" and row.new_value:  # bulk: every field as JSON
            pairs = [(k, None, v) for k, v in json.loads(row.new_value).items()]
        else:
            continue
        for field, old, new in pairs:
            out.append(
                FieldChange(
                    field,
                    field_label(field),
                    value_text(row.entity, field, old, names),
                    value_text(row.entity, field, new, names),
                )
            )
    return out


def verb_of(rows: Sequence[AuditRow]) -> str:
    """What a group of rows did to its entity: added, deleted, restored or changed."""
    if any(r.action == "insert" for r in rows):
        return "added"
    if any(r.action == "delete" for r in rows):
        return "deleted"
    if any(r.field == "deleted_at" and r.new_value is None for r in rows):
        return "restored"
    return "changed"


def description(verb: str, table: str, name: str, changes: Sequence[FieldChange]) -> str:
    """What a save did, as the rest of a sentence whose subject is its author."""
    kind = kind_label(table)
    thing = f"{kind} '{name}'" if name else f"a {kind}"
    if verb != "changed":
        return f"{verb} {thing}"
    shown = [c for c in changes if c.field != "deleted_at"] or list(changes)
    clauses = [_clause(c, thing if i == 0 else "", kind) for i, c in enumerate(shown)]
    if not clauses:
        return f"changed {thing}"
    if len(clauses) > 1:
        clauses[-1] = "and " + clauses[-1]
    return (", " if len(clauses) > 2 else " ").join(clauses)


def _clause(change: FieldChange, thing: str, kind: str) -> str:
    of = f" of {thing}" if thing else ""
    old, new = change.old, change.new
    if change.field in NAME_COLUMNS and old and new:
        return f"renamed {kind} '{old}' to '{new}'" if thing else f"renamed it to '{new}'"
    if not old:
        return f"set the {change.label}{of} to {_quoted(change, new)}"
    if not new:
        return f"cleared the {change.label}{of} (was {_quoted(change, old)})"
    verb = "moved" if _looks_dated(old) and _looks_dated(new) else "changed"
    return f"{verb} the {change.label}{of} from {_quoted(change, old)} to {_quoted(change, new)}"


def _looks_dated(text: str) -> bool:
    return re.match(r"^\d{1,2} [A-Z][a-z]{2} \d{4}", text) is not None


def _quoted(change: FieldChange, text: str) -> str:
    """Free text in quotes; dates, names, numbers and choices as they are."""
    if change.field in NAME_COLUMNS or change.field in (
        "description",
        "comment",
        "note",
        "notes",
        "body",
    ):
        return f"'{text}'"
    return text
