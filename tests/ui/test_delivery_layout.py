"""The Delivery tab on a 1280×720 screen: several deployments in view, the runbook and
the build notes one click away, the split between them kept between sessions."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from app.services import deployment_service
from tests.ui.conftest import button


def _busiest_release(window):
    cards = window.view("board").model.cards()
    ws = window.workspace
    return max(cards, key=lambda c: len(deployment_service.list_deployments(ws, c.release.id)))


def test_at_1280_by_720_five_deployments_show_whole(window) -> None:
    window.resize(QSize(1280, 720))
    window.open_release(_busiest_release(window).release.id)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.delivery)
    QApplication.processEvents()
    table = editor.delivery.table
    assert table.model().rowCount() >= 5
    assert table.viewport().height() >= 5 * table.rowHeight(0)
    pages = editor.delivery.pages
    assert [pages.tabText(i) for i in range(pages.count())] == ["Runbook", "Build notes"]
    assert window.minimumSizeHint().height() <= 720


def test_planning_buttons_keep_their_names(editor) -> None:
    for text in ("Schedule…", "Promotion path…", "Environments…"):
        found = button(editor.delivery, text)
        assert found.accessibleName() == text
        assert text in found.toolTip()


def test_the_split_is_remembered(ctx) -> None:
    from ui.editor.delivery_tab import DeliveryTab

    first = DeliveryTab(ctx)
    first.resize(600, 700)
    first.show()
    QApplication.processEvents()
    first.split.moveSplitter(200, 1)
    moved = first.split.sizes()
    first.close()
    again = DeliveryTab(ctx)
    again.resize(600, 700)
    again.show()
    QApplication.processEvents()
    assert again.split.sizes() == moved
    again.close()
