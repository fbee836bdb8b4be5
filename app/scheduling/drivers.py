"""Why a task's early dates are what they are: its *drivers*, found after the passes.

Nothing here runs while scheduling: :class:`DriverFinder` keeps the passes' integer
arrays and, when one task is asked about, re-evaluates the bounds the forward pass took
the maximum of (each incoming link, the summary's bound, the constraint, the status
date, the freeze windows, the plan's start) and names the one the task's start (or
finish) equals. Ties go to a link first, so a driving path keeps going back through
the plan as long as a link explains the date. The incoming and outgoing edge lists are
built once, on the first question (O(links)).

The comparison is made in working time of the task's own calendar (its ordinals): a
link that ends at Friday 17:00 drives a task that starts on Monday 08:00. A task in
elapsed time compares wall-clock instants exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np

from app.scheduling.calendar import wall_to_datetime
from app.scheduling.network_arrays import BEGIN, DOWN, FF, FS, SF, SS, Network
from app.scheduling.pass_state import NEG
from app.scheduling.passes import Passes
from app.scheduling.plan import ConstraintType as CT
from app.scheduling.plan import PlanSpec
from app.scheduling.results import Driver, DriverKind, TaskDrivers

_LINKS = (FS, SS, FF, SF)
_START_CONSTRAINTS = (CT.SNET, CT.MSO, CT.SNLT)
_FINISH_CONSTRAINTS = (CT.FNET, CT.MFO, CT.FNLT)
Ends = tuple[Driver, Driver, Driver | None, Driver | None]


class DriverFinder:
    """Answers "what set this task's dates?" for one schedule, lazily and cached."""

    def __init__(
        self, plan: PlanSpec, net: Network, passes: Passes, es: list[int], ef: list[int]
    ) -> None:
        self._plan, self._net, self._p = plan, net, passes
        self._es, self._ef = es, ef  # task-indexed, summaries rolled up
        self._by_dst: _Incidence | None = None
        self._by_src: _Incidence | None = None
        self._end_node: dict[int, int] = {}
        self._ends: dict[int, Ends] = {}

    # -- public ----------------------------------------------------------------------------
    def drivers(self, task_id: str) -> TaskDrivers:
        """The drivers of ``task_id`` (``KeyError`` when it is not in the plan)."""
        i = self._net.index[task_id]
        start, finish, bound_start, bound_finish = self._task_ends(i)
        return TaskDrivers(
            task_id, start, finish, tuple(self._driven(i)), bound_start, bound_finish
        )

    # -- edges -----------------------------------------------------------------------------
    def _edges_in(self, v: int) -> list[int]:
        if self._by_dst is None:
            net = self._net
            self._by_dst = _Incidence(net.e_dst, net.node_count)
            self._by_src = _Incidence(net.e_src, net.node_count)
            self._end_node = {net.task_of[v]: v for v in range(net.n, net.node_count)}
        return self._by_dst.edges(v)

    def _driven(self, i: int) -> Iterator[str]:
        """Successor tasks whose start or finish a link of task ``i`` sets."""
        self._edges_in(i)
        assert self._by_src is not None
        net = self._net
        seen: set[int] = set()
        for node in (i, self._end_node.get(i, -1)):
            for e in self._by_src.edges(node):
                w = net.e_dst[e]
                if net.e_type[e] not in _LINKS or w in seen:
                    continue
                if any(
                    d is not None and d.kind == DriverKind.LINK and d.link is self._plan.links[e]
                    for d in self._task_ends(w)
                ):
                    seen.add(w)
        return (net.ids[w] for w in sorted(seen))

    # -- one task --------------------------------------------------------------------------
    def _task_ends(self, i: int) -> Ends:
        found = self._ends.get(i)
        if found is None:
            net = self._net
            if net.is_summary[i]:
                bound = self._bound(i) if net.kind[i] == BEGIN else (None, None)
                found = (self._child(i, False), self._child(i, True), *bound)
            else:
                found = (*self._leaf(i), None, None)
            self._ends[i] = found
        return found

    def _key(self, i: int, point: int) -> int:
        """An axis point as working time of task ``i``'s calendar (exact for elapsed)."""
        if self._net.tasks[i].elapsed:
            return point
        return self._p.axis.to_ordinal(self._net.cal[i], point)

    def _when(self, point: int, finish: bool) -> dt.datetime:
        axis = self._p.axis
        if axis.multi:
            return wall_to_datetime(point)
        return axis.to_datetime(0, point, finish)

    def _link_bound(self, e: int) -> tuple[int, dt.datetime, bool]:
        """Where edge ``e``'s link puts its successor's start (or finish, third value),
        and the predecessor's instant it leaves from."""
        net, p = self._net, self._p
        st = p.st
        u, typ = net.e_src[e], net.e_type[e]
        from_finish, to_finish = typ in (FS, FF), typ in (FF, SF)
        t = p._pt(u, st.EF[u], True) if from_finish else p._pt(u, st.ES[u], False)
        return p._lag(e, t, True, from_finish, to_finish), self._when(t, from_finish), to_finish

    def _by_link(self, v: int, start_key: int, finish_key: int) -> Driver | None:
        """The first incoming link whose bound the task's start (else finish) equals."""
        net = self._net
        hits: list[Driver] = []
        for e in self._edges_in(v):
            if net.e_type[e] not in _LINKS:
                continue
            bound, when, to_finish = self._link_bound(e)
            if self._key(v, bound) == (finish_key if to_finish else start_key):
                pred = net.ids[net.task_of[net.e_src[e]]]
                hits.append(Driver(DriverKind.LINK, to_finish, pred, self._plan.links[e], when))
        hits.sort(key=lambda d: d.to_finish)  # a driven start first
        return hits[0] if hits else None

    def _leaf(self, i: int) -> tuple[Driver, Driver]:
        net, p = self._net, self._p
        st = p.st
        spec = net.tasks[i]
        start_key = self._key(i, p._pt(i, st.ES[i], False))
        finish_key = self._key(i, p._pt(i, st.EF[i], True))
        from_start = Driver(DriverKind.DURATION, True)
        from_finish = Driver(DriverKind.DURATION, False)
        if spec.actual_finish is not None:
            start = (
                Driver(DriverKind.ACTUAL, False, date=spec.actual_start)
                if spec.actual_start is not None
                else from_finish
            )
            return start, Driver(DriverKind.ACTUAL, True, date=spec.actual_finish)
        # Done without an actual finish: scheduled as if not started (its actual start is
        # not used either, as in the forward pass).
        done = spec.percent_complete >= 100
        in_progress = not done and (spec.percent_complete > 0 or spec.actual_start is not None)
        if in_progress and spec.actual_start is not None:
            start = Driver(DriverKind.ACTUAL, False, date=spec.actual_start)
        else:
            start = self._start(i, start_key, finish_key)
        if not in_progress:
            if start.to_finish:  # the finish was set; the start is the duration before it
                return from_finish, start
            return start, from_start
        finish = self._by_link(i, NEG, finish_key) or self._by_summary(i, NEG, finish_key)
        if finish is not None:
            return start, finish
        if st.status is not None and self._plan.status_date is not None:
            worked = round(net.dur[i] * spec.percent_complete / 100)
            if st.status > p._ffs(i, p._pt(i, st.ES[i], False), worked):  # resumed then
                return start, Driver(DriverKind.STATUS_DATE, True, date=self._plan.status_date)
        return start, from_start

    def _start(self, i: int, start_key: int, finish_key: int) -> Driver:
        """The driver of a task's early start (or finish, for a finish-side driver)."""
        link = self._by_link(i, start_key, finish_key)
        if link is not None:
            return link
        found = self._by_summary(i, start_key, finish_key) or self._by_constraint(
            i, start_key, finish_key
        )
        return found or self._late_pin(i, start_key)

    def _by_constraint(self, i: int, start_key: int, finish_key: int) -> Driver | None:
        """The task's date constraint, when that is what its start (or finish) equals."""
        spec = self._net.tasks[i]
        if spec.constraint_date is None:
            return None
        axis, c = self._p.axis, self._net.cal[i]
        cd = axis.point(spec.constraint_date)
        if spec.constraint in _START_CONSTRAINTS:
            to_finish, bound = False, axis.work(c, cd, 0, False)
        elif spec.constraint in _FINISH_CONSTRAINTS:
            # As the passes: "finish no earlier" from the date itself, the hard ones from
            # the end of the working time it falls in (elapsed work may finish off work).
            to_finish, bound = True, cd if spec.constraint == CT.FNET else axis.work(c, cd, 0, True)
        else:
            return None
        if self._key(i, bound) != (finish_key if to_finish else start_key):
            return None
        return Driver(
            DriverKind.CONSTRAINT, to_finish, date=spec.constraint_date, name=spec.constraint.value
        )

    def _late_pin(self, i: int, start_key: int) -> Driver:
        """The status date, a freeze window, else the start of the plan."""
        plan, st, axis = self._plan, self._p.st, self._p.axis
        if (
            st.status is not None
            and plan.status_date is not None
            and self._key(i, st.status) == start_key
            and st.status > st.project_start
        ):
            return Driver(DriverKind.STATUS_DATE, False, date=plan.status_date)
        if self._net.tasks[i].is_deployment:
            for window in reversed(plan.freeze_windows):
                after = axis.work(self._net.cal[i], axis.point(window.finish), 0, False)
                if self._key(i, after) == start_key:
                    name = window.name or "freeze window"
                    return Driver(DriverKind.FREEZE_WINDOW, False, date=window.finish, name=name)
        return Driver(DriverKind.PROJECT_START, False, date=plan.project_start)

    def _by_summary(self, i: int, start_key: int, finish_key: int) -> Driver | None:
        """The bound the task's summary puts on it, when that is what it equals."""
        net, st = self._net, self._p.st
        for e in self._edges_in(i):
            if net.e_type[e] != DOWN:
                continue
            s = net.e_src[e]
            bound_start, bound_finish = self._task_ends(s)[2:]
            if (
                bound_start is not None
                and bound_start.kind != DriverKind.PROJECT_START
                and self._key(i, st.ES[s]) == start_key
            ):
                return Driver(
                    DriverKind.SUMMARY, False, net.ids[s], date=self._when(st.ES[s], False)
                )
            if bound_finish is not None and st.EF[s] > NEG and self._key(i, st.EF[s]) == finish_key:
                return Driver(DriverKind.SUMMARY, True, net.ids[s], date=self._when(st.EF[s], True))
        return None

    def _bound(self, s: int) -> tuple[Driver | None, Driver | None]:
        """What a summary's own links, constraint and parent impose on its children."""
        net, p, plan = self._net, self._p, self._plan
        st, axis = p.st, p.axis
        found: list[Driver | None] = [None, None]
        spec = net.tasks[s]
        for e in self._edges_in(s):
            typ = net.e_type[e]
            if typ in _LINKS:
                bound, when, to_finish = self._link_bound(e)
                target = st.EF[s] if to_finish else st.ES[s]
                if bound == target and found[to_finish] is None:
                    pred = net.ids[net.task_of[net.e_src[e]]]
                    found[to_finish] = Driver(DriverKind.LINK, to_finish, pred, plan.links[e], when)
            elif typ == DOWN:
                u = net.e_src[e]
                for end, value in ((0, st.ES[u]), (1, st.EF[u])):
                    if (
                        found[end] is None
                        and value > NEG
                        and value == (st.EF[s] if end else st.ES[s])
                    ):
                        found[end] = Driver(
                            DriverKind.SUMMARY,
                            bool(end),
                            net.ids[u],
                            date=self._when(value, bool(end)),
                        )
        if spec.constraint_date is not None:
            cd = axis.point(spec.constraint_date)
            end = (
                0
                if spec.constraint in (CT.SNET, CT.MSO)
                else 1
                if spec.constraint in (CT.FNET, CT.MFO)
                else -1
            )
            if end >= 0 and found[end] is None and cd == (st.EF[s] if end else st.ES[s]):
                found[end] = Driver(
                    DriverKind.CONSTRAINT,
                    bool(end),
                    date=spec.constraint_date,
                    name=spec.constraint.value,
                )
        if found[0] is None:
            found[0] = Driver(DriverKind.PROJECT_START, False, date=plan.project_start)
        return found[0], found[1] if st.EF[s] > NEG else None

    def _child(self, s: int, finish: bool) -> Driver:
        """A summary's first-starting (or last-finishing) child."""
        net, p = self._net, self._p
        dates = self._ef if finish else self._es
        target = p._pt(s, dates[s], finish)
        kids = net.children[s]
        child = next((k for k in kids if p._pt(k, dates[k], finish) == target), kids[0])
        return Driver(DriverKind.CHILD, finish, net.ids[child], date=self._when(target, finish))


class _Incidence:
    """The edges of each node, grouped by one end (``ends[e]``), built in bulk: with a
    Python loop over the links the first question on a 100,000-task plan (200,000 links)
    cost 0.45 s of CPU, with a stable argsort 0.04 s (``bench_driving_path.py``)."""

    __slots__ = ("_off", "_order")

    def __init__(self, ends: list[int], node_count: int) -> None:
        arr = np.asarray(ends, dtype=np.int64)
        self._order = np.argsort(arr, kind="stable")
        self._off = np.concatenate(([0], np.cumsum(np.bincount(arr, minlength=node_count))))

    def edges(self, v: int) -> list[int]:
        """The edges whose end is node ``v`` (none for ``v < 0``), in edge order."""
        if v < 0:
            return []
        return self._order[self._off[v] : self._off[v + 1]].tolist()
