"""The reader pane: an article rendered for long reading in a QTextBrowser.

It never fetches anything: remote resources resolve to nothing, and links open in the system
browser only when the user clicks them. The text column keeps a comfortable measure by
widening the side margins as the pane grows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.domain.article import Article
from reader.gui.dialogs.prompts import ImageChoice, ask_remote_image
from reader.gui.image_loader import ImageLoader
from reader.render.html import article_page, placeholder_targets
from reader.render.themes import Typography, theme

MIN_FONT = 8.0
MAX_FONT = 32.0


def system_theme_name() -> str:
    """Dark when the platform's colour scheme (or, failing that, its palette) is dark."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return "dark"
    if scheme == Qt.ColorScheme.Light:
        return "light"
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return "dark" if window.lightness() < 110 else "light"


class ReaderView(QTextBrowser):
    """Shows one article; emits ``progress_changed`` as the user scrolls through it."""

    link_activated = Signal(QUrl)
    progress_changed = Signal(str, float)
    image_loaded = Signal(str)
    image_failed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setAccessibleName("Reader")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._article: Article | None = None
        self._theme_setting = "system"
        self._typography = Typography()
        self._line_chars = 70
        self._search_terms: tuple[str, ...] = ()
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(600)
        self._progress_timer.timeout.connect(self._emit_progress)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._restoring = False
        # Remote images the user chose to load, for the article shown; and its placeholders.
        self._images: dict[str, QImage] = {}
        self._placeholders: dict[str, str] = {}
        self.image_loader = ImageLoader(self)
        self.image_loader.loaded.connect(self._on_image_loader_loaded)
        self.image_loader.failed.connect(self._on_image_loader_failed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self.show_placeholder()

    # ---------------------------------------------------------------- content
    @property
    def article(self) -> Article | None:
        return self._article

    def theme_name(self) -> str:
        if self._theme_setting in ("light", "dark", "sepia"):
            return self._theme_setting
        return system_theme_name()

    def show_article(self, article: Article, *, search_terms: tuple[str, ...] = ()) -> None:
        same = self._article is not None and self._article.id == article.id
        position = self.verticalScrollBar().value() if same else None
        if not same:
            self._images = {}
        self._article = article
        self._search_terms = search_terms
        self._render()
        self._restoring = True
        if position is not None:
            self.verticalScrollBar().setValue(position)
        else:
            QTimer.singleShot(0, self._restore_progress)
        self._restoring = False

    def _restore_progress(self) -> None:
        if self._article is None:
            return
        bar = self.verticalScrollBar()
        self._restoring = True
        bar.setValue(round(self._article.progress * bar.maximum()) if bar.maximum() else 0)
        self._restoring = False

    def show_placeholder(self, text: str = "Select an article to read it.") -> None:
        self._article = None
        t = theme(self.theme_name())
        self.setHtml(
            f'<html><body style="background-color:{t.background}; color:{t.muted};">'
            f'<p style="margin-top:40px;" align="center">{text}</p></body></html>'
        )
        self._apply_background()

    def _render(self) -> None:
        if self._article is None:
            return
        page = article_page(
            self._article,
            theme_name=self.theme_name(),
            typography=self._typography,
            search_terms=self._search_terms,
            images=frozenset(self._images),
        )
        self._placeholders = {QUrl(u).toString(): u for u in placeholder_targets(page)}
        self.document().setDefaultStyleSheet("")
        self.setHtml(page)
        self._apply_background()
        self._update_margins()

    def _apply_background(self) -> None:
        t = theme(self.theme_name())
        self.setStyleSheet(
            f"QTextBrowser#reader {{ background-color: {t.background}; color: {t.text}; "
            f"selection-background-color: {t.highlight}; selection-color: {t.text}; }}"
        )

    # ---------------------------------------------------------------- typography
    def set_theme(self, name: str) -> None:
        self._theme_setting = name
        if self._article is not None:
            self._render()
        else:
            self.show_placeholder()

    def set_font(self, family: str | None, size: float) -> None:
        size = max(MIN_FONT, min(MAX_FONT, size))
        self._typography = Typography(font_family=family or None, font_size=size)
        self._render()

    def font_size(self) -> float:
        return self._typography.font_size

    def zoom(self, steps: int) -> float:
        """Make the text larger (positive) or smaller; returns the new size in points."""
        self.set_font(self._typography.font_family, self._typography.font_size + steps)
        return self._typography.font_size

    def set_line_width(self, chars: int) -> None:
        self._line_chars = max(40, min(140, chars))
        self._update_margins()

    def _update_margins(self) -> None:
        """Keep the text column near ``line width`` characters: wide side margins on the
        document's root frame (the scroll bar stays at the pane's edge)."""
        font = QFont(self.font())
        font.setPointSizeF(self._typography.font_size)
        measure = QFontMetricsF(font).averageCharWidth() * self._line_chars
        available = self.viewport().width()
        side = max(20, int((available - measure) / 2))
        doc = self.document()
        doc.setDocumentMargin(0)
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        if (fmt.leftMargin(), fmt.topMargin()) == (side, 28):
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(28)
        fmt.setBottomMargin(40)
        frame.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    def _on_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._theme_setting == "system":
            self._render() if self._article else self.show_placeholder()

    # ---------------------------------------------------------------- resources and links
    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        """Nothing is fetched here, ever: only images the user chose to load (already
        fetched by the image loader) and images embedded as data are drawn."""
        qurl = QUrl(url) if isinstance(url, str) else url
        loaded = self._images.get(qurl.toString())
        if loaded is not None and kind == QTextDocument.ResourceType.ImageResource.value:
            return loaded
        if qurl.scheme() == "data":
            return super().loadResource(kind, qurl)
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        self.link_activated.emit(url)
        image = self._placeholders.get(url.toString())
        if image is not None:
            self._on_placeholder_clicked(image)
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def _on_placeholder_clicked(self, image: str) -> None:
        """An image placeholder: ask, then load just that image, or open it in the browser."""
        choice = ask_remote_image(self, image)
        if choice is ImageChoice.LOAD:
            self.image_loader.fetch(image)
        elif choice is ImageChoice.BROWSER:
            QDesktopServices.openUrl(QUrl(image))

    def _on_image_loader_loaded(self, url: str, image: QImage) -> None:
        if url not in self._placeholders.values():
            return  # the user moved to another article meanwhile
        self._images[QUrl(url).toString()] = image
        self._images[url] = image
        position = self.verticalScrollBar().value()
        self._render()
        self.verticalScrollBar().setValue(position)
        self.image_loaded.emit(url)

    def _on_image_loader_failed(self, url: str, reason: str) -> None:
        self.image_failed.emit(url, reason)

    # ---------------------------------------------------------------- reading progress
    def progress(self) -> float:
        bar = self.verticalScrollBar()
        if bar.maximum() <= 0:
            return 1.0 if self._article is not None else 0.0
        return round(bar.value() / bar.maximum(), 4)

    def _on_scrolled(self, _value: int) -> None:
        if not self._restoring and self._article is not None:
            self._progress_timer.start()

    def _emit_progress(self) -> None:
        if self._article is not None:
            self.progress_changed.emit(self._article.id, self.progress())
