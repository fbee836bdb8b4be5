"""Forward and backward passes over the compiled network.

Values are integers on the axis (see ``timeline``). ``ES``/``EF``/``LS``/``LF`` are
node-indexed. For a *begin* node they hold the bounds its summary's links and
constraints put on the children; for an *end* node the rolled-up dates of the
children that the summary's successors see.

Both passes relax the flat constant-weight edges of ``edges`` in one loop each and stop
at each general node's topological position to run its per-node step (``backward``
holds the backward half).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import compress, islice, repeat
from operator import add, attrgetter, eq

from app.scheduling.backward import BackwardPass
from app.scheduling.edges import cuts
from app.scheduling.network_arrays import (
    BEGIN,
    DOWN,
    END,
    FF,
    FS,
    LEAF,
    PERCENT,
    SF,
    UP,
    WORKING,
    Network,
)
from app.scheduling.pass_state import NEG, POS, PassState, fmt_when
from app.scheduling.plan import ConstraintType as CT
from app.scheduling.plan import PlanSpec, TaskSpec
from app.scheduling.results import Problem
from app.scheduling.timeline import MultiCalendarAxis, SingleCalendarAxis

_get_cdate = attrgetter("constraint_date")
Pick = Callable[[Iterable[int]], int]  # min or max


class Passes(BackwardPass):
    """Runs the forward pass, then the backward pass, on one network."""

    def __init__(self, plan: PlanSpec, net: Network) -> None:
        self.plan = plan
        self.net = net
        if net.wall_axis:
            self.axis: SingleCalendarAxis | MultiCalendarAxis = MultiCalendarAxis(net.calendars)
        else:
            self.axis = SingleCalendarAxis(net.calendars[0])
        axis = self.axis
        status = axis.point(plan.status_date) if plan.status_date is not None else None
        windows = sorted(
            (axis.point(w.start), axis.point(w.finish), w.name or "freeze window")
            for w in plan.freeze_windows
        )
        self.st = PassState(net, axis, axis.point(plan.project_start), status, windows)
        self.st.problems = list(net.problems)
        self._mixed = axis.multi  # plain tasks' dates are not axis points (see _pt)
        self._plain_axes = [SingleCalendarAxis(cal) for cal in net.calendars]
        self._simple_f: list[bool] = []
        self._simple_b: list[bool] = []

    # -- helpers on one task -----------------------------------------------------------
    def _ffs(self, i: int, start: int, minutes: int | None = None) -> int:
        """Finish of task ``i`` started at ``start`` (its whole duration unless given)."""
        m = self.net.dur[i] if minutes is None else minutes
        if self.net.tasks[i].elapsed:
            return self.axis.elapsed(start, m, False)
        return self.axis.work(self.net.cal[i], start, m, True)

    def _sff(self, i: int, finish: int) -> int:
        """Start of task ``i`` that finishes at ``finish``."""
        if self.net.tasks[i].elapsed:
            return self.axis.elapsed(finish, -self.net.dur[i], True)
        return self.axis.work(self.net.cal[i], finish, -self.net.dur[i], False)

    def _lag(self, e: int, t: int, forward: bool, from_finish: bool, to_finish: bool) -> int:
        """Move ``t`` across the lag of edge ``e`` (forward: + lag, backward: - lag)."""
        net, axis = self.net, self.axis
        unit, lag = net.e_unit[e], net.e_lag[e]
        u = net.e_src[e]
        pred = net.task_of[u]
        if unit == PERCENT:
            st = self.st
            if net.general[u]:
                span = axis.span(net.cal[pred], st.ES[u], st.EF[u])
            else:  # a plain task: its own calendar's ordinals
                span = st.EF[u] - st.ES[u]
            lag = lag * span / 100
            unit = WORKING if not net.tasks[pred].elapsed else -1
        minutes = round(lag) if forward else -round(lag)
        if unit == WORKING:
            succ = net.task_of[net.e_dst[e]]
            bounded, source = (succ, pred) if forward else (pred, succ)
            if net.tasks[bounded].elapsed:
                # It runs around the clock: its bound is the earliest (forward) or latest
                # (backward) wall instant at that working time, not the next working start
                # or the last working end; another elapsed task's instant is exact.
                if not minutes and net.tasks[source].elapsed:
                    return t
                return axis.work(net.cal[succ], t, minutes, forward)
            return axis.work(net.cal[succ], t, minutes, to_finish)
        return axis.elapsed(t, minutes, from_finish)

    # -- forward -------------------------------------------------------------------------
    def forward(self) -> None:
        """Early dates of every node.

        Constant edges are relaxed in one flat loop in source order; each general node
        is computed (``_forward_general``) once every edge from an earlier source is done.
        For a general node, ``ES`` first collects the maximum over its constant edges.
        """
        net, st, axis = self.net, self.st, self.axis
        N, n = net.node_count, net.n
        st.complete = [False] * n
        st.started = [False] * n
        ps = st.project_start
        base = ps if st.status is None else max(ps, st.status)
        if axis.multi:  # plain tasks count on their own calendar's ordinals
            bases = [axis.to_ordinal(c, base) for c in range(len(net.calendars))]
            ES = st.ES = list(map(bases.__getitem__, net.cal)) + [base] * (N - n)
        else:
            ES = st.ES = [base] * N
        EF = st.EF = [0] * N
        self._simple_f = simple = [True] * N
        for v in net.fgen:
            simple[v] = False
            ES[v] = NEG
        tasks = net.tasks
        for v in compress(range(n), map(_get_cdate, tasks)):
            spec = tasks[v]
            if simple[v] and spec.constraint != CT.ASAP:
                ES[v] = self._own(v, self._soft_bound(v, spec, base))
        it = zip(net.fs, net.fd, net.fw, strict=True)
        done = 0
        # Each general node after the edges from earlier sources; -1 ends with the rest.
        stops = [*cuts(net.fpos, net.fgen, net.pos), len(net.fs)]
        for v, upto in zip([*net.fgen, -1], stops, strict=True):
            for u, x, w in islice(it, upto - done):
                w += ES[u]
                if w > ES[x]:
                    ES[x] = w
            done = upto
            if v >= 0:
                self._forward_general(v)
        ef = list(map(add, ES, net.dur))
        for v in net.fgen:
            if v < n:
                ef[v] = EF[v]
        EF[:n] = ef
        st.finish = self._latest_finish()
        st.end_bound = st.finish
        if self.plan.deadline is not None:
            dl = axis.point(self.plan.deadline)
            if dl < st.finish:
                st.problems.append(Problem(
                    "missed_deadline",
                    f"The plan finishes on {fmt_when(axis.to_datetime(0, st.finish, True))}, after "
                    f"its deadline {fmt_when(self.plan.deadline)}.",
                ))
            st.end_bound = min(st.finish, dl)

    def _latest_finish(self) -> int:
        """The latest early finish of any leaf task, on the axis (the project start if
        the plan has none)."""
        net = self.net
        leaves = list(compress(range(net.n), map(eq, net.kind, repeat(LEAF))))
        return self.extreme(leaves, self.st.EF, True) if leaves else self.st.project_start

    def extreme(
        self, nodes: Sequence[int], dates: list[int], finish: bool, pick: Pick = max
    ) -> int:
        """The latest (``pick=max``) or earliest of the nodes' ``dates``, on the axis.

        Plain tasks' dates are ordinals of their own calendar: the extreme of each
        calendar's tasks is taken first and converted once (conversion keeps order).
        """
        if not self._mixed:
            return pick(map(dates.__getitem__, nodes))
        general, cal = self.net.general, self.net.cal
        groups: dict[int, list[int]] = {}  # calendar -> plain nodes; -1 -> general nodes
        for k in nodes:
            groups.setdefault(-1 if general[k] else cal[k], []).append(k)
        to_axis = self.axis.from_ordinal
        return pick(
            pick(map(dates.__getitem__, group)) if c < 0
            else to_axis(c, pick(map(dates.__getitem__, group)), finish)
            for c, group in groups.items()
        )

    def _pt(self, u: int, value: int, finish: bool) -> int:
        """Node ``u``'s date ``value`` as a point on the axis (a plain task's dates are
        ordinals of its own calendar)."""
        if self._mixed and not self.net.general[u] and NEG < value < POS:
            return self.axis.from_ordinal(self.net.cal[u], value, finish)
        return value

    def axis_of(self, u: int) -> SingleCalendarAxis | MultiCalendarAxis:
        """The axis node ``u``'s dates are on: its calendar's ordinals for a plain task."""
        if self._mixed and not self.net.general[u]:
            return self._plain_axes[self.net.cal[u]]
        return self.axis

    def _own(self, u: int, point: int) -> int:
        """Axis ``point`` as a date of node ``u`` (inverse of :meth:`_pt`)."""
        if self._mixed and not self.net.general[u] and NEG < point < POS:
            return self.axis.to_ordinal(self.net.cal[u], point)
        return point

    def _soft_bound(self, i: int, spec: TaskSpec, t: int) -> int:
        c = self.axis.point(spec.constraint_date)  # type: ignore[arg-type]
        if spec.constraint == CT.SNET:
            return max(t, self.axis.work(self.net.cal[i], c, 0, False))
        if spec.constraint == CT.FNET:
            return max(t, self._sff(i, c))
        return t

    def _forward_general(self, v: int) -> None:
        net, st, axis = self.net, self.st, self.axis
        ES, EF = st.ES, st.EF
        k = net.kind[v]
        i = net.task_of[v]
        spec = net.tasks[i]
        cin = net.cin.get(v, ())
        simple, dur = self._simple_f, net.dur
        for e in cin:  # early finishes of simple predecessors are only made at the end
            u = net.e_src[e]
            if simple[u]:
                EF[u] = ES[u] + dur[u]
        pt = self._pt
        if k == END:
            ups = [net.e_src[e] for e in cin if net.e_type[e] == UP]
            ES[v] = min(pt(u, ES[u], False) for u in ups)
            EF[v] = max(pt(u, EF[u], True) for u in ups)
            return
        c = net.cal[i]
        sb = axis.work(c, st.project_start, 0, False)
        fb = NEG
        for e in cin:
            u = net.e_src[e]
            typ = net.e_type[e]
            if typ == DOWN:
                sb = max(sb, ES[u])
                fb = max(fb, EF[u])
                continue
            from_finish = typ in (FS, FF)
            to_finish = typ in (FF, SF)
            t = pt(u, EF[u], True) if from_finish else pt(u, ES[u], False)
            x = self._lag(e, t, True, from_finish, to_finish)
            if to_finish:
                fb = max(fb, x)
            else:
                sb = max(sb, x)
        if not net.general[v]:  # plain leaf reached by a general edge
            d = dur[v]
            if st.status is not None and st.status > sb:
                sb = st.status
            sb = max(self._own(v, sb), ES[v])  # ES[v]: the maximum over constant edges
            fb = self._own(v, fb)
            es = sb if fb - d <= sb else fb - d
            if spec.constraint_date is not None:
                es = self._own(v, self._soft_bound(v, spec, pt(v, es, False)))
            ES[v], EF[v] = es, es + d
            return
        if k == BEGIN:
            if spec.constraint_date is not None:
                cd = axis.point(spec.constraint_date)
                if spec.constraint in (CT.SNET, CT.MSO):
                    sb = max(sb, cd)
                elif spec.constraint in (CT.FNET, CT.MFO):
                    fb = max(fb, cd)
            ES[v], EF[v] = sb, fb
            return
        if k != LEAF:  # IDLE summary node: dates come from the roll-up
            ES[v] = EF[v] = sb
            return
        pct = spec.percent_complete
        if spec.actual_finish is not None or pct >= 100:
            st.complete[i] = st.started[i] = True
            if spec.actual_finish is not None:
                EF[v] = axis.point(spec.actual_finish)
                ES[v] = (axis.point(spec.actual_start) if spec.actual_start is not None
                         else self._sff(i, EF[v]))
            else:
                ES[v] = self._early_start(i, sb, fb)
                EF[v] = self._ffs(i, ES[v])
            return
        if spec.actual_start is not None or pct > 0:
            st.started[i] = True
            start = (axis.point(spec.actual_start) if spec.actual_start is not None
                     else self._early_start(i, sb, fb))
            done = round(net.dur[i] * pct / 100)
            resume = self._ffs(i, start, done)
            if st.status is not None and st.status > resume:
                resume = self.axis.work(c, st.status, 0, False)
            ES[v] = start
            EF[v] = max(self._ffs(i, resume, net.dur[i] - done), fb)
            return
        if st.status is not None:
            sb = max(sb, st.status)
        es = self._constrained_start(i, spec, self._early_start(i, sb, fb))
        ef = self._ffs(i, es)
        if spec.is_deployment and st.windows:
            es, ef = self._escape_windows_forward(i, es, ef)
        ES[v], EF[v] = es, ef

    def _early_start(self, i: int, sb: int, fb: int) -> int:
        es = sb
        if not self.net.tasks[i].elapsed:  # an elapsed lag or a date may end off work
            es = self.axis.work(self.net.cal[i], sb, 0, False)
        if fb > NEG:
            es = max(es, self._sff(i, fb))
        return self._soft_bound(i, self.net.tasks[i], es) if self.net.tasks[i].constraint_date \
            else es

    def _constrained_start(self, i: int, spec: TaskSpec, es: int) -> int:
        """Hard constraints win over links ("tasks honor their constraint dates")."""
        ct = spec.constraint
        if ct in (CT.ASAP, CT.ALAP, CT.SNET, CT.FNET) or spec.constraint_date is None:
            return es
        axis, c = self.axis, self.net.cal[i]
        cd = axis.point(spec.constraint_date)
        if ct in (CT.MSO, CT.SNLT):
            target = axis.work(c, cd, 0, False)
        else:  # MFO, FNLT
            target = self._sff(i, axis.work(c, cd, 0, True))
        if es > target:
            what = "start" if ct in (CT.MSO, CT.SNLT) else "finish"
            self.st.problems.append(Problem(
                "constraint_conflict",
                f'Task "{spec.label}" must {what} '
                f'{"on" if ct in (CT.MSO, CT.MFO) else "no later than"} '
                f"{fmt_when(spec.constraint_date)}, but its predecessors push it later; "
                "the constraint was kept and the predecessors show negative float.",
                spec.id,
            ))
            return target
        return target if ct in (CT.MSO, CT.MFO) else es

    def _escape_windows_forward(self, i: int, es: int, ef: int) -> tuple[int, int]:
        c = self.net.cal[i]
        for ws, wf, _name in self.st.windows:
            if (es < wf and ef > ws) or (es == ef and ws <= es < wf):
                es = self.axis.work(c, wf, 0, False)
                ef = self._ffs(i, es)
        return es, ef
