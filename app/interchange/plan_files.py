"""Read a plan file from disk: Microsoft Project XML or GanttProject, whichever it is.

Shared by the CLI (``releasedesk plan import``) and the window's File → Import…, so
both choose the reader the same way and report the same readable errors.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import PlanFileError
from app.interchange.errors import ImportFormatError
from app.interchange.file_input import read_plan_bytes
from app.interchange.gan_reader import GanDocument, read_gan
from app.interchange.mspdi_document import MspdiDocument
from app.interchange.mspdi_reader import read_mspdi


def read_plan_file(path: Path) -> MspdiDocument | GanDocument:
    """Read an MSPDI or .gan file, chosen by extension, else by its root element.

    Every problem (missing file, folder, device or pipe, a file over the size cap,
    unreadable or malformed plan, a number or date out of bounds) becomes a
    :class:`PlanFileError` whose message names the file.
    """
    try:
        data = read_plan_bytes(path)
        suffix = path.suffix.lower()
        is_gan = suffix == ".gan" or (suffix != ".xml" and _root_is_gan(data))
        return read_gan(data, name=path.name) if is_gan else read_mspdi(data, name=path.name)
    except ImportFormatError as exc:
        raise PlanFileError(str(exc)) from None


def _root_is_gan(data: bytes) -> bool:
    # GanttProject's root is <project ...>, Microsoft Project's <Project xmlns=...>.
    head = data[:4096].decode("utf-8", "replace")
    start = head.find("<", head.find("?>") + 1 if "?>" in head else 0)
    while start >= 0 and head[start : start + 4] == "<!--":
        start = head.find("<", head.find("-->", start) + 3)
    return head[start : start + 8] == "<project"
