"""Saved web pages (``.html``, ``.htm``, ``.xhtml``, ``.mhtml``): one clean article each.

A page saved from a browser (or downloaded by "Fetch content") holds the article among the
site's furniture: navigation, share rows, comments, related links, cookie banners. This
importer reads the page's own description of the article (``html_metadata``), finds the
article's text (``html_extract``), and stores it as sanitized Markdown (``html_markdown``),
with links and images made absolute against the page's address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reader.domain.article import ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.domain.text import first_words
from reader.formats import registry
from reader.formats.html_byline import clean_author, page_byline
from reader.formats.html_document import Document, parse_page, url_scheme
from reader.formats.html_extract import extract, prepare
from reader.formats.html_markdown import element_to_markdown, fragment_to_markdown
from reader.formats.html_metadata import PageMetadata, read_metadata, strip_site_name
from reader.formats.html_tree import text_similarity
from reader.formats.language import detect_language
from reader.formats.mhtml import html_of_mhtml, is_mhtml
from reader.formats.registry import ImportFormat, ParsedItem
from reader.render.sanitize import safe_url

_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_BOOKMARKS = re.compile(rb"<!DOCTYPE\s+NETSCAPE-Bookmark-file", re.IGNORECASE)
# Bracket contents exclude "[" so that a run of brackets cannot make a search quadratic.
_MARKDOWN_NOISE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)|\]\([^()]*\)|[*_`#>\[\]\\|]")
#: Below this many characters of text the article search is second-guessed.
_SHORT = 300
_SRCSET_ITEM = re.compile(r"\s*(\S+)(?:\s+([\d.]+)[wx])?\s*(?:,|$)")


def sniff(head: bytes, name: str) -> int:
    """Pages by their markup (a doctype, ``<html>``, ``<head>``) or by their extension."""
    if _BOOKMARKS.search(head[:2048]):
        return registry.NO
    sample = head.lstrip(b"\xef\xbb\xbf")
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = sample.decode("utf-16", errors="ignore").encode("utf-8")
    ext = registry.extension_of(name)
    if is_mhtml(sample):
        return registry.CONTENT
    if _HTML_START.match(sample[:4096]):
        return registry.CONTENT
    if ext in FORMAT.extensions:
        return registry.EXTENSION + 5
    if _HTML_ANYWHERE.search(sample[:4096]):
        return registry.EXTENSION
    return registry.NO


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    """The article of a saved page; ImportFormatError for a page that has none."""
    saved_from = None
    if is_mhtml(data[:4096]):
        data, saved_from = html_of_mhtml(data)
    document = parse_page(data)
    # A page fetched from the web is named by its address ("Fetch content" does this).
    if not saved_from and url_scheme(name) in ("http", "https"):
        saved_from = name
    if saved_from and not document.saved_from:
        document.saved_from = document.base_url = saved_from
    yield _read(document)


def _read(document: Document) -> ArticleDraft:
    meta = read_metadata(document)
    # Before the search changes the tree: it removes the byline it finds.
    marked_author = page_byline(document.root)
    prepare(document.root)
    found = extract(document.root, title=meta.title, byline_known=meta.author is not None)
    body = ""
    if found is not None and found.text_length:
        _absolutize(found.content, document)
        body = element_to_markdown(found.content)
    if found is None or found.text_length < _SHORT:
        # Too little for Reader View's search: ask trafilatura, and keep the longer text.
        second = second_opinion(document.markup, document.base_url)
        ours = len(_MARKDOWN_NOISE.sub("", body))
        theirs = len(_MARKDOWN_NOISE.sub("", second))
        # Longer, and prose rather than a list of links to other stories.
        if theirs > 1.5 * ours + 100 and _link_share(second) < 0.3:
            body = _drop_title_heading(second, meta.title)
    plain = _MARKDOWN_NOISE.sub(" ", body)
    if not _LETTER.search(_MARKDOWN_NOISE.sub(" ", _LINK_TEXT.sub(" ", body))) and not (
        _IMAGE.search(body)
    ):
        # Nothing but a link or two: a script-driven page saved before it ran.
        raise ImportFormatError("no article text found in the page")
    title, inferred = _title(meta, body)
    author = meta.author or clean_author(found.byline if found else None) or marked_author
    language = _language(meta, plain)
    return ArticleDraft(
        body=body,
        title=title,
        title_inferred=inferred,
        author=author,
        site_name=meta.site_name,
        url=meta.url,
        published_at=meta.published_at,
        language=language,
        summary=meta.summary,
        image_url=meta.image_url or _first_image(body),
        source_format=FORMAT.name,
    )


def second_opinion(markup: str, url: str | None) -> str:
    """trafilatura's reading of the page, as sanitized Markdown ("" when it finds nothing)."""
    if not markup:
        return ""
    import trafilatura  # only needed for the pages the search fails on

    try:
        found = trafilatura.extract(
            markup,
            url=url,
            output_format="html",
            include_formatting=True,
            include_links=True,
            include_images=True,
            include_comments=False,
        )
    except (ValueError, TypeError, RecursionError):
        return ""
    return fragment_to_markdown(found) if found else ""


