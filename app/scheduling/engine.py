"""``schedule()``: the critical path method over a whole portfolio, as one graph."""

from __future__ import annotations

from itertools import compress, repeat
from operator import and_, attrgetter, eq, ge, gt, lt, not_, sub

from app.gc_pause import gc_paused
from app.scheduling.drivers import DriverFinder
from app.scheduling.network import build_network
from app.scheduling.network_arrays import FF, FS, LEAF, SF, SS, Network
from app.scheduling.passes import Passes
from app.scheduling.plan import PlanSpec
from app.scheduling.results import Schedule
from app.scheduling.task_results import TaskResults, free_floats

_get_release = attrgetter("release_id")


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
    with gc_paused():  # a few hundred thousand small containers, no reference cycles
        net = build_network(plan)
        passes = Passes(plan, net)
        passes.forward()
        passes.backward()
        return _results(plan, net, passes, near_critical_minutes)


def _rollup(net: Network, passes: Passes) -> tuple[list[int], list[int], list[int], list[int]]:
    """Task-indexed dates: leaves from the passes, summaries (on the axis) from their
    children."""
    n, st, extreme = net.n, passes.st, passes.extreme
    es, ef, ls, lf = st.ES[:n], st.EF[:n], st.LS[:n], st.LF[:n]
    for p in sorted(net.children, key=net.depth.__getitem__, reverse=True):
        kids = net.children[p]  # deepest first, so nested summaries are ready
        es[p], ef[p] = extreme(kids, es, False, min), extreme(kids, ef, True)
        ls[p], lf[p] = extreme(kids, ls, False, min), extreme(kids, lf, True)
    return es, ef, ls, lf


def _results(plan: PlanSpec, net: Network, passes: Passes, near: int) -> Schedule:
    st, axis = passes.st, passes.axis
    es, ef, ls, lf = _rollup(net, passes)
    if axis.multi:
        span, cal, general = axis.span, net.cal, net.general
        total = [
            min(span(cal[i], es[i], ls[i]), span(cal[i], ef[i], lf[i])) if general[i]
            else min(ls[i] - es[i], lf[i] - ef[i])  # a plain task: its calendar's ordinals
            for i in range(net.n)
        ]
    else:
        total = [
            a if a < b else b for a, b in zip(map(sub, ls, es), map(sub, lf, ef), strict=True)
        ]
    to_dt = axis.to_datetime
    dc = net.default_cal
    release_end = _release_ends(net, passes, ef)
    free = free_floats(net, passes, ef, total)
    not_done = list(map(not_, _rolled_up_complete(net, st.complete)))
    critical = list(map(and_, map(ge, repeat(0), total), not_done))
    near_critical = list(map(
        and_, map(and_, map(lt, repeat(0), total), map(gt, repeat(near), total)), not_done
    ))
    return Schedule(
        tasks=TaskResults(net, passes, (es, ef, ls, lf), total, free, critical, near_critical),
        start=plan.project_start,
        finish=to_dt(dc, st.finish, True),
        critical_path=_critical_chains(net, passes, critical),
        release_finish={r: to_dt(c, v, True) for r, (c, v) in release_end.items()},
        problems=tuple(st.problems),
        near_critical_minutes=near,
        explain=DriverFinder(plan, net, passes, es, ef).drivers,  # works only when asked
    )


def _release_ends(net: Network, passes: Passes, ef: list[int]) -> dict[str, tuple[int, int]]:
    """The latest early finish of each release's leaf tasks, on the axis, with the
    calendar to read it in: that of a task finishing then. Read in the plan's default
    calendar instead, a finish on a day that calendar does not work (a release on its
    domain's calendar in a portfolio of others) would move to the day before, and the
    board would say another finish than the release's own schedule."""
    leaves: dict[str, list[int]] = {}
    for i, r, s in zip(range(net.n), map(_get_release, net.tasks), net.is_summary, strict=True):
        if r is not None and not s:
            leaves.setdefault(r, []).append(i)
    ends: dict[str, tuple[int, int]] = {}
    for r, tasks in leaves.items():
        end = passes.extreme(tasks, ef, True)
        cal = net.default_cal
        if passes.axis.multi:  # one calendar's axis reads every finish alike
            last = next(k for k in tasks if passes.extreme([k], ef, True) == end)
            cal = net.cal[last]
        ends[r] = (cal, end)
    return ends


def _rolled_up_complete(net: Network, complete: list[bool]) -> list[bool]:
    """Completion per task, with a summary complete once all its children are.

    Finished work is never critical (as in Microsoft Project); without the roll-up a
    summary of finished tasks would still be flagged critical.
    """
    if not net.children:
        return complete
    done = list(complete)
    for s in sorted(net.children, key=net.depth.__getitem__, reverse=True):  # deepest first
        done[s] = all(map(done.__getitem__, net.children[s]))
    return done


def _critical_chains(
    net: Network, passes: Passes, critical: list[bool]
) -> tuple[tuple[str, ...], ...]:
    """Critical leaf tasks as chains along driving links, ordered by early start."""
    st = passes.st
    ES, EF = st.ES, st.EF
    crit = list(compress(range(net.n), map(and_, map(eq, net.kind, repeat(LEAF)), critical)))
    if not crit:
        return ()
    is_crit = [False] * net.node_count
    for i in crit:
        is_crit[i] = True
    nxt: dict[int, list[int]] = {}
    fs, fd, fw = net.fs, net.fd, net.fw
    both = map(and_, map(is_crit.__getitem__, fs), map(is_crit.__getitem__, fd))
    for u, v, w in compress(zip(fs, fd, fw, strict=True), both):
        if ES[v] == ES[u] + w:
            nxt.setdefault(u, []).append(v)
    pt = passes._pt
    for u in crit:
        for e in net.cout.get(u, ()):
            typ = net.e_type[e]
            v = net.e_dst[e]
            if typ not in (FS, SS, FF, SF) or not is_crit[v]:
                continue
            from_finish = typ in (FS, FF)
            to_finish = typ in (FF, SF)
            t = pt(u, EF[u], True) if from_finish else pt(u, ES[u], False)
            bound = passes._lag(e, t, True, from_finish, to_finish)
            if bound >= (pt(v, EF[v], True) if to_finish else pt(v, ES[v], False)):
                nxt.setdefault(u, []).append(v)
    has_pred: set[int] = set()

    def by_start(v: int) -> tuple[int, int]:
        return pt(v, ES[v], False), v

    for u, succ in nxt.items():
        nxt[u] = sorted(set(succ), key=by_start)
        has_pred.update(succ)
    seen: set[int] = set()
    chains: list[tuple[str, ...]] = []
    starts = sorted((i for i in crit if i not in has_pred), key=by_start)
    leftovers = sorted(crit, key=by_start)
    ids = net.ids
    for s in starts + leftovers:
        if s in seen:
            continue
        chain = []
        cur: int | None = s
        while cur is not None:
            seen.add(cur)
            chain.append(ids[cur])
            cur = next((v for v in nxt.get(cur, ()) if v not in seen), None)
        chains.append(tuple(chain))
    return tuple(chains)
