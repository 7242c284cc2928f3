"""The sidebar's numbers are kept by triggers; after every kind of write they must equal a
count made from scratch, and an older library gets them right when it is upgraded."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from alembic import command

from reader.domain.article import ArticleDraft
from reader.library import Counts, Library
from reader.storage import Store, schema
from reader.storage.engine import create_library_engine


def _recount(path: Path) -> tuple[Counts, list[tuple[str, int]]]:
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT count(*) FILTER (WHERE deleted_at IS NULL),"
            " count(*) FILTER (WHERE deleted_at IS NULL AND NOT read),"
            " count(*) FILTER (WHERE deleted_at IS NULL AND starred),"
            " count(*) FILTER (WHERE deleted_at IS NULL AND archived),"
            " count(*) FILTER (WHERE deleted_at IS NOT NULL),"
            " count(*) FILTER (WHERE deleted_at IS NULL AND content_pending) FROM articles"
        ).fetchone()
        tags = conn.execute(
            "SELECT t.name, (SELECT count(*) FROM article_tags l JOIN articles a"
            " ON a.pk = l.article_pk WHERE l.tag_id = t.id AND a.deleted_at IS NULL)"
            " FROM tags t ORDER BY t.name"
        ).fetchall()
    return Counts(*row), [(str(n), int(c)) for n, c in tags]


def _check(library: Library) -> None:
    counts, tags = _recount(library.path)
    assert library.counts() == counts
    assert library.tag_counts() == tags


def test_counts_follow_every_kind_of_write(library: Library, tmp_path: Path) -> None:
    _check(library)
    ids = [
        library.add(ArticleDraft(title=f"A{n}", body=f"text {n}", tags=("x", f"t{n % 2}"))).added[0]
        for n in range(6)
    ]
    pending = library.add(ArticleDraft(title="Link", url="https://e.com/1", content_pending=True))
    _check(library)
    library.set_state(ids[:3], read=True)
    library.set_state(ids[1:4], starred=True)
    library.set_state(ids[2:5], archived=True)
    library.set_state(ids[:1], read=False, starred=True)
    _check(library)
    library.tag(ids[:2], add=["y"], remove=["x"])
    _check(library)
    library.trash(ids[:3])
    _check(library)
    library.restore(ids[:1])
    _check(library)
    library.set_state(ids[1:2], read=False)  # in the Trash: counted there only
    _check(library)
    library.purge([ids[4], ids[1]])
    _check(library)
    library.empty_trash()
    _check(library)
    article = library.get(pending.added[0])
    library.update(replace(article, body="Now with its content."))
    _check(library)
    (tmp_path / "n.md").write_text("---\ntitle: N\ntags: [x]\nread: true\n---\nNew note.")
    library.import_paths([tmp_path / "n.md"])
    _check(library)
    assert library.counts().all == 5


def test_upgrading_a_library_counts_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_library_engine(path)
    with engine.connect() as conn:
        command.upgrade(schema._alembic_config(conn), "0001")  # type: ignore[arg-type]
        conn.commit()
    engine.dispose()
    with sqlite3.connect(path) as conn:
        for n, (read, deleted) in enumerate([(0, None), (1, None), (0, "2026-01-01 00:00:00")]):
            conn.execute(
                "INSERT INTO articles (uid, title, title_inferred, body, words, tags_text,"
                " highlights_text, read, starred, archived, progress, content_pending,"
                " added_at, updated_at, deleted_at, version) VALUES"
                " (?, 't', 0, 'b', 1, '', '', ?, 1, 0, 0, 0, '2026-01-01 00:00:00',"
                " '2026-01-01 00:00:00', ?, 1)",
                (f"id-{n}", read, deleted),
            )
    Store(path).close()
    with Library.open(path) as library:
        assert library.counts() == Counts(all=2, unread=1, starred=2, archive=0, trash=1)
        _check(library)


def test_articles_read_in_bulk_equal_those_read_one_by_one(library: Library) -> None:
    from reader.domain.article import Highlight, RelatedLink, Source
    from reader.domain.times import utc_now
    from reader.storage import reading
    from reader.storage import repository as repo

    when = utc_now()
    ids = [
        library.add(
            ArticleDraft(
                title=f"A{n}",
                body=f"text {n}",
                tags=("x", f"t{n}"),
                highlights=(Highlight(id=f"h{n}", quote="text", note="n", created_at=when),)
                if n % 2
                else (),
                related=(RelatedLink(rel="next", title="N", url="https://e.com/n"),) if n else (),
                source=Source(format="wallabag", file="f.json", imported_at=when, removed=("Ad",))
                if n == 2
                else None,
                read=bool(n % 3),
            )
        ).added[0]
        for n in range(5)
    ]
    library.trash(ids[:1])
    with library._store.read() as s:
        one_by_one = [repo.to_article(repo.get_row(s, i)) for i in reversed(ids)]
        assert reading.articles_by_id(s, [*reversed(ids), "missing"]) == one_by_one
