"""Line icons from ``resources/icons``, tinted to the current palette's text colour.

The SVG files draw with ``currentColor``; we substitute the palette colour before
rendering so one set of files serves the light and the dark scheme.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QListWidget

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


def _text_colour() -> str:
    app = QGuiApplication.instance()
    if app is None:
        return "#3c4350"
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


@cache
def _svg(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")


_RENDERED: dict[tuple[str, str], QIcon] = {}


def _icon(name: str, colour: str) -> QIcon:
    if (name, colour) in _RENDERED:
        return _RENDERED[(name, colour)]
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
    _RENDERED[(name, colour)] = icon
    return icon


def icon(name: str, colour: str | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (empty icon when the file is missing)."""
    if not (ICON_DIR / f"{name}.svg").exists():
        return QIcon()
    return _icon(name, colour or _text_colour())


def clear_cache() -> dict[int, str]:
    """Forget rendered icons (after the colour scheme changed); the names of those that
    were tinted with the text colour, by their ``cacheKey``, for :func:`retint`."""
    text = _text_colour()
    tinted = {i.cacheKey(): name for (name, colour), i in _RENDERED.items() if colour == text}
    _RENDERED.clear()
    return tinted


def retint(root: QObject, tinted: dict[int, str]) -> None:
    """Give the actions and buttons under ``root`` whose icon was tinted with the old
    text colour (``tinted``, from :func:`clear_cache`) the same icon in the new one."""
    for target in [*root.findChildren(QAction), *root.findChildren(QAbstractButton)]:
        if (name := tinted.get(target.icon().cacheKey())) is not None:
            target.setIcon(icon(name))
    for view in root.findChildren(QListWidget):
        for row in range(view.count()):
            item = view.item(row)
            if (name := tinted.get(item.icon().cacheKey())) is not None:
                item.setIcon(icon(name))
