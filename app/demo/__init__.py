"""The demo workspace and the scale data for benchmarks."""

from __future__ import annotations

from app.demo.generator import DEFAULT_SEED, DemoSummary, create_demo_workspace, populate_demo

__all__ = ["DEFAULT_SEED", "DemoSummary", "create_demo_workspace", "populate_demo"]
