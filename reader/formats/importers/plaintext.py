"""Scraped plain text: one article, cleaned of the web page it was copied or scraped from.

The default importer for text. A scraper (or a reader's copy and paste) leaves the page's
furniture in the text: advertisement slots, share buttons, teasers for other stories,
newsletter prompts, comment policies, tag and category lines. This module takes the article
out of that: it removes the furniture (listing every line it takes out of the body in
``removed``), turns the lines that describe the article (headline, byline, date, photo credit
and caption, tags, previous/next links, the author's bio) into fields, and keeps the text
itself exactly, as Markdown with nothing in it that Markdown would misread.

The rules look at what a line is like and where it sits: its length, its punctuation,
whether it reads as a sentence, whether it comes before the story's first real paragraph
(the header) or after its last (the footer), and vocabulary that many sites share, in
several languages. No rule names a site. The steps:

1. decode, and split into units: lines, or paragraphs when the text is hard-wrapped;
2. classify the lines that are furniture or metadata wherever they appear (share rows,
   slots, prompts, credits and captions, tags, teasers and previous/next links, dates);
3. read the footer back from the end to the story's last paragraph (links, contact
   blocks, comment policies, the author's bio);
4. read the header, everything before the story's first paragraph: the headline is picked
   by scoring each headline-like line (where it stands, the space around it, its case and
   length, whether the story or a deck follows it, whether it sits in a menu or is echoed
   by the page's own title), or a title is inferred from the lead; what remains is the body.

Every removed line is listed in ``removed``; when everything would go, nothing does.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.encoding import decode_text
from reader.formats.registry import ImportFormat, ParsedItem
from reader.formats.scraped.cleaner import Cleaner

#: Larger than any article (a long novel is a few megabytes): refused with a clear reason.
MAX_BYTES = 10 * 1024 * 1024


def sniff(head: bytes, name: str) -> int:
    """Text files by extension; any other file whose start reads as text, as a fallback."""
    if registry.extension_of(name) in FORMAT.extensions:
        return registry.EXTENSION
    if not head.strip():
        return registry.FALLBACK
    try:
        decode_text(head)
    except ImportFormatError:
        return registry.NO
    return registry.FALLBACK


def parse(data: bytes, *, name: str) -> Iterator[ParsedItem]:
    """The one article in ``data``; raises ImportFormatError for input that is not text."""
    if len(data) > MAX_BYTES:
        raise ImportFormatError(
            f"the file is too large for one article ({len(data) / 1_048_576:.1f} MB; "
            f"the limit is {MAX_BYTES // 1_048_576} MB)"
        )
    text = decode_text(data, what="text")
    yield Cleaner(text, name).draft()


FORMAT = ImportFormat(
    name="plaintext",
    label="Scraped plain text",
    extensions=("txt", "text"),
    sniff=sniff,
    parse=parse,
)
