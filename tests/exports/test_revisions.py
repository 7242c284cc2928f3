"""Saved revisions in the lossless exports: offered as an option, written newest first, and
brought back by an import into an empty library with their times, titles, bodies and fields."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.cli import main
from reader.domain.article import ArticleDraft, Revision
from reader.formats.export_options import ExportOptions
from reader.library import Library


def _edited_library(path: Path) -> tuple[Library, str]:
    lib = Library.open(path)
    changes = lib.add(
        ArticleDraft(title="Harbour notes", body="First text.", tags=("port",), author="Ana")
    )
    uid = changes.added[0]
    lib.update(replace(lib.get(uid), body="Second text.", tags=("port", "sea")))
    lib.update(replace(lib.get(uid), title="Harbour notes, revised", body="Third text."))
    lib.add(ArticleDraft(title="Never edited", body="Only one version."))
    return lib, uid


def _kept(revisions: list[Revision]) -> list[tuple[object, ...]]:
    return [(r.saved_at, r.title, r.body, r.fields) for r in revisions]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_revisions_go_out_and_come_back(tmp_path: Path, fmt: str) -> None:
    lib, uid = _edited_library(tmp_path / "a.sqlite3")
    before = lib.revisions(uid)
    assert [r.body for r in before] == ["Second text.", "First text."]
    out = tmp_path / f"export.{fmt}"
    lib.export(fmt, out, options=ExportOptions(revisions=True))
    original = lib.get(uid)
    lib.close()

    text = out.read_text(encoding="utf-8")
    records = (
        json.loads(text)["articles"]
        if fmt == "json"
        else [json.loads(line) for line in text.splitlines()]
    )
    by_title = {r["title"]: r for r in records}
    exported = by_title["Harbour notes, revised"]["revisions"]
    assert [r["body"] for r in exported] == ["Second text.", "First text."]
    assert exported[1]["fields"]["tags"] == ["port"]
    assert "revisions" not in by_title["Never edited"]

    back = Library.open(tmp_path / "b.sqlite3")
    report, _changes = back.import_paths([out])
    assert len(report.imported) == 2 and not report.failed
    assert _kept(back.revisions(uid)) == _kept(before)
    assert back.get(uid).body == original.body
    # History restored from the import works like one made here.
    oldest = back.revisions(uid)[-1]
    back.restore_revision(uid, oldest.id)
    assert back.get(uid).body == "First text."
    assert back.get(uid).tags == ("port",)
    back.close()


def test_without_the_option_the_export_has_no_revisions(tmp_path: Path) -> None:
    lib, _uid = _edited_library(tmp_path / "a.sqlite3")
    out = tmp_path / "export.json"
    lib.export("json", out)
    lib.close()
    for article in json.loads(out.read_text(encoding="utf-8"))["articles"]:
        assert "revisions" not in article
        assert list(article)[-1] == "source"


def test_the_command_line_exports_revisions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, uid = _edited_library(tmp_path / "a.sqlite3")
    lib.close()
    out = tmp_path / "with.json"
    db = str(tmp_path / "a.sqlite3")
    assert (
        main(["--db", db, "export", "--format", "json", "--output", str(out), "--revisions"]) == 0
    )
    articles = {a["id"]: a for a in json.loads(out.read_text(encoding="utf-8"))["articles"]}
    assert len(articles[uid]["revisions"]) == 2


def test_a_bad_revision_fails_its_article_only(tmp_path: Path) -> None:
    good = {
        "id": "a1",
        "title": "Good",
        "body": "Kept.",
        "revisions": [
            {"saved_at": "2026-01-02T03:04:05Z", "title": "Good", "body": "Older.", "fields": {}}
        ],
    }
    bad = {
        "id": "a2",
        "title": "Bad",
        "body": "Text.",
        "revisions": [{"title": "No time", "body": "x"}],
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"folio": 1, "articles": [good, bad]}), encoding="utf-8")
    lib = Library.open(tmp_path / "lib.sqlite3")
    report, _changes = lib.import_paths([path])
    assert [i.title for i in report.imported] == ["Good"]
    assert len(report.failed) == 1
    assert "revision 1 needs a 'saved_at' time" in report.failed[0].error or ""
    assert [r.body for r in lib.revisions("a1")] == ["Older."]
    lib.close()
