"""The release editor's Package tab, driven as a coordinator drives it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from app.services import compatibility as cr
from app.services import package_service as ps
from app.services import release_service
from app.workspace import Workspace
from tests.app.services.builders import audit_count
from tests.ui.conftest import button, make_release
from tests.ui.form_driver import press_ok, type_into, when_the_form_opens
from tests.ui.modal_driver import when_modal_opens
from ui.dialogs.form_dialog import FormDialog
from ui.editor.package_model import PackageModel, size_text
from ui.editor.rule_model import RuleModel


def _click(qtbot, widget, text: str) -> None:
    qtbot.mouseClick(button(widget, text), Qt.MouseButton.LeftButton)


def test_models_through_qtmodeltester(qapp, qtmodeltester, demo_path: Path) -> None:
    ws = Workspace.open(demo_path, user="tester")
    try:
        releases = release_service.list_releases(ws)
        items = [r for rel in releases for r in ps.list_items(ws, rel.id)]
        rules = cr.rule_checks(ws, releases[0].id)
    finally:
        ws.close()
    assert items and rules
    for model, rows in ((PackageModel(), items), (RuleModel(), rules)):
        model.set_rows(rows)
        qtmodeltester.check(model)
        model.set_rows(rows[:1])
        qtmodeltester.check(model)
    assert size_text(3 << 20) == "3.0 MB" and size_text(None) == "—"
    model = PackageModel()
    model.set_rows(items)
    shown = [model.index(n, 0).data() for n in range(len(items))]
    assert shown[0] == (items[0].domain or "—")
    assert all(
        (shown[n] == "") == (items[n - 1].domain == items[n].domain) for n in range(1, len(items))
    )


def test_add_item_baseline_then_deviation_stands_out(editor, ctx, qtbot) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    editor.load(rel.id)
    tab = editor.package.items

    def fill(form: FormDialog) -> None:
        type_into(qtbot, form.editors["component"], "ledger-service")
        type_into(qtbot, form.editors["version_label"], "1.9.0")
        type_into(qtbot, form.editors["domain"], "Payments")
        press_ok(qtbot, form)

    when_the_form_opens(fill)
    _click(qtbot, tab, "Add item")
    [item] = ps.list_items(ctx.workspace, rel.id)
    assert (item.component, item.version_label, item.domain) == (
        "ledger-service",
        "1.9.0",
        "Payments",
    )
    assert tab.model.rowCount() == 1 and "not baselined yet" in tab.summary.text()

    def reason(form: FormDialog) -> None:
        type_into(qtbot, form.editors["reason"], "Build 42 passed")
        press_ok(qtbot, form)

    when_the_form_opens(reason)
    _click(qtbot, tab, "Baseline…")
    assert "Build 42 passed" in tab.summary.text()
    assert tab.summary.objectName() == "bannerInfo"
    tab.table.selectRow(0)

    def bump(form: FormDialog) -> None:
        type_into(qtbot, form.editors["version_label"], "1.9.1")
        press_ok(qtbot, form)

    when_the_form_opens(bump)
    _click(qtbot, tab, "Edit")
    assert tab.summary.objectName() == "bannerWarning"
    assert "ledger-service (Payments) 1.9.0 → 1.9.1" in tab.summary.text()
    ctx.runner.stack.undo()
    assert tab.summary.objectName() == "bannerInfo"


def test_rule_added_in_the_form_is_checked_against_the_package(editor, ctx, qtbot) -> None:
    rel = make_release(ctx.workspace, "Portal")
    ps.add_item(ctx.workspace, rel.id, "web-frontend", "3.0.0")
    ps.add_item(ctx.workspace, rel.id, "api-gateway", "4.1.0")
    editor.load(rel.id)
    rules = editor.package.rules

    def fill(form: FormDialog) -> None:
        type_into(qtbot, form.editors["component"], "web-frontend")
        type_into(qtbot, form.editors["requires_component"], "api-gateway")
        type_into(qtbot, form.editors["specifier"], ">=3.0,<4.0")
        press_ok(qtbot, form)

    when_the_form_opens(fill)
    _click(qtbot, rules, "Add rule")
    assert rules.model.rows()[0].problem == "api-gateway is 4.1.0"
    assert rules.model.index(0, 2).data() == "api-gateway is 4.1.0"
    assert "1 rule broken" in rules.summary.text()
    ctx.runner.stack.undo()
    assert rules.model.rowCount() == 0


def test_verify_reports_a_mismatch_and_cancel_stops(editor, ctx, qtbot, tmp_path) -> None:
    rel = make_release(ctx.workspace, "Ledger")
    good, bad = tmp_path / "good.bin", tmp_path / "bad.bin"
    good.write_bytes(b"g" * 1000)
    bad.write_bytes(b"b" * 1000)
    ps.add_item(ctx.workspace, rel.id, "good", "1.0", artifact=str(good))
    ps.add_item(ctx.workspace, rel.id, "bad", "1.0", artifact=str(bad))
    bad.write_bytes(b"tampered")
    editor.load(rel.id)
    tab = editor.package.items
    with qtbot.waitSignal(tab.verifier.finished, timeout=10_000):
        _click(qtbot, tab, "Verify")
    assert "1 item failed verification" in tab.verdict.text()
    assert f"found {hashlib.sha256(b'tampered').hexdigest()}" in tab.verdict.text()
    big = tmp_path / "big.bin"
    with big.open("wb") as f:
        f.truncate(256 << 20)  # sparse: read at memory speed, no disk written
    ps.add_item(ctx.workspace, rel.id, "big", "1.0", sha256="0" * 64, artifact=str(big))
    editor.load(rel.id)

    seen: list[str] = []

    def cancel(dialog: QProgressDialog) -> None:
        seen.append(dialog.labelText())
        _click(qtbot, dialog, "Cancel")

    when_modal_opens(QProgressDialog, cancel)
    with qtbot.waitSignal(tab.verifier.finished, timeout=20_000):
        _click(qtbot, tab, "Verify")
    assert seen == ["Re-hashing local artifacts…"]
    assert tab.verdict.text().startswith("Verification cancelled")
    assert button(tab, "Verify").isEnabled()


def test_import_button_adds_the_list_and_a_bad_row_imports_nothing(
    editor, ctx, qtbot, presenter, tmp_path
) -> None:
    rel = make_release(ctx.workspace, "Imports")
    editor.load(rel.id)
    tab = editor.package.items
    good = tmp_path / "items.csv"
    good.write_text("component,version,artifact,domain\napi,1.0,,Payments\nweb,2.0,,Portal\n")
    bad = tmp_path / "bad.json"
    bad.write_text('[{"component": "db", "version": "1", "artifact": ""}, {"version": "2"}]')

    def pick(path: Path):
        def act(dialog: QFileDialog) -> None:
            dialog.selectFile(str(path))
            dialog.accept()

        return act

    when_modal_opens(QFileDialog, pick(good))
    with qtbot.waitSignal(tab.importer.finished, timeout=10_000):
        _click(qtbot, tab, "Import…")
    assert [r.component for r in tab.model.rows()] == ["api", "web"]
    assert ctx.runner.stack.undoText() == "Import 2 configuration items from 'items.csv'"
    when_modal_opens(QFileDialog, pick(bad))
    with qtbot.waitSignal(tab.importer.failed, timeout=10_000):
        _click(qtbot, tab, "Import…")
    assert str(presenter.errors[-1]) == "bad.json item 2: The component cannot be empty."
    assert len(ps.list_items(ctx.workspace, rel.id)) == 2
    assert button(tab, "Import…").isEnabled()


def test_undo_and_redo_of_an_import_take_exactly_its_items(editor, ctx, qtbot, tmp_path) -> None:
    rel = make_release(ctx.workspace, "Undo imports")
    ps.add_item(ctx.workspace, rel.id, "kept", "0.1")
    editor.load(rel.id)
    tab = editor.package.items
    listing = tmp_path / "items.json"
    listing.write_text('[{"component": "api", "version": "1", "artifact": ""}]')
    with qtbot.waitSignal(tab.importer.finished, timeout=10_000):
        tab.import_file(listing)
    assert [r.component for r in tab.model.rows()] == ["api", "kept"]
    ctx.runner.stack.undo()
    assert [r.component for r in tab.model.rows()] == ["kept"]
    ctx.runner.stack.redo()
    assert [r.component for r in tab.model.rows()] == ["api", "kept"]


def test_a_cancelled_import_records_nothing(editor, ctx, qtbot, tmp_path) -> None:
    rel = make_release(ctx.workspace, "Cancelled import")
    editor.load(rel.id)
    tab = editor.package.items
    with (tmp_path / "big.bin").open("wb") as f:
        f.truncate(256 << 20)  # sparse: read at memory speed, no disk written
    listing = tmp_path / "items.csv"
    listing.write_text("component,version,artifact\nbig,1.0,big.bin\n")
    before = audit_count(ctx.workspace)

    def cancel(dialog: QProgressDialog) -> None:
        assert dialog.labelText() == "Reading items.csv and hashing its local artifacts…"
        _click(qtbot, dialog, "Cancel")

    when_modal_opens(QProgressDialog, cancel)
    with qtbot.waitSignal(tab.importer.cancelled, timeout=20_000):
        tab.import_file(listing)
    assert ps.list_items(ctx.workspace, rel.id) == []
    assert audit_count(ctx.workspace) == before
    assert tab.verdict.text() == "Import cancelled: nothing was imported."
    assert not ctx.runner.stack.canUndo() or "Import" not in ctx.runner.stack.undoText()


def test_adding_a_local_artifact_hashes_it_on_a_worker(editor, ctx, qtbot, tmp_path) -> None:
    rel = make_release(ctx.workspace, "Hashing")
    editor.load(rel.id)
    tab = editor.package.items
    artifact = tmp_path / "api.tgz"
    artifact.write_bytes(b"p" * 5000)
    seen: list[str] = []

    def watch(dialog: QProgressDialog) -> None:
        seen.append(dialog.windowTitle())

    def fill(form: FormDialog) -> None:
        type_into(qtbot, form.editors["component"], "api")
        type_into(qtbot, form.editors["version_label"], "1.0")
        type_into(qtbot, form.editors["artifact_uri"], str(artifact))
        when_modal_opens(QProgressDialog, watch)
        press_ok(qtbot, form)

    when_the_form_opens(fill)
    _click(qtbot, tab, "Add item")
    [item] = ps.list_items(ctx.workspace, rel.id)
    assert item.sha256 == hashlib.sha256(b"p" * 5000).hexdigest() and item.size_bytes == 5000
    assert seen == ["Add configuration item"]
    ctx.runner.stack.undo()
    assert ps.list_items(ctx.workspace, rel.id) == []


def test_undo_of_a_baseline_puts_the_previous_one_back(editor, ctx, qtbot) -> None:
    rel = make_release(ctx.workspace, "Baselines")
    ps.add_item(ctx.workspace, rel.id, "api", "1.0")
    editor.load(rel.id)
    tab = editor.package.items
    assert tab.baseline("first")
    ps.add_item(ctx.workspace, rel.id, "web", "2.0")
    editor.load(rel.id)
    assert tab.summary.objectName() == "bannerWarning"
    assert tab.baseline("web joins")
    assert "web joins" in tab.summary.text() and tab.summary.objectName() == "bannerInfo"
    assert ctx.runner.stack.undoText() == "Baseline the package of 'Baselines'"
    ctx.runner.stack.undo()
    assert tab.summary.objectName() == "bannerWarning"
    assert ps.package_state(ctx.workspace, rel.id).baseline_reason == "first"
    ctx.runner.stack.undo()
    assert "not baselined yet" in tab.summary.text()
    ctx.runner.stack.redo()
    ctx.runner.stack.redo()
    assert "web joins" in tab.summary.text()


def test_a_narrow_pane_drops_checksum_then_size_before_the_artifact(qtbot) -> None:
    import uuid

    from PySide6.QtWidgets import QTableView

    from ui.editor.column_fit import NarrowColumns
    from ui.editor.package_model import ARTIFACT, SHA256, SIZE

    row = ps.ItemRow(
        uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), "Customer Portal", "api-gateway", "3.6.2",
        "https://artifacts.example.com/api-gateway/3.6.2/api-gateway.tar.gz", "ab" * 32,
        192 << 20, 1,
    )  # fmt: skip
    model = PackageModel()
    model.set_rows([row])
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    narrow = NarrowColumns(table, ARTIFACT, (SHA256, SIZE))
    table.resize(1400, 200)
    table.show()
    qtbot.waitUntil(lambda: table.viewport().width() > 1000)
    narrow.fit()
    assert narrow.hidden() == []
    # Widths from the columns as this machine's font draws them (another test's style
    # may have changed it): room for all but the checksum, then for neither.
    widths = {n: table.columnWidth(n) for n in range(model.columnCount())}
    frame = table.width() - table.viewport().width()
    short = sum(w for n, w in widths.items() if n != ARTIFACT) + narrow.minimum + frame
    table.resize(short - widths[SHA256] + 4, 200)
    qtbot.waitUntil(lambda: narrow.hidden() == [SHA256])
    table.resize(short - widths[SHA256] - widths[SIZE] + 4, 200)
    qtbot.waitUntil(lambda: narrow.hidden() == [SHA256, SIZE])
    table.resize(1400, 200)
    qtbot.waitUntil(lambda: narrow.hidden() == [])
    assert "Size 192.0 MB" in model.index(0, ARTIFACT).data(Qt.ItemDataRole.ToolTipRole)
