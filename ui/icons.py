"""Line icons from ``resources/icons``, tinted to the current palette's text colour.

The SVG files draw with ``currentColor``; we substitute the palette colour before
rendering so one set of files serves the light and the dark scheme.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


def _text_colour() -> str:
    app = QGuiApplication.instance()
    if app is None:
        return "#3c4350"
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


@cache
def _svg(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")


@cache
def _icon(name: str, colour: str) -> QIcon:
    data = QByteArray(_svg(name).replace("currentColor", colour).encode())
    renderer = QSvgRenderer(data)
    icon = QIcon()
    for side in (16, 20, 24, 32, 48):
        pix = QPixmap(QSize(side, side))
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        renderer.render(painter, QRectF(0, 0, side, side))
        painter.end()
        icon.addPixmap(pix)
    return icon


def icon(name: str, colour: str | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (empty icon when the file is missing)."""
    if not (ICON_DIR / f"{name}.svg").exists():
        return QIcon()
    return _icon(name, colour or _text_colour())


def clear_cache() -> None:
    """Forget rendered icons (after the colour scheme changed)."""
    _icon.cache_clear()
