"""Library.export: layouts from the options or the output path, clear errors, progress,
cancel that keeps finished files, stale temporary files cleaned, exporters kept to the names
they were given; and the JSON Lines and plain-text formats."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from reader.domain.article import Article, ArticleDraft
from reader.domain.errors import ExportError
from reader.domain.query import ListQuery
from reader.formats import registry
from reader.formats.export_options import ExportOptions, Layout, Namer
from reader.formats.folio_schema import article_to_dict
from reader.library import Library
from reader.outputs import PART_SUFFIX
from tests.exports.conftest import Exported


def _fill(lib: Library, n: int) -> list[str]:
    return [
        lib.add(ArticleDraft(title=f"Article {i}", body=f"Body number {i}.")).added[0]
        for i in range(n)
    ]


@pytest.fixture
def fake_format(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lets a test register exporters without leaking them into other tests."""
    monkeypatch.setattr(registry, "_exporters", registry.exporters())


def test_the_output_path_picks_the_layout(library: Library, tmp_path: Path) -> None:
    _fill(library, 2)
    one = library.export("html", tmp_path / "digest.html")
    assert one.files == (str(tmp_path / "digest.html"),)
    site = library.export("html", tmp_path / "site")
    assert sorted(Path(f).name for f in site.files) == [
        "Article 0.html",
        "Article 1.html",
        "index.html",
    ]
    (tmp_path / "texts").mkdir()
    texts = library.export("txt", tmp_path / "texts")  # an existing folder: a file each
    assert len(texts.files) == 2
    single = library.export("txt", tmp_path / "all.txt")
    assert single.files == (str(tmp_path / "all.txt"),)


def test_layouts_a_format_does_not_offer_are_refused(library: Library, tmp_path: Path) -> None:
    _fill(library, 1)
    with pytest.raises(ExportError, match="EPUB 3 digest cannot be exported as a folder per tag"):
        library.export("epub", tmp_path / "x", options=ExportOptions(layout=Layout.BY_TAG))
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportError, match="is a folder; give a file name"):
        library.export("json", tmp_path / "folder")
    (tmp_path / "file.md").write_text("x")
    with pytest.raises(ExportError, match="is a file; Markdown export needs a folder"):
        library.export("markdown", tmp_path / "file.md")
    with pytest.raises(ExportError, match="unknown export format 'docx'"):
        library.export("docx", tmp_path / "x.docx")


def test_nothing_to_export_is_said_so(library: Library, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="nothing to export"):
        library.export("json", tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_progress_goes_up_to_the_total(library: Library, tmp_path: Path) -> None:
    _fill(library, 7)
    seen: list[tuple[int, int]] = []
    library.export("txt", tmp_path / "a.txt", progress=lambda d, t, _l: seen.append((d, t)))
    assert seen == [(n, 7) for n in range(1, 8)]


def test_cancel_keeps_the_finished_files_and_no_half_one(library: Library, tmp_path: Path) -> None:
    _fill(library, 6)
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3

    result = library.export("markdown", tmp_path / "md", cancelled=cancelled)
    assert result.cancelled and result.articles == 3
    on_disk = sorted(p.name for p in (tmp_path / "md").iterdir())
    assert on_disk == ["Article 0.md", "Article 1.md", "Article 2.md"]
    assert sorted(Path(f).name for f in result.files) == on_disk


def test_a_failing_exporter_leaves_the_previous_file(
    library: Library, tmp_path: Path, fake_format: None
) -> None:
    def write(articles: Iterable[Article], stream: BinaryIO, options: ExportOptions) -> None:
        for article in articles:
            stream.write(article.title.encode())
            raise OSError(28, "No space left on device")

    registry.register_exporter(registry.ExportFormat("broken", "Broken", "brk", write=write))
    _fill(library, 2)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "out.brk"
    target.write_bytes(b"the previous export")
    with pytest.raises(ExportError, match="No space left on device"):
        library.export("broken", target)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in target.parent.iterdir()] == ["out.brk"]


def test_an_exporter_cannot_choose_its_own_paths(
    library: Library, tmp_path: Path, fake_format: None
) -> None:
    def files(
        articles: Iterable[Article], options: ExportOptions, namer: Namer
    ) -> Iterator[tuple[str, bytes]]:
        for _ in articles:
            yield "../escaped.txt", b"x"

    registry.register_exporter(registry.ExportFormat("sneaky", "Sneaky", "snk", files=files))
    _fill(library, 1)
    with pytest.raises(ExportError, match=r"chose its own file name '\.\./escaped\.txt'"):
        library.export("sneaky", tmp_path / "out")
    assert not (tmp_path / "escaped.txt").exists()


def test_the_next_export_removes_what_a_crash_left(library: Library, tmp_path: Path) -> None:
    _fill(library, 1)
    folder = tmp_path / "md"
    folder.mkdir()
    stale = folder / f".Article 0.md.abc123{PART_SUFFIX}"
    stale.write_bytes(b"half")
    beside = tmp_path / f".all.json.zz{PART_SUFFIX}"
    beside.write_bytes(b"half")
    library.export("markdown", folder)
    library.export("json", tmp_path / "all.json")
    assert not stale.exists() and not beside.exists()


def test_json_lines_is_an_article_a_line(exported: Exported, sample_library: Library) -> None:
    path = exported("jsonl", Layout.ONE_FILE)
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    objects = [json.loads(line) for line in lines[:-1]]
    ids = [row.id for row in sample_library.list_rows(ListQuery())]
    assert sorted(o["id"] for o in objects) == sorted(ids)
    assert objects[0] == article_to_dict(sample_library.get(objects[0]["id"]))
    assert all(b"\xe2\x80\xa8" not in line for line in lines)  # no raw U+2028 to split on


def test_json_lines_renamed_still_imports(exported: Exported, tmp_path: Path) -> None:
    renamed = tmp_path / "backup.json"
    renamed.write_bytes(exported("jsonl", Layout.ONE_FILE).read_bytes())
    with Library.open(tmp_path / "fresh.sqlite3") as fresh:
        report, _ = fresh.import_paths([renamed])
    assert not report.failed and len(report.imported_ids) == 10


def test_plain_text(exported: Exported) -> None:
    text = exported("txt", Layout.ONE_FILE).read_text(encoding="utf-8")
    articles = text.split("\n" + "=" * 72 + "\n\n")
    assert len(articles) == 10
    first = articles[0].split("\n")
    assert first[:4] == [
        "Netanyahu thanks Putin for security coordination",
        "A three-hour meeting in Sochi",
        "Hana Levi Julian · Example News · 12 Sep 2019 · 1 min read",
        "https://example.com/news/netanyahu-putin",
    ]
    assert "The leaders spoke for three hours, with no aides present. Details:" in articles[0]
    assert "1. A hotline between the two armies stays open." in articles[0]
    assert "  • Both sides keep the list." in articles[0]
    assert "> “We will continue to act,” the Prime Minister said." in articles[0]
    assert "Side | Aircraft | Notice" in articles[0]
    assert "a link <https://example.com/story?a=1&b=2>" in articles[0]
    assert "**" not in text and "\\*" not in text and "<p>" not in text
    per_article = exported("txt", Layout.PER_ARTICLE)
    assert len(list(per_article.glob("*.txt"))) == 10
