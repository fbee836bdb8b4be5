"""Paints a release card: domain stripe, name and version, domain, planned window (with
a late badge when the plan finishes after it or after the deadline), owner, readiness
bar, open high risks and calendar conflicts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.words import count
from ui import theme
from ui.board.board_model import CardRole
from ui.board.card_text import conflicts_badge, domain_text, initials, window_text

CARD_HEIGHT = 108
PAD = 12
STRIPE = 5
RADIUS = 8
LATE_BADGE = "Late"
MIN_BAR_WIDTH = 30  # readiness bar; narrower is left out


def _is_conflicts(label: str) -> bool:
    return label.partition(" ")[2] in ("conflict", "conflicts")


class CardDelegate(QStyledItemDelegate):
    """Card painter used by every board column."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width(), CARD_HEIGHT)  # as wide as its column

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        card = index.data(CardRole)
        if card is None:
            return
        c = theme.colours()
        r = card.release
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)

        shape = QPainterPath()
        shape.addRoundedRect(rect, RADIUS, RADIUS)
        painter.fillPath(shape, QColor(c.surface))
        painter.save()
        painter.setClipPath(shape)
        painter.fillRect(
            QRectF(rect.left(), rect.top(), STRIPE, rect.height()), QColor(r.domain_colour)
        )
        painter.restore()
        border = QColor(c.accent) if (selected or focused) else QColor(c.border)
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.drawPath(shape)

        inner = rect.toRect().adjusted(STRIPE + PAD - 2, PAD - 2, -PAD, -PAD + 2)
        base = QFont(option.font)
        title_font = QFont(base)
        title_font.setPointSizeF(base.pointSizeF() + 0.5)
        title_font.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1, 7))

        # Row 1: the name, across the whole card.
        fm_small = QFontMetrics(small)
        fm_title = QFontMetrics(title_font)
        line_h = fm_title.height()
        painter.setFont(title_font)
        painter.setPen(QColor(c.text))
        name_rect = QRect(inner.left(), inner.top(), inner.width(), line_h)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm_title.elidedText(r.name, Qt.TextElideMode.ElideRight, name_rect.width()),
        )

        # Rows 2–3: domain dot and name with the owner's initials on the right, then the
        # planned window across the whole card (dates are the widest text on it).
        painter.setFont(small)
        sh = fm_small.height()
        y = inner.top() + line_h + 6
        avatar = 20
        version = r.version_label
        chip_w = fm_small.horizontalAdvance(version) + 12 if version else 0
        text_w = inner.width() - avatar - 8 - (chip_w + 6 if version else 0)
        if version:  # the version chip sits left of the owner's initials
            chip = QRectF(inner.right() - avatar - 6 - chip_w, y, chip_w, sh)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.surface_alt))
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(QColor(c.muted))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, version)
        dot = QRectF(inner.left(), y + sh / 2 - 4, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(r.domain_colour))
        painter.drawEllipse(dot)
        painter.setPen(QColor(c.text if not c.dark else c.muted))
        room = inner.width() - avatar - 8 - 14
        domain = domain_text(r, room // max(fm_small.averageCharWidth(), 1))
        painter.drawText(
            QRect(inner.left() + 14, y, text_w - 14, sh),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm_small.elidedText(domain, Qt.TextElideMode.ElideRight, text_w - 14),
        )
        painter.setPen(QColor(c.muted))
        painter.drawText(
            QRect(inner.left(), y + sh + 5, inner.width(), sh),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm_small.elidedText(window_text(card), Qt.TextElideMode.ElideRight, inner.width()),
        )
        circle = QRectF(inner.right() - avatar, y + sh / 2 - avatar / 2, avatar, avatar)
        tint = QColor(r.domain_colour)
        tint.setAlpha(45 if not c.dark else 90)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint if r.owner_name else QColor(c.surface_alt))
        painter.drawEllipse(circle)
        painter.setPen(QColor(c.text))
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, initials(r.owner_name) or "?")

        # Row 4: readiness bar and risk badge.
        y = inner.bottom() - sh + 1
        self._paint_footer(painter, card, QRect(inner.left(), y, inner.width(), sh), small, c)
        painter.restore()

    def badges(self, card: Any) -> list[str]:
        """The badges in a card's footer, right to left: conflicts, high risks, late."""
        clashes = len(getattr(card, "conflicts", ()))
        risks = int(getattr(card, "open_high_risks", 0) or 0)
        out = [conflicts_badge(clashes)] if clashes else []
        out += [count(risks, "high risk")] if risks else []
        return out + ([LATE_BADGE] if getattr(card, "late", False) else [])

    def _paint_footer(
        self, painter: QPainter, card: Any, row: QRect, font: QFont, c: theme.Colours
    ) -> None:
        fm = QFontMetrics(font)
        badge_w = 0
        for label in self.badges(card):
            if badge_w + fm.horizontalAdvance(label) + 14 > row.width():
                break  # a badge that does not fit stays in the tooltip
            colours = (
                theme.conflict_badge(c)
                if _is_conflicts(label)
                else theme.badge(c, warning=label == LATE_BADGE)
            )
            badge_w += _pill(painter, row.right() - badge_w, row, label, colours, fm) + 6
        readiness = getattr(card, "readiness", None)
        if readiness is None:
            painter.setPen(QColor(c.muted))
            painter.drawText(
                QRect(row.left(), row.top(), row.width() - badge_w - 8, row.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                "No checklist yet",
            )
            return
        pct = f"{round(readiness * 100)}%"
        pct_w = fm.horizontalAdvance("100%") + 4
        if row.width() - badge_w < pct_w:
            return  # the badges say more than the number; the tooltip keeps it
        bar_w = row.width() - badge_w - pct_w - 16
        text_left = row.left()
        if bar_w >= MIN_BAR_WIDTH:  # on a narrow card with a risk badge the number suffices
            bar = QRectF(row.left(), row.center().y() - 2, bar_w, 5)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.surface_alt if not c.dark else c.border))
            painter.drawRoundedRect(bar, 2.5, 2.5)
            done = QRectF(bar.left(), bar.top(), bar_w * max(0.0, min(1.0, readiness)), 5)
            painter.setBrush(QColor(c.success if readiness >= 0.999 else c.accent))
            painter.drawRoundedRect(done, 2.5, 2.5)
            text_left = int(bar.right()) + 6
        painter.setPen(QColor(c.muted))
        painter.drawText(
            QRect(text_left, row.top(), pct_w, row.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            pct,
        )


def _pill(
    painter: QPainter,
    right: int,
    row: QRect,
    label: str,
    colours: tuple[QColor, QColor],
    fm: QFontMetrics,
) -> int:
    """A rounded badge ending at ``right`` on ``row`` in ``(tint, text)``; its width."""
    width = fm.horizontalAdvance(label) + 14
    badge = QRectF(right - width, row.top(), width, row.height())
    tint, text = colours
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(tint)
    painter.drawRoundedRect(badge, row.height() / 2, row.height() / 2)
    painter.setPen(text)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
    return width
