"""A save that meets a busy workspace file: the coordinator is told, the window stays
online, and the same save works once the file is free."""

from __future__ import annotations

from pathlib import Path

from app.errors import ConnectionLostError, WorkspaceBusyError
from app.services import release_service
from tests.sqlite_lock import held_by_another_program, wait_briefly
from tests.ui.conftest import make_release


def test_a_busy_file_is_reported_and_the_window_stays_online(
    editor, ctx, presenter, qtbot, monkeypatch
) -> None:
    rel = make_release(ctx.workspace, "Payments Core")
    editor.load(rel.id)
    wait_briefly(monkeypatch)
    ctx.workspace.engine.dispose()  # reconnect with the brief wait
    online: list[bool] = []
    ctx.hub.connection_changed.connect(online.append)
    path = Path(ctx.workspace.url.database)
    qtbot.keyClicks(editor.details.name, " NG")
    with held_by_another_program(path):
        assert not editor.details.save()
    assert [type(e) for e in presenter.errors] == [WorkspaceBusyError]
    assert not isinstance(presenter.errors[0], ConnectionLostError)
    assert "is busy" in str(presenter.errors[0])
    assert False not in online  # never shown offline
    assert ctx.runner.stack.count() == 0
    assert editor.details.save()  # the file is free again: the same edit saves
    assert release_service.get_release(ctx.workspace, rel.id).name == "Payments Core NG"
    assert online[-1] is True
