"""Start-up loads only what the first window needs (start to first paint is a target)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Loaded on demand: the engine, file formats, the demo generator, charts, holidays.
LATER = ("app.scheduling", "app.interchange", "app.demo", "matplotlib", "holidays", "alembic")


def test_parsing_the_command_line_loads_no_optional_module() -> None:
    code = (
        "import sys, main, app.cli; app.cli.build_parser().parse_args([]); "
        f"print(sorted(m for m in sys.modules if m.startswith({LATER!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
