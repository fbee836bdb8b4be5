"""Per-task results, built on first access.

A 100,000-task portfolio yields 100,000 result rows with six datetimes each; building
them all costs more than scheduling. A view shows a few hundred rows at a time, so
:class:`TaskResults` keeps the passes' integer arrays and makes each frozen
:class:`~app.scheduling.results.TaskResult` when it is first looked up (then caches
it). Iterating over all of them gives exactly what an eager dict would.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from itertools import compress, repeat
from operator import eq, sub

from app.gc_pause import gc_paused
from app.scheduling.network_arrays import FF, FS, LEAF, SF, SS, Network
from app.scheduling.pass_state import POS
from app.scheduling.passes import Passes
from app.scheduling.results import TaskResult
from app.scheduling.rows import ResultColumns, build_row, build_rows


def free_floats(
    net: Network, passes: Passes, ef: list[int], total: list[int]
) -> list[int]:
    """Free float of every task, clamped to ``0 .. total float`` as Project shows it.

    For a leaf: how far it can slip before a successor moves (up to the plan's finish
    when it has no successors); a summary's free float is its total float.
    """
    st, axis = passes.st, passes.axis
    ES, EF = st.ES, st.EF
    n, kind = net.n, net.kind
    first = st.first  # min over constant out-edges of ES[successor] - weight
    raw = list(map(sub, first[:n], ES))
    lonely = set(compress(range(n), map(eq, first, repeat(POS))))
    pt = passes._pt
    for u, edges in net.cout.items():
        if u >= n or kind[u] != LEAF:
            continue
        c = net.cal[u]
        for e in edges:
            typ = net.e_type[e]
            if typ not in (FS, SS, FF, SF):
                continue
            v = net.e_dst[e]
            from_finish = typ in (FS, FF)
            to_finish = typ in (FF, SF)
            t = pt(u, EF[u], True) if from_finish else pt(u, ES[u], False)
            bound = passes._lag(e, t, True, from_finish, to_finish)
            x = axis.span(c, bound, pt(v, EF[v], True) if to_finish else pt(v, ES[v], False))
            if u in lonely:
                lonely.discard(u)
                raw[u] = x
            elif x < raw[u]:
                raw[u] = x
    for i in lonely:  # no successors: free up to the plan's finish, as in Project
        raw[i] = axis.span(net.cal[i], pt(i, ef[i], True), st.finish)
    for p in net.children:
        raw[p] = total[p]
    # max(0, min(raw, total)) without the cost of calling min() and max()
    return [(r if r < t else t) if r > 0 and t > 0 else 0 for r, t in zip(raw, total, strict=True)]


class TaskResults(Mapping[str, TaskResult]):
    """Read-only mapping task id -> :class:`TaskResult`, in plan order, built lazily.

    Looking up one task builds (and caches) its row; iterating over ``values()`` or
    ``items()`` builds all rows at once, which is several times cheaper per row.
    """

    __slots__ = ("_cache", "_cols")

    def __init__(
        self,
        net: Network,
        passes: Passes,
        dates: tuple[list[int], list[int], list[int], list[int]],
        total: list[int],
        free: list[int],
        critical: list[bool],
        near: list[bool],
    ) -> None:
        self._cols = ResultColumns(net, passes, dates, total, free, critical, near)
        self._cache: dict[str, TaskResult] = {}

    def __len__(self) -> int:
        return self._cols.net.n

    def __iter__(self) -> Iterator[str]:
        return iter(self._cols.net.ids)

    def __contains__(self, key: object) -> bool:
        return key in self._cols.net.index

    def __getitem__(self, task_id: str) -> TaskResult:
        r = self._cache.get(task_id)
        if r is None:
            r = self._cache[task_id] = build_row(self._cols, self._cols.net.index[task_id])
        return r

    def __repr__(self) -> str:
        return f"<TaskResults of {self._cols.net.n} tasks>"

    def values(self) -> ValuesView[TaskResult]:  # type: ignore[override]
        return self._all().values()

    def items(self) -> ItemsView[str, TaskResult]:  # type: ignore[override]
        return self._all().items()

    def _all(self) -> dict[str, TaskResult]:
        """Every row, in plan order (rows handed out before keep their identity)."""
        cache = self._cache
        if len(cache) < self._cols.net.n:
            # 100,000 new tracked objects would trigger many collections of a heap that
            # holds the plan too; none of them can form a cycle.
            with gc_paused():
                built = dict(zip(self._cols.net.ids, build_rows(self._cols), strict=True))
            built.update(cache)
            self._cache = cache = built
        return cache
