"""The layers hold: ui -> app -> models, and no Qt below ui/ (import-linter contracts)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken" in result.stdout


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
