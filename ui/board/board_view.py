"""The planning board: filter bar, refusal banner and the state columns (or what to do
when they would be empty).

Thin: data sits in :class:`BoardModel`, drawing in :class:`CardDelegate`, edits go
through the undo stack as commands over release services. The cards show at once; the
scheduled finishes that make a card late and its open conflicts follow from the board's
background reads (:class:`BoardRead`), each read again only by changes that can move it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from PySide6.QtCore import QPoint, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.changes import Change, ChangeAction
from app.enums import ReleaseStatus
from app.errors import NotFoundError, ReleaseDeskError, TransitionRefused
from app.services import release_service
from app.services.board_service import with_schedule
from app.services.conflict_service import CONFLICT_INPUTS, conflict_sentences
from app.services.deletion_preview import deletion_preview
from app.services.portfolio_finish import scheduled_finishes
from app.services.release_lifecycle import ALLOWED, LABELS
from app.workspace import Workspace
from ui.board.board_filter import BoardFilter
from ui.board.board_grid import BoardGrid, Lane
from ui.board.board_model import BoardModel
from ui.board.board_read import BoardRead
from ui.board.card_source import load_cards, with_conflicts, with_release
from ui.board.column_list import KEYS
from ui.board.empty_board import EmptyBoard
from ui.board.filter_bar import FilterBar
from ui.dialogs.delete_dialog import confirm_delete, deleted_message
from ui.icons import icon
from ui.undo import release_commands
from ui.view_registry import ViewContext

GATE_HINTS = {
    ReleaseStatus.APPROVED: "Approved needs a scope sign-off from every required stakeholder.",
    ReleaseStatus.IN_PROGRESS: "In progress needs a planned window.",
    ReleaseStatus.DEPLOYED: "Deployed needs a verified deployment in every environment "
    "of the promotion path.",
    ReleaseStatus.CLOSED: "Closed needs every handover item accepted.",
}
# Changes to these entities can move readiness, risk counts or sign-off state of cards.
CARD_INPUTS = frozenset(
    {
        "scope_item",
        "sign_off",
        "stakeholder",
        "release_stakeholder",
        "handover_item",
        "risk",
        "deployment",
        "promotion_step",
        "domain",
        "person",
    }
)
# Changes to these entities can move a release's scheduled finish.
SCHEDULE_INPUTS = frozenset(
    {"release", "task", "task_link", "calendar", "calendar_exception", "domain"}
)


class BoardView(QWidget):
    """The planning board view."""

    release_activated = Signal(object)  # release id
    selection_changed = Signal(object)  # release id of the selected card, or None
    status_message = Signal(str)  # what an edit did, for the window's status bar

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = BoardModel(self)
        self.filter_bar = FilterBar()
        self.banner = QLabel(wordWrap=True)
        self.banner.setObjectName("bannerError")
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner_close = QToolButton(autoRaise=True)
        self.banner_close.setIcon(icon("close"))  # beside the banner, on the window
        self.banner_close.setToolTip("Close the message")
        self.banner_close.clicked.connect(self.hide_banner)
        self.grid = BoardGrid(self.model)
        self.empty = EmptyBoard()
        self.empty.new_requested.connect(lambda: self.new_release())
        self.empty.clear_requested.connect(self.filter_bar.clear)
        self._finishes: dict[uuid.UUID, dt.datetime] = {}
        self._conflicts: dict[uuid.UUID, tuple[str, ...]] = {}
        self._closed = False  # the workspace is closing: no more reads of it
        # The reads that take longer share one pool, a thread each: a portfolio's
        # schedule takes seconds, and neither it nor the conflicts should hold back the
        # other, nor imports or the editor's schedule (the application's pool) them.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._scheduling = BoardRead(
            "Scheduling the board", scheduled_finishes, self._workspace, self._pool, self
        )
        self._scheduling.answered.connect(self._on_scheduling_answered)
        self._finding = BoardRead(
            "Finding calendar conflicts", conflict_sentences, self._workspace, self._pool, self
        )
        self._finding.answered.connect(self._on_finding_answered)
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(16, 4, 16, 0)
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_bar)
        layout.addLayout(banner_row)
        self.pages = QStackedLayout()
        self.pages.addWidget(self.grid)
        self.pages.addWidget(self.empty)
        layout.addLayout(self.pages, 1)
        self.hide_banner()
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._reload_cards)

        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self.filter_bar.swimlanes_toggled.connect(self._on_filter_bar_swimlanes_toggled)
        self.grid.drop_requested.connect(self._on_grid_drop_requested)
        self.grid.open_requested.connect(self.release_activated)
        self.grid.selection_changed.connect(self.selection_changed)
        self.grid.move_requested.connect(self._on_grid_move_requested)
        self.grid.delete_requested.connect(self.delete_release)
        self.grid.context_menu_requested.connect(self._on_grid_context_menu_requested)
        self.ctx.hub.changed.connect(self._on_hub_changed)
        self.release_activated.connect(self.ctx.open_release)
        self.refresh()
        if self.ctx.settings.flag("board/swimlanes"):
            self.filter_bar.lanes.setChecked(True)

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read everything: the cards at once (applying the difference, no reset),
        their scheduled finishes and open conflicts off the GUI thread."""
        if self._closed:
            return
        self._reload_cards()
        self._scheduling.ask()
        self._finding.ask()

    def _workspace(self) -> Workspace:
        return self.ctx.workspace  # the one open when a read is asked for

    def _reload_cards(self) -> None:
        """Re-read the cards, with the finishes and conflicts known so far (a change
        that can move those asks for them itself: see :meth:`_on_hub_changed`)."""
        if self._closed:
            return
        try:
            cards = with_conflicts(load_cards(self.ctx.workspace, self._finishes), self._conflicts)
        except ReleaseDeskError as exc:
            self.show_banner(str(exc))
            return
        self.model.set_cards(cards)
        self._update_filter_choices()
        self.grid.update_counts()
        self._update_shown()

    def _on_finding_answered(self, sentences: dict[uuid.UUID, tuple[str, ...]]) -> None:
        self._conflicts = sentences
        self.model.set_cards(with_conflicts(self.model.cards(), sentences))

    def close_workspace(self) -> None:
        """Let the reads under way finish before the workspace closes, and start no
        other: a read after the close would open a connection nobody closes."""
        self._closed = True
        self._refresh_timer.stop()
        self._scheduling.close()
        self._finding.close()

    def _update_shown(self) -> None:
        """ "n of N shown" under a filter, and what to do instead of an empty board."""
        total, shown = self.model.rowCount(), self.model.shown_count()
        filtered = not self.model.filter.is_empty
        self.filter_bar.set_shown(shown, total, filtered)
        if not total:
            self.empty.show_no_releases()
        elif not shown:
            self.empty.show_no_match(total)
        self.pages.setCurrentWidget(self.grid if shown else self.empty)

    def _update_filter_choices(self) -> None:
        self.filter_bar.set_domains(self.lanes())
        owners = {c.release.owner_id: c.release.owner_name for c in self.model.cards()}
        self.filter_bar.set_owners(
            sorted(((i, n) for i, n in owners.items() if i), key=lambda p: p[1].casefold())
        )

    def lanes(self) -> list[Lane]:
        """Domains that have releases, by name (releases without a domain last)."""
        seen: dict[uuid.UUID | None, Lane] = {}
        for card in self.model.cards():
            r = card.release
            seen.setdefault(
                r.domain_id, (r.domain_id, r.domain_name or "No domain", r.domain_colour)
            )
        return sorted(seen.values(), key=lambda lane: (lane[0] is None, lane[1].casefold()))

    # -- banner --------------------------------------------------------------------------
    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()
        self.banner_close.show()

    def hide_banner(self) -> None:
        self.banner.clear()
        self.banner.hide()
        self.banner_close.hide()

    def banner_text(self) -> str:
        return self.banner.text() if self.banner.isVisible() or self.banner.text() else ""

    def _show_refusal(self, error: ReleaseDeskError) -> None:
        if isinstance(error, TransitionRefused):
            reasons = "".join(f"<li>{_escape(r)}</li>" for r in error.reasons)
            head = _escape(str(error).split(":")[0])
            target = next((s for s in GATE_HINTS if LABELS[s] in head.split(" to ")[-1:]), None)
            hint = f"<br><i>{GATE_HINTS[target]}</i>" if target else ""
            self.show_banner(f"<b>{head}</b><ul style='margin:2px 0'>{reasons}</ul>{hint}")
        else:
            self.show_banner(_escape(str(error)))

    # -- edits ---------------------------------------------------------------------------
    def transition(self, release_id: uuid.UUID, target: ReleaseStatus) -> bool:
        """Move one release through the undo stack; refusals show in the banner."""
        card = self.model.card(release_id)
        if card is None or card.release.status == target:
            return False
        self.hide_banner()
        command = release_commands.transition(self.ctx.workspace, card.release, target)
        return self.ctx.runner.run(command, on_error=self._show_refusal)

    def delete_release(self, release_id: uuid.UUID) -> bool:
        """Delete a release (asking first when content goes with it); the status bar
        then says what was deleted and that Undo brings it back."""
        card = self.model.card(release_id)
        if card is None:
            return False
        try:
            preview = deletion_preview(self.ctx.workspace, release_id)
        except ReleaseDeskError as exc:
            self.ctx.runner.report(exc)
            return False
        if not confirm_delete(self, preview):
            return False
        ok = self.ctx.runner.run(release_commands.delete_release(self.ctx.workspace, card.release))
        if ok:
            self.status_message.emit(deleted_message(preview.title))
        return ok

    def duplicate_release(self, release_id: uuid.UUID) -> bool:
        card = self.model.card(release_id)
        if card is None:
            return False
        command = release_commands.duplicate_release(self.ctx.workspace, card.release)
        ok = self.ctx.runner.run(command)
        if ok:
            self._select_created(command.created_id)
        return ok

    def new_release(self, name: str | None = None) -> uuid.UUID | None:
        """Create a Draft release (asks for its name when none is given) and open it."""
        if name is None:
            name, ok = QInputDialog.getText(self, "New release", "Name of the release:")
            if not ok or not name.strip():
                return None
        command = release_commands.create_release(self.ctx.workspace, name.strip())
        if not self.ctx.runner.run(command):
            return None
        self._select_created(command.created_id)
        self.release_activated.emit(command.created_id)
        return command.created_id

    def _select_created(self, release_id: uuid.UUID) -> None:
        """Select a card just created: its card is read now (a new release's change
        only schedules the refresh), so the user sees the new card selected."""
        self._refresh_timer.stop()
        self._reload_cards()
        self.grid.select_release(release_id)

    def preferred_width(self) -> int:
        """The width at which every column shows without scrolling (the main window
        leaves it beside the editor when the screen has room)."""
        return self.grid.widget().minimumSizeHint().width() + self.grid.frameWidth() * 2

    def focus_find(self) -> None:
        self.filter_bar.text.setFocus()
        self.filter_bar.text.selectAll()

    def panes(self) -> list[QWidget]:
        """The board's panes in F6 order: the filter bar, then the cards."""
        return [self.filter_bar, self.grid]

    def key_help(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The board's own keys (not actions) for the shortcuts sheet."""
        return "On the board", KEYS

    def handle_escape(self) -> bool:
        """Esc in the filter bar clears the filter (True when there was one)."""
        focus = self.window().focusWidget()
        if focus is None or not self.filter_bar.isAncestorOf(focus):
            return False
        return self.filter_bar.clear()

    def set_filter(self, board_filter: BoardFilter) -> None:
        # The model announces the rows whose verdict changed and the cells follow them;
        # when many rows changed, the cells holding them re-read their rows at once.
        self.grid.refilter(self.model.set_filter(board_filter))
        self._update_shown()

    def move(self, release_id: uuid.UUID, target: ReleaseStatus) -> bool:
        """Move a card to ``target`` as the user asked (drag, keys, menu): the card stays
        selected where it lands and the status bar says what happened."""
        card = self.model.card(release_id)
        if card is None or not self.transition(release_id, target):
            return False
        self.grid.select_release(release_id)
        self.status_message.emit(
            f"Moved {card.release.title} from {LABELS[card.release.status]} to "
            f"{LABELS[target]} (Undo puts it back)."
        )
        return True

    # -- slots ---------------------------------------------------------------------------
    def _on_filter_bar_filter_changed(self, board_filter: BoardFilter) -> None:
        self.set_filter(board_filter)

    def _on_filter_bar_swimlanes_toggled(self, on: bool) -> None:
        self.ctx.settings.set_flag("board/swimlanes", on)
        self.grid.build(self.lanes() if on else None)

    def _on_grid_drop_requested(self, ids: list[uuid.UUID], target: ReleaseStatus) -> None:
        for release_id in ids:
            self.move(release_id, target)

    def _on_grid_move_requested(self, release_id: uuid.UUID, step: int) -> None:
        card = self.model.card(release_id)
        if card is None:
            return
        order = list(ReleaseStatus)
        i = order.index(card.release.status) + step
        if 0 <= i < len(order):
            self.move(release_id, order[i])

    def _on_grid_context_menu_requested(self, release_id: uuid.UUID, pos: QPoint) -> None:
        card = self.model.card(release_id)
        if card is None:
            return
        menu = QMenu(self)
        menu.addAction(icon("edit"), "Open", lambda: self.release_activated.emit(release_id))
        move = menu.addMenu("Move to")
        for status in ReleaseStatus:
            if status in ALLOWED[card.release.status]:
                move.addAction(LABELS[status], lambda s=status: self.move(release_id, s))
        menu.addAction(
            icon("duplicate"),
            "Duplicate as new release",
            lambda: self.duplicate_release(release_id),
        )
        menu.addSeparator()
        menu.addAction(icon("delete"), "Delete", lambda: self.delete_release(release_id))
        menu.popup(pos)

    def _on_scheduling_answered(self, finishes: dict[uuid.UUID, dt.datetime]) -> None:
        self._finishes = finishes
        self.model.set_cards(with_schedule(self.model.cards(), finishes))
        self.grid.update_counts()
        self._update_shown()

    def _on_hub_changed(self, changes: Iterable[Change]) -> None:
        if self._closed:
            return
        changes = list(changes)
        if any(change.entity in SCHEDULE_INPUTS for change in changes):
            self._scheduling.ask_soon()
        if any(change.entity in CONFLICT_INPUTS for change in changes):
            self._finding.ask_soon()
        for change in changes:
            if change.entity == "release":
                self._apply_release_change(change)
            elif change.entity in CARD_INPUTS:
                self._refresh_timer.start()

    def _apply_release_change(self, change: Change) -> None:
        if change.action == ChangeAction.DELETED and change.ids:
            for release_id in change.ids:
                self.model.remove_card(release_id)
            self.grid.update_counts()
            self._update_shown()
            return
        if change.action in (ChangeAction.CREATED, ChangeAction.RESTORED) or not change.ids:
            self._refresh_timer.start()
            return
        for release_id in change.ids:
            card = self.model.card(release_id)
            try:
                row = release_service.get_release(self.ctx.workspace, release_id)
            except NotFoundError:
                self.model.remove_card(release_id)
                continue
            except ReleaseDeskError:
                self._refresh_timer.start()
                return
            if card is None:
                self._refresh_timer.start()
            else:
                self.model.update_card(with_release(card, row))
        self.grid.update_counts()
        self._update_shown()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
