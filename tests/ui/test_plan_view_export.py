"""File → Export chart…: PNG, SVG and PDF files that open, never over a file unasked."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.main_window import MainWindow
from ui.plan import chart_export
from ui.plan.plan_view import PlanView

from .plan_view_helpers import import_known_plan, view_context

SIGNATURES = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-", ".svg": b"<?xml"}


@pytest.fixture
def view(qtbot, sqlite_workspace, presenter, tmp_path):
    release_id = import_known_plan(sqlite_workspace)
    widget = PlanView(view_context(sqlite_workspace, presenter, tmp_path))
    qtbot.addWidget(widget)
    widget.show_release(release_id)
    return widget


def _answer_dialog(monkeypatch, path: Path, chosen: str = "PNG image (*.png)") -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), chosen))
    )


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_exported_files_are_valid(view, monkeypatch, tmp_path, suffix) -> None:
    target = tmp_path / f"chart{suffix}"
    _answer_dialog(monkeypatch, target)
    view.export_chart()
    data = target.read_bytes()
    assert data.startswith(SIGNATURES[suffix])
    if suffix == ".svg":
        assert b"<svg" in data[:2000] and data.rstrip().endswith(b"</svg>")
    if suffix == ".pdf":
        assert data.rstrip().endswith(b"%%EOF")
        assert b"Checkout 2.0" in data  # the title, readable in the document's metadata
        streams = [zlib.decompress(s.split(b"stream\n", 1)[1]) for s in _streams(data)]
        assert any(b"Tj" in s or b"TJ" in s for s in streams)  # text drawn as text


def _streams(data: bytes) -> list[bytes]:
    parts = data.split(b"/FlateDecode")[1:]
    return [p.split(b"endstream", 1)[0] for p in parts if b"stream\n" in p]


def test_a_name_without_extension_asks_before_replacing(view, monkeypatch, tmp_path) -> None:
    existing = tmp_path / "chart.pdf"
    existing.write_bytes(b"not ours")
    _answer_dialog(monkeypatch, tmp_path / "chart", "PDF document (*.pdf)")
    asked: list[str] = []

    def refuse(_parent, _title, text, *_a, **_k):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(refuse))
    view.export_chart()
    assert asked and "chart.pdf" in asked[0]
    assert existing.read_bytes() == b"not ours"


def test_the_file_menu_offers_export_chart_on_the_plan_view(window) -> None:
    assert isinstance(window, MainWindow)
    window.show_view("board")
    window.update_plan_actions()
    assert not window.act_export_chart.isEnabled()
    view = window.show_view("plan")
    view.show_releases(view.toolbar.chooser.release_ids() or _first_planned(window))
    window.update_plan_actions()
    assert window.act_export_chart.isEnabled()


def _first_planned(window: MainWindow) -> list:
    from app.services.plan_service import plan_task_counts

    counts = plan_task_counts(window.workspace)
    return [next(r for r, n in counts.items() if n)]


def test_the_suggested_name_is_safe() -> None:
    assert chart_export.suggested_name('Payouts/API "3.4"') == "Payouts-API -3.4- chart.png"
