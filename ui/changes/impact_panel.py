"""Under the Changes tab's table: what the selected request does to the plan, and who
moved it through its statuses, when and why.

The impact is worked out anew by the engine on a what-if copy of the plan
(:func:`change_impact.compute_impact`, read only) on a worker thread whenever the
selection, the request or the plan changes: so an assessed or approved request shows
what it would do *now*, and says so when the plan moved since it was assessed. An
implemented or rejected request shows the impact recorded when it was assessed (its
changes are in the plan, or never will be).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from app.dates_text import moment
from app.enums import ChangeRequestStatus as Status
from app.errors import ReleaseDeskError
from app.services.change_impact import Impact, compute_impact
from app.services.change_request_service import ChangeRequestRow, DecisionRow
from app.workspace import Workspace
from ui.background_call import LatestCall

LIVE = (Status.SUBMITTED, Status.ASSESSED, Status.APPROVED)
PROMPT = "Select a request to see what it does to the plan and who decided what."


def decision_line(d: DecisionRow, impact: str = "") -> str:
    """``Approved by dana on 1 Dec 2026 14:03 — Worth it`` (an assessment's reason is
    left out when it is only the ``impact`` sentence shown above)."""
    who = d.author or "someone"
    text = f"{d.status.value.capitalize()} by {who} on {moment(d.decided_at)}"
    return f"{text} — {d.reason}" if d.reason and d.reason != impact else text


class ImpactPanel(QWidget):
    """``impact`` (the sentence) over ``history`` (one line per status step)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeImpact")
        self.impact = QLabel(PROMPT, wordWrap=True)
        self.impact.setObjectName("bannerInfo")
        self.impact.setTextFormat(Qt.TextFormat.RichText)
        self.impact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = QListWidget()
        self.history.setObjectName("decisionHistory")
        self.history.setAccessibleName("Decision history")
        self.history.setWordWrap(True)
        self.history.setMaximumHeight(96)
        self.history_label = QLabel("<b>Decisions</b>")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.impact)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history)
        self._row: ChangeRequestRow | None = None
        self._working = LatestCall("Working out the request's impact", self)
        self._working.succeeded.connect(self._on_worked_out)
        self._working.failed.connect(self._on_failed)
        self._closed = False

    @property
    def busy(self) -> bool:
        """Whether the impact shown waits for the engine."""
        return self._working.busy

    def show_request(self, ws: Workspace, row: ChangeRequestRow | None) -> None:
        """Show ``row``'s impact (worked out in the background) and its decisions."""
        self._row = row
        self._working.cancel()
        self._show_history(row)
        if row is None or self._closed:
            self.impact.setText(PROMPT)
            return
        title = f"<b>{html.escape(row.title)}</b>"
        if row.status not in LIVE:
            recorded = html.escape(row.impact) if row.impact else "it was never assessed."
            verb = "implemented" if row.status is Status.IMPLEMENTED else "rejected"
            self.impact.setText(f"{title} ({verb}). When assessed: {recorded}")
            return
        self.impact.setText(f"{title}: working out what it does to the plan…")
        release_id, items = row.release_id, row.items
        self._working.start(lambda: compute_impact(ws, release_id, items))

    def close_workspace(self) -> None:
        """Let a computation under way finish before the workspace closes."""
        self._closed = True
        self._working.cancel()
        self._working.wait()

    def _show_history(self, row: ChangeRequestRow | None) -> None:
        self.history.clear()
        decisions = row.decisions if row is not None else ()
        for d in reversed(decisions):  # the latest first
            self.history.addItem(decision_line(d, row.impact if row is not None else ""))
        if row is not None and not decisions:
            self.history.addItem("No decision yet: the request is submitted.")

    def _on_worked_out(self, impact: Impact) -> None:
        row = self._row
        if row is None:
            return
        sentence = impact.sentence
        text = f"<b>{html.escape(row.title)}</b> — if implemented now: {html.escape(sentence)}"
        if row.impact and row.impact != sentence:
            text += (
                "<br><i>The plan changed since the request was assessed; then: "
                f"{html.escape(row.impact)}</i>"
            )
        self.impact.setText(text)

    def _on_failed(self, error: ReleaseDeskError) -> None:
        if self._row is not None:
            self.impact.setText(f"<b>{html.escape(self._row.title)}</b>: {html.escape(str(error))}")
