"""Importing exports through the library: link-only articles, copies merged within a file,
nothing added twice, bad items reported while the rest go in, cancel keeping what finished."""

from __future__ import annotations

import json
from pathlib import Path

from reader.domain.query import ListQuery, View
from reader.domain.report import Outcome
from reader.library import Library

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


def test_link_only_articles_are_stored_waiting_for_content(library: Library) -> None:
    report, changes = library.import_paths([EXPORTS / "instapaper-new.csv"])
    assert len(report.imported) == 3 and not report.failed
    seals = library.get(report.imported[0].article_id or "")
    assert seals.content_pending and seals.body == ""
    assert seals.url == "https://coastwatch.example.org/2024/05/harbour-seals-return"
    assert seals.tags == ("nature", "coast")
    assert seals.source.format == "instapaper"
    assert seals.added_at.year == 2024
    assert library.counts().pending == 3
    assert changes.tags


def test_copies_in_one_file_are_merged_and_reported(library: Library) -> None:
    report, _ = library.import_paths([EXPORTS / "pocket.csv"])
    outcomes = [(i.item, i.outcome) for i in report.items]
    assert outcomes == [
        ("item 1", Outcome.IMPORTED),
        ("item 2", Outcome.IMPORTED),
        ("item 3", Outcome.IMPORTED),
        ("item 4", Outcome.MERGED),
        ("item 5", Outcome.IMPORTED),
        ("line 9", Outcome.FAILED),
    ]
    first, merged = report.items[0], report.items[3]
    assert merged.article_id == first.article_id
    seals = library.get(first.article_id or "")
    assert seals.tags == ("nature", "coast", "wildlife")
    assert seals.archived and seals.read
    # The earliest time the link was saved wins.
    assert int(seals.added_at.timestamp()) == 1714000000
    assert "1 copy merged" in report.summary()
    assert "merged" in report.to_text()
    assert report.to_json()["merged"] == [
        {"file": str(EXPORTS / "pocket.csv"), "id": first.article_id, "title": merged.title,
         "item": "item 4"}
    ]  # fmt: skip


def test_importing_an_export_twice_adds_nothing(library: Library) -> None:
    files = [
        EXPORTS / "pocket.csv",
        EXPORTS / "wallabag-v2.json",
        EXPORTS / "shaarli-bookmarks.html",
    ]
    first, _ = library.import_paths(files)
    total = library.counts().all
    again, changes = library.import_paths(files)
    assert not again.imported and not changes.added
    assert library.counts().all == total
    every_item = len(first.imported) + len(first.merged) + len(first.duplicates)
    assert len(again.duplicates) == every_item


def test_duplicates_across_exports_use_the_normalised_link(library: Library) -> None:
    library.import_paths([EXPORTS / "ril_export.html"])
    report, _ = library.import_paths([EXPORTS / "instapaper-old.csv"])
    # Instapaper's seals, turbines and essay are the same pages as Pocket's (the Pocket link
    # to the turbines carries a tracking parameter).
    assert len(report.duplicates) == 3
    assert [i.title for i in report.imported] == ["Field notes from the dunes"]


def test_wallabag_content_state_and_highlights_are_stored(library: Library) -> None:
    report, _ = library.import_paths([EXPORTS / "wallabag-v2.json"])
    assert len(report.imported) == 3
    (bad,) = report.failed
    assert bad.item == "item 4" and bad.error == "the entry is not an object"
    seals = library.get(report.imported[0].article_id or "")
    assert seals.starred and seals.highlights[0].note == "Compare with the 2019 count"
    assert not seals.content_pending
    hits = library.search("Compare 2019")
    assert [h.id for h in hits.hits] == [seals.id]
    starred = library.list_rows(ListQuery(view=View.STARRED))
    assert [r.id for r in starred] == [seals.id]


def test_a_cancelled_import_keeps_the_files_that_finished(library: Library) -> None:
    files = [EXPORTS / "pocket.csv", EXPORTS / "ril_export.html", EXPORTS / "wallabag-v1.json"]
    seen: list[str] = []

    def progress(done: int, total: int, label: str) -> None:
        if label:
            seen.append(label)

    report, changes = library.import_paths(
        files, progress=progress, cancelled=lambda: len(seen) >= 2
    )
    assert report.cancelled
    # Cancelled while the third file was about to start: the first two are in.
    assert {i.file for i in report.items} == {str(files[0]), str(files[1])}
    # pocket.csv holds four articles (one saved twice); the HTML export repeats three of them.
    assert library.counts().all == len(changes.added) == 4


