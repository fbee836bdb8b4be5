"""Board model, filter and column proxies."""

from __future__ import annotations

import datetime as dt

from app.services import release_service
from models.enums import ReleaseStatus
from tests.ui.conftest import make_release
from ui.board.board_filter import BoardFilter
from ui.board.board_model import BoardModel, CardRole, decode_ids
from ui.board.card_source import load_cards
from ui.board.column_proxy import ColumnProxy


def _model(ws) -> BoardModel:
    model = BoardModel()
    model.set_cards(load_cards(ws))
    return model


def test_board_model_and_proxy_pass_modeltester(qtmodeltester, sqlite_workspace) -> None:
    for n in range(5):
        make_release(sqlite_workspace, f"Release {n}")
    model = _model(sqlite_workspace)
    qtmodeltester.check(model)
    proxy = ColumnProxy(model, ReleaseStatus.DRAFT)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 5


def test_set_cards_is_a_diff_not_a_reset(qtbot, sqlite_workspace) -> None:
    a = make_release(sqlite_workspace, "Alpha")
    make_release(sqlite_workspace, "Beta")
    model = _model(sqlite_workspace)
    release_service.update_release(sqlite_workspace, a.id, a.version, name="Alpha prime")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.set_cards(load_cards(sqlite_workspace))
    assert model.card(a.id).release.name == "Alpha prime"
    release_service.delete_release(sqlite_workspace, a.id)
    with qtbot.waitSignal(model.rowsRemoved):
        model.set_cards(load_cards(sqlite_workspace))
    assert model.rowCount() == 1


def test_filter_by_text_owner_domain_and_window(sqlite_workspace) -> None:
    make_release(sqlite_workspace, "Payments Core", version_label="4.2")
    make_release(
        sqlite_workspace,
        "Mobile Wallet",
        planned_start=dt.datetime(2026, 6, 1),
        planned_end=dt.datetime(2026, 6, 30),
    )
    model = _model(sqlite_workspace)
    proxy = ColumnProxy(model, ReleaseStatus.DRAFT)

    def shown(f: BoardFilter) -> list[str]:
        model.set_filter(f)
        proxy.refilter()
        return sorted(proxy.index(i, 0).data() for i in range(proxy.rowCount()))

    assert shown(BoardFilter(text="core 4.2")) == ["Payments Core 4.2"]
    assert shown(BoardFilter(text="WALLET")) == ["Mobile Wallet"]
    assert shown(BoardFilter(date_from=dt.date(2026, 6, 10))) == ["Mobile Wallet"]
    assert shown(BoardFilter(date_to=dt.date(2026, 3, 5))) == ["Payments Core 4.2"]
    assert shown(BoardFilter()) == ["Mobile Wallet", "Payments Core 4.2"]


def test_mime_round_trip(sqlite_workspace) -> None:
    a = make_release(sqlite_workspace, "Alpha")
    model = _model(sqlite_workspace)
    assert decode_ids(model.mimeData([model.index_of(a.id)])) == [a.id]


def test_a_column_follows_a_new_filter_row_by_row(qtbot, sqlite_workspace) -> None:
    for name in ("Payments Core", "Payments Ledger", "Mobile Wallet"):
        make_release(sqlite_workspace, name)
    model = _model(sqlite_workspace)
    proxy = ColumnProxy(model, ReleaseStatus.DRAFT)
    assert model.set_filter(BoardFilter(text="pay")) == set()  # announced, not returned
    assert _names(proxy) == ["Payments Core", "Payments Ledger"]
    with qtbot.assertNotEmitted(proxy.layoutChanged):
        model.set_filter(BoardFilter(text="payments c"))
    assert _names(proxy) == ["Payments Core"]


def _names(proxy: ColumnProxy) -> list[str]:
    return sorted(proxy.index(i, 0).data(CardRole).release.name for i in range(proxy.rowCount()))


def test_a_wide_filter_change_names_the_cells_to_refilter(sqlite_workspace) -> None:
    for n in range(60):
        make_release(sqlite_workspace, f"Release {n}")
    model = _model(sqlite_workspace)
    cells = model.set_filter(BoardFilter(text="nothing matches this"))
    assert cells == {(ReleaseStatus.DRAFT.value, None)}
    proxy = ColumnProxy(model, ReleaseStatus.DRAFT)
    assert proxy.rowCount() == 0
