"""Markdown with YAML front matter: one ``.md`` file per article, in one folder or in a folder
per tag, with keys that Obsidian, Jekyll, Hugo and Joplin read (``title``, ``author``,
``date``, ``source``, ``tags`` ...), and that Folio's Markdown importer reads back to the same
article.

Two choices keep the round trip exact: an article without a language says ``lang: und`` (BCP
47's "undetermined"), so the importer does not guess one from the body; and Joplin's
``created`` is written only beside a ``date``, because importers (Folio's among them) take
``created`` for the publication date of a note that has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import yaml

from reader.domain.article import Article
from reader.domain.times import iso_utc
from reader.formats.export_options import ExportOptions, Layout, Namer
from reader.formats.registry import ExportFormat

#: The language tag for "not known" (BCP 47).
UNDETERMINED = "und"


class _Dumper(yaml.SafeDumper):
    """Block style, and long strings kept on one line so other tools read them simply."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value and _literal_safe(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _literal_safe(value: str) -> bool:
    # A literal block keeps text exactly only if no line ends in white space and nothing in
    # it is a YAML line break other than "\n"; anything else goes double-quoted and escaped.
    lines = value.split("\n")
    return all(line == line.rstrip() for line in lines) and not any(
        c in value for c in "\r\x85\u2028\u2029\t"
    )


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
        "lang": a.language or UNDETERMINED,
        "tags": list(a.tags) or None,
        "description": a.summary,
        "image": a.image_url,
        "image_credit": a.image_credit,
        "image_caption": a.image_caption,
        "author_bio": a.author_bio,
        "created": iso_utc(a.added_at) if a.published_at else None,
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
    body = a.body.strip("\n")
    return f"---\n{head}---\n\n{body}\n" if body else f"---\n{head}---\n"


def tag_folder(article: Article) -> tuple[str, ...]:
    """The folder an article goes in when exporting a folder per tag: its first tag, nested
    on ``/`` as Obsidian nests tags; none for an untagged article."""
    if not article.tags:
        return ()
    return tuple(part for part in article.tags[0].split("/") if part.strip())


def files(
    articles: Iterable[Article], options: ExportOptions, namer: Namer
) -> Iterator[tuple[str, bytes]]:
    by_tag = options.layout is Layout.BY_TAG
    for article in articles:
        folder = tag_folder(article) if by_tag else ()
        path = namer(article.title or article.id, "md", folder)
        yield path, render(article).encode("utf-8")


FORMAT = ExportFormat(name="markdown", label="Markdown", extension="md", files=files, by_tag=True)
