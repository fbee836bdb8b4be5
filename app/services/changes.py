"""Moved to :mod:`app.changes` (services, sync and the UI all use it); this name is
kept so that code written against the old place keeps importing."""

from __future__ import annotations

from app.changes import Change, ChangeAction

__all__ = ["Change", "ChangeAction"]
