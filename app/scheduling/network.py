"""Compile a :class:`PlanSpec` into flat, int-indexed arrays for the passes.

Node ``i`` (``0 <= i < n``) is task ``i``. A summary task whose own links or
constraints must reach its children uses node ``i`` as its *begin* node (edges
``DOWN`` to each child); a summary with outgoing links gets an extra *end* node
(edges ``UP`` from each child) that carries the rolled-up dates its successors see.
Summaries without links need neither: their dates are rolled up after the passes.

Edges between two "simple" nodes (plain leaf tasks on the single calendar, constant
working lag) are stored as ``(other node, weight)`` with
``ES[successor] >= ES[predecessor] + weight`` — every link type reduces to that form,
so most of the passes are one addition and one comparison per link. Everything else
(elapsed lags and durations, several calendars, progress, hard constraints, deadlines,
freeze windows, summaries) goes through the general per-edge code in ``passes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from app.scheduling.calendar import WorkingCalendar
from app.scheduling.errors import (
    CalendarError,
    CycleError,
    InvalidDurationError,
    InvalidPlanError,
    UnknownTaskError,
)
from app.scheduling.graph import find_cycle
from app.scheduling.plan import ConstraintType, PlanSpec, TaskSpec
from app.scheduling.results import Problem

FS, SS, FF, SF, DOWN, UP = range(6)
WORKING, ELAPSED, PERCENT = range(3)
LEAF, BEGIN, END, IDLE = range(4)

_TYPE_CODE = {"FS": FS, "SS": SS, "FF": FF, "SF": SF}
_UNIT_CODE = {"working": WORKING, "elapsed": ELAPSED, "percent": PERCENT}
_SOFT = {ConstraintType.ASAP, ConstraintType.ALAP, ConstraintType.SNET, ConstraintType.FNET}
_link_fields = attrgetter("predecessor_id", "successor_id", "type", "lag", "lag_unit")


@dataclass(slots=True)
class Network:
    """The plan as arrays. Node-indexed lists have ``node_count`` entries."""

    tasks: list[TaskSpec]
    n: int
    node_count: int
    index: dict[str, int]
    dur: list[int]
    is_summary: list[bool]
    children: dict[int, list[int]]
    depth: list[int]
    kind: list[int]  # per node: LEAF / BEGIN / END / IDLE
    task_of: list[int]  # per node: its task index
    cal: list[int]  # per task: index into ``calendars``
    calendars: list[WorkingCalendar]
    general: list[bool]  # per node: needs the general per-edge code
    default_cal: int = 0  # calendar index for plan-level dates (finish, releases)
    e_src: list[int] = field(default_factory=list)
    e_dst: list[int] = field(default_factory=list)
    e_type: list[int] = field(default_factory=list)
    e_lag: list[float] = field(default_factory=list)
    e_unit: list[int] = field(default_factory=list)
    sin: list[list[tuple[int, int]]] = field(default_factory=list)
    sout: list[list[tuple[int, int]]] = field(default_factory=list)
    cin: list[list[int]] = field(default_factory=list)
    cout: list[list[int]] = field(default_factory=list)
    order: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _name(task: TaskSpec) -> str:
    return task.name or task.id


def build_network(plan: PlanSpec) -> Network:
    """Validate ``plan`` and compile it; raises a :class:`SchedulingError` on bad input."""
    tasks = list(plan.tasks)
    n = len(tasks)
    ids = [t.id for t in tasks]
    index = {tid: i for i, tid in enumerate(ids)}
    if len(index) != n:
        seen: set[str] = set()
        dup = next(tid for tid in ids if tid in seen or seen.add(tid))  # type: ignore[func-returns-value]
        raise InvalidPlanError(f'Two tasks share the id "{dup}"; task ids must be unique.')

    dur = [t.duration_minutes for t in tasks]
    if min(dur, default=0) < 0:
        i = next(i for i, d in enumerate(dur) if d < 0)
        raise InvalidDurationError(ids[i], _name(tasks[i]), dur[i])
    dur = [0 if t.milestone else round(d) for t, d in zip(tasks, dur, strict=True)]

    # Hierarchy.
    parent = [-1] * n
    children: dict[int, list[int]] = {}
    for i, t in enumerate(tasks):
        if t.parent_id is not None:
            p = index.get(t.parent_id)
            if p is None:
                raise UnknownTaskError(
                    f'Task "{_name(t)}" belongs to a summary task "{t.parent_id}" '
                    "that is not in the plan.",
                    t.parent_id,
                )
            parent[i] = p
            children.setdefault(p, []).append(i)
    depth = _depths(parent, tasks)
    is_summary = [False] * n
    for p in children:
        is_summary[p] = True

    # Calendars.
    cal_ids: list[str] = []
    cal_index: dict[str, int] = {}
    default = plan.default_calendar_id
    cal = [0] * n
    for i, t in enumerate(tasks):
        cid = t.calendar_id or default
        c = cal_index.get(cid)
        if c is None:
            if cid not in plan.calendars:
                if cid == default:
                    raise CalendarError(f'The plan\'s default calendar "{cid}" is not defined.')
                raise UnknownTaskError(
                    f'Task "{_name(t)}" uses the calendar "{cid}", which is not in the plan.', cid
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
    multi = len(cal_ids) > 1

    # Links -> raw edges, checking references first.
    rows = list(map(_link_fields, plan.links))
    problems: list[Problem] = []
    try:
        src = [index[r[0]] for r in rows]
        dst = [index[r[1]] for r in rows]
    except KeyError as exc:
        bad = exc.args[0]
        row = next(r for r in rows if bad in (r[0], r[1]))
        other = row[1] if row[0] == bad else row[0]
        other_name = _name(tasks[index[other]]) if other in index else other
        raise UnknownTaskError(
            f'A link between "{other_name}" and task "{bad}" refers to a task that is not '
            "in the plan.",
            bad,
        ) from None
    try:
        etype = [_TYPE_CODE[r[2]] for r in rows]
        eunit = [_UNIT_CODE[r[4]] for r in rows]
    except KeyError as exc:
        raise InvalidPlanError(f"Unknown link type or lag unit: {exc.args[0]!r}.") from None
    elag = [r[3] for r in rows]
    for s, d in zip(src, dst, strict=True):
        if s == d:
            raise CycleError([ids[s]], [_name(tasks[s])])

    # Which summaries need begin/end nodes (propagated down the outline).
    need_begin = [False] * n
    need_end = [False] * n
    for d in dst:
        need_begin[d] = is_summary[d]
    for s in src:
        if is_summary[s]:
            need_end[s] = True
    for i, t in enumerate(tasks):
        if is_summary[i] and (t.constraint not in (ConstraintType.ASAP, ConstraintType.ALAP)
                              or t.deadline is not None):
            need_begin[i] = need_end[i] = True
    for i in sorted(range(n), key=depth.__getitem__):  # parents before children
        p = parent[i]
        if p >= 0:
            need_begin[i] = need_begin[i] or (need_begin[p] and is_summary[i])
            need_end[i] = need_end[i] or (need_end[p] and is_summary[i])
    end_node = list(range(n))
    kind = [LEAF] * n
    task_of = list(range(n))
    for i in range(n):
        if is_summary[i]:
            kind[i] = BEGIN if need_begin[i] else IDLE
            if need_end[i]:
                end_node[i] = len(kind)
                kind.append(END)
                task_of.append(i)
    node_count = len(kind)
    src = [end_node[s] for s in src]
    for i in range(n):
        p = parent[i]
        if p < 0:
            continue
        if need_begin[p]:
            src.append(p), dst.append(i), etype.append(DOWN), elag.append(0), eunit.append(0)
        if need_end[p]:
            src.append(end_node[i]), dst.append(end_node[p]), etype.append(UP)
            elag.append(0), eunit.append(0)

    # Node classes: simple = plain leaf the fast path can add durations to.
    has_windows = bool(plan.freeze_windows)
    general = [True] * node_count
    if not multi:
        for i, t in enumerate(tasks):
            general[i] = bool(
                kind[i] != LEAF
                or t.elapsed
                or t.constraint not in _SOFT
                or t.deadline is not None
                or t.actual_start is not None
                or t.actual_finish is not None
                or t.percent_complete
                or (has_windows and t.is_deployment)
            )
    for t in tasks:
        if t.constraint not in (ConstraintType.ASAP, ConstraintType.ALAP) and (
            t.constraint_date is None
        ):
            problems.append(Problem(
                "ignored_constraint",
                f'Task "{_name(t)}" has a "{t.constraint}" constraint without a date; '
                "it was scheduled as soon as possible.",
                t.id,
            ))
        if not 0 <= t.percent_complete <= 100:
            raise InvalidPlanError(
                f'Task "{_name(t)}" is {t.percent_complete:g} % complete; use 0 to 100.'
            )

    net = Network(
        tasks, n, node_count, index, dur, is_summary, children, depth, kind, task_of,
        cal, calendars, general, default_cal,
        e_src=src, e_dst=dst, e_type=etype, e_lag=elag, e_unit=eunit, problems=problems,
    )
    _adjacency(net)
    _order(net)
    return net


def _depths(parent: list[int], tasks: list[TaskSpec]) -> list[int]:
    depth = [-1] * len(parent)
    for i in range(len(parent)):
        chain = []
        j = i
        while j >= 0 and depth[j] < 0:
            if j in chain:
                loop = chain[chain.index(j):]
                raise CycleError([tasks[k].id for k in loop], [_name(tasks[k]) for k in loop])
            chain.append(j)
            j = parent[j]
        base = depth[j] if j >= 0 else -1
        for k in reversed(chain):
            base += 1
            depth[k] = base
    return depth


def _adjacency(net: Network) -> None:
    """Split edges into constant-weight (fast) and general ones, per node."""
    N = net.node_count
    sin: list[list[tuple[int, int]]] = [[] for _ in range(N)]
    sout: list[list[tuple[int, int]]] = [[] for _ in range(N)]
    cin: list[list[int]] = [[] for _ in range(N)]
    cout: list[list[int]] = [[] for _ in range(N)]
    general, dur = net.general, net.dur
    etype, elag, eunit = net.e_type, net.e_lag, net.e_unit
    rows = zip(net.e_src, net.e_dst, etype, elag, eunit, strict=True)
    for e, (u, v, typ, lag, unit) in enumerate(rows):
        if general[u] or general[v] or unit == ELAPSED:
            cin[v].append(e)
            cout[u].append(e)
            continue
        lag = round(lag * dur[u] / 100) if unit == PERCENT else round(lag)
        if typ == FS:
            w = dur[u] + lag
        elif typ == SS:
            w = lag
        elif typ == FF:
            w = dur[u] + lag - dur[v]
        else:
            w = lag - dur[v]
        edge = (u, w)
        sin[v].append(edge)
        sout[u].append((v, w))
    net.sin, net.sout, net.cin, net.cout = sin, sout, cin, cout


def _order(net: Network) -> None:
    """Kahn topological order of all nodes; a circle becomes a :class:`CycleError`."""
    N = net.node_count
    indeg = [len(a) + len(b) for a, b in zip(net.sin, net.cin, strict=True)]
    sout, cout, e_dst = net.sout, net.cout, net.e_dst
    order = [v for v in range(N) if not indeg[v]]
    append = order.append
    for u in order:  # the list is its own queue
        for v, _ in sout[u]:
            d = indeg[v] - 1
            indeg[v] = d
            if not d:
                append(v)
        for e in cout[u]:
            v = e_dst[e]
            d = indeg[v] - 1
            indeg[v] = d
            if not d:
                append(v)
    if len(order) != N:
        loop = find_cycle(indeg, net.e_src, net.e_dst)
        names: list[str] = []
        ids: list[str] = []
        for node in loop:
            i = net.task_of[node]
            if not ids or ids[-1] != net.tasks[i].id:
                ids.append(net.tasks[i].id)
                names.append(_name(net.tasks[i]))
        if len(ids) > 1 and ids[0] == ids[-1]:
            ids.pop(), names.pop()
        k = min(range(len(ids)), key=lambda j: net.index[ids[j]])
        raise CycleError(ids[k:] + ids[:k], names[k:] + names[:k])
    net.order = order
