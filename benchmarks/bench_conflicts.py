"""Benchmark: the conflict engine's sweep line (not a pass/fail test).

A portfolio of a year made with a fixed seed: 12 domains, 25 environments (dev, test,
staging, prod), 80 people, releases of 2-3 packages each promoted through the four
stages a few days apart (one step in forty out of order), a yearly freeze, a monthly
blackout per domain, a Friday-night blackout per production environment and the
domains' public holidays. Each size
is timed by the first and the best of five :func:`find_conflicts` calls on items
already loaded, and then by reading every conflict's sentence and suggested fix
(worked out when first read: the board's counts never pay for them).

Target: 10,000 items checked in at most 0.2 s.

    .venv/bin/python benchmarks/bench_conflicts.py
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.conflicts.engine import find_conflicts
from app.conflicts.items import CalendarItem, ItemKind

RUNS = 5
SEED = 13
SIZES = (1_000, 5_000, 10_000, 20_000)
YEAR = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
STAGES = (("dev", 1), ("test", 2), ("staging", 3), ("prod", 4))


def portfolio(size: int, rng: random.Random) -> list[CalendarItem]:
    """About ``size`` items over a year."""
    domains = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(12)]
    envs = [
        (uuid.UUID(int=rng.getrandbits(128)), f"Env {n}", *STAGES[n % len(STAGES)])
        for n in range(25)
    ]
    people = [(uuid.UUID(int=rng.getrandbits(128)), f"Person {n}") for n in range(80)]
    items = _windows(domains, envs)
    while len(items) < size:
        rid, domain = uuid.UUID(int=rng.getrandbits(128)), rng.choice(domains)
        start = YEAR + dt.timedelta(hours=rng.randrange(0, 365 * 24 - 24 * 40))
        title = f"Release {len(items)}"
        items.append(
            CalendarItem(
                id=f"release:{rid}",
                kind=ItemKind.RELEASE_WINDOW,
                start=start,
                end=start + dt.timedelta(days=30),
                title=title,
                row_id=rid,
                table="release",
                domain_id=domain,
                release_id=rid,
                release_title=title,
                status="planned",
            )
        )
        at = start
        for stage, _order in STAGES:  # each stage a few days after the one before
            env, env_name, _stage, order = rng.choice([e for e in envs if e[2] == stage])
            # one step in forty is planned out of order
            at += dt.timedelta(hours=rng.randrange(24, 96) * (-1 if rng.random() < 0.025 else 1))
            for package in range(rng.randint(2, 3)):
                when = at + dt.timedelta(hours=rng.randrange(0, 4))
                who = rng.sample(people, rng.randint(0, 2))
                row = uuid.UUID(int=rng.getrandbits(128))
                items.append(
                    CalendarItem(
                        id=f"deployment:{row}",
                        kind=ItemKind.DEPLOYMENT,
                        start=when,
                        end=when + dt.timedelta(minutes=rng.choice((30, 60, 90, 120, 240))),
                        title=f"{title} to {env_name}",
                        row_id=row,
                        table="deployment",
                        domain_id=domain,
                        domain_name="Domain",
                        environment_id=env,
                        environment_name=env_name,
                        stage=stage,
                        stage_order=order,
                        release_id=rid,
                        release_title=title,
                        people=tuple(p for p, _ in who),
                        people_names=tuple(name for _, name in who),
                        status="scheduled",
                        done=package == 0 and stage == "dev" and rng.random() < 0.3,
                    )
                )
    return items


def _windows(domains: list[uuid.UUID], envs: list[tuple]) -> list[CalendarItem]:
    out = [_window("Year-end freeze", ItemKind.FREEZE, YEAR + dt.timedelta(days=348), 21)]
    for n, domain in enumerate(domains):
        for month in range(1, 13):
            end = dt.datetime(2027 + month // 12, month % 12 + 1, 1, tzinfo=dt.UTC)
            out.append(
                _window(f"Close {n}", ItemKind.BLACKOUT, end - dt.timedelta(days=1), 1, domain)
            )
        for day in range(0, 365, 37):  # ten public holidays or so
            out.append(
                _window(f"Holiday {n}", ItemKind.HOLIDAY, YEAR + dt.timedelta(days=day), 1, domain)
            )
    for env, _name, stage, _order in envs:
        if stage == "prod":
            for week in range(52):
                start = YEAR + dt.timedelta(weeks=week, days=4, hours=18)
                out.append(_window("Friday night", ItemKind.BLACKOUT, start, 0.5, env=env))
    return out


def _window(
    name: str,
    kind: ItemKind,
    start: dt.datetime,
    days: float,
    domain: uuid.UUID | None = None,
    env: uuid.UUID | None = None,
) -> CalendarItem:
    return CalendarItem(
        id=f"{kind.value}:{name}:{start.isoformat()}",
        kind=kind,
        start=start,
        end=start + dt.timedelta(days=days),
        title=name,
        domain_id=domain,
        environment_id=env,
        stage="prod" if env else "",
    )


def main() -> None:
    print(f"{'items':>7} {'conflicts':>9} {'first s':>8} {'best s':>8} {'explain s':>9}  by kind")
    for size in SIZES:
        items = portfolio(size, random.Random(SEED))
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            found = find_conflicts(items, start=YEAR, end=YEAR + dt.timedelta(days=365))
            timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        for conflict in found:
            conflict.fix  # noqa: B018  # works out the sentence and the fix
        explained = time.perf_counter() - started
        kinds = Counter(c.kind.value for c in found)
        print(
            f"{len(items):>7,} {len(found):>9,} {timings[0]:>8.3f} {min(timings):>8.3f} "
            f"{explained:>9.3f}  " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        )


if __name__ == "__main__":
    main()
