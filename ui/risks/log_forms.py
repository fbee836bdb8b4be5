"""The add/edit forms of the risk and issue logs, checked at the field before saving.

Probability and impact are typed (1-5): a 7 is refused under the field with a message;
an issue's due date before the day it was raised is refused the same way; an empty
title too. A risk's proximity and an issue's due date are days that may be left empty
("Not set", the Clear button beside them). What the
service still refuses (a release deleted meanwhile) shows above the fields; nothing is
saved half-way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from app import clock
from app.enums import IssueSeverity, IssueStatus, RiskStatus
from app.services.issue_service import IssueRow
from app.services.people_service import PersonRow
from app.services.release_service import ReleaseRow
from app.services.risk_service import RiskRow
from ui.dialogs.form_dialog import Field, FormDialog, Submit
from ui.editor.form_fields import enum_choices

NONE = ("—", None)
RISK_FIELDS = ("title", "release_id", "probability", "impact", "owner_id", "status")


def _in_days(days: int) -> dt.date:
    """The day a new risk's proximity (or a new issue's due date) starts at."""
    return clock.today() + dt.timedelta(days=days)


def _day(value: dt.datetime) -> dt.date:
    return clock.to_local(value).date()


def _level_problem(value: Any, what: str) -> str:
    text = str(value or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= 5:
        return f"{what} must be a whole number from 1 to 5."
    return ""


def check_risk(values: Mapping[str, Any]) -> dict[str, str]:
    """The risk form's problems by field."""
    found = {}
    for name, what in (("probability", "Probability"), ("impact", "Impact")):
        problem = _level_problem(values.get(name), what)
        if problem:
            found[name] = problem
    return found


def risk_form(
    releases: Sequence[ReleaseRow],
    people: Sequence[PersonRow],
    row: RiskRow | None,
    submit: Submit,
    parent: Any = None,
) -> FormDialog:
    """The form that adds a risk (``row`` None) or edits one."""
    get: Callable[[str, Any], Any] = lambda name, default: getattr(row, name, default)  # noqa: E731
    fields = [
        Field("title", "Title", value=get("title", ""), required=True),
        Field(
            "release_id",
            "Release",
            "choice",
            get("release_id", None),
            [NONE, *((r.title, r.id) for r in releases)],
        ),
        Field("probability", "Probability (1-5)", value=str(get("probability", 3))),
        Field("impact", "Impact (1-5)", value=str(get("impact", 3))),
        Field(
            "owner_id",
            "Owner",
            "choice",
            get("owner_id", None),
            [NONE, *((p.name, p.id) for p in people)],
        ),
        Field(
            "status", "Status", "choice", get("status", RiskStatus.OPEN), enum_choices(RiskStatus)
        ),
        Field("proximity", "Proximity", "date", _in_days(14) if row is None else row.proximity),
        Field("mitigation", "Mitigation", "multiline", get("mitigation", "")),
    ]
    title = "Edit risk" if row is not None else "New risk"
    return FormDialog(title, fields, parent, check_risk, lambda v: submit(risk_values(v)))


def risk_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The form's values as the risk services take them."""
    out = dict(values)
    out["probability"] = int(out["probability"])
    out["impact"] = int(out["impact"])
    return out


def changed_values(row: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """Only the fields the user changed."""
    return {k: v for k, v in values.items() if getattr(row, k) != v}


def check_issue(raised: dt.date) -> Callable[[Mapping[str, Any]], dict[str, str]]:
    """The issue form's problems: a due date before the day it was raised."""

    def check(values: Mapping[str, Any]) -> dict[str, str]:
        if values.get("due_date") is not None and values["due_date"] < raised:
            return {"due_date": "The due date cannot lie before the day the issue was raised."}
        return {}

    return check


def issue_form(
    releases: Sequence[ReleaseRow],
    people: Sequence[PersonRow],
    row: IssueRow | None,
    submit: Submit,
    parent: Any = None,
) -> FormDialog:
    """The form that raises an issue (``row`` None) or edits one."""
    get: Callable[[str, Any], Any] = lambda name, default: getattr(row, name, default)  # noqa: E731
    raised = _day(row.created_at) if row is not None else clock.today()
    fields = [
        Field("title", "Title", value=get("title", ""), required=True),
        Field(
            "release_id",
            "Release",
            "choice",
            get("release_id", None),
            [NONE, *((r.title, r.id) for r in releases)],
        ),
        Field(
            "severity",
            "Severity",
            "choice",
            get("severity", IssueSeverity.MEDIUM),
            enum_choices(IssueSeverity),
        ),
        Field(
            "owner_id",
            "Owner",
            "choice",
            get("owner_id", None),
            [NONE, *((p.name, p.id) for p in people)],
        ),
        Field("due_date", "Due", "date", _in_days(7) if row is None else row.due_date),
        Field(
            "status", "Status", "choice", get("status", IssueStatus.OPEN), enum_choices(IssueStatus)
        ),
        Field("corrective_action", "Corrective action", "multiline", get("corrective_action", "")),
        Field("description", "Description", "multiline", get("description", "")),
    ]
    title = "Edit issue" if row is not None else "New issue"
    return FormDialog(title, fields, parent, check_issue(raised), submit)
