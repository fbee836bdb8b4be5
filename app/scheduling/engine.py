"""``schedule()``: the critical path method over a whole portfolio, as one graph."""

from __future__ import annotations

import datetime as dt
import gc

from app.scheduling.network import FF, FS, LEAF, SF, SS, Network, build_network
from app.scheduling.passes import Passes, PassState
from app.scheduling.plan import ConstraintType, PlanSpec
from app.scheduling.results import Schedule, TaskResult


def schedule(plan: PlanSpec, near_critical_minutes: int = 480 * 2) -> Schedule:
    """Schedule ``plan`` and return early/late dates, floats and the critical path.

    Semantics follow Microsoft Project's defaults: links FS/SS/FF/SF with lags in
    working minutes on the successor's calendar, elapsed minutes or percent of the
    predecessor's duration; hard constraints (MSO, MFO, SNLT, FNLT) win over links and
    a conflict shows as negative float plus a :class:`Problem`; deadlines cap late
    finishes (a missed one gives negative float); completed work keeps its actual
    dates and remaining work starts no earlier than ``plan.status_date``.

    Links on summary tasks apply to all their children: a link *into* a summary
    holds back every task inside it, a link *out of* a summary starts from the
    summary's rolled-up start or finish.

    Raises a :class:`~app.scheduling.errors.SchedulingError` (with a message for
    people) when no schedule exists: a circle of links, unknown task references,
    negative durations, or an unusable calendar.
    """
    # The engine allocates a few hundred thousand small containers and holds no
    # reference cycles; the cyclic GC would otherwise rescan the whole heap (the plan
    # included) many times over, which costs more than the scheduling itself.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        net = build_network(plan)
        passes = Passes(plan, net)
        passes.forward()
        passes.backward()
        return _results(plan, net, passes, near_critical_minutes)
    finally:
        if was_enabled:
            gc.enable()


def _rollup(net: Network, st: PassState) -> tuple[list[int], list[int], list[int], list[int]]:
    """Task-indexed dates: leaves from the passes, summaries from their children."""
    n = net.n
    es, ef, ls, lf = st.ES[:n], st.EF[:n], st.LS[:n], st.LF[:n]
    summaries = sorted(net.children, key=net.depth.__getitem__, reverse=True)
    for p in summaries:  # deepest first, so nested summaries are ready
        kids = net.children[p]
        es[p] = min(es[k] for k in kids)
        ef[p] = max(ef[k] for k in kids)
        ls[p] = min(ls[k] for k in kids)
        lf[p] = max(lf[k] for k in kids)
    return es, ef, ls, lf


def _free_floats(net: Network, passes: Passes, ef_task: list[int]) -> list[int]:
    """Free float of each leaf: how far it can slip before any successor moves."""
    st, axis = passes.st, passes.axis
    ES, EF = st.ES, st.EF
    end = st.finish
    free = [0] * net.n
    sout, cout, kind, cal = net.sout, net.cout, net.kind, net.cal
    e_type, e_dst = net.e_type, net.e_dst
    single = not axis.multi
    for u in range(net.n):
        if kind[u] != LEAF:
            continue
        best = None
        esu = ES[u]
        for v, w in sout[u]:
            x = ES[v] - esu - w
            if best is None or x < best:
                best = x
        for e in cout[u]:
            typ = e_type[e]
            if typ not in (FS, SS, FF, SF):
                continue
            v = e_dst[e]
            from_finish = typ in (FS, FF)
            to_finish = typ in (FF, SF)
            bound = passes._lag(e, EF[u] if from_finish else ES[u], True, from_finish, to_finish)
            x = axis.span(cal[u], bound, EF[v] if to_finish else ES[v])
            if best is None or x < best:
                best = x
        if best is None:
            best = end - ef_task[u] if single else axis.span(cal[u], ef_task[u], end)
        free[u] = best
    return free


