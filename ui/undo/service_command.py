"""Undo commands whose redo and undo each call a service.

The first execution happens in :class:`~ui.undo.command_runner.CommandRunner` *before*
the command is pushed, so a refused or conflicting edit never lands on the undo stack.
Later redo/undo calls that fail (the server is gone, the row was deleted) are reported
and the command is made obsolete, which removes it from the stack without pretending
the data moved. Every step expects the version of the row that the previous step left
(or that the user saw), so an undo never overwrites a colleague's newer save: a stale
version leaves the stack the same way and goes to the conflict dialog, where the user
keeps theirs or forces ours (``on_conflict``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QUndoCommand

from app.changes import Change
from app.errors import UNKNOWN, Conflict, ConflictError, ReleaseDeskError, show
from app.services.field_values import same_value

Changes = Change | Iterable[Change] | None
# A step run again with force=True, after the user chose to keep their change.
Retry = Callable[[], Changes]


class VersionLedger:
    """The newest version of each row that one window's own steps left behind.

    Commands on one undo stack often touch the same row (move an item down, down again,
    up): when an older command is undone, the row carries the version a *later* step
    of ours left, not the one that command saw. A step therefore expects the newer of
    the two; only a colleague's save makes the row newer still, and that is a conflict.
    """

    def __init__(self) -> None:
        self._seen: dict[Any, int] = {}

    def record(self, changes: Changes) -> None:
        """Remember the versions ``changes`` report (changes without versions add none)."""
        for change in _each(changes):
            for row_id, version in zip(change.ids, change.versions, strict=False):
                self._seen[row_id] = max(version, self._seen.get(row_id, version))

    def expect(self, row_id: Any, version: int | None) -> int | None:
        """The version a step on ``row_id`` must find: ``version`` (what its command
        saw or left) or a newer one this window left since."""
        seen = self._seen.get(row_id)
        return version if seen is None or version is None else max(seen, version)


def _each(changes: Changes) -> Iterable[Change]:
    if changes is None:
        return ()
    return (changes,) if isinstance(changes, Change) else changes


class ServiceCommand(QUndoCommand):
    """Base: subclasses implement :meth:`forward` (with ``force``) and :meth:`backward`.

    ``ledger`` is shared by the commands of one stack (the runner sets it).
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.ledger = VersionLedger()
        self._pushed_after_forward = False
        self.on_changes: Callable[[Changes], None] = lambda _c: None
        self.on_error: Callable[[ReleaseDeskError], None] = lambda _e: None
        self.on_conflict: Callable[[ConflictError, Retry], None] = (
            lambda error, _retry: self.on_error(error)
        )

    # -- to implement --------------------------------------------------------------------
    def forward(self, force: bool = False) -> Changes:
        """Apply the edit; with ``force`` overwrite a colleague's newer version."""
        raise NotImplementedError

    def backward(self, force: bool = False) -> Changes:
        """Take the edit back; with ``force`` overwrite a colleague's newer version."""
        raise NotImplementedError

    # -- QUndoCommand --------------------------------------------------------------------
    def mark_applied(self) -> None:
        """The runner already ran :meth:`forward`; the push's redo must not repeat it."""
        self._pushed_after_forward = True

    def redo(self) -> None:
        if self._pushed_after_forward:
            self._pushed_after_forward = False
            return
        self._guarded(self.forward)

    def undo(self) -> None:
        self._guarded(self.backward)

    def _guarded(self, step: Callable[..., Changes]) -> None:
        try:
            changes = step()
        except ConflictError as exc:
            # The data did not move: the command leaves the stack, the user decides.
            self.setObsolete(True)
            self.on_conflict(exc, lambda: step(force=True))
            return
        except ReleaseDeskError as exc:
            self.setObsolete(True)
            self.on_error(exc)
            return
        self.on_changes(changes)


def version_after(changes: Changes, row_id: Any, default: int | None) -> int | None:
    """The version ``changes`` report for ``row_id`` (``default`` when they don't)."""
    for change in _each(changes):
        if row_id in change.ids and len(change.versions) == len(change.ids):
            return change.versions[change.ids.index(row_id)]
    return default


# ``call(expected_version)`` of one row: None skips the version check (a forced step).
VersionedCall = Callable[[int | None], Changes]