def test_cli_import_json_report_for_an_export(tmp_path: Path) -> None:
    import io
    from contextlib import redirect_stdout

    from reader.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        status = main(
            ["--db", str(tmp_path / "lib.sqlite3"), "import", "--json", str(EXPORTS / "pocket.csv")]
        )
    assert status == 1  # one row had no link
    report = json.loads(out.getvalue())
    assert len(report["imported"]) == 4 and len(report["merged"]) == 1
    assert report["failed"] == [
        {"file": str(EXPORTS / "pocket.csv"), "error": "the item has no link", "item": "line 9"}
    ]


def test_a_later_export_gives_saved_links_their_text_and_highlights(library: Library) -> None:
    first, _ = library.import_paths([EXPORTS / "pocket.csv"])
    seals_id = first.imported[0].article_id or ""
    assert library.get(seals_id).content_pending
    report, changes = library.import_paths([EXPORTS / "wallabag-v2.json"])
    seals_item = report.items[0]
    assert seals_item.outcome is Outcome.DUPLICATE and seals_item.article_id == seals_id
    assert seals_item.note == "its text and 1 highlight added to the article already saved"
    assert "its text and 1 highlight added" in report.to_text()
    assert seals_id in changes.updated
    seals = library.get(seals_id)
    assert not seals.content_pending
    assert seals.body.startswith("The survey team counted 412 seals")
    assert seals.author == "Ines Moreau"
    # What the user had stays: the Pocket tags (wallabag's are not added) and the title.
    assert seals.tags == ("nature", "coast", "wildlife")
    assert seals.title == "Harbour seals return to the estuary"
    assert seals.highlights[0].quote == "counted 412 seals on the sandbanks"
    (revision,) = library.revisions(seals_id)
    assert revision.body == ""
    # Nothing more to bring the second time.
    again, changes = library.import_paths([EXPORTS / "wallabag-v2.json"])
    assert not changes.updated and again.items[0].note is None


def test_pocket_annotations_add_highlights_to_saved_links(library: Library, tmp_path: Path) -> None:
    library.import_paths([EXPORTS / "pocket.csv"])
    notes = [
        {
            "url": "https://coastwatch.example.org/2024/05/harbour-seals-return",
            "title": "Harbour seals return to the estuary",
            "highlights": [{"quote": "412 seals on the sandbanks", "created_at": 1715000500}],
        }
    ]
    path = tmp_path / "annotations" / "part_000000.json"
    path.parent.mkdir()
    path.write_text(json.dumps(notes), encoding="utf-8")
    report, changes = library.import_paths([path])
    (item,) = report.items
    assert item.note == "1 highlight added to the article already saved"
    assert changes.updated == (item.article_id,)
    article = library.get(item.article_id or "")
    assert [h.quote for h in article.highlights] == ["412 seals on the sandbanks"]
    assert article.content_pending


def test_a_file_over_100_mb_is_refused_with_its_size(library: Library, tmp_path: Path) -> None:
    huge = tmp_path / "export.csv"
    with huge.open("wb") as fh:
        fh.truncate(101 * 1024 * 1024)  # sparse: no disk or memory is used
    ok = tmp_path / "small.csv"
    ok.write_bytes((EXPORTS / "instapaper-old.csv").read_bytes())
    report, _ = library.import_paths([huge, ok])
    (failed,) = report.failed
    assert failed.file == str(huge)
    assert failed.error == "the file is 101 MB; Folio imports files up to 100 MB"
    assert len(report.imported) == 4


def test_an_entity_bomb_in_a_feed_is_refused_end_to_end(library: Library, tmp_path: Path) -> None:
    bomb = tmp_path / "feed.rss"
    entities = "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' if i else '<!ENTITY e0 "boom">' for i in range(9)
    )
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<item><title>&e8;</title><link>https://example.com/a</link></item></channel></rss>",
        encoding="utf-8",
    )
    report, changes = library.import_paths([bomb])
    (failed,) = report.items
    assert failed.outcome is Outcome.FAILED and "entity bomb" in (failed.error or "")
    assert not changes.added
