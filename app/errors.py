"""Errors a coordinator can cause or meet, each with a message written for them.

The CLI prints ``str(error)`` and exits non-zero; the UI shows it in a dialog. Nothing
here should ever reach a user as a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.dates_text import moment

# A Conflict built from display strings only (its typed values are unknown).
UNKNOWN: Any = type("Unknown", (), {"__repr__": lambda _self: "UNKNOWN"})()


class ReleaseDeskError(Exception):
    """Base of every error we expect and explain."""

    exit_code = 1


class WorkspaceError(ReleaseDeskError):
    """The workspace cannot be opened or used."""

    exit_code = 3


class NotAWorkspaceError(WorkspaceError):
    """The file or database exists but is not a ReleaseDesk workspace."""


class WorkspaceLocationError(WorkspaceError):
    """``--db`` names no place a workspace can live (a bad URL, an unusable path)."""


class NewerWorkspaceError(WorkspaceError):
    """The workspace was written by a newer ReleaseDesk."""


class WorkspaceMissingError(WorkspaceError):
    """No workspace at that path, and creating one was not asked for."""


class DamagedWorkspaceError(WorkspaceError):
    """The workspace file is damaged or cut short: SQLite cannot read it as a database."""


class ReadOnlyWorkspaceError(WorkspaceError):
    """A change to a workspace opened read-only (a read-only file or folder)."""


class ConnectionLostError(WorkspaceError):
    """The database server cannot be reached or refused us."""


class WorkspaceBusyError(ReleaseDeskError):
    """Another writer held the workspace longer than we wait; nothing was saved.

    Not a lost connection: the database is there and answering, the window stays
    online, and the same action can simply be tried again in a moment.
    """

    exit_code = 10


class ValidationError(ReleaseDeskError):
    """Input that cannot be saved as it is (bad date, empty name, out of range)."""

    exit_code = 2


class NotFoundError(ReleaseDeskError):
    """The thing asked for does not exist (or was deleted)."""

    exit_code = 4


class TransitionRefused(ReleaseDeskError):
    """A lifecycle move that the release's current state or its gates do not allow."""

    exit_code = 5

    def __init__(self, message: str, reasons: tuple[str, ...] = ()) -> None:
        super().__init__(message if not reasons else f"{message}: " + "; ".join(reasons))
        self.reasons = reasons


class PlanFileError(ReleaseDeskError):
    """A plan file (MSPDI, .gan) that cannot be read, imported or written."""

    exit_code = 8


class PlanNotSchedulableError(ReleaseDeskError):
    """The plan has no schedule (a circle of links, a broken reference, no working time)."""

    exit_code = 9


def show(value: Any) -> str:
    """A value as a :class:`Conflict` (and so the conflict dialog) shows it."""
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return moment(value)
    return str(getattr(value, "value", value))


@dataclass(frozen=True)
class Conflict:
    """One field a colleague changed since we read it: their value and ours.

    ``theirs``/``mine`` are what the dialog shows; ``theirs_value``/``mine_value`` the
    typed values themselves, which is what decides whether a field really differs.
    """

    field: str
    theirs: str
    mine: str
    theirs_value: Any = dataclasses.field(default=UNKNOWN, compare=False)
    mine_value: Any = dataclasses.field(default=UNKNOWN, compare=False)


class ConflictError(ReleaseDeskError):
    """Someone saved a newer version of this record first; nothing was overwritten."""

    exit_code = 6

    def __init__(
        self,
        entity: str,
        entity_id: str,
        conflicts: tuple[Conflict, ...] = (),
        *,
        table: str = "",
    ) -> None:
        super().__init__(
            f"This {entity} was changed by someone else since you opened it; "
            "your change was not saved. Reload to see their version, or keep yours."
        )
        self.entity = entity
        self.entity_id = entity_id
        self.conflicts = conflicts
        # The table the row lives in: what a reload announces (``entity`` is for people).
        self.table = table or entity
