"""Plan exchange with other tools: Microsoft Project XML (MSPDI) and GanttProject (.gan).

Pure Python (no database, no Qt): readers turn a file into a
:class:`~app.scheduling.plan.PlanSpec` plus whatever else the file knows; the writer
turns a plan back into a file those tools open.
"""

from __future__ import annotations

from app.interchange.errors import ImportFormatError
from app.interchange.gan_reader import GanDocument, GanVacation, read_gan
from app.interchange.mspdi_document import (
    MspdiBaseline,
    MspdiDocument,
    MspdiTaskInfo,
    ProjectTaskResult,
)
from app.interchange.mspdi_reader import read_mspdi
from app.interchange.mspdi_writer import mspdi_uids, write_mspdi

__all__ = [
    "GanDocument",
    "GanVacation",
    "ImportFormatError",
    "MspdiBaseline",
    "MspdiDocument",
    "MspdiTaskInfo",
    "ProjectTaskResult",
    "mspdi_uids",
    "read_gan",
    "read_mspdi",
    "write_mspdi",
]
