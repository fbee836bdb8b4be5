"""Colours of the Gantt chart, as data: one light and one dark theme.

Critical work is red in both (the colour Microsoft Project and GanttProject use for
it, and one no other element of the chart uses); ordinary bars are blue; summaries
near-black (near-white in the dark theme) brackets, so the three read apart even in
greyscale print by their shape and lightness.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GanttTheme:
    """Every colour the chart draws with (matplotlib colour strings)."""

    name: str
    background: str
    text: str
    muted_text: str
    grid: str
    bar: str
    bar_edge: str
    progress: str
    critical: str
    critical_edge: str
    critical_progress: str
    summary: str
    milestone: str
    float_bar: str
    baseline: str
    link: str
    critical_link: str
    status_line: str
    deadline: str
    non_working: str
    freeze: str
    blackout: str
    highlight: str
    label_inside: str


LIGHT = GanttTheme(
    name="light",
    background="#ffffff",
    text="#1f2430",
    muted_text="#667085",
    grid="#d9dce1",
    bar="#4f86c6",
    bar_edge="#2f5f96",
    progress="#1d3f66",
    critical="#d62728",
    critical_edge="#9b1c1c",
    critical_progress="#6e1111",
    summary="#1f2328",
    milestone="#1f2328",
    float_bar="#a9bdd3",
    baseline="#a0a7b0",
    link="#5a6570",
    critical_link="#d62728",
    status_line="#2da44e",
    deadline="#8250df",
    non_working="#eef1f4",
    freeze="#fde2c4",
    blackout="#f6c9c9",
    highlight="#f2b705",
    label_inside="#ffffff",
)

DARK = GanttTheme(
    name="dark",
    background="#2a2e36",
    text="#e6e8ec",
    muted_text="#9aa3b2",
    grid="#3a3f4a",
    bar="#5b9bd5",
    bar_edge="#9cc3ea",
    progress="#c9e0f5",
    critical="#ff5a5a",
    critical_edge="#ffb3b3",
    critical_progress="#ffd6d6",
    summary="#e6edf3",
    milestone="#e6edf3",
    float_bar="#4c6a8a",
    baseline="#7d8590",
    link="#9aa4ae",
    critical_link="#ff5a5a",
    status_line="#3fb950",
    deadline="#bc8cff",
    non_working="#32373f",
    freeze="#4a3720",
    blackout="#4d2527",
    highlight="#f2cc60",
    label_inside="#10151a",
)

THEMES = {LIGHT.name: LIGHT, DARK.name: DARK}
"""The themes by name, as ``ui.theme.THEMES`` names the window's."""
