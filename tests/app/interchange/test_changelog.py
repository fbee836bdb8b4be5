"""Reading Keep-a-Changelog files: versions, sections, wrapped bullets, commits, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.interchange.changelog import parse_changelog, pick_versions, read_changelog

SAMPLE = """\
# Changelog
All notable changes to this project are documented here.

## [Unreleased]
### Added
- Pay by invoice in checkout-api

## [1.4.0] - 2026-03-02
### Added
- Saved cards in checkout-api (abc1234)
- A retry for ledger-sync when the bank
  times out ([9f8e7d6](https://git.example/c/9f8e7d6))
### Fixed
* Rounding of VAT

## 1.3.0 - 2026-02-01 [YANKED]
- Faster start

## [1.2.0] - 2026-01-05
### Changed
- Nothing much

[Unreleased]: https://git.example/compare/v1.4.0...HEAD
[1.4.0]: https://git.example/compare/v1.3.0...v1.4.0
"""


def test_versions_sections_entries_and_commits() -> None:
    versions = parse_changelog(SAMPLE)
    assert [(v.name, v.released) for v in versions] == [
        ("Unreleased", None),
        ("1.4.0", dt.date(2026, 3, 2)),
        ("1.3.0", dt.date(2026, 2, 1)),
        ("1.2.0", dt.date(2026, 1, 5)),
    ]
    assert versions[0].unreleased and not versions[1].unreleased
    assert [(e.section, e.text, e.commit, e.line) for e in versions[1].entries] == [
        ("Added", "Saved cards in checkout-api", "abc1234", 10),
        ("Added", "A retry for ledger-sync when the bank times out", "9f8e7d6", 11),
        ("Fixed", "Rounding of VAT", "", 14),
    ]
    assert versions[2].entries[0].section == ""  # a bullet under no ### heading


def test_picking_a_version_a_range_or_the_newest_released() -> None:
    versions = parse_changelog(SAMPLE)
    assert [v.name for v in pick_versions(versions, None, "C")] == ["1.4.0"]
    assert [v.name for v in pick_versions(versions, "v1.3.0", "C")] == ["1.3.0"]
    assert [v.name for v in pick_versions(versions, "unreleased", "C")] == ["Unreleased"]
    assert [v.name for v in pick_versions(versions, "1.2.0..1.4.0", "C")] == ["1.3.0", "1.4.0"]


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ("2.0.0", "has no version '2.0.0' \\(it lists Unreleased, 1.4.0, 1.3.0, 1.2.0\\)"),
        ("1.4.0..1.2.0", "1.2.0 is not newer than 1.4.0"),
        ("1.0..1.4.0", "has no version '1.0'"),
    ],
)
def test_unknown_versions_and_backward_ranges_are_refused(wanted: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        pick_versions(parse_changelog(SAMPLE), wanted, "C")


def test_only_an_unreleased_section_has_no_newest_release() -> None:
    versions = parse_changelog("## [Unreleased]\n- Work in progress\n")
    with pytest.raises(ValidationError, match="no released version yet"):
        pick_versions(versions, None, "C")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# Changelog\nJust prose.\n", "has no version headings"),
        ("", "has no version headings"),
        ("- stray\n## [1.0.0] - 2026-01-01\n", "line 1: a change is listed before any version"),
        ("## [1.0.0] - 2026-13-01\n- x\n", "line 1: '2026-13-01' is not a date"),
        ("## [1.0.0] - 2026-01-01\n- x\n## [1.0.0]\n", "line 3: version 1.0.0 is listed twice"),
        ("## Release one of many\n- x\n", "line 1: '## Release one of many' is not a version"),
    ],
)
def test_malformed_files_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_changelog(text, "CHANGELOG.md")


def test_unreadable_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="Cannot read"):
        read_changelog(tmp_path / "missing.md")
    binary = tmp_path / "CHANGELOG.md"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ValidationError, match="is not a UTF-8 text file"):
        read_changelog(binary)
