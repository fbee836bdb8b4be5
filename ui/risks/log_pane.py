"""What the risk and issue panes share: a search box, a table of the loaded rows, the
add/edit/delete/export buttons, a count, and reading the rows off the GUI thread.

A pane states only what differs (:class:`LogPane`'s class attributes and hooks). Rows
are read by a background call (the newest read wins); the table says "Loading…" until
the first rows arrive, and keeps showing the rows it has while a refresh reads again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.errors import ReleaseDeskError
from app.services import people_service, release_service
from app.services.plan_service import workspace_files
from app.workspace import Workspace
from ui.background_call import LatestCall
from ui.dialogs.form_dialog import FormDialog
from ui.risks.log_forms import changed_values
from ui.risks.log_models import _LogModel
from ui.risks.log_table import LogTable, Table
from ui.view_registry import ViewContext


class LogPane(QWidget):
    """A log pane; subclasses name their rows, form, commands and extra actions."""

    noun: ClassVar[str] = ""  # "risk": the loading text, the export's title
    search_hint: ClassVar[str] = ""
    actions: ClassVar[tuple[tuple[str, str], ...]] = ()  # (name, text) besides the common
    concerns: ClassVar[frozenset[str]] = frozenset()  # entities whose changes refresh
    table_of: ClassVar[Table]
    load: ClassVar[Callable[[Workspace], list[Any]]]  # runs on a worker thread
    form: ClassVar[Callable[..., FormDialog]]  # (releases, people, row, submit, parent)
    # The undo commands that add (workspace, values), edit (workspace, row, changed
    # values) and delete (workspace, row) one row.
    commands: ClassVar[tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]]

    def __init__(
        self,
        ctx: ViewContext,
        model: _LogModel,
        sort_column: int,
        descending: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit(placeholderText=self.search_hint, clearButtonEnabled=True)
        self.model = model
        self.table = LogTable(model, sort_column, descending)
        self.count = QLabel()
        texts = (
            ("add", f"New {self.noun}…"),
            ("edit", "Edit…"),
            *self.actions,
            ("delete", "Delete"),
            ("export", "Export…"),
        )
        self.buttons = {name: QPushButton(text) for name, text in texts}
        self._closed = False  # the workspace is closing: no more reads of it
        self._loaded = False
        self._loading = LatestCall(f"Reading the {self.noun}s", self)
        self._loading.succeeded.connect(self._on_loading_succeeded)
        self._loading.failed.connect(self.ctx.runner.report)
        self.search.textChanged.connect(self._on_filter_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        for name, _text in texts:
            self.buttons[name].clicked.connect(getattr(self, name))

    def action_bar(self, *extra: QWidget) -> QHBoxLayout:
        """The buttons in order, ``extra`` after them, then the count and Export."""
        bar = QHBoxLayout()
        for name, button in self.buttons.items():
            if name != "export":
                bar.addWidget(button)
        if extra:
            bar.addSpacing(8)
        for widget in extra:
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count)
        bar.addWidget(self.buttons["export"])
        return bar

    # -- data ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Whether a read of the rows is under way."""
        return self._loading.busy

    def refresh(self) -> None:
        """Read the rows again off the GUI thread (a 10,000-row log takes a good part of
        a second); until the first rows arrive the table says "Loading…". The filter,
        the sort and the selection stay."""
        if self._closed:
            return
        if not self._loaded:
            self.table.set_loading(f"Loading {self.noun}s…")
        ws, load = self.ctx.workspace, type(self).load
        self._loading.start(lambda: load(ws))

    def _on_loading_succeeded(self, rows: list[Any]) -> None:
        self._loaded = True
        self.table.set_loading("")
        self.show_loaded(rows)

    def show_loaded(self, rows: Sequence[Any]) -> None:
        """Show freshly read rows (a pane with more to update extends this)."""
        self.table.all_rows = list(rows)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show the loaded rows the pane's filter lets through."""
        self.table.apply()
        self._enable()

    def _on_filter_changed(self, *_args: object) -> None:
        self.apply_filter()

    def _on_selection_changed(self, *_args: object) -> None:
        self._enable()

    def _enable(self) -> None:
        row = self.table.current()
        for name in ("edit", "delete"):
            self.buttons[name].setEnabled(row is not None)
        self.enable_actions(row)

    def enable_actions(self, row: Any | None) -> None:
        """Enable the pane's own actions for the selected ``row`` (None: nothing chosen)."""

    def close_workspace(self) -> None:
        """Start no more reads, and let the one under way finish before the close."""
        self._closed = True
        self._loading.cancel()
        self._loading.wait()

    def on_changes(self, entities: Iterable[str]) -> None:
        """Read again when what the pane shows changed."""
        if set(entities) & self.concerns:
            self.refresh()

    # -- edits ---------------------------------------------------------------------------
    def run(self, command: Any) -> None:
        self.ctx.runner.run(command)

    def _form(self, row: Any | None) -> FormDialog:
        ws = self.ctx.workspace
        add, edit, _delete = type(self).commands

        def submit(values: dict) -> str | None:
            command = add(ws, values) if row is None else edit(ws, row, changed_values(row, values))
            refused: list[str] = []
            self.ctx.runner.run(command, on_error=lambda e: refused.append(str(e)))
            return refused[0] if refused else None

        releases = release_service.list_releases(ws)
        people = people_service.list_people(ws)
        return type(self).form(releases, people, row, submit, self)

    def add(self) -> None:
        self._form(None).exec()

    def edit(self) -> None:
        row = self.table.current()
        if row is not None:
            self._form(row).exec()

    def delete(self) -> None:
        row = self.table.current()
        if row is not None:
            self.run(type(self).commands[2](self.ctx.workspace, row))

    def export(self) -> None:
        title = f"{self.noun.capitalize()}s"
        try:
            self.table.export(self, type(self).table_of, title, workspace_files(self.ctx.workspace))
        except ReleaseDeskError as exc:
            self.ctx.runner.report(exc)
