"""Reading ahead: the articles beside the one on screen, read and drawn off the GUI thread.

Moving to the next article (J, K, the arrow keys) then needs neither the database nor the
Markdown renderer on the GUI thread: the article and its page are already made, and showing it
is laying the page out. Whatever a write touched is forgotten, so a stale copy is never shown.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from reader.domain.article import Article
from reader.domain.errors import FolioError
from reader.gui.tasks import TaskControl, TaskRunner
from reader.gui.widgets.reader_view import ReaderView, render_page
from reader.library import Library

#: Articles kept read ahead.
KEEP = 12
#: How far ahead of the open article to read (behind, one).
AHEAD = 3


class Prefetcher:
    """Keeps the neighbours of the open article ready to show."""

    def __init__(self, library: Library, runner: TaskRunner, reader: ReaderView) -> None:
        self._library = library
        self._runner = runner
        self._reader = reader
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self._reading: set[str] = set()
        # Bumped by every forget, so a read that was under way when a write landed is dropped.
        self._generation = 0

    def take(self, article_id: str) -> Article | None:
        """The article if it was read ahead (and nothing has changed it since)."""
        return self._articles.get(article_id)

    def around(self, article_ids: Iterable[str | None]) -> None:
        """Read these articles ahead and draw their pages as the reader would now."""
        wanted = [
            i for i in article_ids if i and i not in self._articles and i not in self._reading
        ]
        if not wanted:
            return
        self._reading.update(wanted)
        params = self._reader.page_params()
        generation = self._generation
        library = self._library

        def work(_c: TaskControl) -> list[tuple[Article, str]]:
            made = []
            for article_id in wanted:
                try:
                    article = library.get(article_id)
                except FolioError:
                    continue
                made.append((article, render_page(article, params)))
            return made

        def done(made: list[tuple[Article, str]]) -> None:
            self._reading.difference_update(wanted)
            if generation != self._generation:
                return
            for article, page in made:
                self._articles[article.id] = article
                self._reader.offer_page(article, params, page)
            while len(self._articles) > KEEP:
                self._articles.popitem(last=False)

        def failed(_exc: BaseException) -> None:
            self._reading.difference_update(wanted)

        self._runner.submit(work, name="read ahead", on_done=done, on_error=failed)

    def forget(self, article_ids: Iterable[str] | None = None) -> None:
        """Drop these articles (every one when None): a write changed them."""
        self._generation += 1
        if article_ids is None:
            self._articles.clear()
            return
        for article_id in article_ids:
            self._articles.pop(article_id, None)
