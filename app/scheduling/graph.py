"""Cycle reporting for the scheduling network (the Kahn order itself is in ``network``)."""

from __future__ import annotations

from collections.abc import Sequence


def find_cycle(indeg: Sequence[int], e_src: Sequence[int], e_dst: Sequence[int]) -> list[int]:
    """One cycle among the nodes Kahn's algorithm could not order (``indeg > 0``).

    Every such node still has a predecessor that is also unordered, so walking
    predecessors must come back to a node already seen; that loop is a cycle. Returns
    the nodes in link direction.
    """
    preds: dict[int, list[int]] = {}
    for u, v in zip(e_src, e_dst, strict=True):
        if indeg[u] > 0 and indeg[v] > 0:
            preds.setdefault(v, []).append(u)
    start = min(preds)
    seen: dict[int, int] = {}
    path: list[int] = []
    v = start
    while v not in seen:
        seen[v] = len(path)
        path.append(v)
        v = preds[v][0]
    loop = path[seen[v]:]
    loop.reverse()  # we walked against the links; report in link direction
    return loop
