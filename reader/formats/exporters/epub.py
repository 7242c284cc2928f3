"""EPUB 3: a reading digest of the chosen articles, one chapter each, with a table of contents
(the EPUB 3 navigation document, and an NCX for older readers), metadata and language.

Written with ``zipfile`` rather than an EPUB library: the container is small and fully under
Folio's control, which is what it takes to pass epubcheck with no errors and no warnings
(``mimetype`` first and stored, ASCII file names, a ``dcterms:modified``, every reference
resolved, XHTML that is XML). Chapters are written as the articles arrive, so a large digest
never sits in memory.
"""

from __future__ import annotations

import uuid
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from reader.domain.article import Article
from reader.domain.times import utc_now
from reader.formats.export_options import ExportOptions
from reader.formats.registry import ExportFormat
from reader.render.html import format_date
from reader.render.page import article_markup, direction, epub_css
from reader.render.xhtml import esc, valid_lang

MEDIA_TYPE = "application/epub+zip"
#: Names every book id so that exporting the same articles again gives the same book.
_BOOK_NAMESPACE = uuid.UUID("8d0c6c3e-3c1b-4f55-9d43-5d8f3b7e0f21")
_MAX_CREATORS = 12
_MAX_SUBJECTS = 30

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


@dataclass(frozen=True, slots=True)
class _Chapter:
    ident: str
    href: str
    title: str
    language: str | None


def _xhtml(title: str, body: str, *, language: str | None, nav: bool = False) -> str:
    ns = ' xmlns:epub="http://www.idpf.org/2007/ops"' if nav else ""
    css = "style.css" if nav else "../style.css"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"{ns}{_lang_of(language)}>\n'
        '<head>\n<meta charset="UTF-8" />\n'
        f"<title>{esc(title or 'Untitled')}</title>\n"
        f'<link rel="stylesheet" type="text/css" href="{css}" />\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _lang_of(language: str | None) -> str:
    """lang, xml:lang and dir attributes; an unknown language is left unsaid (the package's
    dc:language still names one)."""
    lang = valid_lang(language)
    return (f' lang="{lang}" xml:lang="{lang}"' if lang else "") + f' dir="{direction(language)}"'


def _book_language(chapters: list[_Chapter]) -> str:
    """The most common language of the chapters ("und", undetermined, when none is known)."""
    langs = Counter(lang for c in chapters if (lang := valid_lang(c.language)))
    return langs.most_common(1)[0][0] if langs else "und"


def _default_title(articles: list[Article], today: date) -> str:
    if len(articles) == 1:
        return articles[0].title or "Untitled"
    return f"Folio digest, {format_date(today.isoformat())}"


def write(articles: Iterable[Article], stream: BinaryIO, options: ExportOptions) -> None:
    now = utc_now().replace(microsecond=0)
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    chapters: list[_Chapter] = []
    authors: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    # Only what the metadata needs is kept of each article; bodies go straight to the zip.
    first: list[Article] = []
    ids: list[str] = []
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as book:
        mimetype = zipfile.ZipInfo("mimetype", date_time=now.timetuple()[:6])
        mimetype.compress_type = zipfile.ZIP_STORED
        book.writestr(mimetype, MEDIA_TYPE)
        book.writestr("META-INF/container.xml", CONTAINER)
        for n, article in enumerate(articles, 1):
            chapter = _Chapter(
                ident=f"a{n:05d}",
                href=f"text/a{n:05d}.xhtml",
                title=article.title or "Untitled",
                language=article.language,
            )
            chapters.append(chapter)
            ids.append(article.id)
            if len(first) < 2:
                first.append(article)
            if article.author:
                authors[article.author] += 1
            tags.update(article.tags)
            page = _xhtml(
                chapter.title, article_markup(article, xml=True), language=chapter.language
            )
            book.writestr(f"EPUB/{chapter.href}", page)
        title = options.title or _default_title(first, now.date())
        language = _book_language(chapters)
        book_id = f"urn:uuid:{uuid.uuid5(_BOOK_NAMESPACE, ' '.join(ids))}"
        book.writestr("EPUB/style.css", epub_css())
        book.writestr("EPUB/nav.xhtml", _nav(title, chapters, language))
        book.writestr("EPUB/toc.ncx", _ncx(title, chapters, book_id, language))
        book.writestr(
            "EPUB/package.opf",
            _package(title, chapters, book_id, language, stamp, authors, tags),
        )


def _nav(title: str, chapters: list[_Chapter], language: str) -> str:
    items = (
        "\n".join(
            f'<li><a href="{c.href}"{_lang_of(c.language)}>{esc(c.title)}</a></li>'
            for c in chapters
        )
        or '<li><a href="nav.xhtml">(no articles)</a></li>'
    )
    body = f'<nav epub:type="toc" id="toc">\n<h1>{esc(title)}</h1>\n<ol>\n{items}\n</ol>\n</nav>'
    return _xhtml(title, body, language=language, nav=True)


def _ncx(title: str, chapters: list[_Chapter], book_id: str, language: str) -> str:
    points = "\n".join(
        f'<navPoint id="np{n}" playOrder="{n}"><navLabel><text>{esc(c.title)}</text></navLabel>'
        f'<content src="{c.href}"/></navPoint>'
        for n, c in enumerate(chapters, 1)
    )
    head = "\n".join(
        f'<meta name="dtb:{name}" content="{value}"/>'
        for name, value in (
            ("uid", book_id),
            ("depth", "1"),
            ("totalPageCount", "0"),
            ("maxPageNumber", "0"),
        )
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"'
        f' xml:lang="{language}">\n<head>\n{head}\n</head>\n'
        f"<docTitle><text>{esc(title)}</text></docTitle>\n"
        f"<navMap>\n{points}\n</navMap>\n</ncx>\n"
    )


def _package(
    title: str,
    chapters: list[_Chapter],
    book_id: str,
    language: str,
    stamp: str,
    authors: Counter[str],
    tags: Counter[str],
) -> str:
    meta = [
        f'<dc:identifier id="uid">{book_id}</dc:identifier>',
        f"<dc:title>{esc(title)}</dc:title>",
        f"<dc:language>{language}</dc:language>",
    ]
    meta += [f"<dc:creator>{esc(a)}</dc:creator>" for a, _ in authors.most_common(_MAX_CREATORS)]
    meta += [f"<dc:subject>{esc(t)}</dc:subject>" for t, _ in tags.most_common(_MAX_SUBJECTS)]
    meta += [
        f"<dc:date>{stamp}</dc:date>",
        "<dc:publisher>Folio</dc:publisher>",
        f'<meta property="dcterms:modified">{stamp}</meta>',
    ]
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
        '<item id="css" href="style.css" media-type="text/css"/>',
    ]
    manifest += [
        f'<item id="{c.ident}" href="{c.href}" media-type="application/xhtml+xml"/>'
        for c in chapters
    ]
    spine = ['<itemref idref="nav"/>'] + [f'<itemref idref="{c.ident}"/>' for c in chapters]
    rtl = bool(chapters) and all(direction(c.language) == "rtl" for c in chapters)
    progression = ' page-progression-direction="rtl"' if rtl else ""
    nl = "\n    "
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid"'
        f' xml:lang="{language}">\n'
        '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f"    {nl.join(meta)}\n  </metadata>\n"
        f"  <manifest>\n    {nl.join(manifest)}\n  </manifest>\n"
        f'  <spine toc="ncx"{progression}>\n    {nl.join(spine)}\n  </spine>\n'
        "</package>\n"
    )


FORMAT = ExportFormat(name="epub", label="EPUB 3 digest", extension="epub", write=write)
