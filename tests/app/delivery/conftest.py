"""Fixtures of the delivery tests: a release with a baselined package and four stages."""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.services import package_service
from app.workspace import Workspace
from models.enums import EnvironmentStage
from tests.app.services.builders import add_environment, make_world

STAGES = (
    ("Dev", EnvironmentStage.DEV),
    ("Test", EnvironmentStage.TEST),
    ("Staging", EnvironmentStage.STAGING),
    ("Production", EnvironmentStage.PROD),
)


@dataclass(frozen=True)
class Delivery:
    """Release "Checkout 1.0" with a baselined package; environments by name."""

    ws: Workspace
    release_id: uuid.UUID
    envs: dict[str, uuid.UUID]
    manifest_hash: str

    @property
    def db(self) -> str:
        return self.ws.url.render_as_string(hide_password=False)


@pytest.fixture
def delivery(workspace: Workspace) -> Delivery:
    return make_delivery(workspace)


def make_delivery(workspace: Workspace) -> Delivery:
    """Payments' "Checkout 1.0", its package baselined, and Dev → Production."""
    world = make_world(workspace)
    envs = {
        name: add_environment(workspace, name, stage, order)
        for order, (name, stage) in enumerate(STAGES)
    }
    package_service.add_item(workspace, world.release_id, "checkout-api", "1.0.0")
    package_service.baseline_package(workspace, world.release_id)
    manifest = package_service.package_state(workspace, world.release_id).baselined_hash
    assert manifest is not None
    return Delivery(workspace, world.release_id, envs, manifest)


def stubborn_script(folder: Path) -> str:
    """A command that ignores SIGTERM, says "ready" and sleeps a minute."""
    script = folder / "stubborn.py"
    script.write_text(
        "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "print('ready', flush=True)\ntime.sleep(60)\n"
    )
    return f"{sys.executable} {script}"
