"""Server passwords: remembered targets carry none, messages mask them, the keyring keeps them."""

from __future__ import annotations

import pytest

from app import cli
from app.credentials import (
    mask_passwords,
    remember_password,
    with_keyring_password,
    without_password,
)
from app.errors import ConnectionLostError
from app.workspace import Workspace
from tests.memory_keyring import MemoryKeyring

URL = "postgresql+psycopg://alice:s3cret@dbhost:5433/releases"


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        (URL, "postgresql+psycopg://alice@dbhost:5433/releases"),
        (
            "postgresql+psycopg://alice:p%40ss@dbhost/releases?connect_timeout=5",
            "postgresql+psycopg://alice@dbhost/releases?connect_timeout=5",
        ),
        ("postgresql+psycopg://alice@dbhost/releases", "postgresql+psycopg://alice@dbhost/releases"),
        ("/home/alice/plan.db", "/home/alice/plan.db"),
        ("sqlite:////home/alice/plan.db", "sqlite:////home/alice/plan.db"),
        # Malformed (a port that is no number): the password still goes.
        ("postgresql+psycopg://alice:s3cret@dbhost:notaport/x", "postgresql+psycopg://alice@dbhost:notaport/x"),
    ],
)
def test_remembered_targets_carry_no_password(target: str, kept: str) -> None:
    assert without_password(target) == kept


def test_messages_show_the_password_as_stars() -> None:
    text = f"cannot open {URL} (tried postgresql://bob:pw@h/db)"
    masked = mask_passwords(text)
    assert "s3cret" not in masked and ":pw@" not in masked
    assert "alice:***@dbhost" in masked and "bob:***@h" in masked


def test_the_keyring_keeps_the_password_only_when_asked(memory_keyring: MemoryKeyring) -> None:
    remembered = without_password(URL)
    assert with_keyring_password(remembered) == remembered  # nothing stored yet
    assert remember_password(URL) is None
    assert memory_keyring.saved == {("ReleaseDesk", "alice@dbhost:5433/releases"): "s3cret"}
    assert with_keyring_password(remembered) == URL


def test_cli_errors_mask_a_password(monkeypatch, capsys) -> None:
    """Whatever a driver puts in its message, the one line on stderr hides the password."""

    def refuse(cls, target, **_kwargs):
        raise ConnectionLostError(f"Cannot connect: the server refused '{target}'")

    monkeypatch.setattr(Workspace, "open", classmethod(refuse))
    assert cli.main(["db", "info", "--db", URL]) == 3
    err = capsys.readouterr().err
    assert "s3cret" not in err and "alice:***@dbhost" in err
