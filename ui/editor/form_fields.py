"""Form fields of the editor tabs' add/edit dialogs, filled from a row or defaults."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any, TypeVar

from ui.dialogs.form_dialog import Field
from ui.editor.row_table_model import capitalized

E = TypeVar("E", bound=Enum)


def field(
    row: Any,
    name: str,
    label: str,
    kind: str = "text",
    default: Any = "",
    choices: Sequence[tuple[str, Any]] = (),
) -> Field:
    """A field showing ``row.<name>``; without a row (an add form) it shows ``default``."""
    return Field(name, label, kind, getattr(row, name, default), tuple(choices))


def enum_choices(members: Iterable[E]) -> list[tuple[str, E]]:
    """(label, member) pairs for a choice field over an enum, labelled as the tables show them."""
    return [(capitalized(m), m) for m in members]
