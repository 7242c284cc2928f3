"""EPUB 3 export: the container, the package metadata, the table of contents and the chapters
are what readers need, and epubcheck finds no error and no warning."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reader.formats.export_options import ExportOptions, Layout
from reader.library import Library
from tests import external_tools
from tests.exports.conftest import Exported

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB = "{http://www.idpf.org/2007/ops}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def book(exported: Exported) -> Path:
    return exported("epub", Layout.ONE_FILE)


def _xml(z: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(z.read(name))


def test_the_container(book: Path) -> None:
    with zipfile.ZipFile(book) as z:
        first = z.infolist()[0]
        assert (first.filename, first.compress_type, first.extra) == (
            "mimetype",
            zipfile.ZIP_STORED,
            b"",
        )
        assert z.read("mimetype") == b"application/epub+zip"
        rootfile = next(_xml(z, "META-INF/container.xml").iter()).find(".//{*}rootfile")
        assert rootfile is not None and rootfile.get("full-path") == "EPUB/package.opf"
        assert all(name.isascii() and " " not in name for name in z.namelist())


def test_the_package_metadata(book: Path) -> None:
    with zipfile.ZipFile(book) as z:
        opf = _xml(z, "EPUB/package.opf")
    meta = opf.find(f"{OPF}metadata")
    assert meta is not None
    assert opf.get("version") == "3.0"
    assert (meta.findtext(f"{DC}identifier") or "").startswith("urn:uuid:")
    assert (meta.findtext(f"{DC}title") or "").startswith("Folio digest, ")
    assert meta.findtext(f"{DC}language") == "en"  # the most common language of the articles
    creators = [c.text for c in meta.iter(f"{DC}creator")]
    assert "Hana Levi Julian" in creators
    assert "israel" in [s.text for s in meta.iter(f"{DC}subject")]
    modified = [m.text for m in meta.iter(f"{OPF}meta") if m.get("property") == "dcterms:modified"]
    assert len(modified) == 1 and (modified[0] or "").endswith("Z")


def test_every_chapter_is_listed_read_in_order_and_present(book: Path) -> None:
    with zipfile.ZipFile(book) as z:
        opf = _xml(z, "EPUB/package.opf")
        manifest = {i.get("id"): i.get("href") for i in opf.iter(f"{OPF}item")}
        spine = [i.get("idref") for i in opf.iter(f"{OPF}itemref")]
        for href in manifest.values():
            assert f"EPUB/{href}" in z.namelist()
        nav = _xml(z, "EPUB/nav.xhtml")
        toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{EPUB}type") == "toc")
        links = [(a.get("href"), "".join(a.itertext())) for a in toc.iter(f"{XHTML}a")]
        chapters = [_xml(z, f"EPUB/{manifest[idref]}") for idref in spine if idref != "nav"]
    assert spine[0] == "nav" and len(spine) == 11
    assert [h for h, _ in links] == [manifest[i] for i in spine[1:]]
    assert links[0][1] == "Netanyahu thanks Putin for security coordination"
    titles = ["".join(next(c.iter(f"{XHTML}h1")).itertext()) for c in chapters]
    assert titles == [t for _, t in links]


def test_chapters_carry_their_language_and_direction(book: Path) -> None:
    with zipfile.ZipFile(book) as z:
        chapters = [_xml(z, n) for n in sorted(z.namelist()) if n.startswith("EPUB/text/")]
    by_lang = {c.get(XML_LANG): (c.get("lang"), c.get("dir")) for c in chapters}
    assert by_lang["he"] == ("he", "rtl")
    assert by_lang["ar"] == ("ar", "rtl")
    assert by_lang["en"] == ("en", "ltr")
    assert by_lang[None] == (None, "ltr")  # the link-only article has no known language


def test_a_single_article_book_is_named_after_it(library: Library, tmp_path: Path) -> None:
    from tests.export_samples import sample_drafts

    uid = library.add(sample_drafts()[1]).added[0]
    out = tmp_path / "one.epub"
    library.export("epub", out, ids=[uid])
    with zipfile.ZipFile(out) as z:
        opf = _xml(z, "EPUB/package.opf")
    assert opf.findtext(f"{OPF}metadata/{DC}title") == "ראש הממשלה הודה לנשיא רוסיה"
    assert opf.findtext(f"{OPF}metadata/{DC}language") == "he"
    assert opf.find(f"{OPF}spine").get("page-progression-direction") == "rtl"  # type: ignore[union-attr]
    # The same articles give the same book id, so a reader updates rather than duplicates.
    again = tmp_path / "again.epub"
    library.export("epub", again, ids=[uid], options=ExportOptions(title="Mine"))
    with zipfile.ZipFile(again) as z:
        other = _xml(z, "EPUB/package.opf")
    assert other.findtext(f"{OPF}metadata/{DC}title") == "Mine"
    assert other.findtext(f"{OPF}metadata/{DC}identifier") == opf.findtext(
        f"{OPF}metadata/{DC}identifier"
    )


def test_epubcheck_finds_no_error_and_no_warning(book: Path, tmp_path: Path) -> None:
    command = external_tools.epubcheck_command()
    if command is None:
        return
    report = tmp_path / "epubcheck.json"
    done = external_tools.run([*command, str(book), "--json", str(report)], timeout=300)
    found: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    problems = [
        f"{m['severity']} {m['ID']}: {m['message']}"
        for m in found["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    assert problems == [], problems
    assert done.returncode == 0, done.stdout + done.stderr
    version = found.get("checker", {}).get("checkerVersion", "?")
    external_tools.ran("epubcheck", f"{version}, 0 errors, 0 warnings on a 10-article EPUB")
