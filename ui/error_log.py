"""The error log: a rotating file in the user's log folder, with secrets masked.

Unexpected errors (and everything logged at WARNING or above) go to
``platformdirs.user_log_dir("ReleaseDesk")/releasedesk.log`` so a coordinator can send
it to support. Database URLs carry passwords, so every line is masked before writing.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

from app.masking import mask_passwords

LOG_NAME = "releasedesk.log"
MAX_BYTES = 1_000_000  # a few hundred tracebacks; support needs the recent ones
BACKUPS = 3



class MaskingFormatter(logging.Formatter):
    """Formats as usual (traceback included), then masks the whole record."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_passwords(super().format(record))


def log_folder() -> Path:
    """The platform's log folder for ReleaseDesk (created on first use)."""
    return Path(platformdirs.user_log_dir("ReleaseDesk", appauthor=False))


def attach_file_log(folder: Path | None = None) -> RotatingFileHandler:
    """Send WARNING and above of every logger to the rotating log file in ``folder``.

    Returns the handler, so start-up can detach it again (:func:`detach_file_log`).
    """
    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setLevel(logging.WARNING)
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return handler


def detach_file_log(handler: logging.Handler) -> None:
    """Stop writing to the log file ``handler`` writes (and close it)."""
    logging.getLogger().removeHandler(handler)
    handler.close()
