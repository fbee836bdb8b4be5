"""Edge compilation: constant weights, topological positions and flat edge lists.

An edge between two simple nodes (plain leaf tasks on the single calendar) with a
working or percent lag is *constant*: ``ES[successor] >= ES[predecessor] + weight``
for every link type. Those edges are kept as three flat lists (source, target,
weight) sorted by the topological position of the source. Walking them in that order
is a valid forward pass (a node's incoming edges all come from earlier sources, so its
start is final before its own outgoing edges are read) and walking them backwards is a
valid backward pass, without per-node adjacency lists.

Every other edge is *general* and listed per node in ``cin``/``cout``; nodes that are
general themselves or touch a general edge are visited one by one by the passes, at
their topological position between the flat edges.

Plans usually list tasks so that links point forward; then the task order itself is
topological and no sort of the graph is needed. Otherwise Kahn's algorithm orders it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from itertools import accumulate, chain, compress, repeat
from operator import add, is_, is_not, lt, not_
from typing import TYPE_CHECKING

from app.scheduling.errors import CycleError
from app.scheduling.graph import find_cycle

if TYPE_CHECKING:
    from app.scheduling.network import Network

FS, SS, FF, SF, DOWN, UP = range(6)
WORKING, ELAPSED, PERCENT = range(3)
_FROM_FINISH = (FS, FF)  # link types leaving the predecessor's finish
_TO_FINISH = (FF, SF)  # link types reaching the successor's finish



def compile_edges(net: Network, forward: bool = False) -> None:
    """Fill the flat constant edges, general edges and visiting lists of ``net``.

    ``forward``: the caller knows that every edge goes from a lower to a higher node.
    """
    N = net.node_count
    src, dst, etype, eunit = net.e_src, net.e_dst, net.e_type, net.e_unit
    general, dur = net.general, net.dur
    M = len(src)
    if forward:
        pos, perm = _IDENTITY_MARK, sorted(range(M), key=src.__getitem__)
    else:
        pos, perm = _positions(net)
    net.pos = pos

    # Weight of every constant edge, None for a general one (touching a general node,
    # or an elapsed lag), computed in link order.
    du = dur + [0] * (N - len(dur))
    G = set(compress(range(N), general))  # usually few: summaries, special tasks
    weights = [
        None if u in G or v in G or unit == ELAPSED
        else (du[u] if t in _FROM_FINISH else 0) - (du[v] if t in _TO_FINISH else 0)
        + (round(lag) if unit == WORKING else round(lag * du[u] / 100))
        for u, v, t, lag, unit in zip(src, dst, etype, net.e_lag, eunit, strict=True)
    ] if len(G) < N else [None] * M
    cin: dict[int, list[int]] = {}
    cout: dict[int, list[int]] = {}
    for e in compress(range(M), map(is_, weights, repeat(None))):
        cin.setdefault(dst[e], []).append(e)
        cout.setdefault(src[e], []).append(e)
    net.cin, net.cout = cin, cout

    # All edges sorted by source position (stable: ``perm``), the general ones dropped.
    fs = sorted(src) if pos is _IDENTITY_MARK else list(map(src.__getitem__, perm))
    fd = list(map(dst.__getitem__, perm))
    fw = list(map(weights.__getitem__, perm))
    if cout:
        keep = list(map(is_not, fw, repeat(None)))
        fs, fd, fw = list(compress(fs, keep)), list(compress(fd, keep)), list(compress(fw, keep))
    net.fw = fw
    net.fs, net.fd = fs, fd
    net.fpos = fs if pos is _IDENTITY_MARK else list(map(pos.__getitem__, fs))
    if pos is _IDENTITY_MARK:
        net.pos = list(range(N))
        key = None
    else:
        key = pos.__getitem__
    fgen = G
    bgen = G.copy()
    fgen.update(cin)
    bgen.update(cout)
    net.fgen = sorted(fgen, key=key)
    net.bgen = sorted(bgen, key=key)


def cuts(fpos: list[int], nodes: list[int], pos: list[int]) -> list[int]:
    """For each node, how many flat edges have their source before it."""
    return [bisect_left(fpos, pos[v]) for v in nodes]


_IDENTITY_MARK: list[int] = []


def _positions(net: Network) -> tuple[list[int], list[int]]:
    """Topological position of every node (``_IDENTITY_MARK`` if node order already is
    one) and the edges sorted by the position of their source."""
    src, dst = net.e_src, net.e_dst
    if all(map(lt, src, dst)):
        return _IDENTITY_MARK, sorted(range(len(src)), key=src.__getitem__)
    N = net.node_count
    perm = sorted(range(len(src)), key=src.__getitem__)
    out = list(map(dst.__getitem__, perm))
    counts = dict.fromkeys(range(N), 0)
    counts.update(Counter(src))
    off = list(accumulate(counts.values(), initial=0))
    indeg = [0] * N
    for v, c in Counter(dst).items():
        indeg[v] = c
    order = list(compress(range(N), map(not_, indeg)))
    append = order.append
    for u in order:  # the list is its own queue
        for v in out[off[u]:off[u + 1]]:
            d = indeg[v] - 1
            indeg[v] = d
            if not d:
                append(v)
    if len(order) != N:
        _raise_cycle(net, indeg)
    pos = [0] * N
    for i, v in enumerate(order):
        pos[v] = i
    # Out-edges of each node in topological order: concatenated slices of ``perm``.
    ends = map(off.__getitem__, map(add, order, repeat(1)))
    ranges = map(slice, map(off.__getitem__, order), ends)
    return pos, list(chain.from_iterable(map(perm.__getitem__, ranges)))


def _raise_cycle(net: Network, indeg: list[int]) -> None:
    from app.scheduling.network import _name

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

