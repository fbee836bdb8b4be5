"""The fixed vocabularies of the product, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class ReleaseType(StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"
    EMERGENCY = "emergency"


class ReleaseStatus(StrEnum):
    """Release lifecycle, in board order."""

    DRAFT = "draft"
    PLANNED = "planned"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    DEPLOYED = "deployed"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class EnvironmentStage(StrEnum):
    """Stage of an environment; the promotion path runs in this order."""

    DEV = "dev"
    TEST = "test"
    STAGING = "staging"
    PROD = "prod"


class ScopeStatus(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    DONE = "done"
    REMOVED = "removed"


class Decision(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class PackageStatus(StrEnum):
    DRAFT = "draft"
    BASELINED = "baselined"
    APPROVED = "approved"
    RETIRED = "retired"


class DeploymentStatus(StrEnum):
    """Deployment lifecycle: scheduled → deploying → deployed → verified, or failed → backed out."""

    SCHEDULED = "scheduled"
    DEPLOYING = "deploying"
    DEPLOYED = "deployed"
    VERIFIED = "verified"
    FAILED = "failed"
    BACKED_OUT = "backed_out"


class BuildStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class LinkType(StrEnum):
    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


class LagUnit(StrEnum):
    WORKING = "working"
    ELAPSED = "elapsed"
    PERCENT = "percent"


class ConstraintType(StrEnum):
    ASAP = "ASAP"
    ALAP = "ALAP"
    SNET = "SNET"
    SNLT = "SNLT"
    FNET = "FNET"
    FNLT = "FNLT"
    MSO = "MSO"
    MFO = "MFO"


class CalendarExceptionKind(StrEnum):
    HOLIDAY = "holiday"  # non-working day(s)
    WORKING = "working"  # days with special working hours
    FREEZE = "freeze"  # change freeze: no deployments
    BLACKOUT = "blackout"  # environment or business blackout


class RiskStatus(StrEnum):
    OPEN = "open"
    MITIGATING = "mitigating"
    CLOSED = "closed"
    OCCURRED = "occurred"


class IssueSeverity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class IssueStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


class ChangeRequestStatus(StrEnum):
    SUBMITTED = "submitted"
    ASSESSED = "assessed"
    APPROVED = "approved"
    REJECTED = "rejected"
    IMPLEMENTED = "implemented"


class ChangeItemKind(StrEnum):
    ADD_SCOPE = "add_scope"
    REMOVE_SCOPE = "remove_scope"
    ADD_TASK = "add_task"
    CHANGE_DURATION = "change_duration"


class Audience(StrEnum):
    USERS = "users"
    OPERATIONS = "operations"
    SUPPORT = "support"


class CommunicationAudience(StrEnum):
    STAKEHOLDERS = "stakeholders"
    USERS = "users"
    OPERATIONS = "operations"
    SUPPORT = "support"
    MANAGEMENT = "management"


class Channel(StrEnum):
    EMAIL = "email"
    MEETING = "meeting"
    CHAT = "chat"
    INTRANET = "intranet"
    STATUS_PAGE = "status_page"
