"""Scale data for benchmarks: hundreds of releases with large, random task plans.

Written with the audited bulk path (:func:`models.bulk_audit.insert_audited`: Core
``executemany`` and one audit row per row, in the same transaction), not the ORM: at
100,000 tasks the per-object flush and per-field audit rows would take minutes. Only a
new workspace is filled (:mod:`app.demo.new_workspace`). The plans are acyclic (links
only go forward within a release, or from an earlier release to a later one) and use
all four link types.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import uuid

from app.demo.generator import DEFAULT_SEED, DemoSummary, default_anchor
from app.demo.new_workspace import open_new_workspace
from app.workspace import Workspace
from models import Domain, Release, Task, TaskLink
from models.bulk_audit import insert_audited
from models.enums import LagUnit, LinkType, ReleaseStatus

TASKS_PER_RELEASE = 200
LINKS_PER_RELEASE = 400
_TYPES = (LinkType.FS,) * 7 + (LinkType.SS, LinkType.FF, LinkType.SF)


def create_scale_workspace(
    target: str | os.PathLike[str],
    *,
    releases: int = 500,
    seed: int = DEFAULT_SEED,
    user: str | None = None,
) -> tuple[Workspace, DemoSummary]:
    """Create a workspace with ``releases`` releases of 200 tasks and 400 links each."""
    ws = open_new_workspace(target, user, f"Scale workspace ({releases})")
    try:
        summary = populate_scale(ws, releases=releases, seed=seed)
    except BaseException:
        ws.close()
        raise
    return ws, summary


def populate_scale(ws: Workspace, *, releases: int, seed: int = DEFAULT_SEED) -> DemoSummary:
    """Bulk-insert the scale portfolio in one transaction."""
    rng = random.Random(seed)
    new_id = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)  # noqa: E731
    anchor = default_anchor()
    domains = [
        {
            "id": new_id(),
            "name": f"Domain {i + 1}",
            "code": f"D{i + 1}",
            "colour": colour,
            "holiday_country": country,
            "description": "",
        }
        for i, (colour, country) in enumerate(
            (("#2F80ED", "DE"), ("#27AE60", "GB"), ("#9B51E0", "US"), ("#F2994A", "FR"))
        )
    ]
    statuses = list(ReleaseStatus)
    release_rows, task_rows, link_rows = [], [], []
    for r in range(releases):
        start = anchor + dt.timedelta(days=rng.randint(-180, 180))
        rid = new_id()
        release_rows.append(
            {
                "id": rid,
                "name": f"Release {r + 1:04d}",
                "version_label": f"{r % 9 + 1}.0",
                "domain_id": domains[r % len(domains)]["id"],
                "release_type": "minor",
                "status": rng.choice(statuses).value,
                "planned_start": start,
                "planned_end": start + dt.timedelta(days=rng.randint(30, 90)),
                "description": "",
            }
        )
        ids = [new_id() for _ in range(TASKS_PER_RELEASE)]
        for i, tid in enumerate(ids):
            task_rows.append(
                {
                    "id": tid,
                    "release_id": rid,
                    "parent_id": None,
                    "position": i,
                    "wbs": "",
                    "name": f"R{r + 1} task {i + 1}",
                    "duration_minutes": rng.choice((0, 1, 2, 3, 5)) * 480,
                    "duration_elapsed": False,
                    "milestone": False,
                    "is_deployment": False,
                    "constraint_type": "ASAP",
                    "percent_complete": 0.0,
                    "notes": "",
                }
            )
        for _ in range(LINKS_PER_RELEASE):
            a, b = sorted(rng.sample(range(TASKS_PER_RELEASE), 2))
            link_rows.append(_link(new_id(), ids[a], ids[b], rng))
        if r and rng.random() < 0.3:  # a cross-release link into an earlier release's plan
            other = task_rows[rng.randrange(0, len(task_rows) - TASKS_PER_RELEASE)]["id"]
            link_rows.append(_link(new_id(), other, ids[0], rng))
    with ws.transaction() as s:
        for model, rows in (
            (Domain, domains),
            (Release, release_rows),
            (Task, task_rows),
            (TaskLink, link_rows),
        ):
            insert_audited(s, model, rows)
    return DemoSummary(len(domains), releases, len(task_rows), len(link_rows))


def _link(
    link_id: uuid.UUID, pred: uuid.UUID, succ: uuid.UUID, rng: random.Random
) -> dict[str, object]:
    return {
        "id": link_id,
        "predecessor_id": pred,
        "successor_id": succ,
        "link_type": rng.choice(_TYPES).value,
        "lag": float(rng.choice((0, 0, 0, 240, 480, -240))),
        "lag_unit": LagUnit.WORKING.value,
    }
