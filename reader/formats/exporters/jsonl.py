"""Folio JSON Lines: the lossless export with one article object a line.

Each line is exactly an article of the Folio JSON format (PRODUCT.md), with no header line, so
that line-oriented tools (``jq -c``, ``grep``, pandas' ``read_json(lines=True)``) see one kind
of record. Folio's JSON importer reads it back by its ``.jsonl`` extension, and recognises
the article keys when the file has been renamed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from reader.domain.article import Article
from reader.formats.export_options import ExportOptions
from reader.formats.exporters.folio_json import dumps
from reader.formats.folio_schema import article_to_dict
from reader.formats.registry import ExportFormat


def write(articles: Iterable[Article], stream: BinaryIO, options: ExportOptions) -> None:
    for article in articles:
        stream.write(dumps(article_to_dict(article)))
        stream.write(b"\n")


FORMAT = ExportFormat(name="jsonl", label="Folio JSON Lines", extension="jsonl", write=write)
