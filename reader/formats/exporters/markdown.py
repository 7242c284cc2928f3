"""Markdown with YAML front matter: one ``.md`` file per article, with keys that Obsidian,
Jekyll, Hugo and Joplin read (``title``, ``author``, ``date``, ``source``, ``tags`` ...), and that
Folio's Markdown importer reads back to the same article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import yaml

from reader.domain.article import Article
from reader.domain.times import iso_utc
from reader.formats.registry import ExportFormat


class _Dumper(yaml.SafeDumper):
    """Block style, and long strings kept on one line so other tools read them simply."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def front_matter(a: Article) -> dict[str, Any]:
    """The front matter keys for one article, empty values left out."""
    published: Any = a.published_at
    if published and len(published) == 10:
        published = date.fromisoformat(published)
    meta: dict[str, Any] = {
        "title": a.title,
        "subtitle": a.subtitle,
        "author": a.author,
        "date": published,
        "source": a.url,
        "site": a.site_name,
        "lang": a.language,
        "tags": list(a.tags) or None,
        "description": a.summary,
        "image": a.image_url,
        "image_credit": a.image_credit,
        "image_caption": a.image_caption,
        "author_bio": a.author_bio,
        "created": iso_utc(a.added_at),
        "updated": iso_utc(a.updated_at),
        "read": a.read or None,
        "starred": a.starred or None,
        "archived": a.archived or None,
    }
    return {k: v for k, v in meta.items() if v not in (None, "")}


def render(a: Article) -> str:
    """One article as a Markdown document with front matter."""
    head = yaml.dump(
        front_matter(a), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000
    )
    body = a.body.rstrip("\n")
    return f"---\n{head}---\n\n{body}\n" if body else f"---\n{head}---\n"


def files(articles: Iterable[Article]) -> Iterator[tuple[str, bytes]]:
    for article in articles:
        yield article.title or article.id, render(article).encode("utf-8")


FORMAT = ExportFormat(name="markdown", label="Markdown", extension="md", files=files)
