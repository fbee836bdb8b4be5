"""Hypothesis strategies that damage a plan file the ways the world does.

Truncation, flipped bytes, a leaf element (or an attribute) deleted, duplicated or
given an extreme value, a whole task duplicated or deleted. Edits are textual, so they
also produce files that are no longer well-formed XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

# Values that once broke a reader, a database column or the engine.
EXTREMES = (
    "1e999", "-1e999", "nan", "inf", "-inf", "99999999999999999999", "-1", "0", "2147483648",
    "1e15", "4.5", "", "abc", "PT40000000H0M0S", "PT99999999999999999999H", "-PT8H0M0S",
    "P1Y", "0001-01-01T00:00:00", "9999-12-31T23:59:59", "1899-12-31T08:00:00",
    "2200-12-31T23:00:00", "2024-02-29T08:00:00", "0001-01-01", "2201-01-01", "24:00:00",
    "99999999999999999999-01-01", "x" * 300,
)

_LEAF = re.compile(rb"<(\w+)>([^<]*)</\1>")
_ATTR = re.compile(rb'(\w[\w-]*)="([^"]*)"')
_BLOCK = re.compile(rb"<(Task|Calendar|Exception|WorkWeek|PredecessorLink|Baseline)>.*?</\1>"
                    rb"|<(task|depend|date|vacation)\b[^>]*/>", re.DOTALL)

KINDS = ("truncate", "flip", "leaf_value", "attr_value", "leaf_delete", "leaf_duplicate",
         "block_delete", "block_duplicate")


@dataclass(frozen=True)
class Mutation:
    """One edit: its kind, where in the file (wrapped to its size), the value or bit."""

    kind: str
    where: int
    value: bytes = b""
    bit: int = 0

    def apply(self, data: bytes) -> bytes:
        """``data`` with this edit made (unchanged when there is nothing to edit)."""
        if not data:
            return data
        if self.kind == "truncate":
            return data[: self.where % len(data)]
        if self.kind == "flip":
            i = self.where % len(data)
            return data[:i] + bytes([data[i] ^ (1 << self.bit)]) + data[i + 1 :]
        pattern = _BLOCK if self.kind.startswith("block") else _LEAF
        pattern = _ATTR if self.kind == "attr_value" else pattern
        found = list(pattern.finditer(data))
        if not found:
            return data
        match = found[self.where % len(found)]
        start, end = match.span()
        if self.kind.endswith("value"):
            start, end = match.span(2)
            return data[:start] + self.value + data[end:]
        if self.kind.endswith("delete"):
            return data[:start] + data[end:]
        return data[:end] + data[start:end] + data[end:]  # duplicated in place


def mutations(count: int = 3) -> st.SearchStrategy[list[Mutation]]:
    """One to ``count`` edits, applied in turn."""
    one = st.builds(
        Mutation,
        kind=st.sampled_from(KINDS),
        where=st.integers(min_value=0, max_value=1 << 20),
        value=st.sampled_from(EXTREMES).map(str.encode),
        bit=st.integers(min_value=0, max_value=7),
    )
    return st.lists(one, min_size=1, max_size=count)


def mutate(data: bytes, edits: list[Mutation]) -> bytes:
    """``data`` with every edit made in turn."""
    for edit in edits:
        data = edit.apply(data)
    return data
