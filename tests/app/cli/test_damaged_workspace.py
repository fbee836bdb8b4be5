"""A damaged or cut-short workspace file: one line, exit 3 (7 for `db check`), a hint.

A demo workspace is cut at several lengths and has bytes flipped in pages the commands
read; `db info`, `db check` and `db upgrade` must each name the damage and the backup to
restore, never end in a traceback or an "unexpected error".
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from app import cli

PAGE = 4096  # the demo workspace's page size (SQLite's default)
TRUNCATE_AT = [50, PAGE, 25 * PAGE, 300 * PAGE]
# Page 2 holds alembic_version (read by every command); 5 the audit trail's root;
# 600 a leaf deep inside the demo's rows.
FLIP_PAGES = [2, 5, 600]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("damaged") / "demo.db"
    assert cli.main(["demo", "--db", str(path)]) == 0
    return path


def _damaged_copy(demo: Path, tmp_path: Path, damage: Callable[[BinaryIO], object]) -> Path:
    path = tmp_path / "work.db"
    shutil.copyfile(demo, path)
    with path.open("r+b") as fh:
        damage(fh)
    return path


def _flip(fh: BinaryIO, page: int) -> None:
    fh.seek((page - 1) * PAGE + 8)  # past the page header: its cell pointers
    block = fh.read(64)
    fh.seek((page - 1) * PAGE + 8)
    fh.write(bytes(b ^ 0xFF for b in block))


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    _, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) <= 1, err
    assert "Traceback" not in err and "unexpected error" not in err, err
    return code, err


@pytest.mark.parametrize("size", TRUNCATE_AT)
def test_cut_short_file_is_named_damaged(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], size: int
) -> None:
    path = _damaged_copy(demo, tmp_path, lambda fh: fh.truncate(size))
    for command, expected in (("info", 3), ("check", 7), ("upgrade", 3)):
        code, err = _run(["db", command, "--db", str(path)], capsys)
        assert code == expected, (command, err)
        assert "is damaged" in err and "restore" in err, err


@pytest.mark.parametrize("page", FLIP_PAGES)
def test_flipped_bytes_are_found_by_check_and_never_a_traceback(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], page: int
) -> None:
    path = _damaged_copy(demo, tmp_path, lambda fh: _flip(fh, page))
    code, err = _run(["db", "check", "--db", str(path)], capsys)
    assert code == 7 and "is damaged" in err and "restore" in err, err
    for command in ("info", "upgrade"):
        # Either the pages it reads are intact (it works) or it names the damage.
        code, err = _run(["db", command, "--db", str(path)], capsys)
        assert code == 0 or (code == 3 and "is damaged" in err), (command, err)


def test_hint_names_the_backup_taken_before_an_upgrade(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _damaged_copy(demo, tmp_path, lambda fh: fh.truncate(PAGE))
    backup = tmp_path / "work.db.before-upgrade-0003_example"
    shutil.copyfile(demo, backup)
    code, err = _run(["db", "info", "--db", str(path)], capsys)
    assert code == 3 and str(backup) in err, err
