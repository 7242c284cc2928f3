"""The bulk import path stores exactly what storing one article at a time stored: the same
articles, tags, provenance and full-text index, the same report with the same duplicates, a
failed batch written again file by file, and the same results from the worker process."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reader.domain.article import ArticleDraft, Highlight, RelatedLink, Source
from reader.domain.keys import keys_of
from reader.domain.report import Outcome
from reader.domain.times import utc_now
from reader.formats.folio_schema import article_to_dict
from reader.library import Library
from reader.storage import bulk
from reader.storage import repository as repo

# Fields that differ between two libraries holding the same articles.
_VOLATILE = ("id", "added_at", "updated_at")


def _files(folder: Path) -> list[Path]:
    folder.mkdir()
    texts = {
        "a.md": "---\ntitle: Harbour seals\ntags: [Nature, coast]\nauthor: Ines\n---\nSeals rest.",
        "b.md": "---\ntitle: Seals again\nsource: https://www.example.com/s/\n---\nOther words.",
        "c.md": "---\ntitle: Seals link\nsource: http://example.com/s?utm_source=x\n---\nThird.",
        "d.md": "---\ntitle: Harbour seals\ntags: [nature]\n---\nSeals   **rest**.",
        "e.md": "---\ntitle: Kelp\ntags: [coast, Kelp]\n---\nKelp forests grow fast.",
        "f.md": "",
        "g.md": "# Élan\n\nDéjà vu, naïve café, 这是一篇文章.",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / n for n in sorted(texts)]


def _stored(lib: Library) -> list[dict[str, Any]]:
    out = []
    for article in lib.iter_articles(lib.export_ids()):
        d = article_to_dict(article)
        for key in _VOLATILE:
            d.pop(key)
        d["source"].pop("imported_at")
        out.append(d)
    return sorted(out, key=lambda d: json.dumps(d, sort_keys=True))


def _one_at_a_time(lib: Library, drafts: list[tuple[ArticleDraft, str]]) -> None:
    """The reference: the repository's single-article path, duplicates checked per draft."""
    with lib._store.write() as s:
        for draft, name in drafts:
            if repo.find_duplicate(s, draft) is None:
                repo.insert_article(s, draft, now=utc_now(), source_file=name)


def test_bulk_import_stores_what_single_inserts_store(tmp_path: Path) -> None:
    paths = _files(tmp_path / "in")
    with Library.open(tmp_path / "bulk.sqlite3") as fast:
        report, changes = fast.import_paths(paths, tags=["inbox"])
        outcomes = [(Path(i.file).name, i.outcome) for i in report.items]
        assert outcomes == [
            ("a.md", Outcome.IMPORTED),
            ("b.md", Outcome.IMPORTED),
            ("c.md", Outcome.DUPLICATE),  # the same link as b.md, in the same batch
            ("d.md", Outcome.DUPLICATE),  # the same title and words as a.md
            ("e.md", Outcome.IMPORTED),
            ("f.md", Outcome.FAILED),
            ("g.md", Outcome.IMPORTED),
        ]
        assert report.items[2].article_id == report.items[1].article_id
        assert report.items[3].article_id == report.items[0].article_id
        assert len(changes.added) == 4
        bulk_articles = _stored(fast)
        bulk_tags = fast.tag_counts()
        assert fast.search("seals").total == 2
        assert fast.search("tag:inbox").total == 4
        again, _ = fast.import_paths(paths)
        assert [i.outcome for i in again.items].count(Outcome.DUPLICATE) == 6
    from reader.import_pipeline import parse_inputs
    from reader.inputs import walk

    drafts = []
    inputs = list(walk(paths))
    for source, parsed in zip(inputs, parse_inputs(inputs, None, cancelled=bool), strict=True):
        for entry in parsed.entries:
            assert isinstance(entry, tuple)
            draft = replace(entry[0], tags=(*entry[0].tags, "inbox"))
            drafts.append((draft, source.name))
    with Library.open(tmp_path / "single.sqlite3") as slow:
        _one_at_a_time(slow, drafts)
        assert _stored(slow) == bulk_articles
        assert slow.tag_counts() == bulk_tags
    for name in ("bulk", "single"):
        with sqlite3.connect(tmp_path / f"{name}.sqlite3") as conn:
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_every_part_of_a_lossless_draft_is_stored(library: Library) -> None:
    when = utc_now()
    draft = ArticleDraft(
        id="6c1c4b1e-0000-4000-8000-000000000001",
        title="Full",
        body="Body text",
        tags=("a", "b"),
        highlights=(Highlight(id="h1", quote="Body", note="narwhal", created_at=when),),
        related=(RelatedLink(rel="next", title="Next one", url="https://example.com/n"),),
        source=Source(format="wallabag", file="x.json", imported_at=when, removed=("Ad",)),
        added_at=when,
        read=True,
        progress=3.0,
    )
    with library._store.write() as s:
        writer = bulk.ImportWriter(s, now=when)
        writer.look_up([(draft, keys_of(draft))])
        writer.plan(draft, keys_of(draft), None)
        writer.flush()
    stored = library.get(draft.id or "")
    assert stored.tags == ("a", "b")
    assert stored.highlights[0].quote == "Body"
    assert stored.related == draft.related
    assert stored.source == draft.source
    assert stored.added_at == when
    assert stored.read and stored.progress == 1.0
    assert library.search("narwhal").total == 1


