"""HTML export: standalone pages and an index that link up, valid polyglot HTML5 that asks for
nothing from the network, right-to-left articles laid out right to left, and pandoc reads it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

from reader.formats.export_options import Layout
from reader.library import Library
from tests import external_tools
from tests.export_samples import HOSTILE_TITLES
from tests.exports.conftest import Exported

XHTML = "{http://www.w3.org/1999/xhtml}"


def _tree(path: Path) -> ET.Element:
    """The page parsed as XML: polyglot markup must be well-formed."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    return ET.fromstring(text.removeprefix("<!DOCTYPE html>\n"))


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


def test_a_page_per_article_and_an_index_linking_them(exported: Exported) -> None:
    site = exported("html", Layout.PER_ARTICLE)
    pages = _pages(site)
    assert len(pages) == 11  # ten articles and the index
    index = _tree(site / "index.html")
    hrefs = [a.get("href") or "" for a in index.iter("a")]
    linked = {unquote(h) for h in hrefs}
    assert linked == {p.name for p in pages if p.name != "index.html"}
    # An article called "index" did not take the index's name.
    assert (site / "index (2).html").exists()
    for page in pages:
        if page.name != "index.html":
            backs = [a.get("href") for a in _tree(page).iter("a") if a.get("class") == "back"]
            assert backs == ["index.html"]


def test_hostile_titles_are_escaped_in_pages_and_safe_as_names(exported: Exported) -> None:
    site = exported("html", Layout.PER_ARTICLE)
    names = [p.name for p in _pages(site)]
    for name in names:
        assert not set('<>:"|?*\\') & set(name)
        assert not name.startswith((".", "-"))
    index_text = (site / "index.html").read_text(encoding="utf-8")
    assert "<bad>" not in index_text and "&lt;bad&gt;" in index_text
    titles = {"".join(a.itertext()) for a in _tree(site / "index.html").iter("a")}
    assert set(HOSTILE_TITLES) <= titles


def test_pages_make_no_request_of_their_own(exported: Exported) -> None:
    for page in [*_pages(exported("html", Layout.PER_ARTICLE)), exported("html", Layout.ONE_FILE)]:
        text = page.read_text(encoding="utf-8")
        tree = _tree(page)
        assert not [e for e in tree.iter() if e.get("src") is not None], page.name
        assert not list(tree.iter("link")), page.name
        assert "url(" not in text and "@import" not in text
        csp = [m.get("content") for m in tree.iter("meta") if m.get("http-equiv")]
        assert csp == ["default-src 'none'; style-src 'unsafe-inline'"]


def test_links_only_go_somewhere_real(exported: Exported) -> None:
    page = exported("html", Layout.PER_ARTICLE) / (
        "Netanyahu thanks Putin for security coordination.html"
    )
    hrefs = [a.get("href") for a in _tree(page).iter("a") if a.get("href")]
    assert "https://example.com/story?a=1&b=2" in hrefs
    assert "https://example.com/map.png" in hrefs  # the image, as a link
    # Relative links and #fragments whose targets are gone keep their text, not their href.
    assert all(h.startswith(("https://", "http://", "index.html")) for h in hrefs)
    text = "".join(_tree(page).itertext())
    assert "a relative page, an anchor jump" in text


def test_the_readers_typography_is_embedded(exported: Exported) -> None:
    page = exported("html", Layout.PER_ARTICLE) / "海上风电拍卖创下纪录.html"
    style = "".join(next(_tree(page).iter("style")).itertext())
    assert "font-family: Georgia" in style and "h1.title" in style and "max-width" in style


def test_right_to_left_articles_are_laid_out_right_to_left(exported: Exported) -> None:
    site = exported("html", Layout.PER_ARTICLE)
    hebrew = _tree(site / "ראש הממשלה הודה לנשיא רוסיה.html")
    assert (hebrew.get("lang"), hebrew.get("dir")) == ("he", "rtl")
    english = _tree(site / "Netanyahu thanks Putin for security coordination.html")
    assert (english.get("lang"), english.get("dir")) == ("en", "ltr")
    # In a page of several articles, each article carries its own direction.
    digest = _tree(exported("html", Layout.ONE_FILE))
    directions = {a.get("lang"): a.get("dir") for a in digest.iter("article")}
    assert directions["ar"] == "rtl" and directions["he"] == "rtl" and directions["zh"] == "ltr"


def test_one_page_has_contents_linking_to_every_article(exported: Exported) -> None:
    digest = _tree(exported("html", Layout.ONE_FILE))
    ids = [a.get("id") for a in digest.iter("article")]
    assert len(ids) == 10
    contents = [a.get("href") for a in next(digest.iter("nav")).iter("a")]
    assert contents == [f"#{i}" for i in ids]
    assert len(list(digest.iter("h1"))) == 1  # the page's title; articles are h2


def test_markup_is_valid_html5_in_what_a_validator_checks(exported: Exported) -> None:
    obsolete = {"strike", "center", "font", "big", "tt", "acronym"}
    allowed_dir = {None, "ltr", "rtl", "auto"}
    for page in [*_pages(exported("html", Layout.PER_ARTICLE)), exported("html", Layout.ONE_FILE)]:
        tree = _tree(page)
        assert tree.tag == "html" and tree.find("head/meta").get("charset") == "utf-8"
        for element in tree.iter():
            assert element.tag not in obsolete
            assert element.get("dir") in allowed_dir
            assert element.get("align") is None
            if element.tag == "a" and element.get("href") is None:
                assert element.get("rel") is None
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", text)


def test_pandoc_reads_the_pages(exported: Exported) -> None:
    pandoc = external_tools.find("pandoc", "pandoc -f html")
    if pandoc is None:
        return
    site = exported("html", Layout.PER_ARTICLE)
    checked = 0
    for page, expected in (
        ("Netanyahu thanks Putin for security coordination.html", "security coordination"),
        ("ראש הממשלה הודה לנשיא רוסיה.html", "תיאום הביטחון"),
        ("index.html", "Only a link so far"),
    ):
        done = external_tools.run([pandoc, "-f", "html", "-t", "plain", str(site / page)])
        assert done.returncode == 0, done.stderr
        assert expected in " ".join(done.stdout.split())
        checked += 1
    external_tools.ran("pandoc -f html", f"read {checked} exported pages")


def test_folio_reads_an_exported_page_back(exported: Exported, tmp_path: Path) -> None:
    site = exported("html", Layout.PER_ARTICLE)
    page = site / "Netanyahu thanks Putin for security coordination.html"
    with Library.open(tmp_path / "fresh.sqlite3") as fresh:
        report, _ = fresh.import_paths([page])
        assert not report.failed, report.to_text()
        back = fresh.get(report.imported_ids[0])
    assert (back.title, back.author, back.published_at, back.url, back.language) == (
        "Netanyahu thanks Putin for security coordination",
        "Hana Levi Julian",
        "2019-09-12",
        "https://example.com/news/netanyahu-putin",
        "en",
    )
    assert "## What was agreed" in back.body and "| Israel | 12 | 2 h |" in back.body
