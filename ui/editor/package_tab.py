"""Package items: the release's configuration items, with import, baseline and verify.

The banner above the table says whether the package matches its baseline; a package
that deviates stands out (warning colours) listing what changed, until it is
re-baselined with a reason. Every file is hashed off the GUI thread with a progress
bar and Cancel (:class:`~ui.editor.hashing_progress.HashingProgress`): verifying,
importing a list, adding or editing an item whose local artifact has no checksum yet.
Import and baseline are undoable like every other edit.
"""

from __future__ import annotations

import html
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from app import clock
from app.changes import Change
from app.dates_text import moment
from app.errors import ReleaseDeskError
from app.services import package_service as ps
from app.services.package_import import hash_artifacts, needs_hash, prepare_items
from app.services.package_integrity import IntegrityReport, verify_items
from app.words import count
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field
from ui.editor.column_fit import NarrowColumns
from ui.editor.form_fields import field
from ui.editor.form_save import OnError
from ui.editor.hashing_progress import HashingProgress
from ui.editor.package_model import ARTIFACT, SHA256, SIZE, PackageModel
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo.editor_commands import RowService
from ui.undo.package_commands import BaselineCommand, ImportItemsCommand
from ui.view_registry import ViewContext


def _create(ws: Any, release_id: uuid.UUID, **values: Any) -> Change:
    return ps.add_item(
        ws,
        release_id,
        values.get("component", ""),
        values.get("version_label", ""),
        artifact=values.get("artifact_uri", ""),
        sha256=values.get("sha256", ""),
        size=values.get("size_bytes"),
        domain=values.get("domain", ""),
    )


