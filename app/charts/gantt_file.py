"""Save a Gantt chart as PNG, SVG or PDF, headless (matplotlib's Agg, SVG, PDF backends).

Nothing writes over a file it did not create: a target that exists is replaced only
when it is a chart this command wrote before (each file carries
:data:`CREATOR` in its metadata, where PNG, SVG and PDF keep the producing program);
any other file, a database (the open workspace above all), a folder or a device is
refused before anything is drawn. The file is written whole or not at all
(:func:`app.interchange.file_output.replacing`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from app.errors import PlanFileError
from app.interchange.file_output import check_export_target, replacing

CREATOR = "ReleaseDesk plan chart"
FORMATS = ("png", "svg", "pdf")
_METADATA_KEY = {"png": "Software", "svg": "Creator", "pdf": "Creator"}
_LOOK_BYTES = 256 * 1024  # PNG and SVG name their creator at the start, PDF at the end


def chart_format(path: str | os.PathLike[str]) -> str:
    """The file format its extension names; :class:`PlanFileError` for any other."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        shown = f"'.{suffix}'" if suffix else "no extension"
        raise PlanFileError(
            f"Cannot draw a chart into {Path(path).name}: it has {shown}; "
            "name a .png, .svg or .pdf file."
        )
    return suffix


def check_chart_target(
    path: str | os.PathLike[str], protected: Iterable[str | os.PathLike[str]] = ()
) -> str:
    """Refuse ``path`` before any drawing (see the module docstring); return its format."""
    fmt = chart_format(path)
    check_export_target(path, protected)
    target = Path(path)
    if target.exists() and not written_by_us(target):
        raise PlanFileError(
            f"Cannot write {target}: the file exists and is not a chart ReleaseDesk drew, "
            "so it is left as it is. Choose a new file name."
        )
    return fmt


def written_by_us(path: Path) -> bool:
    """Whether ``path`` is a chart this module wrote (its metadata names :data:`CREATOR`)."""
    try:
        with path.open("rb") as file:
            head = file.read(_LOOK_BYTES)
            size = file.seek(0, os.SEEK_END)
            file.seek(max(size - _LOOK_BYTES, 0))
            tail = file.read()
    except OSError:
        return False
    mark = CREATOR.encode()
    return mark in head or mark in tail


def save_chart(
    figure: Figure,
    path: str | os.PathLike[str],
    protected: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write ``figure`` to ``path`` in the format its extension names."""
    protected = tuple(protected)
    fmt = check_chart_target(path, protected)
    if figure.canvas is None or not isinstance(figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(figure)  # headless: SVG and PDF pick their own backend by format
    with replacing(path, protected) as out:
        figure.savefig(
            out,
            format=fmt,
            facecolor=figure.get_facecolor(),
            metadata={_METADATA_KEY[fmt]: CREATOR},
        )
