"""Start-up loads only what the first window needs (start to first paint is a target)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Loaded on demand: the engine, file formats, the demo generator, charts, holidays,
# migrations, and what only a shared PostgreSQL workspace needs.
LATER = (
    "app.scheduling", "app.interchange", "app.demo", "matplotlib", "numpy", "holidays",
    "alembic", "sqlalchemy.dialects.postgresql", "psycopg", "keyring",
)


def test_starting_the_window_loads_no_optional_module() -> None:
    code = (
        "import sys, main, app.cli, ui.application, ui.main_window; "
        "app.cli.build_parser().parse_args([]); "
        f"print(sorted(m for m in sys.modules if m.startswith({LATER!r})))"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"


# What the command line's help must not load: a database, the models, or Qt.
HEAVY = ("sqlalchemy", "PySide6", "models", "app.workspace", *LATER)


@pytest.mark.parametrize(
    "argv", [["--help"], ["plan", "schedule", "--help"], ["db", "info", "--help"]]
)
def test_help_loads_no_database_and_no_qt(argv: list[str]) -> None:
    code = (
        "import sys, main\n"
        f"sys.argv = ['releasedesk', *{argv!r}]\n"
        "try:\n    main.main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted({{m.split('.')[0] if m.startswith(('sqlalchemy', 'PySide6')) else m "
        f"for m in sys.modules if m.startswith({HEAVY!r})}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "usage: releasedesk" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_window_loads_the_core_before_qt() -> None:
    # PySide6's import hook reads the source of every module imported after it
    # (ui/__init__.py): SQLAlchemy and the models must come first.
    code = "import sys, ui; print('sqlalchemy' in sys.modules, 'PySide6' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False"]
