"""Articles as plain text: what the reader shows, without markup.

The body goes through the same Markdown rendering and sanitizing as the reader, and the HTML is
then read back as text: paragraphs separated by a blank line, list items bulleted or numbered,
quotes marked with ``>``, code kept as it is, and each link's address after its text, so that
nothing the reader would let a user click is lost. Paragraphs are not hard-wrapped: every text
viewer wraps them to its own width.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from reader.domain.article import Article
from reader.render.html import format_date, markdown_to_html

_BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
     "table", "tr", "hr", "figure", "figcaption", "dl", "dt", "dd", "details", "summary"}
)  # fmt: skip
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_MARKER = re.compile(r" *(?:•|\d+\.) ")
# Characters that have no business in a text file (C0 controls other than tab and newline).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current = ""
        self.pre = 0
        self.quote = 0
        self.lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self.links: list[str | None] = []
        self.link_text: list[str] = []
        self.cells = 0

    # Lines are built in ``current`` and committed with the quote marks of their depth.
    def _commit(self) -> None:
        text = self.current.rstrip() if not self.pre else self.current
        if self.lists and not self.pre and not _MARKER.match(text):
            text = "  " * len(self.lists) + text.lstrip()  # a list item's later paragraph
        if text.strip():
            self.lines.append(("> " * self.quote) + text)
        self.current = ""

    def _block(self) -> None:
        self._commit()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def _at_marker(self) -> bool:
        """Whether the line so far is only a list item's bullet or number."""
        return bool(self.lists) and _MARKER.fullmatch(self.current) is not None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and tag not in ("li", "tr", "dd", "ul", "ol") and not self._at_marker():
            self._block()
        if tag == "pre":
            self.pre += 1
        elif tag == "blockquote":
            self.quote += 1
        elif tag in ("ul", "ol"):
            self._commit()
            if not self.lists:
                self._block()
            self.lists.append([1] if tag == "ol" else [])
        elif tag == "li":
            self._commit()
            depth = max(len(self.lists) - 1, 0)
            marker = "•"
            if self.lists and self.lists[-1]:
                marker = f"{self.lists[-1][0]}."
                self.lists[-1][0] += 1
            self.current = "  " * depth + marker + " "
        elif tag in ("tr", "dd"):
            self._commit()
            self.cells = 0
        elif tag in ("td", "th"):
            self.current = self.current.rstrip()
            if self.cells:
                self.current += " | "
            self.cells += 1
        elif tag == "br":
            self._commit()
        elif tag == "hr":
            self.current = "* * *"
            self._block()
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))
            self.link_text.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href = self.links.pop()
            text = self.link_text.pop()
            if href and href.startswith(("http://", "https://", "mailto:")):
                shown = href.removeprefix("mailto:")
                if shown not in text:
                    self.current += f" <{href}>"
            if self.link_text:
                self.link_text[-1] += text
        elif tag == "pre":
            self._commit()
            self.pre = max(0, self.pre - 1)
            self._block()
        elif tag == "blockquote":
            self._block()
            self.quote = max(0, self.quote - 1)
        elif tag in ("ul", "ol"):
            self._commit()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self._block()
        elif tag in ("li", "tr", "dd", "dt") or (tag in ("p", "div") and self.lists):
            self._commit()
        elif tag in _BLOCKS:
            self._block()

    def handle_data(self, data: str) -> None:
        if self.pre:
            parts = data.split("\n")
            for n, part in enumerate(parts):
                if n:
                    self.lines.append(("> " * self.quote) + self.current)
                    self.current = ""
                self.current += part
        else:
            text = _SPACES.sub(" ", data)
            if not self.current.strip() or self.current.endswith(" ") or self._at_marker():
                text = text.lstrip()
            self.current += text
        if self.link_text:
            self.link_text[-1] += data

    def text(self) -> str:
        self._commit()
        return _BLANK_RUNS.sub("\n\n", "\n".join(self.lines)).strip("\n")


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, laid out as described in the module docstring."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return parser.text()


def markdown_to_text(markdown: str) -> str:
    """A Markdown body as the plain text the reader would show."""
    return html_to_text(markdown_to_html(markdown))


def article_text(article: Article) -> str:
    """One article as plain text: its header, body, author's bio and related links."""
    head: list[str] = [article.title or "Untitled"]
    if article.subtitle:
        head.append(article.subtitle)
    byline = [
        part
        for part in (article.author, article.site_name, format_date(article.published_at))
        if part
    ]
    if article.reading_minutes:
        byline.append(f"{article.reading_minutes} min read")
    if byline:
        head.append(" · ".join(byline))
    if article.url:
        head.append(article.url)
    blocks = ["\n".join(head)]
    image = " — ".join(
        part
        for part in (
            f"Photo: {article.image_credit}" if article.image_credit else None,
            article.image_caption,
        )
        if part
    )
    if image:
        blocks.append(f"[{image}]")
    body = markdown_to_text(article.body)
    if body:
        blocks.append(body)
    if article.author_bio:
        blocks.append(article.author_bio)
    if article.related:
        lines = ["Related:"]
        for link in article.related:
            label = {"previous": "Previous", "next": "Next"}.get(link.rel, link.rel.capitalize())
            target = f" <{link.url}>" if link.url else ""
            lines.append(f"{label}: {link.title or ''}{target}".rstrip())
        blocks.append("\n".join(lines))
    return _CONTROLS.sub("", "\n\n".join(blocks)) + "\n"
