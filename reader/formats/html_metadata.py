"""What a web page says about its article: title, author, date, site, language, image, summary.

Pages describe themselves in several overlapping vocabularies, read here in the order of how
much they can be trusted: schema.org JSON-LD (``NewsArticle``, ``BlogPosting`` ...), the
``<meta>`` tags of OpenGraph, Twitter cards, Dublin Core, Parse.ly and plain HTML, microdata
(``itemprop``), and last the document's own ``<title>`` and headings. Values are cleaned the
way people expect to see them: a title without the site's name stuck to it, an author without
"By", a date in Folio's stored shape, a language as its ISO 639-1 code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.formats import json_text
from reader.formats.dates import parse_date
from reader.formats.html_byline import clean_author, clean_text, looks_like_url
from reader.formats.html_document import Document, url_scheme
from reader.formats.html_tree import inner_text, text_similarity

Element = Any

# schema.org types whose JSON-LD describes the article itself.
_ARTICLE_TYPES = re.compile(
    r"^(?:Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|"
    r"AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|"
    r"ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|"
    r"SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|"
    r"APIReference|Review|Recipe|HowTo|VideoObject|Blog|WebPage|ItemPage|CreativeWork)$"
)
_STRONG_ARTICLE = re.compile(r"Article$|Posting$|^Report$|^Review$|^Recipe$|^HowTo$")
_CDATA = re.compile(r"^\s*<!\[CDATA\[|\]\]>\s*$")
_PROPERTY = re.compile(
    r"\s*(article|dc|dcterm|og|twitter)\s*:\s*"
    r"(author|creator|description|published_time|title|site_name)\s*",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(article|webpage))\s*[-.:]\s*)?"
    r"(author|creator|pub-date|description|title|site_name)\s*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
# Separators between a headline and the site's name in <title> and og:title.
_TITLE_SEPARATORS = re.compile(
    r"\s+[|\-–—·•:»/\\>]{1,2}\s+|\s*[|•·｜]\s*|\s+::\s+|\s*[：_]\s*(?=\S)|(?<=\S):\s+"
)
# What may follow a headline inside a longer title: a separator, then the rest.
_AFTER_HEADLINE = re.compile(r"^\s*[|｜\-–—:：·•_»/\\>(（\[]")
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{2,8})*$")


@dataclass(slots=True)
class PageMetadata:
    """Everything the page says about its article (None where it says nothing)."""

    title: str | None = None
    #: The headline as written in the page's own heading, when one matches the title.
    heading: str | None = None
    author: str | None = None
    published_at: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    direction: str | None = None
    image_url: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    #: The raw ``<title>`` text, for reference.
    document_title: str | None = None
    #: ``meta`` values by lower-case name or property, first value kept.
    meta: dict[str, str] = field(default_factory=dict)


# ============================================================================ small helpers


def _first(*values: str | None) -> str | None:
    for value in values:
        if value:
            return value
    return None


def _absolute(document: Document, url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    resolved = document.resolve(url)
    if not resolved or url_scheme(resolved) not in ("http", "https"):
        return None
    return resolved


def normalize_language(value: str | None) -> str | None:
    """``en-US`` → ``en``; None for what is not a language tag."""
    if not value:
        return None
    m = _LANG.match(value.strip())
    if not m:
        return None
    code = m.group(1).lower()
    return {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}.get(code, code)


_NAIVE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


def published(value: Any) -> str | None:
    """A page's date in Folio's stored shape: a full time only when its zone is known."""
    text = clean_text(value)
    if not text:
        return None
    naive = _NAIVE_TIME.match(text)
    if naive:
        # A wall-clock time without a zone cannot be placed in UTC honestly.
        return parse_date(naive.group(1))
    return parse_date(text[:60])


# ============================================================================ JSON-LD


def _json_objects(document: Document) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, flattening lists and ``@graph``."""
    for script in document.root.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind != "application/ld+json":
            continue
        raw = _CDATA.sub("", script.text or "").strip()
        if not raw:
            continue
        try:
            data = json_text.loads(raw, strict=False)
        except ValueError:
            # Some sites leave a trailing semicolon or comma; try once without it.
            try:
                data = json_text.loads(raw.rstrip(";, \n"), strict=False)
            except ValueError:
                continue
        yield from _flatten(data, depth=0)


