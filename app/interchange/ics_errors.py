"""The error of a calendar (``.ics``) file that cannot be read, imported or written."""

from __future__ import annotations

from app.errors import PlanFileError


class CalendarFileError(PlanFileError):
    """An ``.ics`` file that cannot be imported or written, explained for a coordinator.

    One line naming the file and, when known, the line and VEVENT: "Cannot import
    freezes.ics: line 14, VEVENT 'Year-end freeze': DTEND is before DTSTART". Exit code
    8, as for any other unreadable or unwritable file.
    """

    def __init__(self, file_name: str, problem: str, *, verb: str = "import") -> None:
        file_name, problem = " ".join(file_name.split()), " ".join(problem.split())
        self.file_name = file_name
        self.problem = problem
        super().__init__(f"Cannot {verb} {file_name}: {problem}")
