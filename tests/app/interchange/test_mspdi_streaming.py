"""The MSPDI reader streams tasks: lines in messages, safety refusals, tasks dropped as read."""

from __future__ import annotations

import pytest

from app.interchange import ImportFormatError, read_mspdi
from app.interchange._xml_stream import stream_xml
from tests.interop_files import mspdi_file

from .mspdi_samples import link_xml, project_xml, task_xml


def _lines_of(data: bytes, needle: str) -> int:
    """The 1-based line of the first occurrence of ``needle``."""
    text = data.decode()
    return text[: text.index(needle)].count("\n") + 1


def _plan(*tasks: str) -> bytes:
    return project_xml("\n    ".join(tasks))  # one task per line


def _error(data: bytes) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as info:
        read_mspdi(data, name="plan.xml")
    return info.value


def test_an_error_inside_a_task_names_that_tasks_line() -> None:
    data = _plan(task_xml(1), task_xml(2), task_xml(3, "<ConstraintType>99</ConstraintType>"))
    error = _error(data)
    assert "task 3 has an unknown ConstraintType" in str(error)
    assert error.line == _lines_of(data, "<Task><UID>3<")


def test_a_link_to_a_missing_task_names_the_links_line() -> None:
    data = _plan(task_xml(1), task_xml(2, link_xml(1) + "\n" + link_xml(9)), task_xml(3))
    error = _error(data)
    assert "task 2 is linked to task 9" in str(error)
    assert error.line == _lines_of(data, "<PredecessorUID>9<")


def test_a_missing_calendar_is_found_after_the_last_task_with_its_tasks_line() -> None:
    data = _plan(task_xml(1), task_xml(2, "<CalendarUID>7</CalendarUID>"), task_xml(3))
    error = _error(data)
    assert "task 2 uses calendar 7" in str(error)
    assert error.line == _lines_of(data, "<Task><UID>2<")


def test_entity_declarations_are_refused_before_parsing() -> None:
    laughs = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&b;</Name></Project>"""
    error = _error(laughs)
    assert "refused for safety" in str(error) and error.line == 2


def test_external_entities_are_refused() -> None:
    external = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project><Name>&secret;</Name></Project>"""
    assert "refused for safety" in str(_error(external))


def test_a_cut_off_file_is_damaged_xml() -> None:
    data = _plan(task_xml(1), task_xml(2))
    assert "damaged or cut off" in str(_error(data[: len(data) // 2]))


def test_each_task_is_handed_over_complete_and_then_emptied() -> None:
    data = mspdi_file("sample.xml").read_bytes()
    seen: list[tuple[int, str | None, int]] = []

    def on_task(_doc, element, n) -> None:
        seen.append((n, element.findtext("UID"), len(element)))

    doc = stream_xml(data, "sample.xml", "Project", "MSPDI", "Task", on_task)
    shells = doc.root.findall("Tasks/Task")
    assert [n for n, _, _ in seen] == list(range(len(shells)))
    assert all(uid is not None and children > 3 for _, uid, children in seen)
    assert all(len(shell) == 0 for shell in shells)  # nothing of a task stays in memory
    assert doc.root.find("Calendars/Calendar/UID") is not None  # the rest is kept
