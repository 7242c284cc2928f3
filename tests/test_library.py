"""The library facade over a real SQLite file: writes return Changes, the FTS index follows
every write, imports report every input, exports are atomic and lossless."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from reader.domain.article import ArticleDraft, Highlight, RelatedLink
from reader.domain.errors import ArticleNotFoundError, EditConflictError
from reader.domain.query import ListQuery, SortKey, View
from reader.domain.report import Outcome
from reader.library import Library


def _draft(n: int = 1, **kw: object) -> ArticleDraft:
    values: dict[str, object] = {
        "title": f"Article number {n}",
        "body": f"Body of article {n} about harbour seals and tidal flats.",
        "author": "Ines Moreau",
    }
    values.update(kw)
    return ArticleDraft(**values)  # type: ignore[arg-type]


def _ids(lib: Library, query: ListQuery | None = None) -> list[str]:
    return [s.id for s in lib.list_rows(query or ListQuery())]


def test_add_get_and_changes(library: Library) -> None:
    changes = library.add(_draft(tags=("nature", "coast")))
    assert len(changes.added) == 1
    article = library.get(changes.added[0])
    assert article.title == "Article number 1"
    assert article.tags == ("nature", "coast")
    assert article.version == 1
    assert article.words == 10
    assert library.counts().all == 1
    assert library.tag_counts() == [("coast", 1), ("nature", 1)]


def test_get_unknown_id_raises(library: Library) -> None:
    with pytest.raises(ArticleNotFoundError):
        library.get("no-such-id")


def test_update_keeps_a_revision_and_bumps_the_version(library: Library) -> None:
    article_id = library.add(_draft()).added[0]
    article = library.get(article_id)
    changes = library.update(replace(article, title="Harbour seals return", tags=("seals",)))
    assert changes.updated == (article_id,)
    saved = library.get(article_id)
    assert saved.title == "Harbour seals return"
    assert saved.tags == ("seals",)
    assert saved.version == 2
    revisions = library.revisions(article_id)
    assert len(revisions) == 1
    assert revisions[0].title == "Article number 1"
    assert revisions[0].fields["tags"] == []


def test_update_with_nothing_changed_changes_nothing(library: Library) -> None:
    article_id = library.add(_draft()).added[0]
    assert not library.update(library.get(article_id))
    assert library.revisions(article_id) == []


def test_update_from_a_stale_version_is_a_conflict(library: Library) -> None:
    article_id = library.add(_draft()).added[0]
    first = library.get(article_id)
    library.update(replace(first, title="Saved elsewhere"))
    with pytest.raises(EditConflictError):
        library.update(replace(first, title="My stale edit"))
    assert library.get(article_id).title == "Saved elsewhere"


def test_restore_revision(library: Library) -> None:
    article_id = library.add(_draft()).added[0]
    library.update(replace(library.get(article_id), body="Second text."))
    library.update(replace(library.get(article_id), body="Third text."))
    oldest = library.revisions(article_id)[-1]
    library.restore_revision(article_id, oldest.id)
    assert library.get(article_id).body.startswith("Body of article 1")
    assert len(library.revisions(article_id)) == 3


def test_search_index_follows_every_write(library: Library) -> None:
    article_id = library.add(_draft(body="The walrus sleeps on the ice.")).added[0]
    assert library.search("walrus").total == 1
    library.update(replace(library.get(article_id), body="The narwhal dives."))
    assert library.search("walrus").total == 0
    assert library.search("narwhal").total == 1
    library.tag([article_id], add=["arctic"])
    assert library.search("arctic").total == 1
    library.trash([article_id])
    assert library.search("narwhal").total == 0
    library.restore([article_id])
    assert library.search("narwhal").total == 1
    library.purge([article_id])
    assert library.search("narwhal").total == 0
    with sqlite3.connect(library.path) as conn:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_search_ranks_title_matches_first_with_snippets(library: Library) -> None:
    library.add(_draft(1, title="Kelp forests", body="Nothing about the topic here, just seas."))
    library.add(_draft(2, title="Sea otters", body="Otters love kelp. Kelp hides urchins."))
    library.add(_draft(3, title="Unrelated", body="Mountains and goats."))
    results = library.search("kelp", mark=("[", "]"))
    assert results.total == 2
    assert results.hits[0].title == "Kelp forests"
    assert "[Kelp]" in results.hits[1].snippet
    assert results.hits[0].score >= results.hits[1].score


def test_search_filters(library: Library) -> None:
    a = library.add(_draft(1, tags=("israel",), published_at="2019-09-12", language="en")).added[0]
    b = library.add(_draft(2, author="Hana Levi Julian", published_at="2021-01-05")).added[0]
    c = library.add(_draft(3, language="he", body="שלום עולם")).added[0]
    library.set_state([b], starred=True)

    def found(q: str) -> set[str]:
        return {h.id for h in library.search(q).hits}

    assert found("tag:israel") == {a}
    assert found("author:julian") == {b}
    assert found("is:starred") == {b}
    assert found("is:unread") == {a, b, c}
    assert found("before:2020-01-01") == {a}
    assert found("lang:he") == {c}
    assert found("seals -tag:israel") == {b}
    assert found('"harbour seals" -author:julian') == {a}


def test_a_query_fts_cannot_parse_is_searched_as_words(library: Library) -> None:
    library.add(_draft(body='He said "NEAR( AND OR * ^ ( ) the end'))
    for text in ["NEAR(", '"', "AND OR", "*", "^", "(((", "a:b:c", "tag:"]:
        library.search(text)  # never raises


def test_list_views_and_sorting(library: Library) -> None:
    a = library.add(_draft(1, title="Bravo")).added[0]
    b = library.add(_draft(2, title="alpha")).added[0]
    c = library.add(_draft(3, title="Charlie")).added[0]
    library.set_state([a], read=True)
    library.set_state([b], archived=True)
    library.trash([c])
    assert _ids(library, ListQuery(view=View.UNREAD)) == [b]
    assert _ids(library, ListQuery(view=View.ARCHIVE)) == [b]
    assert _ids(library, ListQuery(view=View.TRASH)) == [c]
    assert _ids(library, ListQuery(sort=SortKey.TITLE, descending=False)) == [b, a]
    counts = library.counts()
    assert (counts.all, counts.unread, counts.archive, counts.trash) == (2, 1, 1, 1)


def test_trash_restore_and_empty(library: Library) -> None:
    ids = [library.add(_draft(n)).added[0] for n in range(3)]
    assert library.trash(ids[:2]).trashed == tuple(ids[:2])
    assert library.trash(ids[:2]).trashed == ()
    assert library.restore([ids[0]]).restored == (ids[0],)
    assert library.empty_trash().purged == (ids[1],)
    assert library.counts().all == 2


def test_highlights_and_related_links_are_stored(library: Library) -> None:
    draft = _draft(
        highlights=(Highlight(id="h1", quote="harbour seals", prefix="about ", suffix=" and"),),
        related=(RelatedLink(rel="previous", title="Older story"),),
    )
    article = library.get(library.add(draft).added[0])
    assert article.highlights[0].quote == "harbour seals"
    assert article.related == (RelatedLink(rel="previous", title="Older story", url=None),)
    assert library.search("seals").total == 1


# ---------------------------------------------------------------------- import
def test_import_markdown_folder_reports_every_file(library: Library, fixtures: Path) -> None:
    report, changes = library.import_paths([fixtures / "markdown"])
    outcomes = {Path(i.file).name: i.outcome for i in report.items}
    assert outcomes["broken-yaml.md"] is Outcome.FAILED
    assert outcomes["hugo-toml.md"] is Outcome.IMPORTED
    assert len(report.imported) == len(changes.added) == 5
    failed = report.failed[0]
    assert "front matter" in (failed.error or "")


def test_importing_the_same_files_twice_adds_nothing(library: Library, fixtures: Path) -> None:
    first, _ = library.import_paths([fixtures / "markdown"])
    again, changes = library.import_paths([fixtures / "markdown"])
    assert not changes.added
    assert len(again.duplicates) == len(first.imported)
    assert {d.article_id for d in again.duplicates} == set(first.imported_ids)
    assert library.counts().all == len(first.imported)


def test_duplicate_by_url(library: Library, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\nsource: https://www.example.com/x/\n---\nOne.")
    (tmp_path / "b.md").write_text(
        "---\ntitle: B\nsource: http://example.com/x?utm_source=t\n---\nTwo."
    )
    report, _ = library.import_paths([tmp_path / "a.md", tmp_path / "b.md"])
    assert [i.outcome for i in report.items] == [Outcome.IMPORTED, Outcome.DUPLICATE]


def test_a_bad_file_does_not_stop_the_batch(library: Library, tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Good\n\nFine text.")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "binary.md").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "bad.json").write_text('{"folio": 1, "articles": [')
    report, changes = library.import_paths(
        [tmp_path / n for n in ("empty.md", "good.md", "binary.md", "bad.json", "missing.md")]
    )
    reasons = {Path(i.file).name: i.error for i in report.failed}
    assert set(reasons) == {"empty.md", "binary.md", "bad.json", "missing.md"}
    assert reasons["empty.md"] == "the file is empty"
    assert "not valid JSON" in (reasons["bad.json"] or "")
    assert reasons["missing.md"] == "no such file or folder"
    assert len(changes.added) == 1


def test_extra_tags_apply_to_every_imported_article(library: Library, fixtures: Path) -> None:
    report, _ = library.import_paths([fixtures / "markdown" / "hugo-toml.md"], tags=["inbox"])
    article = library.get(report.imported_ids[0])
    assert article.tags == ("gardening", "allotment", "inbox")


def test_cancelled_import_keeps_what_finished(library: Library, fixtures: Path) -> None:
    seen: list[int] = []

    def cancelled() -> bool:
        return len(seen) >= 2

    def progress(done: int, total: int, label: str) -> None:
        seen.append(done)

    report, _ = library.import_paths(
        [fixtures / "markdown"], progress=progress, cancelled=cancelled
    )
    assert report.cancelled
    # Files go in name order: the first imported, the second failed, then the cancel.
    assert [Path(i.file).name for i in report.items] == [
        "2021-04-03-tidal-energy-notes.md",
        "broken-yaml.md",
    ]
    assert library.counts().all == len(report.imported) == 1


def test_source_provenance(library: Library, fixtures: Path) -> None:
    path = fixtures / "markdown" / "plain-heading.md"
    report, _ = library.import_paths([str(path)])
    article = library.get(report.imported_ids[0])
    assert article.source.format == "markdown"
    assert article.source.file == str(path)
    assert article.source.imported_at is not None


# ---------------------------------------------------------------------- export
def test_json_export_import_export_is_identical(
    library: Library, fixtures: Path, tmp_path: Path
) -> None:
    library.import_paths([fixtures / "markdown"])
    first = library.get(library.list_rows(ListQuery())[0].id)
    library.update(replace(first, title="Edited title", tags=("x", "y")))
    library.set_state([first.id], read=True, starred=True)
    out1 = tmp_path / "one.json"
    library.export("json", out1)
    other = Library.open(tmp_path / "other.sqlite3")
    try:
        report, _ = other.import_paths([out1])
        assert not report.failed
        out2 = tmp_path / "two.json"
        other.export("json", out2)
    finally:
        other.close()
    a = json.loads(out1.read_text(encoding="utf-8"))
    b = json.loads(out2.read_text(encoding="utf-8"))
    key = lambda art: art["id"]  # noqa: E731
    assert sorted(a["articles"], key=key) == sorted(b["articles"], key=key)
    assert len(a["articles"]) == 5


def test_export_of_chosen_ids_and_of_a_query(library: Library, tmp_path: Path) -> None:
    a = library.add(_draft(1, tags=("keep",))).added[0]
    library.add(_draft(2))
    library.export("json", tmp_path / "ids.json", ids=[a])
    library.export("json", tmp_path / "q.json", query="tag:keep")
    for name in ("ids.json", "q.json"):
        doc = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        assert [x["id"] for x in doc["articles"]] == [a]


def test_markdown_export_writes_one_safe_file_per_article(library: Library, tmp_path: Path) -> None:
    library.add(_draft(1, title='CON: a <bad> "title"/with\\slashes?'))
    library.add(_draft(2, title="Same"))
    library.add(_draft(3, title="Same", body="Different body, same title."))
    result = library.export("markdown", tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert result.articles == 3
    assert len(names) == 3
    assert "Same.md" in names and "Same (2).md" in names
    for name in names:
        assert not set('<>:"|?*\\/') & set(name)


def test_a_cancelled_export_leaves_no_file(library: Library, tmp_path: Path) -> None:
    for n in range(5):
        library.add(_draft(n))
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "out.json"
    result = library.export("json", target, cancelled=lambda: True)
    assert result.cancelled
    assert list(out.iterdir()) == []