def _flatten(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _flatten(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield from _flatten(main, depth + 1)


def _types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def _names(value: Any) -> list[str]:
    """Names of a JSON-LD person or organisation value (string, object, or a list)."""
    if isinstance(value, str):
        name = clean_text(value)
        return [name] if name and not looks_like_url(name) else []
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        text = clean_text(name)
        return [text] if text and not looks_like_url(text) else []
    if isinstance(value, list):
        names: list[str] = []
        for item in value[:20]:
            for name in _names(item):
                if name not in names:
                    names.append(name)
        return names
    return []


def _image(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _image(value.get("url") or value.get("contentUrl") or value.get("@id"))
    if isinstance(value, list) and value:
        return _image(value[0])
    return None


@dataclass(slots=True)
class _JsonLd:
    title: str | None = None
    name: str | None = None
    headline: str | None = None
    author: str | None = None
    published: str | None = None
    summary: str | None = None
    site_name: str | None = None
    image: str | None = None
    url: str | None = None
    language: str | None = None
    keywords: tuple[str, ...] = ()


def _read_json_ld(document: Document) -> _JsonLd:
    objects = list(_json_objects(document))
    found = _JsonLd()
    article: dict[str, Any] | None = None
    for strong in (True, False):
        for obj in objects:
            if any(
                _ARTICLE_TYPES.match(t) and (not strong or _STRONG_ARTICLE.search(t))
                for t in _types(obj)
            ):
                article = obj
                break
        if article is not None:
            break
    for obj in objects:
        if "WebSite" in _types(obj) and not found.site_name:
            found.site_name = clean_text(obj.get("name"))
    if article is None:
        return found
    found.name = clean_text(article.get("name"))
    found.headline = clean_text(article.get("headline"))
    authors = _names(article.get("author")) or _names(article.get("creator"))
    found.author = ", ".join(authors) if authors else None
    found.published = _first(
        *(
            article.get(key) if isinstance(article.get(key), str) else None
            for key in ("datePublished", "dateCreated", "uploadDate")
        )
    )
    found.summary = clean_text(article.get("description"))
    publisher = _names(article.get("publisher"))
    if publisher:
        found.site_name = publisher[0]
    found.image = _image(article.get("image")) or _image(article.get("thumbnailUrl"))
    url = article.get("url")
    entity = article.get("mainEntityOfPage")
    if isinstance(entity, dict):
        entity = entity.get("@id") or entity.get("url")
    found.url = url if isinstance(url, str) else entity if isinstance(entity, str) else None
    lang = article.get("inLanguage")
    found.language = lang if isinstance(lang, str) else None
    keywords = article.get("keywords")
    if isinstance(keywords, str):
        found.keywords = tuple(k.strip() for k in keywords.split(",") if k.strip())
    elif isinstance(keywords, list):
        found.keywords = tuple(k.strip() for k in keywords if isinstance(k, str) and k.strip())
    return found


# ============================================================================ meta tags


def _meta_values(document: Document) -> dict[str, str]:
    """Meta tag values by normalised name: ``og:title``, ``author``, ``dc:creator`` ..."""
    values: dict[str, str] = {}
    for meta in document.root.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        content = content.strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if not key:
                continue
            for part in key.split():
                name = part.strip().lower().replace(".", ":")
                if name and name not in values:
                    values[name] = content
    return values


def _readability_meta(document: Document) -> dict[str, str]:
    """The subset of meta tags Reader View trusts for title, author, summary, site and date,
    keyed as it keys them (later tags of the same name win, as they do there)."""
    values: dict[str, str] = {}
    for meta in document.root.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        prop = meta.get("property")
        matched = False
        if prop:
            m = _PROPERTY.search(prop)
            if m:
                matched = True
                values[re.sub(r"\s", "", m.group(0).lower())] = content
        name = meta.get("name")
        if not matched and name and _NAME.match(name):
            values[re.sub(r"\s", "", name.lower()).replace(".", ":")] = content
    return values


# ============================================================================ title


def _headings(root: Element) -> list[str]:
    found: list[str] = []
    for node in root.iter("h1", "h2"):
        text = inner_text(node)
        if text:
            found.append(text)
        if len(found) > 40:
            break
    return found


def _document_title(root: Element) -> str | None:
    node = root.find(".//title")
    if node is None:
        return None
    return clean_text("".join(node.itertext()))


def _word_count(text: str) -> int:
    return len(text.split())


def title_from_document(title: str, headings: list[str]) -> str:
    """Reader View's reading of a ``<title>``: drop the site's part after a separator."""
    original = title
    current = title
    hierarchical = False
    if re.search(r" [|\-–—\\/>»] ", current):
        hierarchical = bool(re.search(r" [\\/>»] ", current))
        current = re.sub(r"(.*)[|\-–—\\/>»] .*", r"\1", original)
        if _word_count(current) < 3:
            current = re.sub(r"^[^|\-–—\\/>»]*[|\-–—\\/>»](.*)", r"\1", original)
    elif ": " in current:
        if not any(h.strip() == current.strip() for h in headings):
            current = original[original.rfind(":") + 1 :]
            if _word_count(current) < 3:
                current = original[original.find(":") + 1 :]
            elif _word_count(original[: original.find(":")]) > 5:
                current = original
    elif (len(current) > 150 or len(current) < 15) and len(headings) == 1:
        current = headings[0]
    current = _SPACES.sub(" ", current.strip())
    words = _word_count(current)
    if words <= 4 and (
        not hierarchical or words != _word_count(re.sub(r"[|\-–—\\/>»]+", "", original)) - 1
    ):
        current = original
    return current


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _site_tokens(site_name: str | None, url: str | None) -> set[str]:
    tokens: set[str] = set()
    if site_name:
        tokens.add(_squash(site_name))
    if url:
        try:
            host = (urlsplit(url).hostname or "").removeprefix("www.")
        except ValueError:
            host = ""
        if host:
            tokens.add(_squash(host))
            labels = host.split(".")
            if len(labels) >= 2:
                tokens.add(_squash(labels[-2] if len(labels[-2]) > 3 else ".".join(labels[:-1])))
    return {t for t in tokens if len(t) >= 2}


def strip_site_name(title: str, site_name: str | None, url: str | None) -> str:
    """``title`` without a leading or trailing part that names the site ("X | The Paper")."""
    tokens = _site_tokens(site_name, url)
    if not tokens:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    seps = _TITLE_SEPARATORS.findall(title)

    def is_site(part: str) -> bool:
        # The site's name, perhaps with a word or two more ("The Seattle Times", "Le
        # Monde.fr"); a part that merely mentions the site is part of the headline.
        squashed = _squash(part)
        return bool(squashed) and any(
            squashed == t
            or (len(t) >= 4 and t in squashed and len(squashed) <= len(t) + 10)
            or (len(squashed) >= 4 and squashed in t)
            for t in tokens
        )

    # Trailing parts first ("Headline - Section - Site"), then a leading one ("Site: Headline").
    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
        seps.pop(0)
    rebuilt = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        rebuilt += sep + part
    rebuilt = rebuilt.strip()
    return rebuilt if len(rebuilt) >= 3 else title


def _is_part(title: str, heading: str) -> bool:
    """Whether ``heading`` is the headline part of ``title`` ("Headline｜Site")."""
    if len(heading) < 4 or heading == title:
        return False
    if title.startswith(heading):
        return bool(_AFTER_HEADLINE.match(title[len(heading) :]))
    if title.endswith(heading):
        return bool(_AFTER_HEADLINE.match(title[: -len(heading)][::-1].replace("(", "")))
    return False


def _pick_title(
    candidates: list[str | None], doc_title: str | None, headings: list[str]
) -> tuple[str | None, str | None]:
    """The title, and the page heading that matches it (if any)."""
    title = _first(*candidates)
    if not title and doc_title:
        title = title_from_document(doc_title, headings)
    if not title:
        title = headings[0] if headings else None
    heading = None
    if title:
        for text in headings:
            if _is_part(title, text) or (
                text_similarity(title, text) > 0.75 and text_similarity(text, title) > 0.75
            ):
                heading = text
                break
    return title, heading


# ============================================================================ the reading


def read_metadata(document: Document) -> PageMetadata:
    """The page's own description of its article."""
    root = document.root
    meta = _meta_values(document)
    trusted = _readability_meta(document)
    json_ld = _read_json_ld(document)
    headings = _headings(root)
    doc_title = _document_title(root)
    found = PageMetadata(meta=meta, document_title=doc_title)

    # The page's address first: relative links in everything else depend on it.
    base = root.find(".//base[@href]")
    canonical = None
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            canonical = link.get("href")
            break
    page_url = next(
        (
            u
            for u in (canonical, meta.get("og:url"), json_ld.url, document.saved_from)
            if isinstance(u, str) and url_scheme(u.strip()) in ("http", "https")
        ),
        None,
    )
    if base is not None:
        href = base.get("href", "").strip()
        if url_scheme(href) in ("http", "https"):
            document.base_url = href
        elif page_url:
            document.base_url = _join(page_url, href)
    elif page_url:
        document.base_url = page_url.strip()
    found.url = _absolute(document, page_url) if page_url else None

    json_title = json_ld.name or json_ld.headline
    if json_ld.name and json_ld.headline and json_ld.name != json_ld.headline and doc_title:
        reading = title_from_document(doc_title, headings)
        name_fits = text_similarity(json_ld.name, reading) > 0.75
        headline_fits = text_similarity(json_ld.headline, reading) > 0.75
        json_title = json_ld.headline if headline_fits and not name_fits else json_ld.name
    title, heading = _pick_title(
        [
            clean_text(json_title),
            clean_text(trusted.get("dc:title")),
            clean_text(trusted.get("dcterm:title")),
            clean_text(trusted.get("og:title")),
            clean_text(trusted.get("weibo:article:title")),
            clean_text(trusted.get("weibo:webpage:title")),
            clean_text(trusted.get("title")),
            clean_text(trusted.get("twitter:title")),
            clean_text(trusted.get("parsely-title")),
        ],
        doc_title,
        headings,
    )
    found.title = title
    found.heading = heading

    found.author = _first(
        clean_author(json_ld.author),
        clean_author(trusted.get("dc:creator")),
        clean_author(trusted.get("dcterm:creator")),
        clean_author(trusted.get("author")),
        clean_author(trusted.get("parsely-author")),
        clean_author(meta.get("author")),
        clean_author(meta.get("article:author")),
        clean_author(meta.get("og:article:author")),
        clean_author(meta.get("sailthru:author")),
        clean_author(meta.get("byl")),
        clean_author(meta.get("citation_author")),
    )
    found.summary = _first(
        json_ld.summary,
        *(
            clean_text(trusted.get(key))
            for key in (
                "dc:description",
                "dcterm:description",
                "og:description",
                "weibo:article:description",
                "weibo:webpage:description",
                "description",
                "twitter:description",
            )
        ),
    )
    found.site_name = _first(
        clean_text(trusted.get("og:site_name")),
        json_ld.site_name,
        clean_text(meta.get("application-name")),
        clean_text(meta.get("al:android:app_name")),
        clean_text(meta.get("al:ios:app_name")),
    )
    found.published_at = _first(
        *(
            published(v)
            for v in (
                json_ld.published,
                trusted.get("article:published_time"),
                meta.get("article:published_time"),
                trusted.get("parsely-pub-date"),
                meta.get("og:published_time"),
                meta.get("datepublished"),
                meta.get("dc:date"),
                meta.get("dc:date:issued"),
                meta.get("dcterms:created"),
                meta.get("dcterms:issued"),
                meta.get("sailthru:date"),
                meta.get("publish-date"),
                meta.get("publish_date"),
                meta.get("pubdate"),
                meta.get("date"),
                meta.get("citation_publication_date"),
            )
        ),
        _time_element(root),
    )
    found.image_url = _first(
        *(
            _absolute(document, v)
            for v in (
                meta.get("og:image:secure_url"),
                meta.get("og:image"),
                meta.get("og:image:url"),
                meta.get("twitter:image"),
                meta.get("twitter:image:src"),
                json_ld.image,
                _link_href(root, "image_src"),
                meta.get("thumbnail"),
            )
        )
    )
    html_node = root
    found.language = _first(
        normalize_language(html_node.get("lang")),
        normalize_language(html_node.get("{http://www.w3.org/XML/1998/namespace}lang")),
        normalize_language(html_node.get("xml:lang")),
        normalize_language(meta.get("content-language")),
        normalize_language(meta.get("language")),
        normalize_language(meta.get("dc:language")),
        normalize_language(json_ld.language),
        normalize_language(meta.get("og:locale")),
    )
    direction = (html_node.get("dir") or "").strip().lower()
    body = root.find("body")
    if not direction and body is not None:
        direction = (body.get("dir") or "").strip().lower()
    found.direction = direction if direction in ("rtl", "ltr") else None
    keywords = json_ld.keywords or tuple(
        k.strip() for k in (meta.get("news_keywords") or "").split(",") if k.strip()
    )
    found.tags = keywords[:20]
    return found


def _join(base: str, href: str) -> str | None:
    try:
        return urljoin(base.strip(), href)
    except ValueError:
        return None


def _link_href(root: Element, rel: str) -> str | None:
    for link in root.iter("link"):
        if rel in (link.get("rel") or "").lower().split():
            href = link.get("href")
            return href if isinstance(href, str) else None
    return None


def _time_element(root: Element) -> str | None:
    """A date from microdata or a ``<time>`` element marked as the publication date."""
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        prop = (node.get("itemprop") or "").lower()
        if prop in ("datepublished", "datecreated"):
            value = published(
                node.get("content") or node.get("datetime") or "".join(node.itertext())
            )
            if value:
                return value
    for node in root.iter("time"):
        if node.get("pubdate") is not None or "publish" in (node.get("class") or "").lower():
            value = published(node.get("datetime") or "".join(node.itertext()))
            if value:
                return value
    return None
