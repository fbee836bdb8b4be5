"""The sweep line finds exactly the overlaps an all-pairs check finds."""

from __future__ import annotations

import itertools
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from app.conflicts.conflict import ConflictKind
from app.conflicts.engine import find_conflicts
from app.conflicts.items import WINDOW_KINDS, CalendarItem, ItemKind
from tests.app.conflicts.factory import (
    ANA,
    BEN,
    DOMAIN_A,
    DOMAIN_B,
    ENV_PROD,
    ENV_STAGING,
    ENV_TEST,
    at,
    deployment,
    window,
)

RELEASES = [uuid.UUID(int=900 + n) for n in range(3)]

deployments = st.builds(
    lambda n, start, length, env, domain, release, people, done: deployment(
        f"R{n}",
        start,
        start + length,
        env=env,
        domain=domain,
        release=release,
        people=people,
        done=done,
    ),
    st.integers(0, 10**6),
    st.integers(0, 48).map(lambda h: h / 2),
    st.integers(0, 8).map(lambda h: h / 2),  # zero-length ones too
    st.sampled_from([ENV_TEST, ENV_STAGING, ENV_PROD]),
    st.sampled_from([DOMAIN_A, DOMAIN_B]),
    st.sampled_from(RELEASES),
    st.sampled_from([(), (ANA,), (BEN,), (ANA, BEN)]),
    st.booleans(),
)
windows = st.builds(
    lambda n, start, length, kind, domain, env: window(
        f"W{n}", at(start), at(start + length), kind=kind, domain=domain, env=env
    ),
    st.integers(0, 10**6),
    st.integers(0, 48).map(lambda h: h / 2),
    st.integers(0, 16).map(lambda h: h / 2),
    st.sampled_from([ItemKind.FREEZE, ItemKind.BLACKOUT, ItemKind.HOLIDAY]),
    st.sampled_from([None, DOMAIN_A, DOMAIN_B]),
    st.sampled_from([None, ENV_STAGING, ENV_PROD]),
)


def all_pairs(items: list[CalendarItem]) -> set[tuple[ConflictKind, frozenset[str]]]:
    """Every pair checked against every other: the obviously right answer."""
    out = set()
    for x, y in itertools.combinations(items, 2):
        if not x.overlaps(y):
            continue
        pair = frozenset((x.id, y.id))
        if x.kind is y.kind is ItemKind.DEPLOYMENT:
            if x.release_id == y.release_id or (x.done and y.done):
                continue
            if x.environment_id == y.environment_id:
                out.add((ConflictKind.ENVIRONMENT_OVERLAP, pair))
            if set(x.people) & set(y.people):
                out.add((ConflictKind.DOUBLE_BOOKING, pair))
            continue
        for w, d in ((x, y), (y, x)):
            if d.kind is not ItemKind.DEPLOYMENT or d.done or not w.applies_to(d):
                continue
            if w.kind in WINDOW_KINDS:
                out.add((ConflictKind.FREEZE, pair))
            elif w.kind is ItemKind.HOLIDAY:
                out.add((ConflictKind.HOLIDAY, pair))
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(deployments, max_size=25), st.lists(windows, max_size=6))
def test_sweep_matches_all_pairs(ds: list[CalendarItem], ws: list[CalendarItem]) -> None:
    items = list({i.id: i for i in ds + ws}.values())
    conflicts = find_conflicts(items, start=at(-1), end=at(100))
    swept = [(c.kind, frozenset(i.id for i in c.items)) for c in conflicts]
    assert len(swept) == len(set(swept))  # each conflict once
    assert set(swept) == all_pairs(items)