def _results(plan: PlanSpec, net: Network, passes: Passes, near: int) -> Schedule:
    st, axis = passes.st, passes.axis
    es, ef, ls, lf = _rollup(net, st)
    free = _free_floats(net, passes, ef)
    tasks, cal, is_summary = net.tasks, net.cal, net.is_summary
    complete = st.complete
    ps = st.project_start
    single = not axis.multi
    to_dt = axis.to_datetime
    out: dict[str, TaskResult] = {}
    total = [0] * net.n
    alap = ConstraintType.ALAP
    for i, t in enumerate(tasks):
        c = cal[i]
        a, b, x, y = es[i], ef[i], ls[i], lf[i]
        tf = min(x - a, y - b) if single else min(axis.span(c, a, x), axis.span(c, b, y))
        total[i] = tf
        ff = free[i] if not is_summary[i] else tf
        ff = max(0, min(ff, tf))
        done = complete[i]
        ms = t.milestone or (net.dur[i] == 0 and not is_summary[i])
        # A milestone after its predecessor shows the predecessor's finish (17:00), like Project.
        s_fin = ms and a > ps
        e_start = to_dt(c, a, s_fin)
        e_finish = to_dt(c, b, True) if not ms else e_start
        l_start = to_dt(c, x, ms and x > ps)
        l_finish = to_dt(c, y, True) if not ms else l_start
        if t.constraint == alap and not st.started[i] and not is_summary[i]:
            start, finish, sa, sb = l_start, l_finish, x, y
        else:
            start, finish, sa, sb = e_start, e_finish, a, b
        out[t.id] = TaskResult(
            t.id, e_start, e_finish, l_start, l_finish, start, finish,
            (sb - sa) if single else axis.span(c, sa, sb),
            tf, ff,
            tf <= 0 and not done,
            0 < tf < near and not done,
            is_summary[i], ms, done, t.release_id,
        )
    dc = net.default_cal
    release_end: dict[str, int] = {}
    for i, t in enumerate(tasks):
        r = t.release_id
        if r is not None and not is_summary[i]:
            prev = release_end.get(r)
            if prev is None or ef[i] > prev:
                release_end[r] = ef[i]
    return Schedule(
        tasks=out,
        start=plan.project_start,
        finish=to_dt(dc, st.finish, True),
        critical_path=_critical_chains(net, passes, total),
        release_finish={r: to_dt(dc, v, True) for r, v in release_end.items()},
        problems=tuple(st.problems),
        near_critical_minutes=near,
    )


def _critical_chains(net: Network, passes: Passes, total: list[int]) -> tuple[tuple[str, ...], ...]:
    """Critical leaf tasks as chains along driving links, ordered by early start."""
    st = passes.st
    ES, EF = st.ES, st.EF
    crit = [
        i for i in range(net.n)
        if net.kind[i] == LEAF and total[i] <= 0 and not st.complete[i]
    ]
    if not crit:
        return ()
    is_crit = set(crit)
    nxt: dict[int, list[int]] = {}
    has_pred: set[int] = set()
    for u in crit:
        succ = [v for v, w in net.sout[u] if v in is_crit and ES[v] == ES[u] + w]
        for e in net.cout[u]:
            typ = net.e_type[e]
            v = net.e_dst[e]
            if typ not in (FS, SS, FF, SF) or v not in is_crit:
                continue
            from_finish = typ in (FS, FF)
            to_finish = typ in (FF, SF)
            bound = passes._lag(e, EF[u] if from_finish else ES[u], True, from_finish, to_finish)
            if bound >= (EF[v] if to_finish else ES[v]):
                succ.append(v)
        if succ:
            nxt[u] = sorted(set(succ), key=lambda v: (ES[v], v))
            has_pred.update(succ)
    seen: set[int] = set()
    chains: list[tuple[str, ...]] = []
    starts = sorted((i for i in crit if i not in has_pred), key=lambda i: (ES[i], i))
    leftovers = sorted(crit, key=lambda i: (ES[i], i))
    for s in starts + leftovers:
        if s in seen:
            continue
        chain = []
        cur: int | None = s
        while cur is not None:
            seen.add(cur)
            chain.append(net.tasks[cur].id)
            cur = next((v for v in nxt.get(cur, ()) if v not in seen), None)
        chains.append(tuple(chain))
    return tuple(chains)


def plan_dates(plan: PlanSpec) -> tuple[dt.datetime, dt.datetime]:
    """Convenience: the scheduled start and finish of ``plan``."""
    result = schedule(plan)
    return result.start, result.finish
