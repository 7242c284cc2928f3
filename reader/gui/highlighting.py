"""Highlighting in the window: a selection in the reader becomes a highlight (H, or the
reader's context menu), with an optional note and colour; the panel lists them and jumps to
them; notes, colours and removal (undoable) go through the library like every other write."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget

from reader import settings as S
from reader.domain.anchoring import context_at, locate
from reader.domain.article import HIGHLIGHT_COLORS, Article, Highlight
from reader.domain.changes import Changes
from reader.domain.times import utc_now
from reader.gui.dialogs import prompts
from reader.gui.undo import UndoEntry
from reader.gui.widgets.highlights_panel import HighlightsPanel
from reader.render.html import body_text

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow


def highlight_from_selection(
    article: Article,
    quote: str,
    before: str,
    after: str,
    *,
    color: str = "yellow",
    note: str | None = None,
) -> Highlight | None:
    """A new highlight of the selected passage, anchored in the body's visible text; None
    when the selection is not in the body (the title or byline, say)."""
    text = body_text(article.body)
    span = locate(text, quote, before, after)
    if span is None or not span.exact:
        return None
    q, prefix, suffix = context_at(text, span.start, span.end)
    return Highlight(
        id=str(uuid.uuid4()),
        quote=q,
        prefix=prefix,
        suffix=suffix,
        note=note,
        color=color if color in HIGHLIGHT_COLORS else HIGHLIGHT_COLORS[0],
        created_at=utc_now(),
    )


class Highlighter(QObject):
    """Owns the highlights panel (a dock of the window) and the highlight commands."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = HighlightsPanel()
        self.dock = QDockWidget("Highlights", window)
        self.dock.setObjectName("highlightsDock")
        self.dock.setAccessibleName("Highlights panel")
        self.dock.setWidget(self.panel)
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        reader = window.reader
        reader.highlight_requested.connect(self._on_reader_highlight_requested)
        reader.highlight_clicked.connect(self._on_reader_highlight_clicked)
        reader.highlight_note_requested.connect(self.edit_note)
        reader.highlight_color_requested.connect(self.set_color)
        reader.highlight_remove_requested.connect(self.remove)
        self.panel.highlight_activated.connect(self._on_panel_highlight_activated)
        self.panel.note_requested.connect(self.edit_note)
        self.panel.color_requested.connect(self.set_color)
        self.panel.remove_requested.connect(self.remove)
        reader.article_changed.connect(self._on_reader_article_changed)

    # ---------------------------------------------------------------- showing
    def refresh(self) -> None:
        self.panel.set_article(self.window.reader.article)

    def _on_reader_article_changed(self) -> None:
        self.refresh()

    def _on_panel_highlight_activated(self, highlight_id: str) -> None:
        if not self.window.reader.show_highlight(highlight_id):
            self.window.say("That passage is no longer in the text; its note is kept here.")

    def _on_reader_highlight_clicked(self, highlight_id: str) -> None:
        self.dock.show()
        self.panel.select(highlight_id)

    # ---------------------------------------------------------------- commands
    def highlight_selection(self, color: str = "", with_note: bool = False) -> Highlight | None:
        """Highlight the reader's selection (the last colour used unless one is given)."""
        w = self.window
        article = w.reader.article
        picked = w.reader.selection_anchor()
        if article is None or picked is None:
            w.say("Select some text in the reader to highlight it.")
            return None
        color = color or w.settings.get(S.HIGHLIGHT_COLOR)
        note: str | None = None
        if with_note:
            answer = prompts.ask_highlight_note(w, picked[0], None, color)
            if answer is None:
                return None
            note, color = answer
        highlight = highlight_from_selection(article, *picked, color=color, note=note)
        if highlight is None:
            w.say("Only the article's text can be highlighted.")
            return None
        w.settings.set(S.HIGHLIGHT_COLOR, highlight.color)
        lib = w.library
        article_id = article.id
        self.dock.show()
        w.write_then(
            lambda: lib.add_highlight(article_id, highlight),
            "Highlighted",
            then=lambda _changes: self.panel.select(highlight.id),
        )
        return highlight

    def _find(self, highlight_id: str) -> tuple[str, Highlight] | None:
        article = self.window.reader.article
        if article is None:
            return None
        for h in article.highlights:
            if h.id == highlight_id:
                return article.id, h
        return None

    def edit_note(self, highlight_id: str) -> None:
        found = self._find(highlight_id)
        if found is None:
            return
        article_id, h = found
        answer = prompts.ask_highlight_note(self.window, h.quote, h.note, h.color)
        if answer is None:
            return
        note, color = answer
        changed = replace(h, note=note, color=color)
        lib = self.window.library
        self.window.write_then(lambda: lib.update_highlight(article_id, changed), "Note saved")

    def set_color(self, highlight_id: str, color: str) -> None:
        found = self._find(highlight_id)
        if found is None:
            return
        article_id, h = found
        changed = replace(h, color=color)
        lib = self.window.library
        self.window.write_then(lambda: lib.update_highlight(article_id, changed))

    def remove(self, highlight_id: str) -> None:
        found = self._find(highlight_id)
        if found is None:
            return
        article_id, h = found
        lib = self.window.library

        def put_back() -> Changes:
            return lib.add_highlight(article_id, h)

        self.window.undo_stack.push(
            UndoEntry("remove highlight", put_back, done_message="Highlight restored")
        )
        self.window.write_then(
            lambda: lib.remove_highlight(article_id, highlight_id),
            "Removed the highlight (Ctrl+Z to undo)",
        )

    def _on_reader_highlight_requested(self, color: str, with_note: bool) -> None:
        self.highlight_selection(color, with_note)
