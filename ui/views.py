"""The views of ReleaseDesk, in navigation order. One call per view.

Factories import their module lazily so that start-up only pays for the first view.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.view_registry import REGISTRY, ViewContext, register_view


def _board(ctx: ViewContext) -> QWidget:
    from ui.board.board_view import BoardView

    return BoardView(ctx)


def _risks(ctx: ViewContext) -> QWidget:
    from ui.risks.risks_view import RisksView

    return RisksView(ctx)


def _history(ctx: ViewContext) -> QWidget:
    from ui.history.history_view import HistoryView

    return HistoryView(ctx)


def register_builtin_views() -> None:
    """Register the built-in views (idempotent)."""
    if "board" not in REGISTRY:
        register_view(
            "board",
            "Planning board",
            "board",
            _board,
            order=10,
            tooltip="Releases by lifecycle state; drag a card to move it",
        )
    if "risks" not in REGISTRY:
        register_view(
            "risks",
            "Risks and issues",
            "risks",
            _risks,
            order=40,
            tooltip="The risk log with its heat map, and the issue log",
        )
    if "history" not in REGISTRY:
        register_view(
            "history",
            "History",
            "history",
            _history,
            order=90,
            tooltip="Who changed what and when, in the whole workspace",
        )