class PackageTab(TableTab):
    entities = frozenset({"configuration_item", "release_package", "compatibility_rule"})
    model_type = PackageModel
    service = RowService(
        rows=ps.list_items,
        create=_create,
        update=ps.update_item,
        delete=ps.delete_item,
        restore=ps.restore_item,
    )
    texts = RowTexts(
        add_button="Add item",
        add_dialog="Add configuration item",
        add="Add configuration item '{component}'",
        edit_dialog="Edit configuration item",
        edit="Edit configuration item '{row.component}'",
        remove="Remove configuration item '{row.component}'",
    )
    required = ("component", "version_label")

    def __init__(self, ctx: ViewContext, parent: Any = None) -> None:
        super().__init__(ctx, parent)
        self.state: ps.PackageState | None = None
        self.verdict = QLabel(wordWrap=True)
        self.verdict.setObjectName("bannerInfo")
        self.verdict.hide()
        self.layout().insertWidget(2, self.verdict)
        self.verifier = HashingProgress(self)
        self.verifier.finished.connect(self._on_verifier_finished)
        self.verifier.failed.connect(self._on_hashing_failed)
        self.importer = HashingProgress(self)
        self.importer.finished.connect(self._on_importer_finished)
        self.importer.cancelled.connect(self._on_importer_cancelled)
        self.importer.failed.connect(self._on_hashing_failed)
        self.hasher = HashingProgress(self)
        self._importing: Path | None = None
        # Long URLs keep their file name in view; a narrow pane drops the checksum,
        # then the size (both in the artifact's tooltip) before the artifact itself.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.narrow = NarrowColumns(self.table, ARTIFACT, (SHA256, SIZE))

    def add_extra_buttons(self) -> None:
        # Import and Baseline are icon buttons (named in their tooltips) so that the
        # editor's narrow pane keeps every button of the row whole.
        self.verify_button = self.add_button("Verify", "accept", self.verify)
        self.import_button = self.add_button("Import…", "import", self.import_file, compact=True)
        self.baseline_button = self.add_button("Baseline…", "baseline", self.baseline, compact=True)
        self.verify_button.setToolTip("Re-hash the local artifacts and compare their SHA-256")
        self.import_button.setToolTip("Import… items from a CSV or JSON list")
        self.baseline_button.setToolTip("Baseline… the package: its manifest with who, when, why")

    def fields(self, row: Any = None) -> list[Field]:
        return [
            field(row, "component", "Component"),
            field(row, "version_label", "Version"),
            field(row, "domain", "Domain"),
            field(row, "artifact_uri", "Artifact (path or URL)"),
            field(row, "sha256", "SHA-256 (empty: computed for a local file)"),
        ]

    # -- summary -------------------------------------------------------------------------
    def reload(self) -> None:
        super().reload()
        self.narrow.fit()

    def after_reload(self) -> None:
        assert self.release is not None
        self.state = state = ps.package_state(self.ctx.workspace, self.release.id)
        items = count(len(state.current.items), "item")
        if state.deviates:
            changed = "".join(f"<br>• {html.escape(d)}" for d in state.deviations)
            text = (
                f"<b>Deviates from its baseline</b> ({items}): re-baseline with a reason.{changed}"
            )
            self.summary.setObjectName("bannerWarning")
        elif state.baselined_hash:
            when = moment(clock.to_local(state.baselined_at))
            reason = state.baseline_reason.rstrip(". ")
            why = f" — {html.escape(reason)}" if reason else ""
            text = (
                f"{items}; baselined {when} by {html.escape(state.baselined_by)}{why}. "
                f"Manifest {state.baselined_hash[:12]}…"
            )
            self.summary.setObjectName("bannerInfo")
        else:
            text = f"{items}; not baselined yet."
            self.summary.setObjectName("bannerInfo")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.show_summary(text)

    # -- actions -------------------------------------------------------------------------
    def _add(self, values: dict[str, Any], on_error: OnError | None = None) -> bool:
        hashed = self._hashed(values, on_error)
        return hashed is not None and super()._add(hashed, on_error)

    def _edit(self, row: Any, values: dict[str, Any], on_error: OnError | None = None) -> bool:
        hashed = self._hashed(values, on_error)
        return hashed is not None and super()._edit(row, hashed, on_error)

    def _hashed(self, values: dict[str, Any], on_error: OnError | None) -> dict[str, Any] | None:
        """``values`` with the checksum of a local artifact that has none, hashed on a
        worker while the form waits (None: refused or cancelled; the form stays open)."""
        report = on_error or self.ctx.runner.report
        try:  # a missing file is refused inside the form, before any hashing
            ps.normalise_item(dict(values), hash_local=False)
        except ReleaseDeskError as exc:
            report(exc)
            return None
        if not needs_hash(values):
            return values
        done, result = self.hasher.wait_for(
            lambda tell, cancelled: hash_artifacts([values], tell, cancelled)[0],
            "Add configuration item",
            "Hashing the artifact…",
        )
        if isinstance(result, ReleaseDeskError):
            report(result)
        return result if done else None

    def import_file(self, path: Path | None = None) -> bool:
        """Read and hash a CSV or JSON list on a worker (asks for the file when None);
        its items are then added as one undoable step. Whether the import started."""
        assert self.release is not None
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, "Import configuration items", "", "Item lists (*.csv *.json)"
            )
            if not name:
                return False
            path = Path(name)
        self._importing = path
        self.import_button.setEnabled(False)
        self.importer.start(
            lambda tell, cancelled: prepare_items(path, tell, cancelled),
            "Import configuration items",
            f"Reading {path.name} and hashing its local artifacts…",
        )
        return True

    def _on_importer_finished(self, values: list[dict[str, Any]]) -> None:
        self.import_button.setEnabled(True)
        if self.release is None or self._importing is None:
            return
        text = f"Import {count(len(values), 'configuration item')} from '{self._importing.name}'"
        self.run(ImportItemsCommand(self.ctx.workspace, self.release.id, values, text))

    def _on_importer_cancelled(self) -> None:
        self.import_button.setEnabled(True)
        self._show_verdict("Import cancelled: nothing was imported.", ok=True)

    def _on_hashing_failed(self, error: ReleaseDeskError) -> None:
        self.import_button.setEnabled(True)
        self.verify_button.setEnabled(True)
        self.ctx.runner.report(error)

    def baseline(self, reason: str | None = None) -> bool:
        """Baseline the package on its current items (asks for a reason when None);
        undo puts the previous baseline back."""
        assert self.release is not None
        if reason is None:
            values = form_dialog.ask(
                "Baseline package", [Field("reason", "Reason", "multiline", "")], self
            )
            if values is None:
                return False
            reason = values["reason"]
        text = f"Baseline the package of '{self.release.title}'"
        return self.run(BaselineCommand(self.ctx.workspace, self.release.id, reason, text))

    def verify(self) -> None:
        """Re-hash the local artifacts off the GUI thread, with a progress bar and Cancel."""
        assert self.release is not None
        self.verify_button.setEnabled(False)
        rows = self.model.rows()
        self.verifier.start(
            lambda tell, cancelled: verify_items(rows, tell, cancelled),
            "Verify package",
            "Re-hashing local artifacts…",
        )

    def _on_verifier_finished(self, report: IntegrityReport) -> None:
        self.verify_button.setEnabled(True)
        self._show_verdict(verdict_text(report), report.ok)

    def _show_verdict(self, text: str, ok: bool) -> None:
        self.verdict.setText(text)
        self.verdict.setObjectName("bannerInfo" if ok else "bannerWarning")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.verdict.show()


def verdict_text(report: IntegrityReport) -> str:
    """What a verification found, for the banner under the buttons."""
    checked = count(len(report.checks), "item")
    if report.cancelled:
        return f"Verification cancelled after {checked}."
    if not report.failures:
        return f"Verified {checked}: every local artifact matches its SHA-256."
    lines = "".join(
        f"<br>• {html.escape(c.component)} {html.escape(c.version)}: "
        f"{c.outcome.value} — {html.escape(c.detail)}"
        for c in report.failures
    )
    return f"<b>{count(len(report.failures), 'item')} failed verification</b>{lines}"
