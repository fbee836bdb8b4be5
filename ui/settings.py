"""What ReleaseDesk remembers between runs: geometry, splitters, workspaces."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from app.credentials import without_password
from ui.theme import THEMES

MAX_RECENT = 8


class Settings:
    """A typed face over QSettings (tests pass an INI-file QSettings of their own)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings if qsettings is not None else QSettings()

    # -- workspaces ----------------------------------------------------------------------
    # Server URLs are remembered without their password (it belongs in the keyring, if
    # anywhere); entries an older ReleaseDesk wrote with one are read without it too.
    def last_workspace(self) -> str | None:
        value = self._s.value("workspace/last", None)
        return without_password(str(value)) if value else None

    def recent_workspaces(self) -> list[str]:
        value = self._s.value("workspace/recent", [])
        if isinstance(value, str):
            value = [value]
        return list(dict.fromkeys(without_password(str(v)) for v in (value or []) if v))

    def remember_workspace(self, target: str) -> None:
        """Make ``target`` (without password) the last workspace and the head of the recent list."""
        target = without_password(target)
        recent = [t for t in self.recent_workspaces() if t != target]
        self._s.setValue("workspace/recent", [target, *recent][:MAX_RECENT])
        self._s.setValue("workspace/last", target)

    def forget_workspace(self, target: str) -> None:
        target = without_password(target)
        self._s.setValue("workspace/recent", [t for t in self.recent_workspaces() if t != target])
        if self.last_workspace() == target:
            self._s.remove("workspace/last")

    def scrub_passwords(self) -> None:
        """Rewrite remembered workspaces that an older ReleaseDesk stored with a password."""
        raw_recent = self._s.value("workspace/recent", [])
        raw_recent = [raw_recent] if isinstance(raw_recent, str) else list(raw_recent or [])
        if [str(v) for v in raw_recent if v] != (recent := self.recent_workspaces()):
            self._s.setValue("workspace/recent", recent)
        raw_last = self._s.value("workspace/last", None)
        if raw_last and str(raw_last) != self.last_workspace():
            self._s.setValue("workspace/last", self.last_workspace())
        self._s.sync()

    # -- the last shared server ------------------------------------------------------------
    SERVER_KEYS = ("host", "port", "database", "user")

    def last_server(self) -> dict[str, str]:
        """Host, port, database and user of the last server connected to (no password:
        none is ever stored here)."""
        return {k: str(v) for k in self.SERVER_KEYS if (v := self._s.value(f"server/{k}"))}

    def remember_server(self, host: str, port: int, database: str, user: str) -> None:
        values = {"host": host, "port": str(port), "database": database, "user": user}
        for key, value in values.items():
            self._s.setValue(f"server/{key}", value)

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

    def theme(self) -> str:
        """View → Theme: "system", "light" or "dark"."""
        value = self.text("theme", "system")
        return value if value in THEMES else "system"

    def set_theme(self, value: str) -> None:
        self.set_text("theme", value)

    def sync(self) -> None:
        self._s.sync()
