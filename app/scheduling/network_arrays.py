"""The compiled plan as int-indexed arrays (:class:`Network`) and the codes they hold.

``network`` fills it from a :class:`~app.scheduling.plan.PlanSpec`, ``edges`` compiles
its links; both read it from here, so neither imports the other's module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.scheduling.calendar import WorkingCalendar
from app.scheduling.plan import TaskSpec
from app.scheduling.results import Problem

LEAF, BEGIN, END, IDLE = range(4)  # node kinds
FS, SS, FF, SF, DOWN, UP = range(6)  # edge types: the four links, then summary edges
WORKING, ELAPSED, PERCENT = range(3)  # lag units


@dataclass(slots=True)
class Network:
    """The plan as arrays. Node-indexed lists have ``node_count`` entries."""

    tasks: list[TaskSpec]
    n: int
    node_count: int
    index: dict[str, int]
    ids: list[str]
    dur: list[int]
    is_summary: list[bool]
    children: dict[int, list[int]]
    depth: list[int]  # per task; meaningful for summaries
    kind: list[int]  # per node: LEAF / BEGIN / END / IDLE
    task_of: list[int]  # per node: its task index
    cal: list[int]  # per task: index into ``calendars``
    calendars: list[WorkingCalendar]
    general: list[bool]  # per node: needs the general per-node code (else plain)
    default_cal: int = 0  # calendar index for plan-level dates (finish, releases)
    wall_axis: bool = False  # schedule on wall-clock minutes (see ``timeline``)
    e_src: list[int] = field(default_factory=list)
    e_dst: list[int] = field(default_factory=list)
    e_type: list[int] = field(default_factory=list)
    e_lag: list[float] = field(default_factory=list)
    e_unit: list[int] = field(default_factory=list)
    # Filled by ``edges.compile_edges``: constant-weight edges as three flat lists sorted
    # by the topological position of their source, the positions of those sources, the
    # general edges per node, and the nodes the passes must visit one by one.
    fs: list[int] = field(default_factory=list)
    fd: list[int] = field(default_factory=list)
    fw: list[int] = field(default_factory=list)
    fpos: list[int] = field(default_factory=list)
    pos: list[int] = field(default_factory=list)
    cin: dict[int, list[int]] = field(default_factory=dict)
    cout: dict[int, list[int]] = field(default_factory=dict)
    fgen: list[int] = field(default_factory=list)  # forward-general nodes, topological order
    bgen: list[int] = field(default_factory=list)  # backward-general nodes, topological order
    problems: list[Problem] = field(default_factory=list)
