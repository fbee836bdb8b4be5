"""find_line: the line of an element from its path, without building a tree."""

from __future__ import annotations

from app.interchange._xml_lines import find_line

DOC = b"""<?xml version="1.0"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Tasks>
    <Task><UID>1</UID></Task>
    <Task><UID>2</UID>
      <PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink>
      <PredecessorLink>
        <PredecessorUID>9</PredecessorUID></PredecessorLink>
    </Task>
  </Tasks>
  <Extra><Task><UID>3</UID></Task></Extra>
</Project>"""


def test_the_root_and_child_steps_by_tag_and_position() -> None:
    assert find_line(DOC, ()) == 2
    assert find_line(DOC, (("Tasks", 0), ("Task", 1))) == 5
    assert find_line(DOC, (("Tasks", 0), ("Task", 1), ("PredecessorLink", 1))) == 7
    assert find_line(DOC, (("Tasks", 0), ("Task", 1), ("PredecessorLink", 1),
                           ("PredecessorUID", 0))) == 8


def test_a_descendant_step_counts_in_document_order() -> None:
    assert find_line(DOC, (("//Task", 0),)) == 4
    assert find_line(DOC, (("//Task", 2),)) == 11
    assert find_line(DOC, (("//Task", 1), ("PredecessorLink", 0))) == 6


def test_a_path_that_is_not_there_has_no_line() -> None:
    assert find_line(DOC, (("Tasks", 0), ("Task", 0), ("PredecessorLink", 0))) is None
    assert find_line(DOC, (("//Task", 7),)) is None
    assert find_line(DOC, (("Tasks", 1),)) is None
    assert find_line(b"<broken", (("Tasks", 0),)) is None
