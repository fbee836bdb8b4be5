"""A drag checks the moved item against its neighbourhood only: the conflicts it finds
for the moved item are exactly those a check of every loaded item finds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from app.conflicts.engine import find_conflicts
from app.conflicts.items import CalendarItem, ItemKind
from tests.app.conflicts.factory import at, release_window
from tests.app.conflicts.test_sweep_property import RELEASES, deployments, windows
from ui.calendar import calendar_source
from ui.calendar.bars import BANDS, local

NAMES = ("R0", "R1", "R2")


def _releases(depends: list[int]) -> list[CalendarItem]:
    """A release window for each release the deployments belong to; release n depends
    on release ``depends[n]`` (itself: on none)."""
    out = []
    for n, rid in enumerate(RELEASES):
        item = release_window(NAMES[n], at(-24), at(72))
        needed = () if depends[n] == n else (RELEASES[depends[n]],)
        out.append(dataclasses.replace(item, id=f"release:{rid}", row_id=rid, release_id=rid,
                                       depends_on=needed))  # fmt: skip
    return out


def _with_rows(items: list[CalendarItem]) -> list[CalendarItem]:
    """Unique ids; the windows made up get rows of their own (a drag moves a row)."""
    unique = {i.id: i for i in items}
    return [
        dataclasses.replace(i, row_id=uuid.UUID(int=n + 1), table="calendar_exception")
        if i.row_id is None
        else i
        for n, i in enumerate(unique.values())
    ]


def _full(data: calendar_source.CalendarData, bar) -> set[str]:
    """The moved item's conflicts, checking every item (the slow, obvious way)."""
    moved = {m.id: m for m in calendar_source.moved_items(data.near, bar)}
    items = [i for i in data.items if i.id not in moved] + list(moved.values())
    return _of_bar(data.conflicts_of(items), bar)


def _of_bar(conflicts, bar) -> set[str]:
    return {c.key for c in conflicts if any(calendar_source.is_of(i, bar) for i in c.items)}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(deployments, min_size=1, max_size=25),
    st.lists(windows, max_size=6),
    st.lists(st.integers(0, 2), min_size=3, max_size=3),
    st.integers(0, 10**6),
    st.integers(-24, 24),
    st.integers(-4, 4),
)
def test_the_neighbourhood_finds_what_a_check_of_everything_finds(
    deps, wins, depends, pick, hours, stretch
) -> None:
    items = _with_rows(deps + wins + _releases(depends))
    data = calendar_source.CalendarData(local(at(-72)), local(at(240)))
    data.items = items
    data.conflicts = find_conflicts(items, start=at(-72), end=at(240))
    movable = [i for i in items if i.kind is not ItemKind.RELEASE_WINDOW]
    item = movable[pick % len(movable)]
    bar = calendar_source.bar_of(item, {}, {})
    start = bar.start + dt.timedelta(hours=hours)
    end = max(bar.end + dt.timedelta(hours=hours + stretch), start)
    moved = bar.moved(start, end)
    narrowed = _of_bar(calendar_source.conflicts_if_moved(data, moved), moved)
    assert narrowed == _full(data, moved)
    assert bar.kind in BANDS or len(calendar_source.moved_items(data.near, moved)) == 1


def test_a_dependency_far_away_in_time_is_still_in_the_neighbourhood() -> None:
    from tests.app.conflicts.factory import ENV_PROD, deployment

    needed, waiting = _releases([0, 0, 2])[:2]  # R1 depends on R0
    theirs = deployment("R0", 40, 42, env=ENV_PROD, release=RELEASES[0])
    mine = deployment("R1", 60, 62, env=ENV_PROD, release=RELEASES[1])
    items = [needed, waiting, theirs, mine]
    data = calendar_source.CalendarData(local(at(-72)), local(at(240)))
    data.items = items
    data.conflicts = find_conflicts(items, start=at(-72), end=at(240))
    assert data.conflicts == []
    bar = calendar_source.bar_of(mine, {}, {})
    moved = bar.moved(bar.start - dt.timedelta(hours=50), bar.end - dt.timedelta(hours=50))
    found = calendar_source.conflicts_if_moved(data, moved)  # 10:00, long before theirs
    assert [c.kind.value for c in found] == ["dependency"]
    assert {i.id for i in found[0].items} == {mine.id, theirs.id}
