"""Markdown export of a library: a file per article or a folder per tag, read back by Folio to
the same articles, and by pandoc as Markdown with YAML metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from reader.domain.query import ListQuery
from reader.formats.export_options import Layout
from reader.library import Library
from tests import external_tools
from tests.exports.conftest import MARKDOWN_KEPT, Exported


def _fields(lib: Library) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for row in lib.list_rows(ListQuery()):
        article = lib.get(row.id)
        values: dict[str, object] = {key: getattr(article, key) for key in MARKDOWN_KEPT}
        values["body"] = article.body.strip("\n")
        out[article.title] = values
    return out


def test_a_folder_per_tag(exported: Exported) -> None:
    root = exported("markdown", Layout.BY_TAG)
    found = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))
    assert "israel/Netanyahu thanks Putin for security coordination.md" in found
    assert "israel/ראש הממשלה הודה לנשיא רוסיה.md" in found
    assert "world/middle east/الرئيس الروسي والتنسيق الأمني.md" in found  # nested tag
    assert "energy/海上风电拍卖创下纪录.md" in found
    assert "Only a link so far.md" in found  # untagged: at the top
    assert len(found) == 10


def test_importing_the_folders_back_gives_the_same_articles(
    exported: Exported, sample_library: Library, tmp_path: Path
) -> None:
    for layout in (Layout.PER_ARTICLE, Layout.BY_TAG):
        with Library.open(tmp_path / f"{layout.value}.sqlite3") as fresh:
            report, _ = fresh.import_paths([exported("markdown", layout)])
            assert not report.failed, report.to_text()
            assert len(report.imported_ids) == 10
            assert _fields(fresh) == _fields(sample_library)


def test_front_matter_in_the_keys_other_tools_read(exported: Exported) -> None:
    page = exported("markdown", Layout.PER_ARTICLE) / (
        "Netanyahu thanks Putin for security coordination.md"
    )
    text = page.read_text(encoding="utf-8")
    head = yaml.safe_load(text.split("---\n")[1])
    assert head["title"] == "Netanyahu thanks Putin for security coordination"  # all of them
    assert str(head["date"]) == "2019-09-12"  # Jekyll, Hugo, Obsidian
    assert head["tags"] == ["israel", "russia"]  # all of them
    assert head["author"] == "Hana Levi Julian"  # Jekyll, Hugo, Joplin
    assert head["source"] == "https://example.com/news/netanyahu-putin"  # Joplin
    assert head["description"] == "The leaders met for three hours."  # Hugo, Jekyll
    assert head["created"].endswith("Z") and head["updated"].endswith("Z")  # Joplin
    assert text.endswith("[^1]: The meeting was the thirteenth this year.\n")


def _inline_text(value: dict[str, Any]) -> str:
    """The text of a pandoc metadata value (MetaInlines of Str and Space)."""
    return "".join(
        part["c"] if part["t"] == "Str" else " " for part in value["c"] if part["t"] != "RawInline"
    )


def test_pandoc_reads_the_markdown_and_its_metadata(exported: Exported) -> None:
    pandoc = external_tools.find("pandoc", "pandoc -f markdown")
    if pandoc is None:
        return
    root = exported("markdown", Layout.PER_ARTICLE)
    pages = sorted(root.glob("*.md"))
    for page in pages:
        done = external_tools.run([pandoc, "-f", "markdown", "-t", "json", str(page)])
        assert done.returncode == 0, f"{page.name}: {done.stderr}"
        meta = json.loads(done.stdout)["meta"]
        head = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])
        assert {"title", "lang", "updated"} <= set(meta), page.name
        assert ("tags" in meta) == ("tags" in head), page.name
        # pandoc reads metadata values as Markdown: a plain title comes back as it is.
        if not set(head["title"]) & set("<>\"\\*_[]`$&'"):
            assert _inline_text(meta["title"]) == head["title"], page.name
    body = external_tools.run(
        [pandoc, "-f", "markdown", "-t", "plain", str(root / "海上风电拍卖创下纪录.md")]
    )
    assert "开发商为北海的三个场址出价" in body.stdout
    external_tools.ran("pandoc -f markdown", f"read {len(pages)} files and their front matter")
