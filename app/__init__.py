"""ReleaseDesk's Qt-free core: services, scheduling, interchange, CLI."""

from __future__ import annotations

__version__ = "0.1.0"
