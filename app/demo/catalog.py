"""The names and recipes the demo workspace is made of (kept apart from the generator)."""

from __future__ import annotations

from models.enums import EnvironmentStage

DOMAINS = (
    # name, code, colour, holiday country, weekdays working other hours than 08-17
    ("Payments", "PAY", "#2F80ED", "DE", "Fri=08:00-12:00,13:00-15:00"),
    ("Customer Portal", "WEB", "#27AE60", "GB", ""),
    ("Data Platform", "DATA", "#9B51E0", "US", ""),
    ("Mobile Apps", "MOB", "#F2994A", "IN", ""),
)

PEOPLE = (
    # name, role, domain index (None = cross-domain)
    ("Alex Morgan", "Release Manager", None),
    ("Priya Raman", "Release Coordinator", None),
    ("Jonas Weber", "Product Owner", 0),
    ("Lena Fischer", "Tech Lead", 0),
    ("Oliver Hughes", "Product Owner", 1),
    ("Grace Patel", "QA Lead", 1),
    ("Marcus Chen", "Platform Lead", 2),
    ("Sofia Alvarez", "Data Steward", 2),
    ("Arjun Mehta", "Mobile Lead", 3),
    ("Chloe Martin", "Service Desk Manager", None),
    ("Tom Becker", "Operations Lead", None),
    ("Nadia Rossi", "Security Officer", None),
)

ENVIRONMENTS = (
    ("Development", EnvironmentStage.DEV, 10),
    ("Integration Test", EnvironmentStage.TEST, 20),
    ("User Acceptance", EnvironmentStage.TEST, 30),
    ("Staging", EnvironmentStage.STAGING, 40),
    ("Production", EnvironmentStage.PROD, 50),
)

RELEASE_NAMES = {
    0: ("SEPA Instant", "Card Tokenisation", "Fraud Rules", "Payouts API"),
    1: ("Self-Service Portal", "Accessibility Refresh", "Checkout Redesign", "Account Hub"),
    2: ("Lakehouse Migration", "Reporting Mart", "Event Streaming", "GDPR Erasure"),
    3: ("Wallet App", "Push Notifications", "Offline Mode", "Biometric Login"),
}

SCOPE_TITLES = (
    "Customer can {verb} from the dashboard",
    "API endpoint to {verb}",
    "Audit trail when users {verb}",
    "Batch job to {verb} overnight",
    "Monitoring alert if we fail to {verb}",
    "Admin screen to {verb}",
)
SCOPE_VERBS = (
    "export statements",
    "reset credentials",
    "approve refunds",
    "schedule payments",
    "view consent history",
    "download invoices",
    "manage devices",
    "reconcile ledgers",
)

# Plan template: phase name, then tasks (name, working days, milestone?, deployment?).
PHASES = (
    (
        "Plan",
        (("Agree scope with stakeholders", 3, False, False), ("Scope sign-off", 0, True, False)),
    ),
    (
        "Build",
        (
            ("Implement backend changes", 8, False, False),
            ("Implement user interface", 6, False, False),
            ("Database migration scripts", 3, False, False),
            ("Code freeze", 0, True, False),
        ),
    ),
    (
        "Test",
        (
            ("Deploy to integration test", 1, False, True),
            ("System integration testing", 5, False, False),
            ("Performance testing", 3, False, False),
            ("User acceptance testing", 5, False, False),
            ("UAT sign-off", 0, True, False),
        ),
    ),
    (
        "Release",
        (
            ("Deploy to staging", 1, False, True),
            ("Operational readiness review", 1, False, False),
            ("Production deployment", 1, False, True),
            ("Post-deployment verification", 1, False, False),
            ("Go-live", 0, True, False),
        ),
    ),
    (
        "Handover",
        (
            ("Knowledge transfer to support", 2, False, False),
            ("Hypercare", 5, False, False),
            ("Release closure", 0, True, False),
        ),
    ),
)

RISKS = (
    ("Third-party API rate limits in production", "Agree higher quota; add client-side backoff"),
    ("Key engineer on leave during UAT", "Pair a second engineer from week 2"),
    ("Data migration exceeds the maintenance window", "Rehearse on a production-size copy"),
    ("Regulatory approval arrives late", "Weekly check-in with compliance"),
    ("Test environment unstable", "Book the environment; freeze its configuration"),
    ("Vendor library end of life", "Upgrade in the next minor release"),
)

ISSUES = (
    ("Integration test environment down", "Rebuilt from the golden image"),
    ("Certificate expired on staging", "Renew and add expiry monitoring"),
    ("UAT defects above threshold", "Triage daily; defer low-priority items"),
    ("Build pipeline timing out", "Split the test stage and cache dependencies"),
)

CHANGE_REQUESTS = (
    ("Add CSV export to the statements screen", 2.0, "Low: isolated UI change"),
    ("Support a second currency", 6.0, "Medium: touches the ledger"),
    ("Move go-live one week earlier", -5.0, "High: compresses UAT"),
)

HANDOVER = (
    ("users", "Release notes for end users"),
    ("users", "How-to article in the help centre"),
    ("operations", "Runbook walkthrough with operations"),
    ("operations", "Monitoring dashboards and alerts handed over"),
    ("support", "Known-issues list for the service desk"),
    ("support", "Support team training session"),
)

COMMUNICATIONS = (
    ("stakeholders", "email", "Release plan and scope for approval", -20),
    ("users", "intranet", "What's new: upcoming release", -3),
    ("operations", "meeting", "Go/no-go meeting", -1),
    ("management", "email", "Release completed: summary and metrics", 2),
)

COMPONENTS = ("api-gateway", "ledger-service", "web-frontend", "auth-service", "reporting-jobs")
# The domain owning each component: a package's items are grouped by it.
COMPONENT_DOMAINS = {
    "api-gateway": "Customer Portal",
    "ledger-service": "Payments",
    "web-frontend": "Customer Portal",
    "auth-service": "Customer Portal",
    "reporting-jobs": "Data Platform",
}
# Workspace-wide compatibility rules (component, requires, PEP 440 range).
COMPATIBILITY_RULES = (
    ("web-frontend", "api-gateway", ">=3.0,<4.0"),
    ("api-gateway", "auth-service", ">=2.4"),
    ("reporting-jobs", "ledger-service", "~=1.8"),
)
# What an approved release's package uses when a rule needs the component.
COMPATIBLE_VERSIONS = {"api-gateway": "3.6.2", "auth-service": "2.5.0", "ledger-service": "1.9.1"}
# Build notes: what the commits of a release's build say and touch (``{key}``: a scope item).
COMMIT_SUBJECTS = (
    "Retry outbound calls with backoff",
    "Validate the request before saving it",
    "Add latency metrics to the handlers",
    "Fix rounding of totals in the summary",
    "Put the new flow behind a feature flag",
    "Read secrets from the vault",
    "Log failed requests without personal data",
    "Upgrade the HTTP client for a security fix",
)
SOURCE_FILES = ("src/handlers.py", "src/models.py", "src/client.py", "tests/test_flow.py")
