"""The reader pane: an article rendered for long reading in a QTextBrowser.

It never fetches anything: remote resources resolve to nothing, and links open in the system
browser only when the user clicks them. The text column keeps a comfortable measure by
widening the side margins as the pane grows.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QWidget

from reader.domain.anchoring import CONTEXT, fold_space
from reader.domain.article import HIGHLIGHT_COLORS, Article
from reader.gui.dialogs.prompts import ImageChoice, ask_remote_image
from reader.gui.image_loader import ImageLoader
from reader.render.highlights import HIGHLIGHT_SCHEME
from reader.render.html import article_page, placeholder_targets
from reader.render.themes import Typography, theme

MIN_FONT = 8.0
MAX_FONT = 32.0


#: Article pages kept made (the articles around the one read, and those read lately).
PAGE_CACHE = 16


@dataclass(frozen=True, slots=True)
class PageParams:
    """Everything besides the article that a reader page is drawn with."""

    theme_name: str
    typography: Typography
    search_terms: tuple[str, ...]
    #: Remote images the user chose to load for this article.
    images: frozenset[str] = frozenset()


def render_page(article: Article, params: PageParams) -> str:
    """The reader's HTML page for an article: pure Python, safe to make on any thread."""
    return article_page(
        article,
        theme_name=params.theme_name,
        typography=params.typography,
        search_terms=params.search_terms,
        images=params.images,
    )


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
    #: (colour or "" for the last one used, with a note)
    #: The article shown changed (another one, a new version of it, or none).
    article_changed = Signal()
    #: An article just opened has been scrolled to where its reader left it.
    position_restored = Signal()
    highlight_requested = Signal(str, bool)
    highlight_clicked = Signal(str)
    highlight_note_requested = Signal(str)
    highlight_color_requested = Signal(str, str)
    highlight_remove_requested = Signal(str)
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
        #: Pages already made, by article (every field, so an edit misses) and drawing.
        self._pages: OrderedDict[tuple[Article, PageParams], str] = OrderedDict()
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(600)
        self._progress_timer.timeout.connect(self._emit_progress)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._restoring = False
        #: Where the open article should be while its layout is still settling (None once
        #: the user scrolls): the scroll range grows as the text is laid out.
        self._pending_progress: float | None = None
        self.verticalScrollBar().rangeChanged.connect(self._on_scroll_range_changed)
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
        bar = self.verticalScrollBar()
        # A new version of the article on screen stays where the user is reading.
        kept = bar.value() / bar.maximum() if same and bar.maximum() > 0 else None
        self._pending_progress = None
        if not same:
            self._images = {}
        self._article = article
        self._search_terms = search_terms
        self._render()
        self.article_changed.emit()
        if kept is not None:
            self._pending_progress = kept
            self._apply_pending_progress()
        elif not same:
            QTimer.singleShot(0, self._restore_progress)

    def set_search_terms(self, terms: tuple[str, ...]) -> None:
        """Mark these search matches in the article shown (re-drawn only if they changed)."""
        if terms == self._search_terms:
            return
        self._search_terms = terms
        if self._article is not None:
            bar = self.verticalScrollBar()
            kept = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
            self._render()
            self._pending_progress = kept
            self._apply_pending_progress()

    def _restore_progress(self) -> None:
        if self._article is None:
            return
        self._pending_progress = self._article.progress
        self._apply_pending_progress()
        self.position_restored.emit()

    def _apply_pending_progress(self) -> None:
        if self._pending_progress is None:
            return
        bar = self.verticalScrollBar()
        self._restoring = True
        bar.setValue(round(self._pending_progress * bar.maximum()) if bar.maximum() else 0)
        self._restoring = False

    def _on_scroll_range_changed(self, _low: int, _high: int) -> None:
        self._apply_pending_progress()

    def show_placeholder(self, text: str = "Select an article to read it.") -> None:
        self._article = None
        t = theme(self.theme_name())
        self.setHtml(
            f'<html><body style="background-color:{t.background}; color:{t.muted};">'
            f'<p style="margin-top:40px;" align="center">{text}</p></body></html>'
        )
        self._apply_background()
        self.article_changed.emit()

    def page_params(self) -> PageParams:
        """How pages are drawn now: what a page prepared elsewhere must have been made with."""
        return PageParams(
            self.theme_name(), self._typography, self._search_terms, frozenset(self._images)
        )

    def has_page(self, article: Article | None, params: PageParams) -> bool:
        """Whether showing ``article`` drawn with ``params`` needs no drawing here."""
        return article is not None and (article, params) in self._pages

    def offer_page(self, article: Article, params: PageParams, page: str) -> None:
        """Keep a page made off the GUI thread (the next article, say) for when it is shown."""
        self._pages[(article, params)] = page
        while len(self._pages) > PAGE_CACHE:
            self._pages.popitem(last=False)

    def _render(self) -> None:
        if self._article is None:
            return
        key = (self._article, self.page_params())
        page = self._pages.get(key)
        if page is None:
            page = render_page(self._article, key[1])
            self._pages[key] = page
            while len(self._pages) > PAGE_CACHE:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(key)
        self._placeholders = {QUrl(u).toString(): u for u in placeholder_targets(page)}
        self.document().setDefaultStyleSheet("")
        self.setHtml(page)
        self._apply_background()
        self._update_margins()

    def _apply_background(self) -> None:
        t = theme(self.theme_name())
        sheet = (
            f"QTextBrowser#reader {{ background-color: {t.background}; color: {t.text}; "
            f"selection-background-color: {t.highlight}; selection-color: {t.text}; }}"
        )
        # Setting a style sheet re-polishes the widget and lays the page out again: only
        # when the theme changed, not for every article.
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

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

    def event(self, event: QEvent) -> bool:
        # Enter is the window's "Open" key; on a link reached with Tab it opens the link.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.focused_link()
        ):
            event.accept()
            return True
        return super().event(event)

    def focused_link(self) -> str:
        """The address of the link the keyboard is on (Tab moves between links), or ""."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return ""
        fmt = cursor.charFormat()
        return fmt.anchorHref() if fmt.isAnchor() else ""

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == HIGHLIGHT_SCHEME:
            self.highlight_clicked.emit(url.path())
            return
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
        bar = self.verticalScrollBar()
        kept = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
        self._render()
        self._pending_progress = kept
        self._apply_pending_progress()
        self.image_loaded.emit(url)

    def _on_image_loader_failed(self, url: str, reason: str) -> None:
        self.image_failed.emit(url, reason)

    # ---------------------------------------------------------------- highlights
    def selection_anchor(self) -> tuple[str, str, str] | None:
        """The selected text and the text either side of it, white space folded, as the
        anchoring needs them; None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        quote = fold_space(cursor.selectedText())
        if not quote:
            return None
        raw = self.document().toRawText()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        before = " ".join(raw[max(0, start - 4 * CONTEXT) : start].split())
        after = " ".join(raw[end : end + 4 * CONTEXT].split())
        # The context touches the quote: keep the space between them.
        if start > 0 and raw[start - 1].isspace():
            before += " "
        if end < len(raw) and raw[end].isspace():
            after = " " + after
        return quote, before[-CONTEXT:], after[:CONTEXT]

    def highlight_at(self, pos: QPoint) -> str | None:
        """The id of the highlight under a point of the viewport, if any."""
        href = self.anchorAt(pos)
        prefix = HIGHLIGHT_SCHEME + ":"
        return href[len(prefix) :] if href.startswith(prefix) else None

    def highlight_ranges(self) -> dict[str, tuple[int, int]]:
        """Where each drawn highlight is in the document (first to last character)."""
        prefix = HIGHLIGHT_SCHEME + ":"
        out: dict[str, tuple[int, int]] = {}
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                href = fragment.charFormat().anchorHref()
                if fragment.isValid() and href.startswith(prefix):
                    hid = href[len(prefix) :]
                    start, end = fragment.position(), fragment.position() + fragment.length()
                    old = out.get(hid)
                    out[hid] = (min(start, old[0]), max(end, old[1])) if old else (start, end)
                it += 1
            block = block.next()
        return out

    def show_highlight(self, highlight_id: str) -> bool:
        """Scroll to a highlight and select it; False when it is not drawn."""
        found = self.highlight_ranges().get(highlight_id)
        if found is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(found[1])
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(found[0], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self._context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _context_menu(self, pos: QPoint) -> QMenu:
        """Copy and select as usual, plus highlighting the selection or the highlight under
        the pointer (``pos`` in the viewport)."""
        scrolled = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        menu: QMenu = self.createStandardContextMenu(pos + scrolled)
        if self._article is None:
            return menu
        first = menu.actions()[0] if menu.actions() else None
        under = self.highlight_at(pos)
        added = []
        if self.textCursor().hasSelection():
            act = menu.addAction("Highlight")
            act.setShortcut("H")
            act.triggered.connect(lambda: self.highlight_requested.emit("", False))
            added.append(act)
            noted = menu.addAction("Highlight with a note…")
            noted.triggered.connect(lambda: self.highlight_requested.emit("", True))
            added.append(noted)
            colors = QMenu("Highlight in colour", menu)
            for color in HIGHLIGHT_COLORS:
                c = colors.addAction(color.capitalize())
                c.triggered.connect(
                    lambda _c=False, n=color: self.highlight_requested.emit(n, False)
                )
            added.append(colors.menuAction())
        if under is not None:
            note = menu.addAction("Edit the highlight's note…")
            note.triggered.connect(lambda: self.highlight_note_requested.emit(under))
            added.append(note)
            colors = QMenu("Highlight colour", menu)
            for color in HIGHLIGHT_COLORS:
                c = colors.addAction(color.capitalize())
                c.triggered.connect(
                    lambda _c=False, n=color: self.highlight_color_requested.emit(under, n)
                )
            added.append(colors.menuAction())
            remove = menu.addAction("Remove the highlight")
            remove.triggered.connect(lambda: self.highlight_remove_requested.emit(under))
            added.append(remove)
        if added and first is not None:
            for act in added:
                menu.removeAction(act)
            menu.insertActions(first, added)
            menu.insertSeparator(first)
        return menu

    # ---------------------------------------------------------------- reading progress
    def progress(self) -> float:
        bar = self.verticalScrollBar()
        if bar.maximum() <= 0:
            return 1.0 if self._article is not None else 0.0
        return round(bar.value() / bar.maximum(), 4)

    def _on_scrolled(self, _value: int) -> None:
        if not self._restoring and self._article is not None:
            self._pending_progress = None
            self._progress_timer.start()

    def _emit_progress(self) -> None:
        if self._article is not None:
            self.progress_changed.emit(self._article.id, self.progress())
