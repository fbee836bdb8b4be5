"""Microsoft Project's predecessor notation: reading, writing, each message, round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.services.predecessor_text import (
    PredecessorEntry,
    format_predecessors,
    ordinal,
    parse_predecessors,
)
from models.enums import LagUnit, LinkType

W, E, P = LagUnit.WORKING, LagUnit.ELAPSED, LagUnit.PERCENT


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        ("", ()),
        ("3", (PredecessorEntry(3),)),
        ("3FS+2d", (PredecessorEntry(3, LinkType.FS, 960, W),)),
        ("5SS-50%", (PredecessorEntry(5, LinkType.SS, -50, P),)),
        ("7FF+4eh", (PredecessorEntry(7, LinkType.FF, 240, E),)),
        ("4SF-1w", (PredecessorEntry(4, LinkType.SF, -2400, W),)),
        ("2SS+1mo, 2FF+1emo", (
            PredecessorEntry(2, LinkType.SS, 9600, W),
            PredecessorEntry(2, LinkType.FF, 43200, E),
        )),
        ("1FS+30m; 1FS+1.5em", (
            PredecessorEntry(1, LinkType.FS, 30, W),
            PredecessorEntry(1, LinkType.FS, 1.5, E),
        )),
        ("1+2ed, 6ss", (
            PredecessorEntry(1, LinkType.FS, 2880, E),
            PredecessorEntry(6, LinkType.SS),
        )),
        (" 3 fs + 2 days , 4 FF - 3 hrs, 5SS+2,", (
            PredecessorEntry(3, LinkType.FS, 960, W),
            PredecessorEntry(4, LinkType.FF, -180, W),
            PredecessorEntry(5, LinkType.SS, 960, W),  # no unit: days, as in Project
        )),
    ],
)  # fmt: skip
def test_reading(text: str, entries: tuple[PredecessorEntry, ...]) -> None:
    assert parse_predecessors(text) == entries


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3,5XX-2d", "Could not read '5XX-2d' (the 2nd entry): link type must be FS, SS, FF or SF"),
        ("2, 1ew", "Could not read '1ew' (the 2nd entry): link type must be FS, SS, FF or SF"),
        ("3FSS", "Could not read '3FSS' (the 1st entry): link type must be FS, SS, FF or SF"),
        ("FS+2d", "Could not read 'FS+2d' (the 1st entry): it must start with the row number of "
                  "the predecessor, e.g. 3FS+2d"),
        ("0SS", "Could not read '0SS' (the 1st entry): row numbers start at 1"),
        ("1,2,3FS2d", "Could not read '3FS2d' (the 3rd entry): the lag needs a sign, + or -, "
                      "e.g. 3FS+2d"),
        ("3FS+d", "Could not read '3FS+d' (the 1st entry): the lag needs an amount after its "
                  "sign, e.g. +2d"),
        ("3FS+2y", "Could not read '3FS+2y' (the 1st entry): the lag unit 'y' is unknown; use "
                   "m, h, d, w, mo (working time), em, eh, ed, ew, emo (elapsed time) or %"),
        ("3FS+2d+1h", "Could not read '3FS+2d+1h' (the 1st entry): expected a row number, a "
                      "link type and a lag, e.g. 3FS+2d"),
    ],
)  # fmt: skip
def test_each_refusal_quotes_the_entry(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_predecessors(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("entries", "text"),
    [
        ((PredecessorEntry(3),), "3"),
        ((PredecessorEntry(3, LinkType.SS),), "3SS"),
        ((PredecessorEntry(3, LinkType.FS, 960, W),), "3FS+2d"),
        ((PredecessorEntry(3, LinkType.FS, 1200, W),), "3FS+20h"),
        ((PredecessorEntry(3, LinkType.FS, 45.5, W),), "3FS+45.5m"),
        ((PredecessorEntry(3, LinkType.FF, -1440, E),), "3FF-1ed"),
        ((PredecessorEntry(3, LinkType.SF, 90, E),), "3SF+90em"),
        ((PredecessorEntry(5, LinkType.SS, 12.25, P), PredecessorEntry(1)), "5SS+12.25%, 1"),
    ],
)
def test_writing_the_shortest_form(entries: tuple[PredecessorEntry, ...], text: str) -> None:
    assert format_predecessors(entries) == text


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
    ]  # fmt: skip


_UNITS = ["m", "h", "d", "w", "mo", "em", "eh", "ed", "ew", "emo", "%", "", " days", " ehrs"]
_entry_text = st.builds(
    lambda row, kind, sign, amount, unit, gap: (
        f"{row}{gap}{kind}" + (f"{gap}{sign}{gap}{amount}{unit}" if sign else "")
    ),
    st.integers(1, 9999),
    st.sampled_from(["", "FS", "SS", "FF", "SF", "fs", "Ss"]),
    st.sampled_from(["", "+", "-"]),
    st.one_of(
        st.integers(0, 5000).map(str),
        st.decimals(0, 500, places=3, allow_nan=False).map(str),
    ),
    st.sampled_from(_UNITS),
    st.sampled_from(["", " "]),
)
texts = st.lists(_entry_text, max_size=6).flatmap(
    lambda parts: st.sampled_from([", ", ",", "; "]).map(lambda sep: sep.join(parts))
)


@given(texts)
def test_format_of_parse_is_a_fixed_point(text: str) -> None:
    """What the table writes back reads as the same links, and writes the same again."""
    entries = parse_predecessors(text)
    shown = format_predecessors(entries)
    assert parse_predecessors(shown) == entries
    assert format_predecessors(parse_predecessors(shown)) == shown


entries = st.builds(
    PredecessorEntry,
    st.integers(1, 99999),
    st.sampled_from(list(LinkType)),
    st.one_of(
        st.integers(-100000, 100000).map(lambda tenths: tenths / 10),
        st.integers(-1000, 1000).map(lambda days: days * 480.0),
    ),
    st.sampled_from([W, E]),
) | st.builds(
    PredecessorEntry,
    st.integers(1, 99999),
    st.sampled_from(list(LinkType)),
    st.integers(-1000000, 1000000).map(lambda hundredths: hundredths / 100),
    st.just(P),
)


def _lagless_working(e: PredecessorEntry) -> PredecessorEntry:
    return e if e.lag else PredecessorEntry(e.row, e.link_type)


@given(st.lists(entries.map(_lagless_working), max_size=5))
def test_parse_of_format_gives_the_links_back(links: list[PredecessorEntry]) -> None:
    """Every stored link (lags in tenths of a minute, percentages in hundredths) survives
    being shown as text and read back."""
    assert parse_predecessors(format_predecessors(links)) == tuple(links)
