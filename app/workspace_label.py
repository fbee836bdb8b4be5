"""How a remembered workspace reads in a menu: its name and where it lives, not a URL.

``demo.db — /home/priya/plans`` for a file; ``releases on dbhost:5432 as alice`` for a
shared database (no driver name, no connection options, never a password).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url


def workspace_label(target: str) -> str:
    """A short, readable name for the workspace at ``target`` (a path or a URL)."""
    if "://" not in target:
        return _file_label(target)
    try:
        url = make_url(target)
        port = url.port  # ":notaport" is only found when the port is read
    except Exception:  # not a URL we can read: show it as it is
        return target
    if url.get_backend_name() == "sqlite":
        return _file_label(url.database or target)
    where = f"{url.host or 'localhost'}{f':{port}' if port else ''}"
    who = f" as {url.username}" if url.username else ""
    return f"{url.database or '(no database)'} on {where}{who}"


def _file_label(path: str) -> str:
    file = Path(path).expanduser()
    return f"{file.name} — {file.parent}" if str(file.parent) not in ("", ".") else file.name
