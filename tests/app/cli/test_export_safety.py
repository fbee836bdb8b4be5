"""``plan export`` never writes over a database and never leaves half a file (issue 10 §4)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.interchange import file_output

RELEASE = "Payouts API"
OLD_XML = b"<?xml version='1.0'?><Project>the previous export</Project>\n"


@pytest.fixture
def demo_file(demo_db: str) -> Path:
    return Path(demo_db)


def _export(db: Path, target: Path | str) -> int:
    return main(["plan", "export", "--release", RELEASE, str(target), "--db", str(db)])


def test_export_onto_the_open_workspace_is_refused(demo_file: Path, capsys) -> None:
    before = demo_file.read_bytes()
    assert _export(demo_file, demo_file) == 8
    err = capsys.readouterr().err
    assert "it is the workspace that is open" in err and len(err.splitlines()) == 1
    assert demo_file.read_bytes() == before
    assert main(["db", "check", "--db", str(demo_file)]) == 0  # still a sound workspace


def test_export_through_another_name_of_the_workspace_is_refused(demo_file: Path, capsys) -> None:
    link = demo_file.with_name("link.xml")
    link.symlink_to(demo_file)
    before = demo_file.read_bytes()
    assert _export(demo_file, link) == 8
    assert "workspace that is open" in capsys.readouterr().err
    assert demo_file.read_bytes() == before and link.is_symlink()


def test_export_onto_another_sqlite_file_is_refused(
    demo_file: Path, demo_template: Path, tmp_path: Path, capsys
) -> None:
    other = tmp_path / "other.sqlite"
    shutil.copyfile(demo_template, other)
    before = other.read_bytes()
    assert _export(demo_file, other) == 8
    assert "an export never writes over one" in capsys.readouterr().err
    assert other.read_bytes() == before


def test_export_onto_a_folder_is_refused(demo_file: Path, tmp_path: Path, capsys) -> None:
    assert _export(demo_file, tmp_path) == 8
    assert "it is a folder" in capsys.readouterr().err


def test_export_replaces_an_existing_xml_whole(demo_file: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "plan.xml"
    target.write_bytes(OLD_XML)
    os.chmod(target, 0o640)
    assert _export(demo_file, target) == 0
    assert "Wrote" in capsys.readouterr().out
    data = target.read_bytes()
    assert data.startswith(b"<?xml") and data.rstrip().endswith(b"</Project>")
    assert b"previous export" not in data
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)  # its permissions kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", "plan.xml"]  # no leftovers


def test_a_write_failing_half_way_leaves_the_previous_file(
    demo_file: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    target = tmp_path / "plan.xml"
    target.write_bytes(OLD_XML)
    real_fsync = os.fsync

    def disk_full(fd: int) -> None:  # the bytes went out, the disk refuses to keep them
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(file_output.os, "fsync", disk_full)
    assert _export(demo_file, target) == 8
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_bytes() == OLD_XML
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", "plan.xml"]
    monkeypatch.setattr(file_output.os, "fsync", real_fsync)
    assert _export(demo_file, target) == 0  # and works again once the disk does


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_that_became_read_only_leaves_the_previous_file(
    demo_file: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "plan.xml"
    target.write_bytes(OLD_XML)
    folder.chmod(0o555)
    try:
        assert _export(demo_file, target) == 8
        assert "Cannot write" in capsys.readouterr().err
        assert target.read_bytes() == OLD_XML
    finally:
        folder.chmod(0o755)


def test_a_folder_refusing_new_files_leaves_the_previous_file(
    demo_file: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """The same as a read-only folder, for a root user whom chmod does not stop."""
    target = tmp_path / "plan.xml"
    target.write_bytes(OLD_XML)

    def read_only(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(file_output.tempfile, "mkstemp", read_only)
    assert _export(demo_file, target) == 8
    assert f"Cannot write {target}: Permission denied." in capsys.readouterr().err
    assert target.read_bytes() == OLD_XML
