"""Compatibility rules: ranges, pre-releases, semver habits and missing components."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from app.errors import TransitionRefused, ValidationError
from app.services import compatibility as cr
from app.services import package_service as ps
from app.services import release_service as rs
from app.services import scope_service as sc
from app.services.package_manifest import ManifestItem
from models.enums import ReleaseStatus
from tests.app.services.builders import World


def _rule(component: str, requires: str, specifier: str) -> cr.RuleRow:
    return cr.RuleRow(uuid.uuid4(), component, requires, specifier, "", 1)


def _items(**versions: str) -> list[ManifestItem]:
    return [ManifestItem("", c.replace("_", "-"), v, "", "", None) for c, v in versions.items()]


@pytest.mark.parametrize(
    ("specifier", "version", "ok"),
    [
        (">=3.0,<4.0", "3.2.1", True),
        (">=3.0,<4.0", "4.0.0", False),
        (">=3.0,<4.0", "2.9.9", False),
        (">=3.0,<4.0", "3.5.0rc1", True),  # a pre-release inside the range is what ships
        (">=3.0,<4.0", "4.0.0rc1", False),  # PEP 440: <4.0 does not admit 4.0's pre-releases
        (">=3.0,<4.0", "3.1.0-rc.2", True),  # semver pre-release spelling
        ("^3.1", "3.9.0", True),
        ("^3.1", "4.0.0", False),
        ("^0.2.3", "0.3.0", False),
        ("~1.2.3", "1.2.9", True),
        ("~1.2.3", "1.3.0", False),
        ("2.4", "2.4.0", True),
        ("==1.8.*", "1.9", False),
        (">=1.0", "v1.2", True),
    ],
)
def test_ranges_and_prereleases(specifier: str, version: str, ok: bool) -> None:
    found = cr.violations([_rule("web", "api", specifier)], _items(web="1", api=version))
    assert (not found) is ok


def test_missing_required_component_and_bad_version_are_violations() -> None:
    rules = [_rule("web", "api", ">=1"), _rule("web", "auth", ">=2")]
    found = cr.violations(rules, _items(web="1", auth="latest"))
    assert [v.sentence for v in found] == [
        "rule 'web requires api >=1' fails: api is missing",
        "rule 'web requires auth >=2' fails: auth latest is not a version number",
    ]


def test_rule_of_an_absent_component_does_not_apply() -> None:
    assert cr.violations([_rule("web", "api", ">=1")], _items(api="0.1")) == []


def test_bad_range_and_self_requirement_are_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="'>>3' is not a version range"):
        cr.add_rule(world.ws, "web", "api", ">>3")
    with pytest.raises(ValidationError, match="cannot require itself"):
        cr.add_rule(world.ws, "web", "web", ">=1")
    assert cr.list_rules(world.ws) == []


def test_every_change_reports_violations_and_approval_names_the_rule(world: World) -> None:
    ws, rel = world.ws, world.release_id
    cr.add_rule(ws, "web-frontend", "api-gateway", ">=3.0,<4.0")
    change = ps.add_item(ws, rel, "web-frontend", "2.1.0")
    assert change.warnings == (
        "rule 'web-frontend requires api-gateway >=3.0,<4.0' fails: api-gateway is missing",
    )
    api = ps.add_item(ws, rel, "api-gateway", "4.1.0")
    assert api.warnings == (
        "rule 'web-frontend requires api-gateway >=3.0,<4.0' fails: api-gateway is 4.1.0",
    )
    sc.add_scope_item(ws, rel, "Pay by link")
    rs.update_release(
        ws, rel, None, planned_start=dt.datetime(2026, 1, 1), planned_end=dt.datetime(2026, 2, 1)
    )
    rs.transition_release(ws, rel, ReleaseStatus.PLANNED)
    with pytest.raises(TransitionRefused, match=r"web-frontend requires api-gateway .*4\.1\.0"):
        rs.transition_release(ws, rel, ReleaseStatus.APPROVED)
    fixed = ps.update_item(ws, api.id, api.version, version_label="3.4.0rc1")
    assert fixed.warnings == ()
    rs.transition_release(ws, rel, ReleaseStatus.APPROVED)
    assert rs.get_release(ws, rel).status == ReleaseStatus.APPROVED


def test_rule_checks_say_which_rules_apply_and_how_they_fail(world: World) -> None:
    ws, rel = world.ws, world.release_id
    cr.add_rule(ws, "web-frontend", "api-gateway", "^3.1")
    cr.add_rule(ws, "mobile", "api-gateway", ">=1")
    ps.add_item(ws, rel, "web-frontend", "3.0.0")
    ps.add_item(ws, rel, "api-gateway", "3.0.9")
    checks = {c.component: (c.applies, c.problem) for c in cr.rule_checks(ws, rel)}
    assert checks == {"mobile": (False, ""), "web-frontend": (True, "api-gateway is 3.0.9")}
