"""Compile a :class:`PlanSpec` into flat, int-indexed arrays for the passes.

Node ``i`` (``0 <= i < n``) is task ``i``. A summary task whose own links or
constraints must reach its children uses node ``i`` as its *begin* node (edges
``DOWN`` to each child); a summary with outgoing links gets an extra *end* node
(edges ``UP`` from each child) that carries the rolled-up dates its successors see.
Summaries without links need neither: their dates are rolled up after the passes.

A *plain* node is a leaf task the fast path can add durations to: its dates are
working-minute ordinals of its own calendar. Edges between two plain nodes on the same
calendar (working or percent lag) have a constant weight with ``ES[successor] >=
ES[predecessor] + weight`` — every link type reduces to that form, so most of the
passes are one addition and one comparison per link; ``edges`` keeps them as flat
lists. Everything else (elapsed lags and durations, links between calendars, progress,
hard constraints, deadlines, freeze windows, summaries) goes through the general
per-node code in ``passes``, on the plan's axis (see ``timeline``).

Per-task work is done in bulk (``map``/``compress`` over attribute getters, C loops)
rather than with a Python loop over the 100,000 task objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain, compress, count, groupby, repeat
from operator import and_, attrgetter, eq, ge, gt, is_not, lt, not_, or_

import numpy as np

from app.scheduling.calendar import WorkingCalendar
from app.scheduling.edges import compile_edges
from app.scheduling.errors import (
    CalendarError,
    CycleError,
    InvalidDurationError,
    InvalidPlanError,
    UnknownTaskError,
)
from app.scheduling.network_arrays import (
    BEGIN,
    DOWN,
    ELAPSED,
    END,
    FF,
    FS,
    IDLE,
    LEAF,
    PERCENT,
    SF,
    SS,
    UP,
    WORKING,
    Network,
)
from app.scheduling.plan import ConstraintType, PlanSpec, TaskSpec
from app.scheduling.results import Problem

_TYPE_CODE = {"FS": FS, "SS": SS, "FF": FF, "SF": SF}
_UNIT_CODE = {"working": WORKING, "elapsed": ELAPSED, "percent": PERCENT}
_SOFT = {ConstraintType.ASAP, ConstraintType.ALAP, ConstraintType.SNET, ConstraintType.FNET}
_ASAP_ALAP = {ConstraintType.ASAP, ConstraintType.ALAP}
_get_id, _get_dur, _get_milestone = attrgetter("id"), attrgetter("duration_minutes"), \
    attrgetter("milestone")
_get_parent, _get_cal, _get_constraint = attrgetter("parent_id"), attrgetter("calendar_id"), \
    attrgetter("constraint")
_get_pct, _get_deployment = attrgetter("percent_complete"), attrgetter("is_deployment")
_get_elapsed = attrgetter("elapsed")
_get_pred, _get_succ = attrgetter("predecessor_id"), attrgetter("successor_id")
_get_type, _get_unit, _get_lag = attrgetter("type"), attrgetter("lag_unit"), attrgetter("lag")
# Task fields that, when set (truthy), send a task through the general per-node code.
_SPECIAL = attrgetter("elapsed", "deadline", "actual_start", "actual_finish", "percent_complete")


def _first(flags: Iterable[object]) -> int:
    """Index of the first true flag."""
    return next(compress(count(), flags))


def build_network(plan: PlanSpec) -> Network:
    """Validate ``plan`` and compile it; raises a :class:`SchedulingError` on bad input.

    Per-task work is done in bulk (``map``/``compress`` over attribute getters) so the
    cost stays close to one pass over the task and link objects.
    """
    tasks = list(plan.tasks)
    n = len(tasks)
    ids = list(map(_get_id, tasks))
    index = dict(zip(ids, range(n), strict=True))
    if len(index) != n:
        seen: set[str] = set()
        dup = next(tid for tid in ids if tid in seen or seen.add(tid))  # type: ignore[func-returns-value]
        raise InvalidPlanError(f'Two tasks share the id "{dup}"; task ids must be unique.')

    raw = list(map(_get_dur, tasks))
    if n and min(raw) < 0:
        i = _first(map(gt, repeat(0), raw))
        raise InvalidDurationError(ids[i], tasks[i].label, raw[i])
    dur = list(map(round, raw))
    for i in compress(range(n), map(_get_milestone, tasks)):
        dur[i] = 0

    # Hierarchy.
    pids = list(map(_get_parent, tasks))
    parent = list(map(index.get, pids, repeat(-1)))
    if parent.count(-1) != pids.count(None):
        i = _first(map(and_, map(eq, parent, repeat(-1)), map(is_not, pids, repeat(None))))
        raise UnknownTaskError(
            f'Task "{tasks[i].label}" belongs to a summary task "{pids[i]}" '
            "that is not in the plan.",
            pids[i],
        )
    kids = sorted(compress(range(n), map(ge, parent, repeat(0))), key=parent.__getitem__)
    children = {p: list(g) for p, g in groupby(kids, parent.__getitem__)}
    is_summary = [False] * n
    for p in children:
        is_summary[p] = True
    depth = _depths(parent, tasks, children)

    # Calendars.
    cal_ids: list[str] = []
    cal_index: dict[str, int] = {}
    default = plan.default_calendar_id
    cids = list(map(_get_cal, tasks))
    if cids.count(None) == n:
        cids = []
        if default not in plan.calendars:
            raise CalendarError(f'The plan\'s default calendar "{default}" is not defined.')
        cal = [0] * n
        cal_ids.append(default)
    else:
        cal = [0] * n
    for i, cid in enumerate(cids):
        cid = cid or default
        c = cal_index.get(cid)
        if c is None:
            if cid not in plan.calendars:
                if cid == default:
                    raise CalendarError(f'The plan\'s default calendar "{cid}" is not defined.')
                raise UnknownTaskError(
                    f'Task "{tasks[i].label}" uses the calendar "{cid}", which is not in the '
                    "plan.", cid
                )
            c = cal_index[cid] = len(cal_ids)
            cal_ids.append(cid)
        cal[i] = c
    if not cal_ids:
        if default not in plan.calendars:
            raise CalendarError(f'The plan\'s default calendar "{default}" is not defined.')
        cal_ids.append(default)
    default_cal = cal_index.get(default, 0)
    anchor = plan.project_start.date()
    calendars = [WorkingCalendar(plan.calendars[cid], anchor) for cid in cal_ids]
    # Several calendars, or a task whose duration runs around the clock (its start or
    # finish may fall in non-working time), need the wall-clock axis (``timeline``).
    multi = len(cal_ids) > 1 or any(map(_get_elapsed, tasks))

    # Links -> raw edges, checking references first.
    links = plan.links
    problems: list[Problem] = []
    m = len(links)
    try:
        # Arrays for the bulk steps (``edges``), lists for the per-edge code of the passes.
        src_a = np.fromiter(map(index.__getitem__, map(_get_pred, links)), np.int64, m)
        dst_a = np.fromiter(map(index.__getitem__, map(_get_succ, links)), np.int64, m)
    except KeyError as exc:
        bad = exc.args[0]
        preds, succs = list(map(_get_pred, links)), list(map(_get_succ, links))
        k = _first(map(or_, map(eq, preds, repeat(bad)), map(eq, succs, repeat(bad))))
        other = succs[k] if preds[k] == bad else preds[k]
        other_name = tasks[index[other]].label if other in index else other
        raise UnknownTaskError(
            f'A link between "{other_name}" and task "{bad}" refers to a task that is not '
            "in the plan.",
            bad,
        ) from None
    try:
        etype = list(map(_TYPE_CODE.__getitem__, map(_get_type, links)))
        eunit = list(map(_UNIT_CODE.__getitem__, map(_get_unit, links)))
    except KeyError as exc:
        raise InvalidPlanError(f"Unknown link type or lag unit: {exc.args[0]!r}.") from None
    elag = list(map(_get_lag, links))
    src, dst = src_a.tolist(), dst_a.tolist()
    loops = np.flatnonzero(src_a == dst_a)
    if loops.size:
        s = src[int(loops[0])]
        raise CycleError([ids[s]], [tasks[s].label])

    # Which summaries need begin/end nodes (propagated down the outline).
    need_begin = [False] * n
    need_end = [False] * n
    if children:
        summary = np.zeros(n, dtype=bool)
        summary[list(children)] = True
        for d in np.unique(dst_a[summary[dst_a]]).tolist():
            need_begin[d] = True
        for s in np.unique(src_a[summary[src_a]]).tolist():
            need_end[s] = True
    summaries = sorted(children, key=depth.__getitem__)  # parents before children
    for i in summaries:
        t = tasks[i]
        if t.constraint not in (ConstraintType.ASAP, ConstraintType.ALAP) or t.deadline is not None:
            need_begin[i] = need_end[i] = True
    for i in summaries:
        p = parent[i]
        if p >= 0:
            need_begin[i] = need_begin[i] or need_begin[p]
            need_end[i] = need_end[i] or need_end[p]
    end_node = list(range(n))
    kind = [LEAF] * n
    task_of = list(range(n))
    for i in sorted(children):
        kind[i] = BEGIN if need_begin[i] else IDLE
        if need_end[i]:
            end_node[i] = len(kind)
            kind.append(END)
            task_of.append(i)
    node_count = len(kind)
    if node_count > n:
        src = list(map(end_node.__getitem__, src))
    wired = sorted(chain.from_iterable(
        children[p] for p in children if need_begin[p] or need_end[p]
    ))
    for i in wired:
        p = parent[i]
        if need_begin[p]:
            src.append(p), dst.append(i), etype.append(DOWN), elag.append(0), eunit.append(0)
        if need_end[p]:
            src.append(end_node[i]), dst.append(end_node[p]), etype.append(UP)
            elag.append(0), eunit.append(0)

    # Node classes: plain = a leaf the fast path can add durations to (on its own
    # calendar's working-minute ordinals); general = everything else.
    general = [False] * n + [True] * (node_count - n)
    for p in children:
        general[p] = True
    cons = list(map(_get_constraint, tasks))
    for i in compress(range(n), map(any, map(_SPECIAL, tasks))):
        general[i] = True
    for i in compress(range(n), map(not_, map(_SOFT.__contains__, cons))):
        general[i] = True
    if plan.freeze_windows:
        for i in compress(range(n), map(_get_deployment, tasks)):
            general[i] = True
    for i in compress(range(n), map(not_, map(_ASAP_ALAP.__contains__, cons))):
        t = tasks[i]
        if t.constraint_date is None:
            problems.append(Problem(
                "ignored_constraint",
                f'Task "{t.label}" has a "{t.constraint}" constraint without a date; '
                "it was scheduled as soon as possible.",
                t.id,
            ))
    pcts = list(map(_get_pct, tasks))
    total_pct = sum(pcts)
    if n and not (min(pcts) >= 0 and max(pcts) <= 100 and total_pct == total_pct):
        t = tasks[_first(not 0 <= p <= 100 for p in pcts)]
        raise InvalidPlanError(
            f'Task "{t.label}" is {t.percent_complete:g} % complete; use 0 to 100.'
        )

    net = Network(
        tasks, n, node_count, index, ids, dur, is_summary, children, depth, kind, task_of,
        cal, calendars, general, default_cal, multi,
        e_src=src, e_dst=dst, e_type=etype, e_lag=elag, e_unit=eunit, problems=problems,
    )
    unchanged = len(src) == m and node_count == n  # no summary nodes or edges added
    compile_edges(net, (src_a, dst_a) if unchanged else None)
    return net


def _depths(parent: list[int], tasks: list[TaskSpec], children: dict[int, list[int]]) -> list[int]:
    """Outline depth of every summary (0 = top level); a circle of parents is an error."""
    depth = [-1] * len(parent)
    if all(map(lt, parent, range(len(parent)))):  # outline order: parents come first
        for p in sorted(children):
            q = parent[p]
            depth[p] = depth[q] + 1 if q >= 0 else 0
        return depth
    for i in range(len(parent)):
        chain = []
        j = i
        while j >= 0 and depth[j] < 0:
            if j in chain:
                loop = chain[chain.index(j):]
                raise CycleError([tasks[k].id for k in loop], [tasks[k].label for k in loop])
            chain.append(j)
            j = parent[j]
        base = depth[j] if j >= 0 else -1
        for k in reversed(chain):
            base += 1
            depth[k] = base
    return depth
