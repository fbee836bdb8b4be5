"""The editor panel beside the board: every tab, button and short column stays readable."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QHeaderView

from tests.ui.conftest import make_release
from ui.board.filter_bar import FilterBar

WINDOW_WIDTH = 1536  # the default window on a 1600 px screen
NAVIGATION = 176


def test_editor_fits_its_minimum_width_with_all_tabs_and_buttons(editor, ctx, qtbot) -> None:
    editor.load(make_release(ctx.workspace, "Payments Core").id)
    editor.resize(editor.minimumWidth(), 700)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.minimumSizeHint().width() <= editor.width()
    bar = editor.tabs.tabBar()
    assert bar.tabRect(bar.count() - 1).right() <= bar.width()  # no scroll arrows needed
    for tab in editor.table_tabs():
        editor.tabs.setCurrentWidget(tab)
        shown = [b for b in tab.findChildren(QAbstractButton) if b.text() and b.isVisible()]
        assert len(shown) >= 2, tab  # add and at least one row button
        for button in shown:
            assert button.width() >= button.sizeHint().width(), button.text()


def test_long_text_columns_give_way_to_short_ones(editor, ctx) -> None:
    from app.services import handover_service
    from models.enums import Audience
    from ui.editor.table_tab import MAX_COLUMN

    ws = ctx.workspace
    rel = make_release(ws, "Payments Core")
    item = handover_service.add_handover_item(ws, rel.id, Audience.SUPPORT, "Runbook").id
    handover_service.accept_handover_item(ws, item, "Chloe Martin with a rather long name")
    editor.load(rel.id)
    for tab, column in ((editor.scope, 1), (editor.handover, 1), (editor.communications, 2)):
        header = tab.table.horizontalHeader()
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch
        assert not header.stretchLastSection()
    table = editor.handover.table
    assert max(table.columnWidth(n) for n in (0, 2, 3)) <= MAX_COLUMN


def test_board_and_editor_fit_the_default_window_side_by_side(editor, qtbot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    needed = NAVIGATION + bar.minimumSizeHint().width() + editor.minimumWidth()
    assert needed <= WINDOW_WIDTH