class VersionedCommand(ServiceCommand):
    """Two service calls on one row (accept / reopen, delete / restore, move …).

    The first step expects ``version``, the version the user saw; each later step the
    version the previous one left (read from the :class:`Change` it returns). A
    colleague's save in between makes the service refuse with :class:`ConflictError`.
    """

    def __init__(
        self,
        text: str,
        row_id: uuid.UUID,
        version: int | None,
        forward: VersionedCall,
        backward: VersionedCall,
    ) -> None:
        super().__init__(text)
        self.row_id, self.version = row_id, version
        self._forward, self._backward = forward, backward

    def _step(self, call: VersionedCall, force: bool) -> Changes:
        changes = call(None if force else self.ledger.expect(self.row_id, self.version))
        self.version = version_after(changes, self.row_id, self.version)
        return changes

    def forward(self, force: bool = False) -> Changes:
        return self._step(self._forward, force)

    def backward(self, force: bool = False) -> Changes:
        return self._step(self._backward, force)


# ``delete(row_id, expected_version)`` / ``restore(row_id, expected_version)``
RowCall = Callable[[Any, int | None], Changes]


class CreateCommand(ServiceCommand):
    """Create once, then undo = soft delete and redo = restore (the id stays the same),
    each expecting the version the previous step left."""

    def __init__(self, text: str, create: Callable[[], Change], delete: RowCall, restore: RowCall):
        super().__init__(text)
        self._create, self._delete, self._restore = create, delete, restore
        self.created_id: Any = None
        self.version: int | None = None

    def _step(self, call: RowCall, force: bool) -> Changes:
        expected = None if force else self.ledger.expect(self.created_id, self.version)
        changes = call(self.created_id, expected)
        self.version = version_after(changes, self.created_id, self.version)
        return changes

    def forward(self, force: bool = False) -> Changes:
        if self.created_id is None:
            change = self._create()
            self.created_id, self.version = change.id, change.version
            return change
        return self._step(self._restore, force)

    def backward(self, force: bool = False) -> Changes:
        return self._step(self._delete, force)


class UpdateCommand(ServiceCommand):
    """Change fields of a versioned row; undo writes the old values back.

    Each write bumps the row's version, so after every step the new version is read
    back (``read_version``) and the next step expects exactly that version: a colleague's
    edit in between is a conflict, never silently overwritten.

    ``old`` holds the values the user read. When a colleague saved a newer version, the
    service lists every field of ours that differs from theirs; only those the colleague
    actually changed (theirs != what we read) are a conflict. If they changed none of
    our fields, ours are written on top of their version without asking. Undo does the
    same the other way round (what we read then is ``new``).
    """

    def __init__(
        self,
        text: str,
        update: Callable[[int | None, dict[str, Any]], Changes],
        read_version: Callable[[], int],
        new: dict[str, Any],
        old: dict[str, Any],
        expected_version: int | None,
    ) -> None:
        super().__init__(text)
        self._update, self._read_version = update, read_version
        self.new, self.old = new, old
        self._version = expected_version

    def _write(self, values: dict[str, Any], expected: int | None) -> Changes:
        changes = self._update(expected, values)
        self._version = self._read_version()
        return changes

    def _write_over(self, values: dict[str, Any], read: dict[str, Any]) -> Changes:
        """Write ``values`` where the stored ones were ``read``, over a colleague's newer
        version only if they changed other fields (else the conflict is raised)."""
        expected = self._version
        for _attempt in range(3):  # each retry follows a colleague's save of other fields
            try:
                return self._write(values, expected)
            except ConflictError as exc:
                theirs = changed_by_them(exc.conflicts, read)
                if theirs:
                    raise ConflictError(exc.entity, exc.entity_id, theirs) from exc
                expected = self._read_version()
        return self._write(values, expected)

    def forward(self, force: bool = False) -> Changes:
        if force:
            return self._write(self.new, None)
        return self._write_over(self.new, self.old)

    def backward(self, force: bool = False) -> Changes:
        if force:
            return self._write(self.old, None)
        return self._write_over(self.old, self.new)


def changed_by_them(conflicts: Iterable[Conflict], read: dict[str, Any]) -> tuple[Conflict, ...]:
    """The conflicts on fields whose stored value is no longer the one we ``read``.

    Values are compared themselves (a colleague's 17:00:30 is not our 17:00:00, though
    both show as 17:00); only a conflict built from display text alone falls back to it.
    """
    return tuple(c for c in conflicts if c.field not in read or _differs(c, read[c.field]))


def _differs(conflict: Conflict, read: Any) -> bool:
    if conflict.theirs_value is UNKNOWN:
        return conflict.theirs != show(read)
    return not same_value(conflict.theirs_value, read)
