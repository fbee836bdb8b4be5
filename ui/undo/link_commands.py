"""Undoable link steps: the tasks a risk threatens, the tasks and deployments an issue
affects, chosen in one dialog and applied as one command.

The first step creates and deletes link rows; undo and redo flip exactly those rows
(same ids), each expecting the version the previous step left, so a colleague's change
of one of them in between goes to the conflict dialog.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence

from app.changes import Change, ChangeAction
from app.services import issue_links, risk_links
from app.services.link_sets import Step
from app.workspace import Workspace
from ui.undo.service_command import ServiceCommand

# The first step; ``force`` unlinks without checking the versions the user saw.
Apply = Callable[[bool], tuple[Change, ...]]
Flip = Callable[[Sequence[Step], Mapping[uuid.UUID, int | None] | None], tuple[Change, ...]]


class LinkSetCommand(ServiceCommand):
    """One link-and-unlink step; undo flips its link rows back, redo flips them again."""

    def __init__(self, text: str, apply: Apply, flip: Flip) -> None:
        super().__init__(text)
        self._apply, self._flip = apply, flip
        self._made: list[Step] | None = None  # (link id, live after the step)
        self._versions: dict[uuid.UUID, int | None] = {}

    def _step(self, steps: Sequence[Step], force: bool) -> tuple[Change, ...]:
        expected = (
            None
            if force
            else {i: self.ledger.expect(i, self._versions.get(i)) for i, _live in steps}
        )
        changes = self._flip(steps, expected)
        self._remember(changes)
        return changes

    def _remember(self, changes: Iterable[Change]) -> None:
        for change in changes:
            self._versions.update(zip(change.ids, change.versions, strict=True))

    def forward(self, force: bool = False) -> tuple[Change, ...]:
        if self._made is None:
            changes = self._apply(force)
            self._made = [(c.id, c.action != ChangeAction.DELETED) for c in changes]
            self._remember(changes)
            return changes
        return self._step(self._made, force)

    def backward(self, force: bool = False) -> tuple[Change, ...]:
        assert self._made is not None
        return self._step([(i, not live) for i, live in self._made], force)


def _seen(unlink: Mapping[uuid.UUID, int | None], force: bool) -> Mapping[uuid.UUID, int | None]:
    """The versions an unlink expects (none when the user chose to keep theirs)."""
    return dict.fromkeys(unlink) if force else unlink


def _text(verb: str, title: str, added: int, removed: int) -> str:
    parts = [f"+{added}"] if added else []
    parts += [f"−{removed}"] if removed else []
    return f"{verb} of '{title}' ({', '.join(parts) or 'no change'})"


def change_threats(
    ws: Workspace,
    risk_id: uuid.UUID,
    title: str,
    link: Sequence[uuid.UUID],
    unlink: Mapping[uuid.UUID, int | None],
) -> LinkSetCommand:
    """The risk threatens the tasks in ``link`` too and no longer those of ``unlink``
    (link id → version the user saw)."""
    return LinkSetCommand(
        _text("Threatened tasks", title, len(link), len(unlink)),
        lambda force: risk_links.change_threats(
            ws, risk_id, link=link, unlink=_seen(unlink, force)
        ),
        lambda steps, expected: risk_links.flip_threats(ws, steps, expected),
    )


def change_affected(
    ws: Workspace,
    issue_id: uuid.UUID,
    title: str,
    tasks: Sequence[uuid.UUID],
    deployments: Sequence[uuid.UUID],
    unlink: Mapping[uuid.UUID, int | None],
) -> LinkSetCommand:
    """The issue affects these tasks and deployments too and no longer those of
    ``unlink``."""
    return LinkSetCommand(
        _text("Affected tasks and deployments", title, len(tasks) + len(deployments), len(unlink)),
        lambda force: issue_links.change_affected(
            ws, issue_id, tasks=tasks, deployments=deployments, unlink=_seen(unlink, force)
        ),
        lambda steps, expected: issue_links.flip_affected(ws, steps, expected),
    )
