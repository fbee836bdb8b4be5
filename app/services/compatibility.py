"""Compatibility rules: component A requires component B at a version in a range.

A rule's range is a PEP 440 specifier set (``>=3.0,<4.0``, ``~=2.4``, ``==1.8.*``),
checked with the ``packaging`` library; semver habits are accepted too (``^3.1`` is
``>=3.1,<4``, ``~1.2.3`` is ``~=1.2.3``, a bare ``3.1`` is ``==3.1``, and versions like
``1.2.3-rc.1`` read as PEP 440's ``1.2.3rc1``).

Pre-releases: a pre-release *inside* the range satisfies it (``3.5.0rc1`` meets
``>=3.0,<4.0``: it is what would be deployed), but PEP 440 keeps ``<4.0`` from
admitting ``4.0rc1``. Rules are workspace-wide and apply to every package containing
component A; a missing component B is a violation.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version
from sqlalchemy.orm import Session

from app.changes import Change
from app.errors import ValidationError
from app.services import _rows, cascade
from app.services.package_manifest import ManifestItem, manifest_in, package_id_in
from app.workspace import Workspace
from models import CompatibilityRule

EDITABLE = ("component", "requires_component", "specifier", "note")
_CARET = re.compile(r"^\^\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$")
_TILDE = re.compile(r"^~\s*(\d+(?:\.\d+){0,2})$")


@dataclass(frozen=True)
class RuleRow:
    """One compatibility rule as the package tab lists it."""

    id: uuid.UUID
    component: str
    requires_component: str
    specifier: str
    note: str
    version: int

    @property
    def text(self) -> str:
        """The rule in words: ``web-frontend requires api-gateway >=3.0,<4.0``."""
        return rule_text(self.component, self.requires_component, self.specifier)


@dataclass(frozen=True)
class RuleCheck(RuleRow):
    """A rule and how a release's package breaks it (``problem`` empty: it holds)."""

    problem: str = ""
    release_id: uuid.UUID | None = None
    applies: bool = True  # False: the package has no ``component``


@dataclass(frozen=True)
class Violation:
    """A rule a package breaks, and how."""

    rule_id: uuid.UUID
    rule: str
    problem: str

    @property
    def sentence(self) -> str:
        """``rule 'A requires B >=1' fails: B is 0.9``."""
        return f"rule '{self.rule}' fails: {self.problem}"


def rule_text(component: str, requires: str, specifier: str) -> str:
    """A rule in words."""
    return f"{component} requires {requires} {specifier}".rstrip()


def specifier_set(text: str) -> SpecifierSet:
    """``text`` (PEP 440, or semver-style ``^``/``~``/bare version) as a specifier set."""
    parts = [p.strip() for p in str(text or "").split(",") if p.strip()]
    return SpecifierSet(",".join(_pep440(part) for part in parts))


def _pep440(part: str) -> str:
    if caret := _CARET.match(part):
        major, minor, patch = (int(g) if g else 0 for g in caret.groups())
        low = f"{major}.{minor}.{patch}"
        if major:
            return f">={low},<{major + 1}"
        return f">={low},<0.{minor + 1}" if minor else f">={low},<0.0.{patch + 1}"
    if tilde := _TILDE.match(part):
        version = tilde.group(1)
        return f"~={version}" if "." in version else f">={version},<{int(version) + 1}"
    if part[0].isdigit():
        return f"=={part}"
    return part


def check_specifier(text: str) -> str:
    """``text`` stripped when it is a valid range, else a ValidationError saying why."""
    text = _rows.limited_text(text, "version range", 120)
    try:
        specifier_set(text)
    except InvalidSpecifier:
        raise ValidationError(
            f"'{text}' is not a version range (write e.g. '>=3.0,<4.0', '~=2.4' or '^3.1')."
        ) from None
    return text


def parse_version(text: str) -> Version | None:
    """A version label as a PEP 440 version (``v1.2.3-rc.1`` too); None when it is not one."""
    try:
        return Version(text.strip().removeprefix("v"))
    except InvalidVersion:
        return None


def violations(
    rules: list[RuleRow], items: tuple[ManifestItem, ...] | list[ManifestItem]
) -> list[Violation]:
    """Every rule the package of ``items`` breaks (rules of absent components do not apply)."""
    present = {item.component for item in items}
    found: list[Violation] = []
    for rule in rules:
        if rule.component not in present:
            continue
        needed = [i for i in items if i.component == rule.requires_component]
        if not needed:
            found.append(Violation(rule.id, rule.text, f"{rule.requires_component} is missing"))
            continue
        spec = specifier_set(rule.specifier)
        for item in needed:
            version = parse_version(item.version)
            if version is None:
                problem = f"{item.component} {item.version} is not a version number"
            elif not spec.contains(version, prereleases=True):
                problem = f"{item.component} is {item.version}"
            else:
                continue
            found.append(Violation(rule.id, rule.text, problem))
    return found


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    for key, what in (("component", "component"), ("requires_component", "required component")):
        if key in values:
            values[key] = _rows.required_text(values[key], what, 160)
    if "specifier" in values:
        values["specifier"] = check_specifier(values["specifier"])
    if "note" in values:
        values["note"] = str(values["note"] or "").strip()
    return values


def rules_in(s: Session) -> list[RuleRow]:
    """The live rules, by component, inside an open session."""
    query = (
        _rows.row_select(RuleRow, CompatibilityRule)
        .where(CompatibilityRule.deleted_at.is_(None))
        .order_by(CompatibilityRule.component, CompatibilityRule.requires_component)
    )
    return [RuleRow(*row) for row in s.execute(query).all()]


def list_rules(ws: Workspace) -> list[RuleRow]:
    """The live compatibility rules of the workspace."""
    with ws.reading() as s:
        return rules_in(s)


def add_rule(
    ws: Workspace, component: str, requires_component: str, specifier: str, note: str = ""
) -> Change:
    """Add a rule: ``component`` requires ``requires_component`` within ``specifier``."""
    values = _normalise(
        {
            "component": component,
            "requires_component": requires_component,
            "specifier": specifier,
            "note": note,
        }
    )
    if values["component"] == values["requires_component"]:
        raise ValidationError(f"{values['component']} cannot require itself.")
    with ws.transaction() as s:
        return _rows.create(s, CompatibilityRule(**values))


update_rule = _rows.updater(CompatibilityRule, EDITABLE, lambda _s, _o, vals: _normalise(vals))
delete_rule, restore_rule = cascade.delete_and_restore(CompatibilityRule)


def rule_checks(ws: Workspace, release_id: uuid.UUID) -> list[RuleCheck]:
    """Every live rule with how the release's package breaks it (empty ``problem``: holds)."""
    with ws.reading() as s:
        rules = rules_in(s)
        items = manifest_in(s, package_id_in(s, release_id)).items
    present = {item.component for item in items}
    problems: dict[uuid.UUID, list[str]] = {}
    for violation in violations(rules, items):
        problems.setdefault(violation.rule_id, []).append(violation.problem)
    return [
        RuleCheck(
            r.id,
            r.component,
            r.requires_component,
            r.specifier,
            r.note,
            r.version,
            "; ".join(problems.get(r.id, [])),
            release_id,
            r.component in present,
        )
        for r in rules
    ]


def add_rule_for(ws: Workspace, _release_id: uuid.UUID, **values: Any) -> Change:
    """:func:`add_rule` as the editor's row service calls it (rules are workspace-wide)."""
    return add_rule(ws, **values)
