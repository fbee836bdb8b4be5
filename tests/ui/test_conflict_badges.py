"""A release's open conflicts on its board card (badge, tooltip) and in the editor's
header, found off the GUI thread and found again after an undoable change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.services import release_service
from tests.app.conflicts.calendar_world import CalendarWorld, build
from tests.ui.test_board_view import board
from tests.ui.test_theme_look import _contrast, scheme  # noqa: F401  # a fixture
from ui import theme
from ui.board.card_text import MAX_TOOLTIP_CONFLICTS, conflict_lines, conflicts_badge
from ui.undo import release_commands

# The world's conflicts are in December 2026: look at them from late November.
BEFORE_DECEMBER = dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)


@pytest.fixture
def world(ctx) -> Iterator[CalendarWorld]:
    with time_machine.travel(BEFORE_DECEMBER, tick=True):
        yield build(ctx.workspace)


def _badges(view, release_id) -> list[str]:
    card = view.model.card(release_id)
    return view.grid.column_list(card.release.status).itemDelegate().badges(card)


def test_cards_count_their_conflicts_and_the_tooltip_says_them(qtbot, ctx, world) -> None:
    view = board(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(view.model.card(world.checkout).conflicts), timeout=20_000)
    assert _badges(view, world.checkout)[0] == "4 conflicts"
    assert _badges(view, world.ledger_release)[0] == "4 conflicts"  # its go-live is frozen too
    assert not view.model.card(world.quiet).conflicts
    assert not any("conflict" in b for b in _badges(view, world.quiet))
    index = view.model.index_of(world.checkout)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "4 conflicts:" in tip
    assert "Checkout 2.0 to Production (" in tip and "falls in the freeze" in tip
    assert "Ana Ruiz is assigned to two deployments at once" in tip
    view.close_workspace()


def test_an_undoable_change_finds_them_again(qtbot, ctx, world) -> None:
    view = board(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(view.model.card(world.checkout).conflicts), timeout=20_000)
    row = release_service.get_release(ctx.workspace, world.ledger_release)
    # Ledger goes live on 12 Dec instead of 31 Dec: out of the freeze, and before
    # Checkout, which depends on it, goes to production on 16 Dec.
    command = release_commands.update_release(
        ctx.workspace, row, planned_end=dt.datetime(2026, 12, 12, 17)
    )
    assert ctx.runner.run(command)
    qtbot.waitUntil(lambda: len(view.model.card(world.checkout).conflicts) == 3, timeout=20_000)
    assert _badges(view, world.ledger_release)[0] == "2 conflicts"  # Staging, Ana
    ctx.runner.stack.undo()
    qtbot.waitUntil(lambda: len(view.model.card(world.checkout).conflicts) == 4, timeout=20_000)
    assert _badges(view, world.ledger_release)[0] == "4 conflicts"
    view.close_workspace()


def test_the_editor_header_says_a_releases_conflicts(qtbot, ctx, world, editor) -> None:
    assert editor.load(world.checkout)
    qtbot.waitUntil(lambda: not editor.conflicts.busy, timeout=20_000)
    assert editor.conflicts.isVisibleTo(editor)
    text = editor.conflicts.text()
    assert "4 conflicts" in text and "falls in the freeze" in text
    assert "… and 1 more" in text  # three sentences in the header, all in the tooltip
    tip = editor.conflicts.toolTip()
    assert tip.count("• ") == 4 and "Suggested: Move Checkout 2.0 to Production to " in tip
    assert editor.load(world.quiet)
    assert not editor.conflicts.isVisibleTo(editor)  # the previous release's are gone at once
    qtbot.waitUntil(lambda: not editor.conflicts.busy, timeout=20_000)
    assert not editor.conflicts.isVisibleTo(editor)


def test_the_tooltip_lists_a_few_and_counts_the_rest() -> None:
    card = type("Card", (), {"conflicts": tuple(f"Clash <{n}>" for n in range(8))})()
    lines = conflict_lines(card)
    assert lines[0].endswith("8 conflicts:</span>")
    assert lines[1] == "• Clash &lt;0&gt;"  # escaped: a release name may hold a '<'
    assert len(lines) == 1 + MAX_TOOLTIP_CONFLICTS + 1 and lines[-1] == "… and 3 more"
    assert conflicts_badge(1) == "1 conflict"


def test_the_conflicts_badge_reads_in_both_schemes(scheme) -> None:  # noqa: F811
    background, text = theme.conflict_badge(scheme)
    assert _contrast(text, background) >= 4.5
    assert background.alpha() == 255  # solid: it stands out from the tinted badges
    assert _contrast(background, QColor(scheme.surface)) >= 3  # and from the card
