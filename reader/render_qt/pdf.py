"""PDF through Qt's own PDF writer: paginated, fonts embedded, text selectable.

Why here and how it is found: ``reader.formats`` may not import Qt (import-linter says so), and
neither may the library facade, so the PDF exporter lives in this package and is declared in
pyproject.toml under the ``folio.exporters`` entry-point group. ``registry.exporters()`` loads
it the first time exporters are listed, which is the only moment Qt enters an export; the
command line's ``folio export --format pdf`` works offscreen (a ``QGuiApplication`` on the
``offscreen`` platform is made when none exists).

Each article is laid out by a ``QTextDocument`` from the reader's own HTML and stylesheet (on
white paper), starting on a new page, and drawn page by page onto a ``QPdfWriter`` with a
footer giving the article's title and the page number. Qt embeds the fonts it uses as
subsets, and writes text as text, so it can be selected, searched and extracted.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import chain, islice
from typing import BinaryIO

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from reader.domain.article import Article
from reader.domain.errors import ExportError
from reader.domain.times import utc_now
from reader.formats.export_options import ExportOptions, Namer
from reader.formats.registry import ExportFormat
from reader.render.html import article_body_html, format_date
from reader.render.page import direction
from reader.render.themes import Typography, stylesheet, theme

#: Dots per inch the layout is done at (text is vector: this only sets the layout's grid).
RESOLUTION = 300
MARGIN_MM = 18.0
#: Room kept at the foot of each page for the running footer, in points.
FOOTER_PT = 22.0

# Tables need room between their columns on paper (the reader pane's tables are rare).
_PRINT_CSS = """
table { border-collapse: collapse; margin-bottom: 1em; }
td, th { padding: 3px 10px 3px 0; }
"""

_app: QGuiApplication | None = None


def ensure_application() -> None:
    """Qt lays text out only once an application object exists; the command line has none,
    so one is made on the ``offscreen`` platform (no display needed)."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if threading.current_thread() is not threading.main_thread():
        raise ExportError("PDF export needs Qt started on the main thread")
    _app = QGuiApplication([sys.argv[0] if sys.argv else "folio", "-platform", "offscreen"])


def page_size() -> QPageSize:
    """Letter where the user's locale measures in inches, A4 everywhere else."""
    if QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def article_html(article: Article, options: ExportOptions) -> str:
    """The reader's page for an article, on white paper in the reader's typography."""
    paper = replace(theme("light"), background="#ffffff")
    css = stylesheet(paper, Typography(font_size=options.font_size)) + _PRINT_CSS
    way = direction(article.language)
    return (
        f'<html dir="{way}"><head><style>{css}</style></head>'
        f'<body dir="{way}">{article_body_html(article)}</body></html>'
    )


class _Pages:
    """One PDF being drawn: a writer, a painter, and the page count so far."""

    def __init__(self, title: str, author: str | None) -> None:
        ensure_application()
        self.data = QByteArray()
        self.buffer = QBuffer(self.data)
        self.buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.writer = QPdfWriter(self.buffer)
        self.writer.setResolution(RESOLUTION)
        self.writer.setPageLayout(
            QPageLayout(
                page_size(),
                QPageLayout.Orientation.Portrait,
                QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.writer.setTitle(title)
        self.writer.setCreator("Folio")
        if author:
            self.writer.setAuthor(author)
        self.painter = QPainter()
        if not self.painter.begin(self.writer):
            raise ExportError("Qt could not start a PDF")
        self.pages = 0
        rect = self.writer.pageLayout().paintRectPixels(RESOLUTION)
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.footer = FOOTER_PT * RESOLUTION / 72

    def add(self, article: Article, options: ExportOptions) -> None:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDefaultFont(QFont("DejaVu Serif", round(options.font_size)))
        doc.setHtml(article_html(article, options))
        body_height = self.height - self.footer
        doc.setPageSize(QSizeF(self.width, body_height))
        label = article.title or "Untitled"
        for index in range(doc.pageCount()):
            if self.pages:
                self.writer.newPage()
            self.pages += 1
            self.painter.save()
            self.painter.translate(0, -index * body_height)
            doc.drawContents(self.painter, QRectF(0, index * body_height, self.width, body_height))
            self.painter.restore()
            self._footer(label, index + 1, doc.pageCount(), rtl=article.rtl)

    def _footer(self, label: str, page: int, pages: int, *, rtl: bool) -> None:
        """The article's title and the page number under the text, mirrored for RTL."""
        font = QFont("DejaVu Sans")
        font.setPointSizeF(7.5)
        self.painter.setFont(font)
        self.painter.setPen(Qt.GlobalColor.darkGray)
        bottom = Qt.AlignmentFlag.AlignBottom
        start, end = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        if rtl:
            start, end = end, start
        box = QRectF(0, self.height - self.footer * 0.6, self.width, self.footer * 0.6)
        self.painter.drawText(box, end | bottom, f"{page} / {pages}")
        short = label if len(label) <= 90 else label[:89] + "…"
        width = box.width() * 0.8
        title_box = QRectF(
            box.right() - width if rtl else box.left(), box.top(), width, box.height()
        )
        self.painter.drawText(title_box, start | bottom, short)

    def finish(self) -> bytes:
        self.painter.end()
        self.buffer.close()
        return bytes(self.data.data())


def write(articles: Iterable[Article], stream: BinaryIO, options: ExportOptions) -> None:
    """Every article in one PDF, each starting on a new page."""
    it = iter(articles)
    ahead = list(islice(it, 2))
    if not ahead:
        return
    if options.title or len(ahead) > 1:
        title = options.title or f"Folio digest, {format_date(utc_now().date().isoformat())}"
        pages = _Pages(title, None)
    else:
        pages = _Pages(ahead[0].title or "Untitled", ahead[0].author)
    for article in chain(ahead, it):
        pages.add(article, options)
    stream.write(pages.finish())


def files(
    articles: Iterable[Article], options: ExportOptions, namer: Namer
) -> Iterator[tuple[str, bytes]]:
    for article in articles:
        pages = _Pages(article.title or "Untitled", article.author)
        pages.add(article, options)
        yield namer(article.title or article.id, "pdf", ()), pages.finish()


FORMAT = ExportFormat(name="pdf", label="PDF", extension="pdf", write=write, files=files)
