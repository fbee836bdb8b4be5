"""The release editor's plan line: when the plan finishes, against baseline and deadline.

"Plan finishes 27 Jan 2027 15:00 · 6d late against baseline · misses its deadline",
with the baseline and deadline dates in the tooltip. Scheduled with the release's
upstream work, like ``releasedesk plan variance``; hidden for a release without tasks.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from app.dates_text import moment
from app.errors import PlanNotSchedulableError, ReleaseDeskError
from app.services.working_time import slip_words
from ui.background_call import LatestCall

if TYPE_CHECKING:
    from app.services.baseline_service import ReleaseSlip
    from app.workspace import Workspace

# Tables whose changes can move a plan's dates (a baseline is stored on the tasks).
PLAN_INPUTS = frozenset(
    {"task", "task_link", "calendar", "calendar_exception", "release_dependency"}
)
_LATE = "#d14343"


def plan_text(slip: ReleaseSlip) -> str:
    """The line for ``slip`` (rich text: what is late is red)."""
    parts = [f"Plan finishes {moment(slip.finish)}"]
    minutes = slip.finish_variance_minutes or 0
    if slip.baseline_finish is None:
        parts.append("no baseline yet")
    elif not minutes:
        parts.append("on baseline")
    else:
        words = f"{slip_words(minutes, slip.minutes_per_day)} against baseline"
        parts.append(f"<span style='color:{_LATE}'>{words}</span>" if minutes > 0 else words)
    if slip.deadline is not None and slip.finish > slip.deadline:
        parts.append(f"<span style='color:{_LATE}'>misses its deadline</span>")
    return " · ".join(parts)


def plan_tooltip(slip: ReleaseSlip) -> str:
    """The dates behind the line."""
    lines = ["Scheduled with the upstream work this release depends on."]
    if slip.baseline_finish is not None:
        lines.append(f"Baseline finish: {moment(slip.baseline_finish)}")
    if slip.deadline is not None:
        lines.append(f"Deadline: {moment(slip.deadline)}")
    return "\n".join(lines)


class PlanSummary(QLabel):
    """One line under the editor's title; refreshed when the release or its plan changes.

    Scheduling runs on a worker thread (the first time it also loads the engine), so
    opening the editor never waits for it; the line appears when the schedule is ready.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorPlan")
        self.setWordWrap(True)
        self.hide()
        self._release_id: uuid.UUID | None = None
        self._scheduling = LatestCall("Scheduling", self)
        self._scheduling.succeeded.connect(self._on_scheduled)
        self._scheduling.failed.connect(self._on_failed)
        self._closed = False

    def show_release(self, workspace: Workspace, release_id: uuid.UUID) -> None:
        """Schedule the release in the background and show the line when it is done."""
        if self._closed:
            return
        if release_id != self._release_id:
            self.hide()  # never show the previous release's plan under this title
        self._release_id = release_id
        self._scheduling.start(lambda: _slip(workspace, release_id))

    @property
    def busy(self) -> bool:
        """Whether the line waits for a schedule."""
        return self._scheduling.busy

    def close_workspace(self) -> None:
        """Let a schedule under way finish before the workspace closes; start no other."""
        self._closed = True
        self._scheduling.cancel()
        self._scheduling.wait()

    def _on_scheduled(self, slip: ReleaseSlip) -> None:
        if not slip.tasks:
            self.hide()
            return
        self.setText(plan_text(slip))
        self.setToolTip(plan_tooltip(slip))
        self.show()

    def _on_failed(self, error: ReleaseDeskError) -> None:
        if isinstance(error, PlanNotSchedulableError):
            self.setText(f"<span style='color:{_LATE}'>Plan cannot be scheduled: {error}</span>")
            self.setToolTip("")
            self.show()
        else:  # deleted meanwhile, or offline: the editor says so itself
            self.hide()


def _slip(workspace: Workspace, release_id: uuid.UUID) -> ReleaseSlip:
    # Imported here, on the worker thread: the engine (numpy, holidays) loads there.
    from app.services.baseline_service import release_slip

    return release_slip(workspace, release_id)
