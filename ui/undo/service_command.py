"""Undo commands whose redo and undo each call a service.

The first execution happens in :class:`~ui.undo.command_runner.CommandRunner` *before*
the command is pushed, so a refused or conflicting edit never lands on the undo stack.
Later redo/undo calls that fail (a colleague changed the row meanwhile, the server is
gone) are reported and the command is made obsolete, which removes it from the stack
without pretending the data moved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QUndoCommand

from app.changes import Change
from app.errors import Conflict, ConflictError, ReleaseDeskError, show

Changes = Change | Iterable[Change] | None


class ServiceCommand(QUndoCommand):
    """Base: subclasses implement :meth:`forward` (with ``force``) and :meth:`backward`."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._pushed_after_forward = False
        self.on_changes: Callable[[Changes], None] = lambda _c: None
        self.on_error: Callable[[ReleaseDeskError], None] = lambda _e: None

    # -- to implement --------------------------------------------------------------------
    def forward(self, force: bool = False) -> Changes:
        """Apply the edit; with ``force`` overwrite a colleague's newer version."""
        raise NotImplementedError

    def backward(self) -> Changes:
        """Take the edit back."""
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

    def _guarded(self, step: Callable[[], Changes]) -> None:
        try:
            changes = step()
        except ReleaseDeskError as exc:
            self.setObsolete(True)
            self.on_error(exc)
            return
        self.on_changes(changes)


class CallCommand(ServiceCommand):
    """A command from two callables: ``forward(force)`` and ``backward()``."""

    def __init__(
        self,
        text: str,
        forward: Callable[[bool], Changes],
        backward: Callable[[], Changes],
    ) -> None:
        super().__init__(text)
        self._forward = forward
        self._backward = backward

    def forward(self, force: bool = False) -> Changes:
        return self._forward(force)

    def backward(self) -> Changes:
        return self._backward()


class CreateCommand(ServiceCommand):
    """Create once, then undo = soft delete and redo = restore (the id stays the same)."""

    def __init__(
        self,
        text: str,
        create: Callable[[], Change],
        delete: Callable[[Any], Changes],
        restore: Callable[[Any], Changes],
    ) -> None:
        super().__init__(text)
        self._create, self._delete, self._restore = create, delete, restore
        self.created_id: Any = None

    def forward(self, force: bool = False) -> Changes:
        if self.created_id is None:
            change = self._create()
            self.created_id = change.id
            return change
        return self._restore(self.created_id)

    def backward(self) -> Changes:
        return self._delete(self.created_id)


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

    def backward(self) -> Changes:
        return self._write_over(self.old, self.new)


def changed_by_them(conflicts: Iterable[Conflict], read: dict[str, Any]) -> tuple[Conflict, ...]:
    """The conflicts on fields whose stored value is no longer the one we ``read``."""
    return tuple(c for c in conflicts if c.field not in read or c.theirs != show(read[c.field]))
