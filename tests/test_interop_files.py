"""Interop samples: a newcomer without them skips, CI without them fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import interop_files


@pytest.fixture
def no_samples(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    missing = tmp_path / "shared" / "interop"
    monkeypatch.setattr(interop_files, "INTEROP_DIR", missing)
    monkeypatch.delenv("RELEASEDESK_INTEROP", raising=False)
    return missing


def test_a_newcomer_without_the_samples_skips_with_one_line(
    no_samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    reasons = set()
    for name in ("sample.xml", "other.xml"):
        with pytest.raises(pytest.skip.Exception) as skipped:
            interop_files.mspdi_file(name)
        reasons.add(str(skipped.value))
    [reason] = reasons  # the same words for every test: pytest -ra shows one line
    assert "\n" not in reason and str(no_samples) in reason and "is missing" in reason


@pytest.mark.parametrize("value", ["true", "True", "1"])
def test_in_ci_a_missing_sample_fails(
    no_samples: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI must provide it"):
        interop_files.gan_file("sample.gan")


def test_in_ci_one_missing_file_in_the_samples_is_named(
    no_samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (no_samples / "mspdi").mkdir(parents=True)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"mspdi/gone\.xml is missing"):
        interop_files.mspdi_file("gone.xml")


def test_the_samples_are_found_where_they_are(
    no_samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (no_samples / "gan").mkdir(parents=True)
    (no_samples / "gan" / "plan.gan").write_text("<project/>", encoding="utf-8")
    monkeypatch.setenv("CI", "true")
    assert interop_files.gan_file("plan.gan") == no_samples / "gan" / "plan.gan"


def test_a_ci_runner_that_declares_no_samples_skips_them(
    no_samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("RELEASEDESK_INTEROP", "")
    with pytest.raises(pytest.skip.Exception, match="is missing"):
        interop_files.mspdi_file("sample.xml")
