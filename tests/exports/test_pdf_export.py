"""PDF export through Qt's PDF writer: paginated, every font embedded, the text selectable (so
pdftotext finds it), each article on its own pages, a PDF per article when asked."""

from __future__ import annotations

import re
import unicodedata
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reader.formats import registry
from reader.formats.export_options import ExportOptions, Layout
from reader.library import Library
from tests import external_tools
from tests.exports.conftest import Exported


@pytest.fixture(scope="module")
def pdf(qapp: QApplication, exported: Exported) -> Path:
    # qapp first: the exporter would otherwise make a bare QGuiApplication of its own.
    return exported("pdf", Layout.ONE_FILE)


def _normal(text: str) -> str:
    # pdftotext gives Arabic in presentation forms and breaks lines where the page did.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_exporter_is_a_plugin_the_registry_found() -> None:
    points = {p.name: p.value for p in entry_points(group=registry.EXPORTER_PLUGINS)}
    assert points["pdf"] == "reader.render_qt.pdf:FORMAT"
    fmt = registry.exporter("pdf")
    assert fmt.layouts == (Layout.ONE_FILE, Layout.PER_ARTICLE)
    assert fmt.write is not None and fmt.write.__module__ == "reader.render_qt.pdf"


def test_a_paginated_pdf_with_its_fonts_embedded(pdf: Path) -> None:
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages >= 10  # every article starts a page; the long one takes two
    assert data.count(b"/FontFile2") >= 2  # TrueType programs inside the file
    assert b"/Title" in data


def test_pdffonts_says_every_font_is_embedded(pdf: Path) -> None:
    pdffonts = external_tools.find("pdffonts", "pdffonts")
    if pdffonts is None:
        return
    done = external_tools.run([pdffonts, str(pdf)])
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()[2:]
    assert rows
    # Columns: name, type, encoding, emb, sub, uni, object ID (two numbers): "emb" is 5th last.
    embedded = [row.split()[-5] for row in rows]
    assert embedded == ["yes"] * len(rows), done.stdout
    external_tools.ran("pdffonts", f"{len(rows)} fonts, all embedded")


def test_pdftotext_finds_the_articles_text(pdf: Path) -> None:
    pdftotext = external_tools.find("pdftotext", "pdftotext")
    if pdftotext is None:
        return
    done = external_tools.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"])
    assert done.returncode == 0, done.stderr
    text = _normal(done.stdout)
    for expected in (
        "Netanyahu thanks Putin for security coordination",
        "Israel’s Prime Minister thanked Russia’s President for the security coordination",
        "code <kept> & exact",
        "Hana Levi Julian is a Middle East news analyst.",
        "海上风电拍卖创下纪录",
        "Hostile title number 3",
    ):
        assert _normal(expected) in text, expected
    # Right-to-left text comes out in logical order.
    assert "תיאום הביטחון" in text
    external_tools.ran("pdftotext", "found the text of every sample article")


def test_a_pdf_per_article(qapp: QApplication, library: Library, tmp_path: Path) -> None:
    from tests.export_samples import sample_drafts

    for draft in sample_drafts()[:3]:
        library.add(draft)
    result = library.export(
        "pdf", tmp_path / "pdfs", options=ExportOptions(layout=Layout.PER_ARTICLE, font_size=10)
    )
    names = sorted(Path(f).name for f in result.files)
    assert names == [
        "Netanyahu thanks Putin for security coordination.pdf",
        "ראש הממשלה הודה לנשיא רוסיה.pdf",
        "الرئيس الروسي والتنسيق الأمني.pdf",
    ]
    for name in names:
        data = (tmp_path / "pdfs" / name).read_bytes()
        assert data.startswith(b"%PDF-") and b"/FontFile2" in data
