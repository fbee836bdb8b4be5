"""A risk's score over time, and a release's total exposure over time.

The score history holds one entry when a risk is recorded and one per later change of
its probability or impact. A risk without entries (recorded before the history was
kept) reads as having had its present score since it was created.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from app.risk_scores import score
from app.services import _rows
from app.workspace import Workspace
from models import Risk, RiskScore
from models.enums import RiskStatus


@dataclass(frozen=True)
class ScorePoint:
    """A risk's probability and impact from ``at`` on."""

    at: dt.datetime
    probability: int
    impact: int

    @property
    def score(self) -> int:
        return score(self.probability, self.impact)


def score_history(ws: Workspace, risk_id: uuid.UUID) -> list[ScorePoint]:
    """The scores a live risk has had, oldest first."""
    with ws.reading() as s:
        risk = _rows.load_live(s, Risk, risk_id)
        points = [
            ScorePoint(*r)
            for r in s.execute(
                sa.select(RiskScore.recorded_at, RiskScore.probability, RiskScore.impact)
                .where(RiskScore.risk_id == risk_id, RiskScore.deleted_at.is_(None))
                .order_by(RiskScore.recorded_at)
            )
        ]
        return points or [ScorePoint(risk.created_at, risk.probability, risk.impact)]


@dataclass(frozen=True)
class ExposurePoint:
    """The sum of the scores of a release's open risks from ``at`` on."""

    at: dt.datetime
    total: int


def release_exposure(ws: Workspace, release_id: uuid.UUID) -> list[ExposurePoint]:
    """A release's total exposure after each change of a score, oldest first.

    Counted: its live risks that are open or being mitigated now (a closed risk, or
    one that became an issue, no longer threatens the release).
    """
    active = (RiskStatus.OPEN, RiskStatus.MITIGATING)
    with ws.reading() as s:
        risks = s.execute(
            sa.select(Risk.id, Risk.created_at, Risk.probability, Risk.impact).where(
                Risk.release_id == release_id,
                Risk.deleted_at.is_(None),
                Risk.status.in_(active),
            )
        ).all()
        ids = [r.id for r in risks]
        entries = s.execute(
            sa.select(
                RiskScore.risk_id, RiskScore.recorded_at, RiskScore.probability, RiskScore.impact
            )
            .where(RiskScore.risk_id.in_(ids), RiskScore.deleted_at.is_(None))
            .order_by(RiskScore.recorded_at)
        ).all()
    events = [(e.recorded_at, e.risk_id, score(e.probability, e.impact)) for e in entries]
    kept = {e.risk_id for e in entries}
    events += [
        (r.created_at, r.id, score(r.probability, r.impact)) for r in risks if r.id not in kept
    ]
    events.sort(key=lambda e: e[0])
    current: dict[uuid.UUID, int] = {}
    out: list[ExposurePoint] = []
    for at, risk_id, value in events:
        current[risk_id] = value
        total = sum(current.values())
        if out and out[-1].at == at:
            out[-1] = ExposurePoint(at, total)
        else:
            out.append(ExposurePoint(at, total))
    return out
