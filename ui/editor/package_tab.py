"""Package items: the release's configuration items, with import, baseline and verify.

The banner above the table says whether the package matches its baseline; a package
that deviates stands out (warning colours) listing what changed, until it is
re-baselined with a reason. Verification re-hashes local artifacts off the GUI thread
(:class:`~ui.editor.package_verify.PackageVerifier`).
"""

from __future__ import annotations

import html
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QLabel

from app import clock
from app.changes import Change
from app.dates_text import moment
from app.services import package_service as ps
from app.services.package_import import import_items
from app.services.package_integrity import IntegrityReport
from app.words import count
from ui.dialogs import form_dialog
from ui.dialogs.form_dialog import Field
from ui.editor.form_fields import field
from ui.editor.package_model import PackageModel
from ui.editor.package_verify import PackageVerifier
from ui.editor.table_tab import RowTexts, TableTab
from ui.undo.editor_commands import RowService
from ui.view_registry import ViewContext


def _create(ws: Any, release_id: uuid.UUID, **values: Any) -> Change:
    return ps.add_item(
        ws,
        release_id,
        values.get("component", ""),
        values.get("version_label", ""),
        artifact=values.get("artifact_uri", ""),
        sha256=values.get("sha256", ""),
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
        self.verifier = PackageVerifier(ctx.workspace, self)
        self.verifier.finished.connect(self._on_verifier_finished)

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
            why = f" — {html.escape(state.baseline_reason)}" if state.baseline_reason else ""
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
    def import_file(self, path: Path | None = None) -> bool:
        """Add the items of a CSV or JSON list (asks for the file when None)."""
        assert self.release is not None
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, "Import configuration items", "", "Item lists (*.csv *.json)"
            )
            if not name:
                return False
            path = Path(name)
        rid, ws = self.release.id, self.ctx.workspace
        return self.ctx.runner.run_once(lambda: import_items(ws, rid, path))

    def baseline(self, reason: str | None = None) -> bool:
        """Baseline the package on its current items (asks for a reason when None)."""
        assert self.release is not None
        if reason is None:
            values = form_dialog.ask(
                "Baseline package", [Field("reason", "Reason", "multiline", "")], self
            )
            if values is None:
                return False
            reason = values["reason"]
        rid, ws = self.release.id, self.ctx.workspace
        return self.ctx.runner.run_once(lambda: ps.baseline_package(ws, rid, reason))

    def verify(self) -> None:
        """Re-hash the local artifacts off the GUI thread, with a progress bar and Cancel."""
        assert self.release is not None
        self.verify_button.setEnabled(False)
        self.verifier.start(self.model.rows())

    def _on_verifier_finished(self, report: IntegrityReport) -> None:
        self.verify_button.setEnabled(True)
        self.verdict.setText(verdict_text(report))
        self.verdict.setObjectName("bannerInfo" if report.ok else "bannerWarning")
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
