"""How a list row's title cell is drawn: the title, and while searching a second line with the
matching passage and the matched words marked; a thin bar along the bottom shows how far the
article has been read. Colours come from the platform's palette."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.domain.article import ArticleSummary
from reader.gui.models.article_list import SNIPPET_MARKS, SnippetRole, SummaryRole

_Index = QModelIndex | QPersistentModelIndex
#: Progress below or above these is "not started" or "finished": no bar.
PROGRESS_SHOWN = (0.02, 0.98)


#: Characters of text kept before the first match of a snippet (the rest becomes "…").
LEAD = 28


def snippet_runs(snippet: str) -> list[tuple[str, bool]]:
    """The snippet as (text, matched) runs, from the marks the library put around matches."""
    return list(_runs(snippet))


@lru_cache(maxsize=1024)
def _runs(snippet: str) -> tuple[tuple[str, bool], ...]:
    """``snippet_runs``, kept for the rows painted again and again (every scroll, hover)."""
    start, end = SNIPPET_MARKS
    runs: list[tuple[str, bool]] = []
    text = " ".join(snippet.split())
    matched = False
    buf = ""
    for ch in text:
        if ch in (start, end):
            if buf:
                runs.append((buf, matched))
            buf = ""
            matched = ch == start
        else:
            buf += ch
    if buf:
        runs.append((buf, matched))
    # Bring the first match into view in a narrow column: a little lead-in is enough.
    if len(runs) > 1 and not runs[0][1] and len(runs[0][0]) > LEAD:
        lead = runs[0][0][-LEAD:]
        space = lead.find(" ")
        lead = lead[space + 1 :] if 0 <= space < LEAD - 4 else lead
        runs[0] = ("…" + lead, False)
    return tuple(runs)


# Qt's enum members and their combinations, read once: each costs a lookup in Python, and a
# row is painted with a dozen of them.
_ITEM = QStyle.ControlElement.CE_ItemViewItem
_SELECTED = QStyle.StateFlag.State_Selected
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_HIGHLIGHT = QPalette.ColorRole.Highlight
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ELIDE = Qt.TextElideMode.ElideRight

_metrics_made: dict[str, QFontMetrics] = {}


def _metrics(key: str, font: QFont) -> QFontMetrics:
    made = _metrics_made.get(key)
    if made is None:
        made = _metrics_made[key] = QFontMetrics(font)
    return made


_SnippetFonts = dict[bool, tuple[QFont, QFontMetrics]]
_snippet_fonts_made: dict[str, _SnippetFonts] = {}


def _snippet_fonts(key: str, base: QFont) -> _SnippetFonts:
    """The snippet line's plain and bold fonts (matched or not) with their metrics, made once
    per row font rather than for every run of every row painted."""
    made = _snippet_fonts_made.get(key)
    if made is None:
        plain = QFont(base)
        plain.setBold(False)
        plain.setPointSizeF(max(7.0, plain.pointSizeF() * 0.92))
        bold = QFont(plain)
        bold.setBold(True)
        made = {False: (plain, QFontMetrics(plain)), True: (bold, QFontMetrics(bold))}
        _snippet_fonts_made[key] = made
    return made


class ArticleDelegate(QStyledItemDelegate):
    """Draws the title column; the other columns are drawn as usual."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(SnippetRole):
            size.setHeight(size.height() + option.fontMetrics.height())
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        summary = index.data(SummaryRole)
        snippet = index.data(SnippetRole) or ""
        if not isinstance(summary, ArticleSummary):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(_ITEM, opt, painter, widget)
        selected = bool(opt.state & _SELECTED)
        palette: QPalette = opt.palette
        fg_role = _HIGHLIGHTED_TEXT if selected else _TEXT
        text_color = palette.color(fg_role)
        muted = QColor(text_color)
        muted.setAlphaF(0.62)
        rect = opt.rect.adjusted(6, 2, -6, -3)
        painter.save()
        painter.setFont(opt.font)
        metrics = _metrics(opt.font.key(), opt.font)
        line = metrics.height()
        top = rect.top() + (rect.height() - line * (2 if snippet else 1)) // 2
        painter.setPen(muted if summary.title_inferred else text_color)
        title_rect = QRect(rect.left(), top, rect.width(), line)
        painter.drawText(
            title_rect,
            _LEFT,
            metrics.elidedText(text, _ELIDE, rect.width()),
        )
        if snippet:
            self._paint_snippet(painter, opt, snippet, rect, top + line, muted, selected)
        self._paint_progress(painter, opt, summary)
        painter.restore()

    @staticmethod
    def _paint_snippet(
        painter: QPainter,
        opt: QStyleOptionViewItem,
        snippet: str,
        rect: QRect,
        top: int,
        muted: QColor,
        selected: bool,
    ) -> None:
        fonts = _snippet_fonts(opt.font.key(), opt.font)
        x = rect.left()
        right = rect.right()
        mark = QColor(opt.palette.color(_HIGHLIGHT))
        mark.setAlphaF(0.28 if not selected else 0.0)
        for text, matched in _runs(snippet):
            font, metrics = fonts[matched]
            width = metrics.horizontalAdvance(text)
            if x + width > right:
                text = metrics.elidedText(text, _ELIDE, right - x)
                width = metrics.horizontalAdvance(text)
            if not text:
                break
            box = QRect(x, top, width, metrics.height())
            if matched:
                painter.fillRect(box, mark)
            painter.setFont(font)
            painter.setPen(
                muted
                if not matched
                else opt.palette.color(_TEXT)
                if not selected
                else opt.palette.color(_HIGHLIGHTED_TEXT)
            )
            painter.drawText(box, _LEFT, text)
            x += width
            if x >= right:
                break

    @staticmethod
    def _paint_progress(painter: QPainter, opt: QStyleOptionViewItem, s: ArticleSummary) -> None:
        low, high = PROGRESS_SHOWN
        if not low <= s.progress <= high:
            return
        rect = opt.rect
        track = QRect(rect.left() + 6, rect.bottom() - 2, rect.width() - 12, 2)
        color = QColor(opt.palette.color(_HIGHLIGHT))
        faint = QColor(color)
        faint.setAlphaF(0.18)
        painter.fillRect(track, faint)
        done = QRect(track.left(), track.top(), int(track.width() * s.progress), track.height())
        painter.fillRect(done, color)
