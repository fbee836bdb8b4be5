"""The release editor's conflicts line: the release's open calendar conflicts, said.

"2 conflicts: Checkout 2.0 to Production (16 Dec 2026 09:00–10:00) falls in the freeze
…", one sentence per line with the suggested fix in the tooltip; hidden when there are
none. Found on a worker thread like the plan line, so opening the editor never waits.
"""

from __future__ import annotations

import html
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.services.conflict_service import release_conflicts
from ui import theme
from ui.background_call import LatestCall
from ui.board.card_text import conflicts_badge

if TYPE_CHECKING:
    from app.workspace import Workspace

SHOWN = 3  # sentences in the header; the tooltip has them all

Said = tuple[tuple[str, str], ...]  # (sentence, suggested fix or "") per conflict


def _said(workspace: Workspace, release_id: uuid.UUID) -> Said:
    """The conflicts as text, worked out on the worker thread."""
    return tuple(
        (c.sentence, c.fix.sentence if c.fix else "")
        for c in release_conflicts(workspace, release_id)
    )


def conflicts_text(said: Said) -> str:
    """The header's rich text for ``said`` (at least one conflict)."""
    colour = theme.colours().danger_text
    lines = [f"<b style='color:{colour}'>⚠ {conflicts_badge(len(said))}</b>"]
    lines += [f"• {html.escape(sentence)}" for sentence, _fix in said[:SHOWN]]
    if len(said) > SHOWN:
        lines.append(f"… and {len(said) - SHOWN} more (see the tooltip)")
    return "<br>".join(lines)


def conflicts_tooltip(said: Said) -> str:
    """Every conflict with its suggested fix."""
    return "\n".join(
        f"• {sentence}" + (f"\n   Suggested: {fix}" if fix else "") for sentence, fix in said
    )


class ConflictSummary(QLabel):
    """Under the editor's title: the release's open conflicts; hidden without any."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorConflicts")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.hide()
        self._release_id: uuid.UUID | None = None
        self.said: Said = ()
        self._finding = LatestCall("Finding calendar conflicts", self)
        self._finding.succeeded.connect(self._on_found)
        self._finding.failed.connect(lambda _error: self.hide())

    def show_release(self, workspace: Workspace, release_id: uuid.UUID) -> None:
        """Find the release's conflicts in the background and show them when found."""
        if release_id != self._release_id:
            self.hide()  # never show the previous release's conflicts under this title
        self._release_id = release_id
        self._finding.start(lambda: _said(workspace, release_id))

    @property
    def busy(self) -> bool:
        """Whether the line waits for the conflicts."""
        return self._finding.busy

    def _on_found(self, said: Said) -> None:
        self.said = said
        if not said:
            self.hide()
            return
        self.setText(conflicts_text(said))
        self.setToolTip(conflicts_tooltip(said))
        self.show()
