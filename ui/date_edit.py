"""Date fields that Tab leaves.

Qt's date edits spend Tab on moving between their day, month and year sections, and
while they show their special value ("Any", "Not set") Tab never leaves them at all.
Here Tab and Shift+Tab go to the next and previous field, as everywhere else; Left and
Right still move between the sections.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget


class _TabLeaves:
    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)  # type: ignore[arg-type]


class DateEdit(_TabLeaves, QDateEdit):
    """A :class:`QDateEdit` that Tab leaves."""


class DateTimeEdit(_TabLeaves, QDateTimeEdit):
    """A :class:`QDateTimeEdit` that Tab leaves."""
