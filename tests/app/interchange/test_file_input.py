"""Plan files are read only when they are regular files, and only up to a cap."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from app.interchange import ImportFormatError, read_mspdi
from app.interchange.file_input import read_plan_bytes


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    path.write_bytes(b"<Project/>")
    assert read_plan_bytes(path) == b"<Project/>"


def test_a_file_over_the_cap_is_refused_after_reading_only_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(b"x" * 3000)
    with pytest.raises(ImportFormatError, match=r"big.xml: the file is larger than 2 KiB"):
        read_plan_bytes(path, limit=2048)
    assert read_plan_bytes(path, limit=3000) == b"x" * 3000


def test_a_device_is_refused_without_reading_it() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(ImportFormatError, match="not a regular file"):
        read_mspdi("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.xml"
    os.mkfifo(pipe)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_plan_bytes(pipe)
        except ImportFormatError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=5)
    if reader.is_alive():  # unblock the reader before failing, so the run can end
        with open(pipe, "wb"):
            pass
        pytest.fail("opening the pipe waited for a writer")
    assert outcome and "not a regular file" in str(outcome[0])


def test_a_folder_and_a_missing_file_say_so(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="is a folder"):
        read_plan_bytes(tmp_path)
    with pytest.raises(ImportFormatError, match="no such file"):
        read_plan_bytes(tmp_path / "gone.xml")
    with pytest.raises(ImportFormatError, match="File name too long"):
        read_plan_bytes(tmp_path / ("a" * 300 + ".xml"))
