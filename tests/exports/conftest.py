"""One library of sample articles, exported once per test session in each format and layout
the tests read (exports are deterministic enough to share, and some checks start a JVM)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.formats.export_options import ExportOptions, Layout
from reader.library import Library
from tests.export_samples import sample_drafts

#: What a Markdown round trip keeps (PRODUCT.md's list, and a little more).
MARKDOWN_KEPT = (
    "title",
    "subtitle",
    "author",
    "author_bio",
    "site_name",
    "url",
    "published_at",
    "language",
    "summary",
    "image_url",
    "image_credit",
    "image_caption",
    "tags",
    "read",
    "starred",
    "archived",
)

#: ``export(format, layout)`` -> the file or folder written.
Exported = Callable[[str, Layout], Path]


@pytest.fixture(scope="session")
def sample_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = Library.open(tmp_path_factory.mktemp("samples") / "library.sqlite3")
    for draft in sample_drafts():
        lib.add(draft)
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def exported(sample_library: Library, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    made: dict[tuple[str, Layout], Path] = {}
    root = tmp_path_factory.mktemp("exports")

    def export(fmt: str, layout: Layout) -> Path:
        if (fmt, layout) not in made:
            name = f"{fmt}-{layout.value}"
            target = root / (f"{name}.{fmt}" if layout is Layout.ONE_FILE else name)
            sample_library.export(fmt, target, options=ExportOptions(layout=layout))
            made[fmt, layout] = target
        return made[fmt, layout]

    return export
