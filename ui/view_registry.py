"""The product's views, registered once each; the main window builds navigation,
menu entries and shortcuts from this registry.

Adding a view (calendar, Gantt, risks…) is one :func:`register_view` call in
:mod:`ui.views`; the factory is only called (and its module only imported) the first
time the view is shown, which keeps start-up fast.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QWidget

from app.workspace import Workspace
from ui.change_hub import ChangeHub
from ui.settings import Settings
from ui.undo.command_runner import CommandRunner


@dataclass
class ViewContext:
    """What every view gets: the workspace, the edit runner, change announcements."""

    workspace: Workspace
    runner: CommandRunner
    hub: ChangeHub
    settings: Settings
    open_release: Callable[[uuid.UUID], None] = field(default=lambda _id: None)


@dataclass(frozen=True)
class ViewSpec:
    """A view: id, title in the navigation, icon name in ``resources/icons``, factory.

    A view widget may offer ``refresh()``, ``focus_find()`` and ``close_workspace()``;
    the main window calls them when present.
    """

    id: str
    title: str
    icon: str
    factory: Callable[[ViewContext], QWidget]
    order: int = 100
    tooltip: str = ""


class ViewRegistry:
    """Ordered collection of :class:`ViewSpec`."""

    def __init__(self) -> None:
        self._specs: dict[str, ViewSpec] = {}

    def register(self, spec: ViewSpec) -> ViewSpec:
        if spec.id in self._specs:
            raise ValueError(f"A view with id '{spec.id}' is already registered.")
        self._specs[spec.id] = spec
        return spec

    def specs(self) -> list[ViewSpec]:
        return sorted(self._specs.values(), key=lambda s: (s.order, s.title))

    def get(self, view_id: str) -> ViewSpec:
        return self._specs[view_id]

    def __contains__(self, view_id: object) -> bool:
        return view_id in self._specs


REGISTRY = ViewRegistry()


def register_view(
    view_id: str,
    title: str,
    icon: str,
    factory: Callable[[ViewContext], QWidget],
    *,
    order: int = 100,
    tooltip: str = "",
) -> ViewSpec:
    """Add a view to the navigation (one call per view)."""
    return REGISTRY.register(ViewSpec(view_id, title, icon, factory, order, tooltip))
