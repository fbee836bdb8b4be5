"""Plan exchange with other tools: Microsoft Project XML (MSPDI) and GanttProject (.gan).

Pure Python (no database, no Qt): readers turn a file into a
:class:`~app.scheduling.plan.PlanSpec` plus whatever else the file knows; the writer
turns a plan back into a file those tools open.
"""

from __future__ import annotations

from app.interchange.errors import ImportFormatError
from app.interchange.mspdi_document import (
    MspdiBaseline,
    MspdiDocument,
    MspdiTaskInfo,
    ProjectTaskResult,
)
from app.interchange.mspdi_reader import read_mspdi

__all__ = [
    "ImportFormatError",
    "MspdiBaseline",
    "MspdiDocument",
    "MspdiTaskInfo",
    "ProjectTaskResult",
    "read_mspdi",
]
