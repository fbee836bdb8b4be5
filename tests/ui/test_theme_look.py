"""Issue 11 §5: the style sheet's fields, buttons and badges, light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QSpinBox

from ui import theme


@pytest.fixture(params=[False, True], ids=["light", "dark"])
def scheme(request, qapp):
    colours = theme.apply_theme(qapp, request.param)
    yield colours
    theme.apply_theme(qapp, False)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _over(base: QColor, tint: QColor) -> QColor:
    a = tint.alphaF()
    return QColor.fromRgbF(
        *(t * a + s * (1 - a) for t, s in zip(tint.getRgbF()[:3], base.getRgbF()[:3], strict=True))
    )


@pytest.mark.parametrize("late", [False, True], ids=["high risk", "late"])
def test_the_card_badges_read_in_both_schemes(scheme, late: bool) -> None:
    background, text = theme.badge(scheme, warning=late)
    shown = _over(QColor(scheme.surface), background)
    assert _contrast(text, shown) >= 4.5  # WCAG AA for its small text


def test_text_on_the_accent_and_the_error_banner_reads(scheme) -> None:
    assert _contrast(QColor(scheme.on_accent), QColor(scheme.accent)) >= 4.5
    assert _contrast(QColor("#ffffff"), QColor(scheme.banner)) >= 4.5


def test_a_disabled_primary_button_is_not_grey_on_blue(qtbot, scheme) -> None:
    button = QPushButton("Save")
    button.setObjectName("primary")
    button.setEnabled(False)
    qtbot.addWidget(button)
    button.resize(120, 32)
    image = button.grab().toImage()
    fill = image.pixelColor(image.width() // 4, image.height() // 2)
    assert fill.name() != QColor(scheme.accent).name()
    assert fill.name() == QColor(scheme.surface_alt).name()


def test_spin_boxes_show_an_up_and_a_down_arrow(qtbot, scheme) -> None:
    spin = QSpinBox()
    spin.setRange(1, 65535)
    spin.setValue(5432)
    qtbot.addWidget(spin)
    spin.resize(160, 30)
    image = spin.grab().toImage()
    field = QColor(scheme.surface)
    middle = image.height() // 2

    def drawn(top: int, bottom: int) -> bool:  # inside the buttons, off the field's border
        return any(
            _contrast(image.pixelColor(x, y), field) > 2
            for x in range(image.width() - 16, image.width() - 4)
            for y in range(top, bottom)
        )

    assert drawn(4, middle - 1), "up arrow"
    assert drawn(middle + 1, image.height() - 4), "down arrow"
