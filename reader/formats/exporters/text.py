"""Plain text: every article in one ``.txt`` file, separated by a rule, or a file per article.

UTF-8 without a byte-order mark, ``\\n`` line endings, paragraphs unwrapped (see
``reader.render.plain``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from reader.domain.article import Article
from reader.formats.export_options import ExportOptions, Namer
from reader.formats.registry import ExportFormat
from reader.render.plain import article_text

#: Between two articles of a one-file export.
SEPARATOR = "\n" + "=" * 72 + "\n\n"


def write(articles: Iterable[Article], stream: BinaryIO, options: ExportOptions) -> None:
    for n, article in enumerate(articles):
        if n:
            stream.write(SEPARATOR.encode("utf-8"))
        stream.write(article_text(article).encode("utf-8"))


def files(
    articles: Iterable[Article], options: ExportOptions, namer: Namer
) -> Iterator[tuple[str, bytes]]:
    for article in articles:
        yield namer(article.title or article.id, "txt", ()), article_text(article).encode("utf-8")


FORMAT = ExportFormat(name="txt", label="Plain text", extension="txt", write=write, files=files)
