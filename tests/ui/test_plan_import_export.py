"""File → Import… and File → Export… of the main window, end to end on a real workspace.

The file and target dialogs are replaced; the import and export run on the worker
thread for real, so every test waits for it with ``qtbot.waitUntil``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from app.errors import PlanFileError, ValidationError
from app.interchange import read_mspdi, write_mspdi
from app.scheduling.plan import LinkSpec, PlanSpec, TaskSpec
from app.services import plan_service, release_service
from app.services.plan_service import ImportResult
from tests.ui.conftest import make_release
from tests.ui.form_driver import choose, press_ok, toggle, type_into, when_the_form_opens
from ui.dialogs import import_target_dialog
from ui.dialogs.import_target_dialog import ImportTarget, ImportTargetDialog
from ui.interchange.plan_transfer import IMPORT_FILTERS, import_summary
from ui.main_window import MainWindow

TASK_NAMES = ["Freeze code", "Deploy to staging", "Go live"]


def small_plan() -> PlanSpec:
    return PlanSpec(
        tasks=(
            TaskSpec("1", TASK_NAMES[0], duration_minutes=480),
            TaskSpec("2", TASK_NAMES[1], duration_minutes=960),
            TaskSpec("3", TASK_NAMES[2], milestone=True),
        ),
        links=(LinkSpec("1", "2"), LinkSpec("2", "3")),
        project_start=dt.datetime(2026, 3, 2, 8, 0),
    )


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "payments.xml"
    write_mspdi(small_plan(), "Payments 4.2", path)
    return path


@pytest.fixture
def window(qtbot, sqlite_workspace, settings, presenter):
    win = MainWindow(sqlite_workspace, settings, presenter=presenter)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.plans.wait()


def choose_file(monkeypatch, path: Path) -> list[str]:
    filters: list[str] = []

    def get_open_file_name(_parent, _caption, _folder, file_filter, *_args):
        filters.append(file_filter)
        return str(path), file_filter.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open_file_name)
    return filters


def choose_target(monkeypatch, pick) -> list[tuple]:
    """Replace the target dialog by ``pick(default_name, empty_releases)``; records calls."""
    calls: list[tuple] = []

    def ask(_parent, summary, default_name, empty):
        calls.append((summary, default_name, list(empty)))
        return pick(default_name, empty)

    monkeypatch.setattr(import_target_dialog, "ask_import_target", ask)
    return calls


def open_file_menu(window) -> None:
    """What opening File does first: enable Import/Export for the current selection."""
    window.menuBar().actions()[0].menu().aboutToShow.emit()


def board_titles(window) -> set[str]:
    return {card.release.title for card in window.view("board").model.cards()}


def test_import_into_a_new_release_shows_it_on_the_board(
    window, qtbot, monkeypatch, plan_file, infos, presenter
) -> None:
    filters = choose_file(monkeypatch, plan_file)
    asked = choose_target(monkeypatch, lambda name, _empty: ImportTarget(name))
    window.act_import.trigger()
    qtbot.waitUntil(lambda: bool(infos))
    qtbot.waitUntil(lambda: "Payments 4.2" in board_titles(window))
    assert filters == [IMPORT_FILTERS]
    assert IMPORT_FILTERS.startswith("Project plans (*.xml *.gan);;Microsoft Project XML")
    summary, default_name, _empty = asked[0]
    assert default_name == "Payments 4.2"
    assert "3 tasks, 2 links" in summary
    (release,) = release_service.list_releases(window.workspace)
    assert plan_service.plan_task_counts(window.workspace) == {release.id: 3}
    assert infos[0].startswith("Import added 3 tasks to Payments 4.2 (a new Draft release)")
    assert "Edit → Undo takes the import back" in infos[0]
    assert "Import added 3 tasks to Payments 4.2" in window.statusBar().currentMessage()
    assert window.undo_stack.undoText() == "Import plan into 'Payments 4.2'"
    assert presenter.errors == []
    assert window.editor is not None and window.editor.release.id == release.id


def import_into_a_new_release(window, qtbot, monkeypatch, plan_file: Path) -> None:
    """File → Import of ``plan_file`` into a new release; waits until it is undoable."""
    choose_file(monkeypatch, plan_file)
    choose_target(monkeypatch, lambda name, _empty: ImportTarget(name))
    window.act_import.trigger()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1)


def test_undo_takes_an_import_back_and_redo_brings_the_same_rows(
    window, qtbot, monkeypatch, plan_file, infos, presenter
) -> None:
    ws = window.workspace
    import_into_a_new_release(window, qtbot, monkeypatch, plan_file)
    qtbot.waitUntil(lambda: "Payments 4.2" in board_titles(window))
    (release,) = release_service.list_releases(ws)
    window.undo_stack.undo()
    assert release_service.list_releases(ws) == [] and plan_service.plan_task_counts(ws) == {}
    qtbot.waitUntil(lambda: "Payments 4.2" not in board_titles(window))
    window.undo_stack.redo()
    assert plan_service.plan_task_counts(ws) == {release.id: 3}  # the same release again
    qtbot.waitUntil(lambda: "Payments 4.2" in board_titles(window))
    assert presenter.errors == [] and presenter.conflicts == []


def test_undoing_an_import_a_colleague_edited_asks_first(
    window, qtbot, monkeypatch, plan_file, infos, presenter
) -> None:
    import sqlalchemy as sa

    from models import Task
    from tests.conftest import open_colleague

    ws = window.workspace
    import_into_a_new_release(window, qtbot, monkeypatch, plan_file)
    with open_colleague(ws) as colleague, colleague.transaction() as s:
        s.scalars(sa.select(Task).where(Task.name == TASK_NAMES[1])).one().duration_minutes = 1
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: len(presenter.conflicts) == 1)
    (release,) = release_service.list_releases(ws)
    assert plan_service.plan_task_counts(ws) == {release.id: 3}  # their edit is kept


def test_import_into_an_existing_release_without_a_plan(
    window, qtbot, monkeypatch, plan_file, infos
) -> None:
    ws = window.workspace
    planned = plan_service.import_plan(ws, read_mspdi(plan_file), release_name="Billing 1.0")
    empty = make_release(ws, "Payments", version_label="4.3")
    window.view("board").refresh()
    choose_file(monkeypatch, plan_file)
    asked = choose_target(monkeypatch, lambda _name, rows: ImportTarget(rows[0].title, rows[0].id))
    window.act_import.trigger()
    qtbot.waitUntil(lambda: bool(infos))
    offered = [row.id for row in asked[0][2]]
    assert offered == [empty.id]  # the release with a plan is not offered
    counts = plan_service.plan_task_counts(ws)
    assert counts == {planned.release_id: 3, empty.id: 3}
    assert "(the existing release)" in infos[0]
    assert "(the release stays)" in infos[0]
    assert len(release_service.list_releases(ws)) == 2


def test_truncated_file_shows_the_error_and_adds_nothing(
    window, qtbot, monkeypatch, plan_file, infos, presenter
) -> None:
    data = plan_file.read_bytes()
    broken = plan_file.with_name("broken.xml")
    broken.write_bytes(data[: len(data) // 2])
    choose_file(monkeypatch, broken)
    asked = choose_target(monkeypatch, lambda name, _empty: ImportTarget(name))
    window.act_import.trigger()
    qtbot.waitUntil(lambda: bool(presenter.errors))
    (error,) = presenter.errors
    assert isinstance(error, PlanFileError)
    assert str(error).startswith("Cannot import broken.xml")
    assert asked == [] and infos == []
    assert release_service.list_releases(window.workspace) == []
    assert "unchanged" in window.statusBar().currentMessage()
    assert not window.plans.busy and window.act_import.isEnabled()


def test_refused_import_changes_nothing(
    window, qtbot, monkeypatch, plan_file, infos, presenter
) -> None:
    ws = window.workspace
    first = plan_service.import_plan(ws, read_mspdi(plan_file))
    choose_file(monkeypatch, plan_file)
    choose_target(monkeypatch, lambda name, _empty: ImportTarget(name))  # same name again
    window.act_import.trigger()
    qtbot.waitUntil(lambda: bool(presenter.errors))
    assert isinstance(presenter.errors[0], ValidationError)
    assert "already has a plan of 3 tasks" in str(presenter.errors[0])
    assert plan_service.plan_task_counts(ws) == {first.release_id: 3}
    assert infos == []


def test_cancelling_a_dialog_imports_nothing(window, qtbot, monkeypatch, plan_file) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: ("", ""))
    window.act_import.trigger()
    assert not window.plans.busy
    choose_file(monkeypatch, plan_file)
    choose_target(monkeypatch, lambda _name, _empty: None)
    window.act_import.trigger()
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage())
    assert release_service.list_releases(window.workspace) == []


def test_export_writes_the_selected_release(window, qtbot, monkeypatch, plan_file, tmp_path):
    ws = window.workspace
    release = make_release(ws, "Payments", version_label="4.2")
    plan_service.import_plan(ws, read_mspdi(plan_file), release_name="Payments 4.2")
    open_file_menu(window)
    assert not window.act_export.isEnabled()  # nothing selected yet
    board = window.view("board")
    board.refresh()
    assert board.grid.select_release(release.id)
    open_file_menu(window)
    assert window.act_export.isEnabled()
    suggested: list[str] = []
    target = tmp_path / "out" / "exported"
    target.parent.mkdir()

    def get_save_file_name(_parent, _caption, default, _filter, *_args):
        suggested.append(default)
        return str(target), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    window.act_export.trigger()
    written = target.with_suffix(".xml")
    qtbot.waitUntil(lambda: "Exported 3 tasks" in window.statusBar().currentMessage())
    assert Path(suggested[0]).name == "Payments 4.2.xml"
    assert [t.name for t in read_mspdi(written).plan.tasks] == TASK_NAMES
    assert str(written) in window.statusBar().currentMessage()


def test_export_error_is_shown(window, qtbot, monkeypatch, plan_file, tmp_path, presenter):
    ws = window.workspace
    result = plan_service.import_plan(ws, read_mspdi(plan_file))
    window.open_release(result.release_id)  # the editor's release counts as selected
    open_file_menu(window)
    missing = tmp_path / "no such folder" / "plan.xml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(missing), ""))
    window.act_export.trigger()
    qtbot.waitUntil(lambda: bool(presenter.errors))
    assert isinstance(presenter.errors[0], PlanFileError)
    assert str(presenter.errors[0]).startswith(f"Cannot write {missing}")


def test_target_dialog_offers_new_name_or_empty_release(qtbot, sqlite_workspace) -> None:
    row = make_release(sqlite_workspace, "Payments", version_label="4.3")
    dialog = ImportTargetDialog("plan.xml: 3 tasks", "Payments 4.2", [row])
    qtbot.addWidget(dialog)
    assert dialog.target() == ImportTarget("Payments 4.2")
    dialog.name.setText("  ")
    assert dialog.target() is None
    dialog.existing_release.setChecked(True)
    assert dialog.target() == ImportTarget("Payments 4.3", row.id)
    assert not dialog.name.isEnabled()
    empty = ImportTargetDialog("", "", [])
    qtbot.addWidget(empty)
    assert not empty.existing_release.isEnabled()


def test_import_summary_lists_a_few_warnings() -> None:
    result = ImportResult(
        release_id=uuid.uuid4(),
        release_name="Payments 4.2",
        tasks=12,
        links=3,
        created_release=True,
        calendars=1,
        warnings=tuple(f"warning {n}" for n in range(11)),
    )
    text = import_summary(result)
    assert "11 things were read approximately" in text
    assert "• warning 7" in text and "• warning 8" not in text
    assert "… and 3 more." in text


def test_import_progress_counts_tasks_and_links_up_to_the_total(
    window, qtbot, monkeypatch, plan_file, infos
) -> None:
    shown: list[tuple[int, int, str]] = []
    set_value = QProgressDialog.setValue

    def record(dialog: QProgressDialog, value: int) -> None:
        set_value(dialog, value)
        shown.append((dialog.value(), dialog.maximum(), dialog.labelText()))

    monkeypatch.setattr(QProgressDialog, "setValue", record)
    choose_file(monkeypatch, plan_file)
    choose_target(monkeypatch, lambda name, _empty: ImportTarget(name))
    window.act_import.trigger()
    qtbot.waitUntil(lambda: bool(infos))
    counted = [(value, maximum) for value, maximum, _ in shown if maximum > 0]
    assert counted[0] == (0, 5) and counted[-1] == (5, 5)  # 3 tasks and 2 links
    assert [v for v, _ in counted] == sorted(v for v, _ in counted)
    assert shown[-1][2] == "Importing payments.xml… 5 of 5 tasks and links"


def test_export_onto_the_open_workspace_is_refused(
    window, qtbot, monkeypatch, plan_file, presenter
):
    """File → Export… with the workspace file chosen: a clear message, the file intact."""
    ws = window.workspace
    result = plan_service.import_plan(ws, read_mspdi(plan_file))
    window.open_release(result.release_id)
    workspace_file = Path(ws.url.database)
    before = workspace_file.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(workspace_file), ""))
    window.act_export.trigger()
    qtbot.waitUntil(lambda: bool(presenter.errors))
    assert isinstance(presenter.errors[0], PlanFileError)
    assert "it is the workspace that is open" in str(presenter.errors[0])
    assert workspace_file.read_bytes() == before
    assert release_service.get_release(ws, result.release_id) is not None  # still usable


def test_the_target_form_names_the_new_release_as_typed(
    window, qtbot, monkeypatch, plan_file, infos
) -> None:
    choose_file(monkeypatch, plan_file)

    def fill(dialog: ImportTargetDialog) -> None:
        type_into(qtbot, dialog.name, "Checkout 5.0")
        press_ok(qtbot, dialog)

    when_the_form_opens(fill, ImportTargetDialog)
    window.act_import.trigger()
    qtbot.waitUntil(lambda: bool(infos))
    (release,) = release_service.list_releases(window.workspace)
    assert release.name == "Checkout 5.0"
    assert plan_service.plan_task_counts(window.workspace) == {release.id: 3}


def test_the_target_form_puts_the_plan_into_the_chosen_empty_release(
    window, qtbot, monkeypatch, plan_file, infos
) -> None:
    ws = window.workspace
    make_release(ws, "Billing", version_label="1.0")
    payments = make_release(ws, "Payments", version_label="4.3")
    choose_file(monkeypatch, plan_file)

    def fill(dialog: ImportTargetDialog) -> None:
        toggle(qtbot, dialog.existing_release)
        choose(qtbot, dialog.releases, "Payments")
        press_ok(qtbot, dialog)

    when_the_form_opens(fill, ImportTargetDialog)
    window.act_import.trigger()
    qtbot.waitUntil(lambda: bool(infos))
    assert plan_service.plan_task_counts(ws) == {payments.id: 3}
    assert len(release_service.list_releases(ws)) == 2
