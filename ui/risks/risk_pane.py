"""The risk log pane: filters, the risk table, and beside it the heat map and the trend."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.enums import RiskStatus
from app.services import risk_history
from app.services import risk_service as rk
from app.services.log_tables import risk_table
from app.services.risk_service import RiskRow
from ui.background_call import LatestCall
from ui.combo import select
from ui.editor.row_table_model import capitalized
from ui.risks.heatmap_canvas import HeatmapCanvas
from ui.risks.link_actions import edit_threats
from ui.risks.log_filter import ACTIVE_ONLY, RiskFilter
from ui.risks.log_forms import risk_form
from ui.risks.log_models import RiskTableModel
from ui.risks.log_pane import LogPane
from ui.risks.trend_canvas import TrendCanvas
from ui.undo import risk_commands as cmd
from ui.view_registry import ViewContext

CHART_DELAY_MS = 150
ALL = {"release": "All releases", "domain": "All domains", "owner": "All owners"}


def _combo(name: str, tip: str) -> QComboBox:
    combo = QComboBox(objectName=name)
    combo.setToolTip(tip)
    # Wide enough for "All releases"; a longer name is elided (the window fits 1280 px).
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


class RiskPane(LogPane):
    """Every live risk; filter, sort, group; click a heat-map cell to show its risks."""

    noun = "risk"
    search_hint = "Search title or mitigation"
    actions = (
        ("review", "Mark reviewed"),
        ("occurred", "Occurred → issue"),
        ("link_tasks", "Threatened tasks…"),
    )
    concerns = frozenset(
        {"risk", "risk_score", "risk_task", "issue", "release", "person", "domain"}
    )
    table_of = risk_table
    load = rk.list_risks
    form = risk_form
    commands = cmd.add_risk, cmd.edit_risk, cmd.delete_risk

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, RiskTableModel(), sort_column=0, parent=parent)
        self.release = _combo("release", "Only the risks of this release")
        self.domain = _combo("domain", "Only the risks of this domain's releases")
        self.owner = _combo("owner", "Only the risks this person owns")
        self.status = _combo("status", "Only risks in this state")
        self.status.setMinimumContentsLength(17)  # "Open or mitigating" in full
        self.status.addItem("Open or mitigating", ACTIVE_ONLY)
        self.status.addItem("Every state", "")
        for member in RiskStatus:
            self.status.addItem(capitalized(member), member.value)
        self.min_score = QSpinBox(minimum=1, maximum=25, value=1, toolTip="Lowest score shown")
        self.max_score = QSpinBox(minimum=1, maximum=25, value=25, toolTip="Highest score shown")
        for spin in (self.min_score, self.max_score):
            spin.setFixedWidth(56)
        self.search.setMinimumWidth(140)
        self.group = QCheckBox("Group by release")
        self.heatmap = HeatmapCanvas()
        self.trend = TrendCanvas()
        self.cell_note = QLabel(wordWrap=True)
        self.cell_note.setObjectName("muted")
        self._around: list[RiskRow] = []
        self._trend_of: tuple | None = None
        self._charts_due = QTimer(self, singleShot=True, interval=CHART_DELAY_MS)
        self._charts_due.timeout.connect(self._update_charts)
        self._trending = LatestCall("Reading the score history", self)
        self._trending.succeeded.connect(self._on_trending_succeeded)
        self._trending.failed.connect(self._on_trending_failed)
        self._build()
        self.refresh()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search, 2)
        for widget in (self.release, self.domain, self.owner, self.status):
            filters.addWidget(widget)
        filters.addSpacing(8)
        for label, widget in (("Score", self.min_score), ("to", self.max_score)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)

        actions = self.action_bar(self.group)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        side_layout.addWidget(self.heatmap, 3)
        side_layout.addWidget(self.cell_note)
        side_layout.addWidget(self.trend, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        # The table takes what the window gains; the heat map stays legible at 280 px.
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([1000, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(split, 1)
        for combo in (self.release, self.domain, self.owner, self.status):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        for spin in (self.min_score, self.max_score):
            spin.valueChanged.connect(self._on_filter_changed)
        self.group.toggled.connect(self._on_filter_changed)
        self.heatmap.cell_clicked.connect(self._on_cell_clicked)

    # -- data ----------------------------------------------------------------------------
    def show_loaded(self, rows: Sequence[RiskRow]) -> None:
        """Show freshly read risks; keep the filter, the sort and the selection."""
        for combo, values in (
            (self.release, {r.release_title for r in rows if r.release_title}),
            (self.domain, {r.domain for r in rows if r.domain}),
            (self.owner, {r.owner_name for r in rows if r.owner_name}),
        ):
            _fill(combo, ALL[combo.objectName()], sorted(values))
        self.table.all_rows = list(rows)
        self._trend_of = None  # the data changed: draw the trend again
        self.apply_filter()  # the charts follow with the timer: the table shows first

    def current_filter(self) -> RiskFilter:
        """The filter the widgets show (and the heat-map cell chosen)."""
        return RiskFilter(
            release=self.release.currentData() or "",
            domain=self.domain.currentData() or "",
            owner=self.owner.currentData() or "",
            status=self.status.currentData() or "",
            min_score=self.min_score.value(),
            max_score=self.max_score.value(),
            text=self.search.text().strip(),
            cell=self.heatmap.selected,
        )

    def apply_filter(self) -> None:
        """Show the rows the filter lets through now; the charts follow once typing
        pauses (:data:`CHART_DELAY_MS`), so a keystroke only filters the table."""
        wanted = self.current_filter()
        self.table.group(self.group.isChecked())  # before the rows are taken in order
        # The heat map counts what the other filters let through, in every cell.
        around = dataclasses.replace(wanted, cell=None)
        self._around = [r for r in self.table.all_rows if around.accepts(r)]
        cell = wanted.cell
        shown = (
            self._around
            if cell is None
            else [r for r in self._around if (r.probability, r.impact) == cell]
        )
        self.table.accepts = wanted.accepts
        self.table.show_ordered(shown)
        self._after_filter()
        self._charts_due.start()

    def _update_charts(self) -> None:
        self._charts_due.stop()
        self.heatmap.show_levels((r.probability, r.impact) for r in self._around)
        self._show_trend()

    def _after_filter(self) -> None:
        wanted = self.current_filter()
        shown = self.model.rowCount()
        stale = sum(1 for r in self.model.rows() if r.stale_reason)
        self.count.setText(f"{shown} of {len(self.table.all_rows)} risks · {stale} need review")
        if wanted.cell is not None:
            p, i = wanted.cell
            self.cell_note.setText(
                f"Showing probability {p} × impact {i}. Click the cell again to show all."
            )
        else:
            self.cell_note.setText("Click a cell to show only its risks.")
        self._enable()

    def _on_cell_clicked(self, probability: int, impact: int) -> None:
        self.heatmap.select((probability, impact) if probability else None)
        self.apply_filter()

    def _on_selection_changed(self, *_args: object) -> None:
        self._show_trend()
        self._enable()

    def enable_actions(self, row: RiskRow | None) -> None:
        self.buttons["review"].setEnabled(row is not None)
        self.buttons["link_tasks"].setEnabled(row is not None)
        self.buttons["occurred"].setEnabled(row is not None and row.status != RiskStatus.OCCURRED)

    def _show_trend(self) -> None:
        """Draw the chosen risk's score, else the release's (or every release's)
        exposure; the history is read off the GUI thread."""
        row = self.table.current()
        release = self.release.currentData()
        shows = ("risk", row.id, row.version) if row is not None else ("release", release)
        if shows == self._trend_of or self._closed:
            return
        self._trend_of = shows
        ws = self.ctx.workspace
        if row is not None:
            risk_id, label = row.id, f"Score of '{row.title[:28]}'"

            def work() -> tuple[str, list]:
                return label, [(p.at, p.score) for p in risk_history.score_history(ws, risk_id)]
        else:
            match = next((r for r in self.table.all_rows if r.release_title == release), None)
            release_id = match.release_id if match is not None else None
            label = f"Exposure of {release}" if release_id else "Exposure, all releases"

            def work() -> tuple[str, list]:
                exposure = risk_history.release_exposure(ws, release_id)
                return label, [(p.at, p.total) for p in exposure]

        self._trending.start(work)

    def _on_trending_succeeded(self, answer: tuple[str, list]) -> None:
        label, points = answer
        self.trend.show_points(points, label, clock.now())

    def _on_trending_failed(self, _error: object) -> None:
        self.trend.show_points(
            [], "Score", clock.now()
        )  # the row went meanwhile: a refresh follows

    @property
    def busy(self) -> bool:
        """Whether rows or the trend are being read, or the charts wait for their timer."""
        return super().busy or self._trending.busy or self._charts_due.isActive()

    def close_workspace(self) -> None:
        self._charts_due.stop()
        super().close_workspace()
        self._trending.cancel()
        self._trending.wait()

    # -- edits ---------------------------------------------------------------------------
    def review(self) -> None:
        row = self.table.current()
        if row is not None:
            self.run(cmd.review_risk(self.ctx.workspace, row))

    def occurred(self) -> None:
        row = self.table.current()
        if row is not None:
            self.run(cmd.RiskOccurred(self.ctx.workspace, row))

    def link_tasks(self) -> None:
        """Tick the tasks of its release the selected risk threatens."""
        row = self.table.current()
        if row is not None:
            edit_threats(self.ctx, row, self)


def _fill(combo: QComboBox, everything: str, values: list[str]) -> None:
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, "")
    for value in values:
        combo.addItem(value, value)
    select(combo, chosen or "")
    combo.blockSignals(False)
