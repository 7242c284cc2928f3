"""Markdown with front matter: Jekyll, Hugo (YAML or TOML), Obsidian and Joplin notes.

The front matter gives the metadata under whichever of the dialects' keys it uses; a note
without any gets its title from its first heading, else from the file name.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from reader.domain.article import ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.domain.text import clean_tags
from reader.domain.times import normalize_published
from reader.formats import registry
from reader.formats.dates import parse_date
from reader.formats.encoding import decode_text
from reader.formats.language import detect_language
from reader.formats.registry import ImportFormat, ParsedItem

EXTENSIONS = ("md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext")

_YAML_START = re.compile(rb"^(?:\xef\xbb\xbf)?---[ \t]*\r?\n")
_TOML = re.compile(r"^\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|$)", re.DOTALL)
_H1 = re.compile(r"^\s*#\s+(.+?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s*(\S.*?)\s*\n=+\s*$", re.MULTILINE)
_JEKYLL_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
# Obsidian's wiki links in properties: [[Page]] or [[Page|Shown text]].
_WIKILINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")

# Each field and the front-matter keys the dialects use for it, most specific first.
KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "name"),
    "subtitle": ("subtitle",),
    "author": ("author", "authors", "by", "creator"),
    "author_bio": ("author_bio",),
    "published_at": ("date", "published", "published_at", "pubdate", "publishdate", "created"),
    "url": ("source", "url", "link", "source_url", "original_url", "canonical_url"),
    "site_name": ("site", "site_name", "publisher"),
    "language": ("lang", "language", "locale"),
    "summary": ("description", "summary", "excerpt", "abstract"),
    "image_url": ("image", "cover", "image_url", "featured_image", "thumbnail"),
    "image_credit": ("image_credit",),
    "image_caption": ("image_caption",),
}
TAG_KEYS = ("tags", "keywords", "categories", "category", "labels")


def sniff(head: bytes, name: str) -> int:
    ext = registry.extension_of(name)
    if ext in EXTENSIONS:
        return registry.EXTENSION + 5
    if _YAML_START.match(head) and re.search(rb"^(title|tags|date)\s*:", head, re.MULTILINE):
        return registry.CONTENT if ext in ("txt", "text", "") else registry.EXTENSION
    if head.startswith(b"+++") and re.search(rb"^title\s*=", head, re.MULTILINE):
        return registry.CONTENT
    return registry.NO


def _first(lowered: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    """The first non-empty value under ``keys`` in front matter whose keys are case-folded."""
    for key in keys:
        value = lowered.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        parts = [_as_text(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, Mapping):
        return _as_text(value.get("name") or value.get("title") or value.get("url"))
    text = str(value).strip()
    # Only a property that is wholly a wiki link is one; "[[x]]" inside a title is text.
    link = _WIKILINK.fullmatch(text)
    if link:
        text = link.group(1).strip()
    return text or None


def _as_date(value: Any) -> str | None:
    if isinstance(value, (datetime, date)):
        return normalize_published(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 10**9:
        # Joplin and some tools write epoch milliseconds.
        seconds = value / 1000 if value > 10**11 else value
        from datetime import UTC

        return normalize_published(datetime.fromtimestamp(seconds, UTC))
    text = _as_text(value)
    return parse_date(text) if text else None


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().casefold() in ("true", "yes", "1", "on")
    return bool(value)


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without anchors and aliases: front matter never needs them, and a few nested
    aliases expand to billions of values (the "billion laughs" of YAML)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.events.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", mark
            )
        return super().compose_node(parent, index)


#: libyaml's parser, when PyYAML was built with it: many times faster than the pure-Python one.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)


class _FrontMatter(YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        # Front matter without a "*" holds no alias, so libyaml's parser may read it; the
        # pure-Python one (which refuses aliases) reads the rest, and says what is wrong with
        # front matter libyaml refuses, in the words the report has always used.
        if _FAST_LOADER is not None and "*" not in fm:
            try:
                return yaml.load(fm, Loader=_FAST_LOADER)
            except yaml.YAMLError:
                pass
        return yaml.load(fm, Loader=_NoAliasLoader)


def _split(text: str) -> tuple[dict[str, Any], str]:
    """The front matter (as a dict) and the body."""
    toml = _TOML.match(text)
    if toml:
        try:
            return tomllib.loads(toml.group(1)), text[toml.end() :]
        except tomllib.TOMLDecodeError as exc:
            raise ImportFormatError(f"the TOML front matter is not valid ({exc})") from exc
    if not text.startswith("---"):
        return {}, text
    # python-frontmatter's parse() would strip the body, losing the indentation of its first
    # line (an indented code block); its handler splits and loads without touching the body.
    handler = _FrontMatter()
    try:
        head, body = handler.split(text)
    except ValueError:
        return {}, text  # no closing delimiter: not front matter after all
    try:
        meta = handler.load(head)
    except RecursionError as exc:
        raise ImportFormatError("the YAML front matter is nested too deeply") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"front matter line {mark.line + 1}" if mark is not None else "front matter"
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise ImportFormatError(
            f"the YAML front matter is not valid: {problem}", location=where
        ) from exc
    except (ValueError, TypeError, OverflowError) as exc:
        # YAML's own readers of dates and numbers ("2023-13-45", "1e999999") raise these.
        raise ImportFormatError(f"the YAML front matter is not valid: {exc}") from exc
    if not isinstance(meta, dict):
        return {}, body
    return dict(meta), body


def _title_from_name(name: str) -> tuple[str, str | None]:
    """A title from a file name (``2016-01-01-my-first-post.md`` -> ``My first post``), and the
    date a Jekyll post name carries."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    jekyll = _JEKYLL_NAME.match(stem)
    day = None
    if jekyll:
        day, stem = jekyll.group(1), jekyll.group(2)
    words = re.sub(r"[-_]+", " ", stem).strip()
    if words and words == words.lower():
        words = words[0].upper() + words[1:]
    return words, normalize_published(day) if day else None


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    text = decode_text(data, what="Markdown")
    meta, body = _split(text)
    # Keys match whatever their case; folded once here rather than at every lookup.
    meta = {str(k).casefold(): v for k, v in meta.items()}
    body = body.strip("\n")
    title = _as_text(_first(meta, KEYS["title"]))
    title_inferred = False
    if not title:
        lines = body.lstrip("\n").split("\n", 1)
        h1 = _H1.match(lines[0]) if lines else None
        setext = _SETEXT.match(body.lstrip("\n"))
        if h1:
            title = h1.group(1).strip()
            body = lines[1].lstrip("\n") if len(lines) > 1 else ""
        elif setext and setext.start() == 0:
            title = setext.group(1).strip()
            body = body.lstrip("\n")[setext.end() :].lstrip("\n")
    name_title, name_date = _title_from_name(name)
    if not title:
        title, title_inferred = name_title, True
    if not body.strip() and not title:
        raise ImportFormatError("the note is empty")
    published = _as_date(_first(meta, KEYS["published_at"])) or name_date
    tags: list[str] = []
    for key in TAG_KEYS:
        value = _first(meta, (key,))
        if isinstance(value, str):
            # "a, b" or Obsidian's "#a #b"
            sep = "," if "," in value else None
            tags.extend(t.strip() for t in value.split(sep))
        elif isinstance(value, list):
            tags.extend(str(t) for t in value if t is not None and not isinstance(t, (dict, list)))
    language = _as_text(_first(meta, KEYS["language"]))
    # "und" (BCP 47: undetermined) says the language is not known: do not guess one.
    undetermined = language is not None and language.casefold() == "und"
    fields = {f: _as_text(_first(meta, keys)) for f, keys in KEYS.items()}
    yield ArticleDraft(
        body=body,
        title=title,
        title_inferred=title_inferred,
        subtitle=fields["subtitle"],
        author=fields["author"],
        author_bio=fields["author_bio"],
        site_name=fields["site_name"],
        url=fields["url"],
        published_at=published,
        language=None if undetermined else language or detect_language(body),
        summary=fields["summary"],
        image_url=fields["image_url"],
        image_credit=fields["image_credit"],
        image_caption=fields["image_caption"],
        tags=clean_tags(tags),
        read=_as_bool(_first(meta, ("read",))),
        starred=_as_bool(_first(meta, ("starred", "favorite", "favourite"))),
        archived=_as_bool(_first(meta, ("archived",))),
        source_format="markdown",
    )


FORMAT = ImportFormat(
    name="markdown",
    label="Markdown with front matter",
    extensions=EXTENSIONS,
    sniff=sniff,
    parse=parse,
)
