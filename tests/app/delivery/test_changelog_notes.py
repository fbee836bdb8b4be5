"""Build notes from a changelog file: one version or a range, linked by component name,
with the CLI's choice between a git repository and a changelog."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.errors import ValidationError
from app.services import build_notes, package_service
from app.services.changelog_notes import import_from_changelog
from tests.app.delivery.conftest import Delivery
from tests.app.interchange.test_changelog import SAMPLE
from tests.app.services.builders import audit_count


@pytest.fixture
def changelog(tmp_path: Path) -> Path:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


@pytest.fixture
def ledger(delivery: Delivery) -> Delivery:
    package_service.add_item(delivery.ws, delivery.release_id, "ledger-sync", "2.1.0")
    return delivery


def texts(delivery: Delivery) -> dict[str, list[str]]:
    notes = build_notes.release_notes(delivery.ws, delivery.release_id)
    return {k: [n.text for n in v] for k, v in notes.items()}


def test_one_version_becomes_a_build_linked_by_component(
    ledger: Delivery, changelog: Path
) -> None:
    done = import_from_changelog(ledger.ws, ledger.release_id, changelog, "1.4.0")
    assert done.versions == "1.4.0"
    assert texts(ledger) == {
        "checkout-api": ["Added: Saved cards in checkout-api"],
        "ledger-sync": ["Added: A retry for ledger-sync when the bank times out"],
        "": ["Fixed: Rounding of VAT"],
    }
    notes = build_notes.release_notes(ledger.ws, ledger.release_id)
    assert notes["checkout-api"][0].reference == "abc1234"
    assert notes["checkout-api"][0].build == "1.4.0"
    assert notes[""][0].committed_at is not None and notes[""][0].committed_at.day == 2


def test_a_range_takes_every_version_after_the_first(ledger: Delivery, changelog: Path) -> None:
    done = import_from_changelog(ledger.ws, ledger.release_id, changelog, "1.2.0..1.4.0")
    assert done.versions == "1.3.0..1.4.0"
    assert texts(ledger)[""] == ["Faster start", "Fixed: Rounding of VAT"]


def test_undo_takes_the_build_and_its_notes_back(ledger: Delivery, changelog: Path) -> None:
    done = import_from_changelog(ledger.ws, ledger.release_id, changelog, "Unreleased")
    assert texts(ledger) == {"checkout-api": ["Added: Pay by invoice in checkout-api"]}
    gone = build_notes.delete_build(ledger.ws, done.change.id, done.change.version)
    assert texts(ledger) == {}
    build_notes.restore_build(ledger.ws, done.change.id, gone.version)
    assert texts(ledger) == {"checkout-api": ["Added: Pay by invoice in checkout-api"]}


@pytest.mark.parametrize(
    ("version", "content", "message"),
    [
        ("9.9.9", SAMPLE, "has no version '9.9.9'"),
        (None, "## [Unreleased]\n- x\n", "no released version yet"),
        ("1.0.0", "## [1.0.0] - 2026-01-01\nNo bullets.\n", "version 1.0.0 lists no changes"),
        ("1.0.0", "## [1.0.0] - 01/02/2026\n- x\n", "is not a date"),
    ],
)
def test_refusals_record_nothing(
    delivery: Delivery, tmp_path: Path, version: str | None, content: str, message: str
) -> None:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(content, encoding="utf-8")
    before = audit_count(delivery.ws)
    with pytest.raises(ValidationError, match=message):
        import_from_changelog(delivery.ws, delivery.release_id, path, version)
    assert audit_count(delivery.ws) == before


def test_cli_imports_a_changelog_version(ledger: Delivery, changelog: Path, capsys) -> None:
    code = main(
        ["build-notes", "import", "--db", ledger.db, "--changelog", str(changelog),
         "--version", "1.4.0", "--release", "Checkout 1.0"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == (
        "Imported CHANGELOG.md 1.4.0 into Checkout 1.0: 3 notes over 3 components in all.\n"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--changelog", "{log}", "--version", "7.0"], "has no version '7.0'"),
        (["--changelog", "{tmp}/nope.md"], "Cannot read"),
        (["--changelog", "{log}", "--from", "v1"], "--from and --to go with --repo"),
        (["--repo", "{tmp}", "--version", "1.4.0"], "--version goes with --changelog"),
        (["--repo", "{tmp}", "--from", "v1"], "--repo needs --from and --to"),
        (["--repo", "{tmp}", "--changelog", "{log}"], "not allowed with argument"),
        (["--version", "1.4.0"], "one of the arguments --repo --changelog is required"),
    ],
)
def test_cli_refusals_exit_2_and_record_nothing(
    delivery: Delivery, changelog: Path, options: list[str], message: str, capsys
) -> None:
    before = audit_count(delivery.ws)
    filled = [o.format(log=changelog, tmp=changelog.parent) for o in options]
    code = main(
        ["build-notes", "import", "--db", delivery.db, *filled, "--release", "Checkout 1.0"]
    )
    assert code == 2 and message in capsys.readouterr().err
    assert audit_count(delivery.ws) == before
