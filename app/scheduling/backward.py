"""The backward pass: late dates, run after the forward pass (a mix-in of ``Passes``)."""

from __future__ import annotations

from itertools import islice
from operator import add, sub

from app.scheduling.edges import cuts
from app.scheduling.network_arrays import BEGIN, DOWN, END, FF, FS, LEAF, SF, UP, Network
from app.scheduling.pass_state import POS, PassState, fmt_when
from app.scheduling.plan import ConstraintType as CT
from app.scheduling.results import Problem
from app.scheduling.timeline import MultiCalendarAxis, SingleCalendarAxis


class BackwardPass:
    """``backward()`` and its general per-node step; needs the forward pass's state."""

    net: Network
    st: PassState
    axis: SingleCalendarAxis | MultiCalendarAxis
    _simple_b: list[bool]

    def _lag(self, e: int, t: int, forward: bool, from_finish: bool, to_finish: bool) -> int:
        raise NotImplementedError

    def _pt(self, u: int, value: int, finish: bool) -> int:
        raise NotImplementedError

    def _own(self, u: int, point: int) -> int:
        raise NotImplementedError

    def _ffs(self, i: int, start: int, minutes: int | None = None) -> int:
        raise NotImplementedError

    def _sff(self, i: int, finish: int) -> int:
        raise NotImplementedError

    # -- backward ------------------------------------------------------------------------
    def backward(self) -> None:
        """Late dates of every node: the forward scheme run backwards (``LS`` collects the
        minimum over constant edges for general nodes)."""
        net, st = self.net, self.st
        N, n = net.node_count, net.n
        end = st.end_bound
        if self.axis.multi:  # plain tasks count on their own calendar's ordinals
            ends = [self.axis.to_ordinal(c, end) for c in range(len(net.calendars))]
            LS = st.LS = list(map(sub, map(ends.__getitem__, net.cal), net.dur))
        else:
            LS = st.LS = [end - d for d in net.dur]
        LS.extend([0] * (N - n))
        LF = st.LF = [0] * N
        self._simple_b = simple = [True] * N
        for u in net.bgen:
            simple[u] = False
            LS[u] = POS
        fs, fd, fw = net.fs, net.fd, net.fw
        it = zip(reversed(fs), reversed(fd), reversed(fw), strict=True)
        done = 0
        m = len(fs)
        bgen = net.bgen[::-1]
        ES = st.ES
        first = st.first = [POS] * N
        # Each general node after the edges from later sources; -1 ends with the rest.
        stops = [*cuts(net.fpos, bgen, net.pos), 0]
        for u, upto in zip([*bgen, -1], stops, strict=True):
            for x, v, w in islice(it, m - upto - done):
                y = LS[v] - w
                if y < LS[x]:
                    LS[x] = y
                w = ES[v] - w
                if w < first[x]:
                    first[x] = w
            done = m - upto
            if u >= 0:
                self._backward_general(u)
        lf = list(map(add, LS, net.dur))
        for u in bgen:
            if u < n:
                lf[u] = LF[u]
        LF[:n] = lf

    def _backward_general(self, u: int) -> None:
        net, st, axis = self.net, self.st, self.axis
        LS, LF = st.LS, st.LF
        k = net.kind[u]
        i = net.task_of[u]
        spec = net.tasks[i]
        c = net.cal[i]
        cout = net.cout.get(u, ())
        simple, dur = self._simple_b, net.dur
        for e in cout:  # late finishes of simple successors are only made at the end
            v = net.e_dst[e]
            if simple[v]:
                LF[v] = LS[v] + dur[v]
        pt = self._pt
        if k == BEGIN:
            downs = [net.e_dst[e] for e in cout if net.e_type[e] == DOWN]
            LS[u] = min(pt(v, LS[v], False) for v in downs)
            LF[u] = max(pt(v, LF[v], True) for v in downs)
            return
        lf = st.end_bound
        if axis.multi and not spec.elapsed:
            lf = axis.work(c, lf, 0, True)
        ls = POS
        for e in cout:
            v = net.e_dst[e]
            typ = net.e_type[e]
            if typ == UP:
                lf = min(lf, LF[v])
                ls = min(ls, LS[v])
                continue
            if typ == DOWN:
                continue
            from_finish = typ in (FF, SF)  # the successor's end the link points at
            to_finish = typ in (FS, FF)  # the predecessor's end it constrains
            t = pt(v, LF[v], True) if from_finish else pt(v, LS[v], False)
            y = self._lag(e, t, False, from_finish, to_finish)
            if to_finish:
                lf = min(lf, y)
            else:
                ls = min(ls, y)
        if not net.general[u]:  # plain leaf with a general out-edge
            d = dur[u]
            lf = self._own(u, lf)
            ls = min(self._own(u, ls), LS[u])  # LS[u]: the minimum over constant edges
            if ls + d < lf:
                lf = ls + d
            LS[u], LF[u] = lf - d, lf
            return
        if spec.deadline is not None:
            dl = axis.point(spec.deadline)
            lf = min(lf, dl)
            if k == LEAF and st.EF[u] > dl and not st.complete[i]:
                st.problems.append(Problem(
                    "missed_deadline",
                    f'Task "{spec.label}" finishes after its deadline '
                    f"{fmt_when(spec.deadline)}.",
                    spec.id,
                ))
        if spec.constraint_date is not None and spec.constraint in (CT.SNLT, CT.MSO, CT.FNLT,
                                                                      CT.MFO):
            cd = axis.point(spec.constraint_date)
            if spec.constraint in (CT.SNLT, CT.MSO):
                if k == LEAF:
                    lf = min(lf, self._ffs(i, axis.work(c, cd, 0, False)))
                else:
                    ls = min(ls, cd)
            else:
                lf = min(lf, axis.work(c, cd, 0, True))
        if k == END:
            LF[u], LS[u] = lf, ls
            return
        if k != LEAF:
            LS[u] = LF[u] = lf
            return
        if st.complete[i]:
            LS[u], LF[u] = st.ES[u], st.EF[u]
            return
        if not spec.elapsed:  # an elapsed lag or a deadline may end off work
            lf = axis.work(c, lf, 0, True)
        if st.started[i]:
            LF[u] = lf
            LS[u] = axis.work(c, st.ES[u], axis.span(c, st.EF[u], lf), False)
            return
        if ls < POS:
            lf = min(lf, self._ffs(i, ls))
        ls = self._sff(i, lf)
        if spec.is_deployment and st.windows:
            for ws, wf, _name in reversed(st.windows):
                if (ls < wf and lf > ws) or (ls == lf and ws <= ls < wf):
                    lf = axis.work(c, ws, 0, True)
                    ls = self._sff(i, lf)
        LS[u], LF[u] = ls, lf
