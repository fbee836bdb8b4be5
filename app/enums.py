"""The choices a release, its scope and its sign-offs can take, for the UI and scripts.

They are stored as they are defined in :mod:`models.enums`; the UI reads them from here
because it talks to ``app`` only (an import-linter contract forbids ``ui -> models``).
"""

from __future__ import annotations

from models.enums import (
    Audience,
    BuildStatus,
    CalendarExceptionKind,
    ChangeItemKind,
    ChangeRequestStatus,
    Channel,
    CommunicationAudience,
    ConstraintType,
    Decision,
    DeploymentStatus,
    EnvironmentStage,
    IssueSeverity,
    IssueStatus,
    LagUnit,
    LinkType,
    PackageStatus,
    ReleaseStatus,
    ReleaseType,
    RiskStatus,
    ScopeStatus,
)

__all__ = [
    "Audience",
    "BuildStatus",
    "CalendarExceptionKind",
    "ChangeItemKind",
    "ChangeRequestStatus",
    "Channel",
    "CommunicationAudience",
    "ConstraintType",
    "Decision",
    "DeploymentStatus",
    "EnvironmentStage",
    "IssueSeverity",
    "IssueStatus",
    "LagUnit",
    "LinkType",
    "PackageStatus",
    "ReleaseStatus",
    "ReleaseType",
    "RiskStatus",
    "ScopeStatus",
]
