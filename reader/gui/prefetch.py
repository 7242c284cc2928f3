"""Reading ahead: the articles beside the one on screen, read and drawn off the GUI thread.

Moving to the next article (J, K, the arrow keys) then needs neither the database nor the
Markdown renderer on the GUI thread: the article and its page are already made, and showing it
is laying the page out. Whatever a write touched is forgotten, so a stale copy is never shown.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from reader.domain.article import Article
from reader.domain.errors import FolioError
from reader.gui.tasks import Task, TaskControl, TaskRunner
from reader.gui.widgets.reader_view import PageParams, ReaderView, render_page
from reader.library import Library

#: Articles kept read ahead.
KEEP = 12
#: How far ahead of the open article to read (behind, one).
AHEAD = 3


@dataclass(frozen=True, slots=True)
class Drawn:
    """An article and its reader page, made off the GUI thread."""

    article: Article
    params: PageParams
    page: str


def draw(article: Article, params: PageParams) -> Drawn:
    return Drawn(article, params, render_page(article, params))


def read_and_draw(library: Library, article_id: str, params: PageParams) -> Drawn | None:
    """The article read and drawn (off the GUI thread); None when it cannot be read."""
    try:
        return draw(library.get(article_id), params)
    except FolioError:
        return None


class Prefetcher:
    """Keeps the neighbours of the open article ready to show."""

    def __init__(self, library: Library, runner: TaskRunner, reader: ReaderView) -> None:
        self._library = library
        self._runner = runner
        self._reader = reader
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self._reading: set[str] = set()
        self._tasks: list[Task] = []
        # Bumped by every forget, so a read that was under way when a write landed is dropped.
        self._generation = 0

    @property
    def generation(self) -> int:
        """Changes when a write makes what was read before stale (see ``offer``)."""
        return self._generation

    def offer(self, drawn: Drawn, generation: int) -> None:
        """Keep an article read and drawn elsewhere (the list's read draws the article the new
        view will show), unless a write landed since ``generation`` was taken."""
        if generation != self._generation:
            return
        self._articles[drawn.article.id] = drawn.article
        self._articles.move_to_end(drawn.article.id)
        self._reader.offer_page(drawn.article, drawn.params, drawn.page)
        while len(self._articles) > KEEP:
            self._articles.popitem(last=False)

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

        def work(c: TaskControl) -> list[Drawn]:
            made: list[Drawn] = []
            for article_id in wanted:
                if c.cancelled():
                    break
                drawn = read_and_draw(library, article_id, params)
                if drawn is not None:
                    made.append(drawn)
            return made

        def done(made: list[Drawn]) -> None:
            self._reading.difference_update(wanted)
            for drawn in made:
                self.offer(drawn, generation)

        def failed(_exc: BaseException) -> None:
            self._reading.difference_update(wanted)

        task = self._runner.submit(work, name="read ahead", on_done=done, on_error=failed)
        if not task.done:
            self._tasks.append(task)
            task.ended.connect(lambda: self._tasks.remove(task) if task in self._tasks else None)

    def stop_reading(self) -> None:
        """Stop reading ahead (after the article being drawn): the view changed, and its
        neighbours are no longer the next ones. The new view's own reads go first."""
        for task in self._tasks:
            task.cancel()

    def forget(self, article_ids: Iterable[str] | None = None) -> None:
        """Drop these articles (every one when None): a write changed them."""
        self._generation += 1
        if article_ids is None:
            self._articles.clear()
            return
        for article_id in article_ids:
            self._articles.pop(article_id, None)