def test_a_failing_batch_is_written_again_file_by_file(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _files(tmp_path / "in")
    real = bulk.ImportWriter.write

    def write(self: bulk.ImportWriter, planned: list[bulk.Planned]) -> None:
        if any(p.draft.title == "Kelp" for p in planned):
            raise RuntimeError("disk on fire")
        real(self, planned)

    monkeypatch.setattr(bulk.ImportWriter, "write", write)
    report, changes = library.import_paths(paths)
    by_name = {Path(i.file).name: i for i in report.items}
    assert by_name["e.md"].outcome is Outcome.FAILED
    assert "disk on fire" in (by_name["e.md"].error or "")
    assert by_name["a.md"].outcome is Outcome.IMPORTED
    assert by_name["g.md"].outcome is Outcome.IMPORTED
    assert by_name["c.md"].outcome is Outcome.DUPLICATE
    assert len(changes.added) == library.counts().all == 3
    assert library.tag_counts() == [("coast", 1), ("Nature", 1)]


def test_the_worker_process_gives_the_same_report(tmp_path: Path) -> None:
    from reader import import_pipeline

    paths = _files(tmp_path / "in")
    with Library.open(tmp_path / "inline.sqlite3") as lib:
        inline, _ = lib.import_paths(paths)
    with Library.open(tmp_path / "pooled.sqlite3") as lib:
        original = import_pipeline.POOL_MIN_INPUTS
        import_pipeline.POOL_MIN_INPUTS = 1
        try:
            pooled, _ = lib.import_paths([*paths, tmp_path / "missing.md"])
        finally:
            import_pipeline.POOL_MIN_INPUTS = original
        assert lib.counts().all == 4
    strip = [(i.file, i.outcome, i.title, i.error) for i in inline.items]
    assert [(i.file, i.outcome, i.title, i.error) for i in pooled.items][:-1] == strip
    assert pooled.items[-1].error == "no such file or folder"


def test_the_worker_reads_files_itself_with_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain files are read by the worker, archive members handed over as bytes; in small
    chunks and with little in flight, every input still comes back in order with the same
    result as parsed here, including a file gone before it was read."""
    import zipfile

    from reader import import_pipeline
    from reader.import_pipeline import parse_inputs
    from reader.inputs import walk

    folder = tmp_path / "in"
    paths = _files(folder)
    with zipfile.ZipFile(folder / "z.zip", "w") as z:
        z.writestr("inner/one.md", "---\ntitle: Zipped\n---\nFrom an archive.")
        z.writestr("inner/two.md", "")
    found = list(walk([folder, *paths[:2]]))
    (folder / "b.md").unlink()
    monkeypatch.setattr(import_pipeline, "CHUNK_INPUTS", 2)
    monkeypatch.setattr(import_pipeline, "FLIGHT_INPUTS", 3)

    def seen(workers: int) -> list[tuple[str, str | None, list[str]]]:
        out = []
        for source, parsed in zip(
            found, parse_inputs(found, None, cancelled=bool, workers=workers), strict=True
        ):
            titles = [e[0].title if isinstance(e, tuple) else e.reason for e in parsed.entries]
            out.append((source.name, parsed.failure, titles))
        return out

    inline = seen(0)
    assert seen(1) == inline
    by_name = {Path(name).name: (failure, titles) for name, failure, titles in inline}
    assert by_name["one.md"] == (None, ["Zipped"])
    assert "No such file" in (by_name["b.md"][0] or "")
    assert by_name["two.md"] == ("the file is empty", [])
    assert by_name["e.md"][1] == ["Kelp"]
