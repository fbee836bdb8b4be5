"""Server passwords: never in a file, only in the system keyring when the user asks.

A workspace target is a file path or a database URL. What ReleaseDesk remembers (the
last and recent workspaces) is the target without its password; what it prints or
shows hides the password as ``***``; the password itself lives in the system keyring
under ``user@host:port/database`` and is put back when a remembered URL is opened.
``keyring`` is imported only when a password is stored or looked up (start-up stays
light, and a desktop without a keyring backend simply has none).
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url

from app.masking import URL_PASSWORD, mask_passwords

KEYRING_SERVICE = "ReleaseDesk"


def keyring_account(user: str, host: str, port: int, database: str) -> str:
    """The keyring's account name for one login on one database."""
    return f"{user}@{host}:{port}/{database}"


def _server_url(target: str) -> URL | None:
    """``target`` parsed when it is a server URL (not a path, not SQLite, not malformed)."""
    if "://" not in target or target.startswith("sqlite"):
        return None
    try:
        url = make_url(target)
        url.port  # noqa: B018  # ":notaport" is only found when the port is read
    except Exception:  # malformed: there is no URL object to work on
        return None
    return url


def without_password(target: str) -> str:
    """``target`` as it may be remembered: a URL without its password, a path unchanged."""
    url = _server_url(target)
    if url is None:
        # A malformed URL can still hold a password: drop it rather than keep it.
        return URL_PASSWORD.sub(lambda m: m["head"][:-1] + "@", target)
    if url.password is None:
        return target  # as the user wrote it (no needless re-rendering)
    # Not ``url.set(password=None)``: ``set`` ignores None and would keep the password.
    return url._replace(password=None).render_as_string(hide_password=False)


def account_of(target: str) -> str | None:
    """The keyring account of a server URL with a user name, else None."""
    url = _server_url(target)
    if url is None or not url.username:
        return None
    host, port = url.host or "localhost", url.port or 5432
    return keyring_account(url.username, host, port, url.database or "")


def password_of(target: str) -> str | None:
    """The password written into a server URL, if any."""
    url = _server_url(target)
    return url.password if url is not None and url.password else None


def stored_password(account: str) -> str:
    """The password kept in the system keyring ('' when none or no keyring)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, account) or ""
    except Exception:  # no keyring backend on this desktop: there is simply none
        return ""


def store_password(account: str, password: str) -> str | None:
    """Keep ``password`` in the system keyring; return why it could not be, else None."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, account, password)
    except Exception as exc:  # no keyring backend: the caller says so, never writes a file
        return mask_passwords(str(exc)) or type(exc).__name__
    return None


def with_keyring_password(target: str) -> str:
    """A server URL remembered without password gets it back from the keyring."""
    url = _server_url(target)
    account = account_of(target)
    if url is None or account is None or url.password:
        return target
    password = stored_password(account)
    if not password:
        return target
    return url.set(password=password).render_as_string(hide_password=False)


def remember_password(target: str) -> str | None:
    """Store the password written into ``target`` in the keyring (the user asked to).

    Returns why it could not be stored, or None when it was (or there was none).
    """
    account, password = account_of(target), password_of(target)
    if account is None or password is None:
        return None
    return store_password(account, password)
