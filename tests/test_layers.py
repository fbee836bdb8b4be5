"""The layers hold: ui -> app -> models, and no Qt below ui/ (import-linter contracts)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["contracts"]


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), "--no-cache"], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_import_linter_contracts_hold() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken" in result.stdout
    for contract in CONTRACTS:
        assert f"{contract['name']} KEPT" in result.stdout


def test_a_reintroduced_import_circle_breaks_the_contract(tmp_path: Path) -> None:
    for part in ("app", "models", "ui", "pyproject.toml"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy
        copy(ROOT / part, tmp_path / part)
    # The circle that pass_state.py untied: the passes' state importing the backward pass.
    state = tmp_path / "app" / "scheduling" / "pass_state.py"
    state.write_text(
        state.read_text(encoding="utf-8") + "\nfrom app.scheduling import backward\n",
        encoding="utf-8",
    )
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert ".pass_state -> .backward" in result.stdout


def test_no_qt_import_in_core_sources() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("app", "models")
        for path in (ROOT / package).rglob("*.py")
        if any(
            line.lstrip().startswith(("import PySide6", "from PySide6"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
