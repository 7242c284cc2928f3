"""What a user may choose about an export besides its format: the layout of the files, and
the look of the formats that carry typography (HTML, EPUB, PDF).

The library resolves a layout the user left open (``None``) to one the format has; an
exporter receives the options as they were resolved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Layout(StrEnum):
    """How the exported articles are laid out on disk."""

    #: Every article in one file (a JSON document, an EPUB digest, one HTML page ...).
    ONE_FILE = "one-file"
    #: A file per article in the chosen folder (for HTML, with an ``index.html``).
    PER_ARTICLE = "per-article"
    #: A file per article, in a folder named after its first tag (nested for ``a/b`` tags).
    BY_TAG = "by-tag"

    @property
    def label(self) -> str:
        return {
            Layout.ONE_FILE: "One file",
            Layout.PER_ARTICLE: "A file per article",
            Layout.BY_TAG: "A folder per tag",
        }[self]


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The choices an export is made with; the defaults suit every format."""

    #: None: the format's default, or what the output path implies (``x.html`` is one file).
    layout: Layout | None = None
    #: The reader theme whose colours HTML pages carry (``light``, ``sepia``, ``dark``).
    theme: str = "light"
    #: Body text size in points for HTML, EPUB and PDF.
    font_size: float = 12.0
    #: A title for a digest of several articles (EPUB, one-page HTML, PDF); None: made up.
    title: str | None = None
    #: Each article's saved revisions too (the lossless formats: Folio JSON and JSON Lines).
    revisions: bool = False


#: ``namer(suggested, extension, folder_parts)`` gives a unique, safe path relative to the
#: export folder (with ``/`` separators) for a file a per-article exporter is about to yield.
Namer = Callable[[str, str, Sequence[str]], str]
