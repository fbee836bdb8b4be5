"""Light and dark looks: a Fusion palette, a style sheet from ``resources/styles``
and the colours the board delegate paints with. Follows the system scheme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ui import icons

STYLE_DIR = Path(__file__).resolve().parent.parent / "resources" / "styles"


@dataclass(frozen=True)
class Colours:
    """Colours shared by painted widgets (cards, badges) for one scheme."""

    dark: bool
    window: str
    surface: str  # card background
    surface_alt: str  # column background
    border: str
    text: str
    muted: str
    accent: str
    danger: str
    success: str
    warning: str
    danger_text: str  # red text on the window or on a danger tint (risk badge, field error)
    warning_text: str  # amber text on a warning tint (the late badge)
    banner: str  # background of an error banner under white text
    on_accent: str  # text on the accent colour (primary buttons)


LIGHT = Colours(
    dark=False,
    window="#f4f5f7",
    surface="#ffffff",
    surface_alt="#ebedf0",
    border="#d9dce1",
    text="#1f2430",
    muted="#667085",
    accent="#3b6fd8",
    danger="#d14343",
    success="#2f9e60",
    warning="#c98a14",
    danger_text="#b42318",
    warning_text="#8a5300",
    banner="#d14343",
    on_accent="#ffffff",
)
DARK = Colours(
    dark=True,
    window="#1e2127",
    surface="#2a2e36",
    surface_alt="#23262d",
    border="#3a3f4a",
    text="#e6e8ec",
    muted="#9aa3b2",
    accent="#6f9bf2",
    danger="#f06b6b",
    success="#55c48a",
    warning="#e6b34a",
    danger_text="#ffb4b4",
    warning_text="#ffd68a",
    banner="#b83232",
    on_accent="#10131a",
)

_current: Colours = LIGHT
_chosen: bool | None = None  # the last explicit choice: dark, light, or None (the system)
THEMES = {"system": None, "light": False, "dark": True}  # View → Theme, by settings value


def colours() -> Colours:
    """The colours of the scheme in use."""
    return _current


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def _palette(c: Colours) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    pal.setColor(role.Window, QColor(c.window))
    pal.setColor(role.WindowText, QColor(c.text))
    pal.setColor(role.Base, QColor(c.surface))
    pal.setColor(role.AlternateBase, QColor(c.surface_alt))
    pal.setColor(role.Text, QColor(c.text))
    pal.setColor(role.Button, QColor(c.surface))
    pal.setColor(role.ButtonText, QColor(c.text))
    pal.setColor(role.Highlight, QColor(c.accent))
    # Selected rows read like primary buttons: dark text on the light dark-scheme accent.
    pal.setColor(role.HighlightedText, QColor(c.on_accent))
    pal.setColor(role.ToolTipBase, QColor(c.surface))
    pal.setColor(role.ToolTipText, QColor(c.text))
    pal.setColor(role.PlaceholderText, QColor(c.muted))
    pal.setColor(role.Link, QColor(c.accent))
    pal.setColor(role.Mid, QColor(c.border))
    pal.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(c.muted))
    pal.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(c.muted))
    pal.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(c.muted))
    return pal


def badge(c: Colours, warning: bool = False) -> tuple[QColor, QColor]:
    """Background and text of a card's badge, high risk (danger) or late (``warning``),
    readable in both schemes."""
    tint = QColor(c.warning if warning else c.danger)
    tint.setAlpha(70 if c.dark else 40)
    return tint, QColor(c.warning_text if warning else c.danger_text)


def conflict_badge(c: Colours) -> tuple[QColor, QColor]:
    """Background and text of a card's conflicts badge: solid red, because a clash on
    the calendar needs someone to move a date, not just to watch."""
    if c.dark:
        return QColor(c.danger), QColor(c.window)
    return QColor(c.danger_text), QColor(c.surface)


def style_sheet(c: Colours) -> str:
    """The .qss for a scheme, with ``@name`` placeholders filled from the colours and
    ``@styles``/``@scheme`` naming the scheme's arrow images beside it."""
    text = (STYLE_DIR / "app.qss").read_text(encoding="utf-8")
    text = text.replace("@styles", STYLE_DIR.as_posix()).replace(
        "@scheme", "dark" if c.dark else "light"
    )
    for name, value in sorted(vars(c).items(), key=lambda kv: -len(kv[0])):
        if isinstance(value, str):
            text = text.replace(f"@{name}", value)
    return text


def chosen() -> bool | None:
    """The look last applied on purpose: dark, light, or None for the system's."""
    return _chosen


def apply_theme(app: QApplication, dark: bool | None = None) -> Colours:
    """Apply the light or dark look (``None``: follow the system); icons of open
    windows are tinted again for it."""
    global _current, _chosen
    _chosen = dark
    _current = DARK if (system_is_dark() if dark is None else dark) else LIGHT
    tinted = icons.clear_cache()  # before the palette changes: keyed by the old text colour
    app.setStyle("Fusion")
    app.setPalette(_palette(_current))
    app.setStyleSheet(style_sheet(_current))
    for window in app.topLevelWidgets():
        icons.retint(window, tinted)
        window.update()
    return _current
