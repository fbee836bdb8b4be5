"""The demo's change requests: what they ask for, and a few already decided.

A mix-in of the demo builder writes each request with its changes (a scope item to
add, a task to add between two tasks of the plan, a task that takes longer), drawing
from its own random generator (seeded by the release) so the rest of the demo does
not shift. :func:`decide_demo_changes` then runs the first few through the services
once the demo is saved: the engine assesses them, and one is approved, one rejected,
so the Changes tab shows every state with a computed impact.
"""

from __future__ import annotations

import datetime as dt
import random

import sqlalchemy as sa

from app.services import change_decisions as decisions
from app.services import change_request_service as requests
from app.workspace import Workspace
from models import ChangeItem, ChangeRequest, Person, Release, Task
from models.enums import ChangeItemKind, ChangeRequestStatus, ReleaseStatus

OPEN_RELEASES = (ReleaseStatus.PLANNED, ReleaseStatus.IN_PROGRESS, ReleaseStatus.DRAFT)
DECIDED = 3  # requests the demo assesses; the second is approved, the third rejected


class ChangeLogContent:
    """``_change_request(release, title, days)``: one request of a release."""

    s: sa.orm.Session
    anchor: dt.datetime
    people: list[Person]

    def add(self, obj: object, *, parent: bool = False) -> object:
        raise NotImplementedError

    def _change_request(self, rel: Release, title: str, days: float) -> None:
        rng = random.Random(f"change-log {rel.name} {rel.version_label}")
        requester = rng.choice(self.people)
        request = self.add(
            ChangeRequest(
                release_id=rel.id,
                requester_id=requester.id,
                requester_name=requester.name,
                title=title,
                requested_on=(self.anchor - dt.timedelta(days=rng.randint(1, 20))).date(),
            ),
            parent=True,
        )
        leaves = self.s.scalars(
            sa.select(Task)
            .where(Task.release_id == rel.id, Task.milestone.is_(False))
            .where(~sa.exists().where(sa.orm.aliased(Task).parent_id == Task.id))
            .order_by(Task.position)
        ).all()
        items = [ChangeItem(kind=ChangeItemKind.ADD_SCOPE, title=title)]
        if len(leaves) >= 3:
            first = rng.randrange(len(leaves) - 2)
            before, after, longer = leaves[first], leaves[first + 1], rng.choice(leaves)
            items.append(
                ChangeItem(
                    kind=ChangeItemKind.ADD_TASK,
                    title=f"Build: {title.lower()}",
                    predecessor_id=before.id,
                    successor_id=after.id,
                    duration_minutes=max(1, round(abs(days))) * 480,
                )
            )
            if longer.id not in (before.id, after.id):
                items.append(
                    ChangeItem(
                        kind=ChangeItemKind.CHANGE_DURATION,
                        task_id=longer.id,
                        duration_minutes=longer.duration_minutes + 2 * 480,
                    )
                )
        for n, item in enumerate(items):
            item.change_request_id, item.position = request.id, n  # type: ignore[attr-defined]
            self.add(item)


def decide_demo_changes(ws: Workspace) -> None:
    """Assess the first requests of open releases with the engine; approve the second
    and reject the third (each step through the services, as a coordinator would)."""
    rows = [
        r
        for r in requests.list_change_requests(ws)
        if r.status is ChangeRequestStatus.SUBMITTED and len(r.items) > 1
    ]
    with ws.reading() as s:
        open_ids = set(s.scalars(sa.select(Release.id).where(Release.status.in_(OPEN_RELEASES))))
    chosen = sorted((r for r in rows if r.release_id in open_ids), key=lambda r: r.title)
    for n, row in enumerate(chosen[:DECIDED]):
        change, _impact = decisions.assess_change_request(ws, row.id, row.version)
        if n == 1:
            decisions.decide_change_request(
                ws,
                row.id,
                change.version,
                approve=True,
                reason="Worth the slip: agreed with the owner.",
            )
        elif n == 2:
            decisions.decide_change_request(
                ws,
                row.id,
                change.version,
                approve=False,
                reason="Too late for this release; plan it for the next.",
            )
