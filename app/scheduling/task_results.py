"""Per-task results, built on first access.

A 100,000-task portfolio yields 100,000 result rows with six datetimes each; building
them all costs more than scheduling. A view shows a few hundred rows at a time, so
:class:`TaskResults` keeps the passes' integer arrays and makes each frozen
:class:`~app.scheduling.results.TaskResult` when it is first looked up (then caches
it). Iterating over all of them gives exactly what an eager dict would.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from app.scheduling.network import FF, FS, LEAF, SF, SS, Network
from app.scheduling.passes import Passes
from app.scheduling.plan import ConstraintType
from app.scheduling.results import TaskResult


class TaskResults(Mapping[str, TaskResult]):
    """Read-only mapping task id -> :class:`TaskResult`, in plan order, built lazily."""

    __slots__ = ("_cache", "_dates", "_near", "_net", "_passes", "_total")

    def __init__(
        self,
        net: Network,
        passes: Passes,
        dates: tuple[list[int], list[int], list[int], list[int]],
        total: list[int],
        near: int,
    ) -> None:
        self._net = net
        self._passes = passes
        self._dates = dates
        self._total = total
        self._near = near
        self._cache: dict[str, TaskResult] = {}

    def __len__(self) -> int:
        return self._net.n

    def __iter__(self) -> Iterator[str]:
        return (t.id for t in self._net.tasks)

    def __contains__(self, key: object) -> bool:
        return key in self._net.index

    def __getitem__(self, task_id: str) -> TaskResult:
        r = self._cache.get(task_id)
        if r is None:
            r = self._cache[task_id] = self._build(self._net.index[task_id])
        return r

    def __repr__(self) -> str:
        return f"<TaskResults of {self._net.n} tasks>"

    def free_float(self, i: int) -> int:
        """Raw free float of leaf ``i``: how far it can slip before a successor moves."""
        net, passes = self._net, self._passes
        st, axis = passes.st, passes.axis
        ES, EF = st.ES, st.EF
        best: int | None = None
        esu = ES[i]
        for v, w in net.sout[i]:
            x = ES[v] - esu - w
            if best is None or x < best:
                best = x
        for e in net.cout[i]:
            typ = net.e_type[e]
            if typ not in (FS, SS, FF, SF):
                continue
            v = net.e_dst[e]
            from_finish = typ in (FS, FF)
            to_finish = typ in (FF, SF)
            bound = passes._lag(e, EF[i] if from_finish else ES[i], True, from_finish, to_finish)
            x = axis.span(net.cal[i], bound, EF[v] if to_finish else ES[v])
            if best is None or x < best:
                best = x
        if best is None:  # no successors: free up to the plan's finish, as in Project
            best = axis.span(net.cal[i], self._dates[1][i], st.finish)
        return best

    def _build(self, i: int) -> TaskResult:
        net, passes = self._net, self._passes
        st, axis = passes.st, passes.axis
        es, ef, ls, lf = self._dates
        t = net.tasks[i]
        c = net.cal[i]
        summary = net.is_summary[i]
        a, b, x, y = es[i], ef[i], ls[i], lf[i]
        tf = self._total[i]
        ff = self.free_float(i) if net.kind[i] == LEAF else tf
        ff = max(0, min(ff, tf))
        done = st.complete[i]
        ms = t.milestone or (net.dur[i] == 0 and not summary)
        ps = st.project_start
        to_dt = axis.to_datetime
        # A milestone after its predecessor shows the predecessor's finish (17:00), like Project.
        e_start = to_dt(c, a, ms and a > ps)
        e_finish = e_start if ms else to_dt(c, b, True)
        l_start = to_dt(c, x, ms and x > ps)
        l_finish = l_start if ms else to_dt(c, y, True)
        if t.constraint == ConstraintType.ALAP and not st.started[i] and not summary:
            start, finish, sa, sb = l_start, l_finish, x, y
        else:
            start, finish, sa, sb = e_start, e_finish, a, b
        return TaskResult(
            t.id, e_start, e_finish, l_start, l_finish, start, finish,
            axis.span(c, sa, sb), tf, ff,
            tf <= 0 and not done,
            0 < tf < self._near and not done,
            summary, ms, done, t.release_id,
        )
