"""A plan document as a reader returns it, for tests that import a PlanSpec directly."""

from __future__ import annotations

from dataclasses import dataclass

from app.scheduling.plan import PlanSpec


@dataclass
class PlanDocument:
    """What ``import_plan`` needs of a read file: its name, plan and warnings."""

    name: str
    plan: PlanSpec
    warnings: tuple[str, ...] = ()
