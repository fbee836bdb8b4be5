"""Commits between two refs of a git repository, read with the ``git`` command.

Why the ``git`` command (through argument lists, never a shell) rather than pygit2 or
dulwich: it is already on every build machine that has the repository, it reads every
repository layout (packs, worktrees, shallow clones, alternates) exactly as the
pipeline does, and it adds no compiled dependency to the desktop installer.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from app.errors import ValidationError

RECORD, FIELD = "\x1e", "\x1f"
TIMEOUT = 120  # seconds: a git log of a release's range takes well under one


@dataclass(frozen=True)
class Commit:
    """One commit: hash, author, when (naive UTC), subject and the paths it changed."""

    hash: str
    author: str
    committed_at: dt.datetime
    subject: str
    paths: tuple[str, ...]


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git")
    if git is None:
        raise ValidationError("The git command is not installed; build notes need it.")
    return subprocess.run(
        [git, "-C", str(repo), *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=TIMEOUT,
        check=False,
    )


def _resolve(repo: Path, ref: str) -> str:
    if not ref.strip() or ref.startswith("-"):
        raise ValidationError(f"'{ref}' is not a git ref.")
    done = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if done.returncode != 0:
        raise ValidationError(f"Unknown git ref '{ref}' in {repo}.")
    return done.stdout.strip()


def commits_between(repo: Path, since: str, until: str) -> list[Commit]:
    """The commits reachable from ``until`` but not from ``since``, oldest first."""
    if not repo.is_dir():
        raise ValidationError(f"{repo} is not a folder.")
    if _git(repo, "rev-parse", "--git-dir").returncode != 0:
        raise ValidationError(f"{repo} is not a git repository.")
    start, end = _resolve(repo, since), _resolve(repo, until)
    done = _git(
        repo,
        "log",
        "--reverse",
        "--no-color",
        "--no-renames",
        "--name-only",
        f"--format={RECORD}%H{FIELD}%an{FIELD}%aI{FIELD}%s",
        f"{start}..{end}",
    )
    if done.returncode != 0:
        raise ValidationError(f"git log failed in {repo}: {done.stderr.strip()}")
    return [_commit(chunk) for chunk in done.stdout.split(RECORD) if chunk.strip()]


def _commit(chunk: str) -> Commit:
    head, _, rest = chunk.partition("\n")
    sha, author, when, subject = head.split(FIELD, 3)
    moment = dt.datetime.fromisoformat(when).astimezone(dt.UTC).replace(tzinfo=None)
    paths = tuple(line.strip() for line in rest.splitlines() if line.strip())
    return Commit(sha, author, moment, subject, paths)
