"""The keys an article is measured and matched by: word count, normalised link, content hash.

Computed once per draft when it is imported (in a worker process for a large import) and
stored beside the article, so duplicates are found by indexed lookups.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.domain.article import ArticleContent
from reader.domain.text import normalize_url, text_keys


@dataclass(frozen=True, slots=True)
class Keys:
    words: int
    url_key: str | None
    content_hash: str | None


def keys_of(article: ArticleContent) -> Keys:
    words, digest = text_keys(article.body or "", article.title or "")
    return Keys(words=words, url_key=normalize_url(article.url), content_hash=digest)
