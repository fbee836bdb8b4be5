"""ReleaseDesk's persistence: ORM entities, engine factory, audit trail, migrations.

Importing this package registers every table on ``Base.metadata``.
"""

from __future__ import annotations

from models.audit import AuditHead, AuditLog
from models.base import Base, Entity
from models.booking import EnvironmentBooking
from models.handover import (
    Communication,
    HandoverItem,
    Runbook,
    RunbookRun,
    RunbookStep,
    RunbookStepResult,
)
from models.logs import Issue, IssueLink, Risk, RiskScore, RiskTask
from models.org import Domain, Environment, Person
from models.package import (
    Build,
    BuildNote,
    CompatibilityRule,
    ConfigurationItem,
    Deployment,
    DeploymentEvent,
    ReleasePackage,
)
from models.plan import Calendar, CalendarException, Task, TaskLink
from models.release import (
    ChangeDecision,
    ChangeItem,
    ChangeRequest,
    PromotionStep,
    Release,
    ReleaseDependency,
    ReleaseStakeholder,
    ScopeItem,
    SignOff,
)
from models.workspace_info import WorkspaceInfo

__all__ = [
    "AuditHead",
    "AuditLog",
    "Base",
    "Build",
    "BuildNote",
    "Calendar",
    "CalendarException",
    "ChangeDecision",
    "ChangeItem",
    "ChangeRequest",
    "Communication",
    "CompatibilityRule",
    "ConfigurationItem",
    "Deployment",
    "DeploymentEvent",
    "Domain",
    "Entity",
    "Environment",
    "EnvironmentBooking",
    "HandoverItem",
    "Issue",
    "IssueLink",
    "Person",
    "PromotionStep",
    "Release",
    "ReleaseDependency",
    "ReleasePackage",
    "ReleaseStakeholder",
    "Risk",
    "RiskScore",
    "RiskTask",
    "Runbook",
    "RunbookRun",
    "RunbookStep",
    "RunbookStepResult",
    "ScopeItem",
    "SignOff",
    "Task",
    "TaskLink",
    "WorkspaceInfo",
]