_LINK_TEXT = re.compile(r"(?<!!)\[([^\[\]]*)\]\([^()]*\)")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\((https?://[^)\s]+)\)")
_LETTER = re.compile(r"[^\W\d_]")


def _first_image(body: str) -> str | None:
    """The article's first picture, as its lead image when the page names none."""
    m = _IMAGE.search(body)
    return m.group(1) if m else None


def _link_share(markdown: str) -> float:
    """How much of a Markdown text's words sit in links."""
    text = _MARKDOWN_NOISE.sub("", _LINK_TEXT.sub(r"\1", markdown))
    linked = sum(len(m.group(1)) for m in _LINK_TEXT.finditer(markdown))
    return linked / len(text) if text else 0.0


def _drop_title_heading(body: str, title: str | None) -> str:
    """``body`` without a first heading that repeats the title (the reader shows the title)."""
    first, _, rest = body.partition("\n\n")
    heading = first.lstrip("#").strip()
    if title and first.startswith("#") and text_similarity(title, heading) > 0.75:
        return rest
    return body


def _title(meta: PageMetadata, body: str) -> tuple[str, bool]:
    """The article's title, and whether it had to be made up from the text."""
    title = meta.title
    if title and meta.heading and len(meta.heading) < len(title) and meta.heading in title:
        # "Headline | Site" in the metadata, "Headline" in the page: the page is right.
        title = meta.heading
    if title:
        title = strip_site_name(title, meta.site_name, meta.url)
        return title, False
    first = next((line for line in body.split("\n") if line.strip()), "")
    return first_words(_MARKDOWN_NOISE.sub("", first).strip(), 80), True


def _language(meta: PageMetadata, plain: str) -> str | None:
    """The declared language, unless the text is plainly in another script's language."""
    detected = detect_language(plain, min_confidence=0.9) if plain else None
    declared = meta.language
    if (
        declared
        and detected
        and declared != detected
        and _script_of(detected) != _script_of(declared)
    ):
        # A template's lang="en" on a page written in Arabic or Japanese.
        return detected
    return declared or detected or detect_language(plain)


_SCRIPTS: dict[str, str] = {
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ku", "sd", "ug"), "arabic"),
    **dict.fromkeys(("he", "yi"), "hebrew"),
    **dict.fromkeys(("zh", "ja"), "han"),
    "ko": "hangul",
    "th": "thai",
    **dict.fromkeys(("ru", "uk", "bg", "sr", "mk", "be", "kk", "mn", "ky"), "cyrillic"),
    "el": "greek",
    **dict.fromkeys(("hi", "mr", "ne"), "devanagari"),
}


def _script_of(language: str) -> str:
    return _SCRIPTS.get(language, "latin")


def _absolutize(content: Any, document: Document) -> None:
    """Links and images pointing where they pointed on the site."""
    for a in content.iter("a"):
        href = a.get("href")
        if href is None:
            continue
        # A fragment goes; so does a script or data address in any spelling ("java\tscript:"
        # would otherwise be written out percent-encoded, inert but still odd).
        if href.strip().startswith("#") or not safe_url(href):
            del a.attrib["href"]
            continue
        resolved = document.resolve(href)
        if resolved:
            a.set("href", resolved)
        else:
            del a.attrib["href"]
    for img in content.iter("img"):
        src = (img.get("src") or "").strip()
        if not src or src.startswith("data:"):
            src = _best_of_srcset(img.get("srcset") or img.get("data-srcset") or "")
        resolved = document.resolve(src) if src else None
        if resolved and url_scheme(resolved) in ("http", "https"):
            img.set("src", resolved)
        elif "src" in img.attrib:
            del img.attrib["src"]


def _best_of_srcset(srcset: str) -> str:
    best, best_size = "", -1.0
    for m in _SRCSET_ITEM.finditer(srcset):
        url, size = m.group(1), m.group(2)
        try:
            value = float(size) if size else 0.0
        except ValueError:
            value = 0.0
        if url and value > best_size:
            best, best_size = url, value
    return best


FORMAT = ImportFormat(
    name="html",
    label="Saved web page",
    extensions=("html", "htm", "xhtml", "shtml", "mhtml", "mht"),
    sniff=sniff,
    parse=parse,
)
