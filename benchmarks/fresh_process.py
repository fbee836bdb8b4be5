"""The environment of a timed fresh process: bytecode cached, as an installed app has it.

Where ``PYTHONDONTWRITEBYTECODE`` is set (as on this machine and the team's build
machines) every start would compile the project's modules from source again (~70
modules, ~0.1 s), which no coordinator's start does. The caches go under /tmp
(``PYTHONPYCACHEPREFIX``), one per checkout, so a timed checkout's tree is not touched;
run each command once untimed to fill them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def bytecode_env(root: Path, **extra: str) -> dict[str, str]:
    """``os.environ`` plus ``extra``, writing and reading bytecode under /tmp for ``root``."""
    env = dict(os.environ, **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    tag = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:12]
    env["PYTHONPYCACHEPREFIX"] = f"/tmp/releasedesk-pycache-{tag}"
    return env
