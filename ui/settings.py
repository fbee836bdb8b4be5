"""What ReleaseDesk remembers between runs: geometry, splitters, workspaces."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    """A typed face over QSettings (tests pass an INI-file QSettings of their own)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings if qsettings is not None else QSettings()

    # -- workspaces ----------------------------------------------------------------------
    def last_workspace(self) -> str | None:
        value = self._s.value("workspace/last", None)
        return str(value) if value else None

    def recent_workspaces(self) -> list[str]:
        value = self._s.value("workspace/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def remember_workspace(self, target: str) -> None:
        """Make ``target`` the last workspace and the head of the recent list."""
        recent = [t for t in self.recent_workspaces() if t != target]
        self._s.setValue("workspace/recent", [target, *recent][:MAX_RECENT])
        self._s.setValue("workspace/last", target)

    def forget_workspace(self, target: str) -> None:
        self._s.setValue("workspace/recent", [t for t in self.recent_workspaces() if t != target])
        if self.last_workspace() == target:
            self._s.remove("workspace/last")

    # -- window state --------------------------------------------------------------------
    def state(self, key: str) -> QByteArray | None:
        value = self._s.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self._s.setValue(f"window/{key}", value)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._s.value(f"ui/{key}", default)
        return value in (True, "true", "1", 1)

    def set_flag(self, key: str, value: bool) -> None:
        self._s.setValue(f"ui/{key}", bool(value))

    def text(self, key: str, default: str = "") -> str:
        return str(self._s.value(f"ui/{key}", default) or default)

    def set_text(self, key: str, value: str) -> None:
        self._s.setValue(f"ui/{key}", value)

    def sync(self) -> None:
        self._s.sync()
