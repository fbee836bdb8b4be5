"""The editor panel beside the board: every tab, button and short column stays
reachable and readable, however narrow the pane."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QHeaderView

from tests.ui.conftest import make_release

NARROW_PANE = 420  # the editor's share of a 1280-pixel window beside the board


def _page_of(editor, tab):
    pages = (editor.tabs.widget(n) for n in range(editor.tabs.count()))
    return next(p for p in pages if p is tab or p.isAncestorOf(tab))


def test_a_narrow_editor_scrolls_its_tabs_and_keeps_every_button(editor, ctx, qtbot) -> None:
    editor.load(make_release(ctx.workspace, "Payments Core").id)
    editor.resize(NARROW_PANE, 640)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.minimumSizeHint().width() <= NARROW_PANE
    bar = editor.tabs.tabBar()
    assert bar.usesScrollButtons()  # the last tab is an arrow click away, never cut off
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        rect = bar.tabRect(index)
        assert rect.left() >= 0 and rect.right() <= bar.width(), editor.tabs.tabText(index)
    for tab in editor.table_tabs():
        editor.tabs.setCurrentWidget(_page_of(editor, tab))  # the Package page holds two
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
    stretching = (
        (editor.scope, 1),
        (editor.signoffs, 4),
        (editor.dependencies, 0),
        (editor.handover, 1),
        (editor.communications, 2),
    )
    for tab, column in stretching:
        header = tab.table.horizontalHeader()
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch
        assert not header.stretchLastSection()
    table = editor.handover.table
    assert max(table.columnWidth(n) for n in (0, 2, 3)) <= MAX_COLUMN


def test_a_long_release_name_elides_with_the_whole_name_in_its_tooltip(editor, ctx, qtbot) -> None:
    name = "Customer Self-Service Portal Replatforming and Accessibility Overhaul"
    editor.load(make_release(ctx.workspace, name).id)
    editor.resize(NARROW_PANE, 640)
    editor.show()
    qtbot.waitExposed(editor)
    editor.title.repaint()
    assert editor.width() == NARROW_PANE  # the name did not widen the pane
    assert editor.title.toolTip() == name
    editor.resize(1400, 640)
    qtbot.waitUntil(lambda: editor.width() == 1400)
    editor.title.repaint()
    assert editor.title.toolTip() == ""  # shown whole: nothing to add
