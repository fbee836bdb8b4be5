"""The main window's status bar: where you are working, as whom, and whether it is live.

Left: the workspace and its kind (local file or shared server). Right: the signed-in
user and the connection: saved locally, connected (colleagues' changes arrive live),
connected without live updates (the reason in the tooltip), or offline. Colleagues'
saves are announced as a temporary message.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from app.changes import Change
from app.workspace import DatabaseKind, Workspace
from ui.change_hub import ChangeHub
from ui.live_updates import LiveUpdates, colleague_summary

_GREEN, _AMBER, _RED = "#2f9e60", "#d9a400", "#d14343"


class WorkspaceStatus(QObject):
    """Keeps the status bar in step with the workspace, the connection and live updates."""

    def __init__(self, bar: QStatusBar, hub: ChangeHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.workspace_label = QLabel()
        self.user_label = QLabel()
        self.connection_label = QLabel()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self.workspace_label)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.connection_label)
        self.live = LiveUpdates(hub, self)
        self.live.state_changed.connect(self._on_live_state_changed)
        self.live.received.connect(self._on_live_received)
        hub.connection_changed.connect(self.refresh)
        self._workspace: Workspace | None = None

    def show_workspace(self, workspace: Workspace) -> None:
        """Describe ``workspace`` and start listening to colleagues on a shared one."""
        self._workspace = workspace
        self.refresh()
        self.live.watch(workspace)

    def stop(self) -> None:
        """Stop listening (the window closes)."""
        self.live.stop()

    def refresh(self, online: bool | None = None) -> None:
        """Redraw the labels; ``online`` is what the last database call found."""
        ws = self._workspace
        if ws is None:
            return
        local = ws.kind == DatabaseKind.LOCAL
        kind = "local file" if local else "shared server"
        self.workspace_label.setText(f"{ws.name}  ·  {kind}")
        self.workspace_label.setToolTip(ws.summary().location if local else kind)
        self.user_label.setText(f"Signed in as {ws.user}")
        online = ws.online if online is None else online
        colour, state, tip = _GREEN, "Saved locally" if local else "Connected", ""
        if not online:
            colour, state = _RED, "Offline"
        elif ws.read_only:  # a file this user cannot write, a stakeholder's login
            colour, state = _AMBER, "Read-only"
            reason = ws.read_only_reason
            tip = f"{reason[:1].upper()}{reason[1:]}: changes cannot be saved."
        elif not local and self.live.problem:
            colour, state, tip = _AMBER, "Connected · no live updates", self.live.problem
        elif not local:
            tip = "Colleagues' changes appear as they are saved."
        self.connection_label.setText(f"<span style='color:{colour}'>●</span> {state}")
        self.connection_label.setToolTip(tip)

    def _on_live_state_changed(self, _listening: bool, _why: str) -> None:
        self.refresh()

    def _on_live_received(self, changes: tuple[Change, ...]) -> None:
        self.bar.showMessage(colleague_summary(changes), 8_000)
