"""Reading a Keep-a-Changelog ``CHANGELOG.md``: its versions, sections and entries.

The shape (https://keepachangelog.com)::

    ## [Unreleased]
    ### Added
    - Pay by invoice in checkout-api (abc1234)

    ## [1.4.0] - 2026-03-02
    ### Fixed
    - Rounding of VAT in billing ([9f8e7d6](https://git.example/commit/9f8e7d6))

A version heading is ``## [1.4.0] - 2026-03-02`` (brackets and date optional,
``[YANKED]`` allowed); ``### Added`` names the section of the bullets under it; an
indented line continues the bullet above it. A commit hash in parentheses at a
bullet's end (plain or as a Markdown link) is kept as the entry's commit. Prose and
link definitions are skipped.

Why our own ~100 lines rather than the ``keepachangelog`` package: it lower-cases
version names, keeps every prose line as an entry, splits wrapped bullets into
separate entries and cannot say on which line a file is malformed — a coordinator
importing the notes of a version needs the file read as written, or told where it
is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from app.errors import ValidationError

UNRELEASED = "Unreleased"
_VERSION = re.compile(
    r"^##\s+\[?(?P<name>[^\]\s]+)\]?"
    r"(?:\s*[-–—]\s*(?P<date>[^\s\[]+))?"
    r"(?:\s*\[YANKED\])?\s*$",
    re.IGNORECASE,
)
_SECTION = re.compile(r"^###\s+(?P<name>.+?)\s*$")
_BULLET = re.compile(r"^[-*+]\s+(?P<text>.*)$")
_COMMIT = re.compile(r"\s*\(\[?(?P<hash>[0-9a-f]{7,40})\]?(?:\([^)]*\))?\)\s*$")
_LINK_DEFINITION = re.compile(r"^\[[^\]]+\]:\s*\S+")


@dataclass(frozen=True)
class Entry:
    """One bullet: its section (``Added``…, empty when none), text and commit hash."""

    section: str
    text: str
    commit: str
    line: int


@dataclass(frozen=True)
class Version:
    """One version of the changelog with its entries in file order."""

    name: str
    released: dt.date | None
    entries: tuple[Entry, ...]
    line: int

    @property
    def unreleased(self) -> bool:
        return self.name.casefold() == UNRELEASED.casefold()


def read_changelog(path: Path) -> list[Version]:
    """The versions of the changelog at ``path``, newest (first in the file) first."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{Path(path).name} is not a UTF-8 text file.") from None
    return parse_changelog(text, Path(path).name)


def parse_changelog(text: str, name: str = "CHANGELOG.md") -> list[Version]:
    """The versions of a changelog's ``text``; ``name`` is used in error messages."""
    versions: list[Version] = []
    heading: tuple[str, dt.date | None, int] | None = None
    entries: list[Entry] = []
    section = ""
    seen: set[str] = set()  # version names, case-folded

    def close() -> None:
        if heading is not None:
            versions.append(Version(heading[0], heading[1], _with_commits(entries), heading[2]))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or _LINK_DEFINITION.match(stripped):
            continue
        if line.startswith("## "):
            close()
            heading, entries, section = _heading(line, number, name), [], ""
            if heading[0].casefold() in seen:
                raise ValidationError(
                    f"{name} line {number}: version {heading[0]} is listed twice."
                )
            seen.add(heading[0].casefold())
        elif (found := _SECTION.match(line)) is not None:
            section = found["name"]
        elif (bullet := _BULLET.match(line)) is not None:
            if heading is None:
                raise ValidationError(
                    f"{name} line {number}: a change is listed before any version heading "
                    "(## [1.2.0] - 2026-05-01)."
                )
            entries.append(Entry(section, bullet["text"].strip(), "", number))
        elif raw[:1].isspace() and entries and entries[-1].line < number:
            last = entries[-1]
            entries[-1] = Entry(last.section, f"{last.text} {stripped}", "", last.line)
    close()
    if not versions:
        raise ValidationError(
            f"{name} has no version headings: expected lines like '## [1.2.0] - 2026-05-01'."
        )
    return versions


def _heading(line: str, number: int, name: str) -> tuple[str, dt.date | None, int]:
    found = _VERSION.match(line)
    if found is None:
        raise ValidationError(
            f"{name} line {number}: '{line.strip()}' is not a version heading "
            "(expected '## [1.2.0] - 2026-05-01' or '## [Unreleased]')."
        )
    date = found["date"]
    if date is None:
        return found["name"], None, number
    try:
        return found["name"], dt.date.fromisoformat(date), number
    except ValueError:
        raise ValidationError(
            f"{name} line {number}: '{date}' is not a date (expected YYYY-MM-DD)."
        ) from None


def _with_commits(entries: list[Entry]) -> tuple[Entry, ...]:
    out = []
    for e in entries:
        found = _COMMIT.search(e.text)
        if found is None:
            out.append(e)
        else:
            out.append(Entry(e.section, e.text[: found.start()], found["hash"], e.line))
    return tuple(out)


def pick_versions(versions: list[Version], wanted: str | None, name: str) -> list[Version]:
    """The versions to import, oldest first.

    ``wanted`` None: the newest released version. ``1.4.0``: that version
    (``Unreleased`` too). ``1.2.0..1.4.0``: the versions after 1.2.0 up to and
    including 1.4.0, like a git range. An unknown version: :class:`ValidationError`.
    """
    if wanted is None:
        released = [v for v in versions if not v.unreleased]
        if not released:
            raise ValidationError(f"{name} has no released version yet; name one with --version.")
        return [released[0]]
    since, sep, until = wanted.strip().partition("..")
    if not sep:
        return [versions[_index(versions, since, name)]]
    newest, oldest = _index(versions, until, name), _index(versions, since, name)
    if newest >= oldest:
        raise ValidationError(f"{name}: {until} is not newer than {since}.")
    return list(reversed(versions[newest:oldest]))


def _index(versions: list[Version], wanted: str, name: str) -> int:
    key = wanted.strip().removeprefix("[").removesuffix("]").casefold()
    for n, v in enumerate(versions):
        if v.name.casefold() in (key, f"v{key}") or f"v{v.name.casefold()}" == key:
            return n
    listed = ", ".join(v.name for v in versions[:8])
    raise ValidationError(f"{name} has no version '{wanted}' (it lists {listed}).")
