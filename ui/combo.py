"""Combo-box helpers: find an item by Python equality of its data.

``QComboBox.findData`` compares QVariants, which fails for Python objects such as
``uuid.UUID`` (each wraps a different PyObject), so look-ups would silently fall
back to the first item.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox


def index_of(combo: QComboBox, value: Any) -> int:
    """Row whose data equals ``value`` (-1 when none)."""
    for row in range(combo.count()):
        if combo.itemData(row) == value:
            return row
    return -1


def select(combo: QComboBox, value: Any) -> None:
    """Select the item holding ``value`` (the first item when none does)."""
    combo.setCurrentIndex(max(index_of(combo, value), 0))


def give_way(combo: QComboBox, chars: int = 12) -> QComboBox:
    """Let ``combo`` shrink to about ``chars`` characters in a narrow pane (the style
    elides the shown text) and keep the whole choice in its tooltip."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    combo.currentTextChanged.connect(combo.setToolTip)
    return combo
