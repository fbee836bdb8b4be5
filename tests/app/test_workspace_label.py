"""Remembered workspaces read as a name and a place, never as a raw URL."""

from __future__ import annotations

import pytest

from app.workspace_label import workspace_label


@pytest.mark.parametrize(
    ("target", "label"),
    [
        ("/home/priya/plans/demo.db", "demo.db — /home/priya/plans"),
        ("demo.db", "demo.db"),
        ("sqlite:////srv/team/releases.db", "releases.db — /srv/team"),
        (
            "postgresql+psycopg://alice@dbhost:5432/releases?connect_timeout=5",
            "releases on dbhost:5432 as alice",
        ),
        ("postgresql+psycopg://dbhost/releases", "releases on dbhost"),
        ("postgresql+psycopg://u:pw@h:notaport/db", "postgresql+psycopg://u:pw@h:notaport/db"),
    ],
)
def test_a_workspace_reads_as_its_name_and_place(target: str, label: str) -> None:
    assert workspace_label(target) == label
