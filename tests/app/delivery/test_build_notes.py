"""Build notes from a temporary git repository: commits, links by path, clear refusals."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from app.cli import main
from app.errors import ValidationError
from app.services import build_notes, package_service
from tests.app.delivery.conftest import Delivery
from tests.app.services.builders import audit_count

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Dana Dev",
    "GIT_AUTHOR_EMAIL": "dana@example.com",
    "GIT_COMMITTER_NAME": "Dana Dev",
    "GIT_COMMITTER_EMAIL": "dana@example.com",
    "HOME": "/nonexistent",
    "GIT_CONFIG_NOSYSTEM": "1",
    "PATH": "/usr/bin:/bin:/usr/local/bin",
}


def git(repo: Path, *args: str, when: str = "2026-02-01T08:00:00+01:00") -> str:
    env = {**GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def commit(repo: Path, path: str, subject: str, hour: int = 8) -> None:
    file = repo / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(subject)
    git(repo, "add", path)
    git(repo, "commit", "-q", "-m", subject, when=f"2026-02-01T{hour:02d}:00:00+01:00")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, "README", "Initial import")
    git(root, "tag", "v0.9")
    commit(root, "checkout-api/src/pay.py", "Pay with saved cards", 9)
    commit(root, "docs/notes.md", "Document the ledger-sync retry for checkout", 10)
    commit(root, "ledger-sync/job.py", "Retry ledger sync on timeout", 11)
    commit(root, "build/ci.yml", "Faster CI", 12)
    git(root, "tag", "v1.0")
    return root


@pytest.fixture
def ledger(delivery: Delivery) -> Delivery:
    package_service.add_item(delivery.ws, delivery.release_id, "ledger-sync", "2.1.0")
    return delivery


def test_commits_between_two_refs_are_linked_by_path_then_subject(
    ledger: Delivery, repo: Path
) -> None:
    build_notes.import_from_git(ledger.ws, ledger.release_id, repo, "v0.9", "v1.0")
    notes = build_notes.release_notes(ledger.ws, ledger.release_id)
    assert {k: [n.text for n in v] for k, v in notes.items()} == {
        "checkout-api": ["Pay with saved cards"],
        "ledger-sync": [
            "Document the ledger-sync retry for checkout",
            "Retry ledger sync on timeout",
        ],
        "": ["Faster CI"],
    }
    pay = notes["checkout-api"][0]
    assert pay.author == "Dana Dev" and pay.paths == "checkout-api/src/pay.py"
    assert len(pay.reference) == 40 and pay.committed_at is not None
    assert pay.committed_at.hour == 8  # 09:00+01:00 stored as UTC
    first = build_notes.first_commit_at(ledger.ws, ledger.release_id)
    assert first == pay.committed_at


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        ("v0.9", "v7", "Unknown git ref 'v7'"),
        ("nope", "v1.0", "Unknown git ref 'nope'"),
        ("--all", "v1.0", "'--all' is not a git ref"),
    ],
)
def test_unknown_refs_record_nothing(
    delivery: Delivery, repo: Path, since: str, until: str, message: str
) -> None:
    before = audit_count(delivery.ws)
    with pytest.raises(ValidationError, match=message):
        build_notes.import_from_git(delivery.ws, delivery.release_id, repo, since, until)
    assert audit_count(delivery.ws) == before


def test_a_folder_that_is_not_a_repository(delivery: Delivery, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="is not a git repository"):
        build_notes.import_from_git(delivery.ws, delivery.release_id, tmp_path, "a", "b")


def test_cli_import_then_show_as_json(ledger: Delivery, repo: Path, capsys) -> None:
    code = main(
        ["build-notes", "import", "--db", ledger.db, "--repo", str(repo), "--from", "v0.9",
         "--to", "v1.0", "--release", "Checkout 1.0"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == "Imported v0.9..v1.0 into Checkout 1.0: 4 notes over 3 components in all.\n"
    code = main(["build-notes", "show", "--db", ledger.db, "--release", "Checkout 1.0", "--json"])
    shown = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [c["component"] for c in shown["components"]] == ["checkout-api", "ledger-sync", None]
    assert shown["components"][0]["commits"][0]["paths"] == ["checkout-api/src/pay.py"]


def test_cli_bad_repository_exits_2(delivery: Delivery, tmp_path: Path, capsys) -> None:
    code = main(
        ["build-notes", "import", "--db", delivery.db, "--repo", str(tmp_path), "--from",
         "a", "--to", "b", "--release", "Checkout 1.0"]
    )  # fmt: skip
    assert code == 2 and "is not a git repository" in capsys.readouterr().err
