"""The full-text index's tag keys: every way an article's tags change keeps them in step, a
search within tags is answered from them with the same results as the tags' own index, and a
user's words never match a key."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from reader.domain.article import ArticleDraft
from reader.domain.query import ListQuery, SortKey
from reader.library import Library
from tests.support import integrity


def _add(library: Library, n: int, body: str, tags: tuple[str, ...] = ()) -> str:
    return library.add(ArticleDraft(title=f"Note {n}", body=body, tags=tags)).added[0]


def _searched(library: Library, words: str, tag: str | None = None) -> set[str]:
    """The articles a relevance-ordered search within ``tag`` shows (answered from the keys)."""
    query = ListQuery(search=words, tag=tag, sort=SortKey.RELEVANCE)
    keys = list(library.keys(query))
    found = library.summaries(keys)
    return {found[k].id for k in keys}


def _tagged(library: Library, tag: str) -> set[str]:
    """The articles with ``tag``, read from the tags' own table (the list's path)."""
    keys = list(library.keys(ListQuery(tag=tag)))
    found = library.summaries(keys)
    return {found[k].id for k in keys}


def _agree(library: Library, tags: list[str]) -> None:
    assert integrity(library.path) == ["ok"]
    for tag in tags:
        assert _searched(library, "kelp", tag) == _tagged(library, tag), tag
        assert library.search(f"kelp tag:{tag}").total == len(_tagged(library, tag)), tag
        everything = _searched(library, "kelp")
        assert _searched(library, f"kelp -tag:{tag}") == everything - _tagged(library, tag)


def test_every_change_of_tags_keeps_the_keys_in_step(library: Library, tmp_path: Path) -> None:
    ids = [_add(library, n, f"kelp forest {n}", tags=("sea",) if n % 2 else ()) for n in range(8)]
    _agree(library, ["sea"])
    # Imported in bulk, with tags from the files and from the import itself.
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        tags = "[sea, deep]" if n % 2 else "[shore]"
        (folder / f"{n}.md").write_text(
            f"---\ntitle: Kelp {n}\ntags: {tags}\n---\nkelp beds {n}", encoding="utf-8"
        )
    report, _changes = library.import_paths([folder], tags=["batch"])
    assert len(report.imported) == 5
    _agree(library, ["sea", "deep", "shore", "batch"])
    # Tags added to and taken off several articles, and one article's tags edited.
    library.tag(ids[:4], add=["shore"], remove=["sea"])
    article = library.get(ids[6])
    library.update(replace(article, tags=("deep", "sea")))
    _agree(library, ["sea", "deep", "shore", "batch"])
    # Renamed (the key stays the tag's), merged into another tag, deleted.
    library.rename_tag("shore", "coast")
    _agree(library, ["sea", "deep", "coast", "batch"])
    library.rename_tag("deep", "sea")
    assert _tagged(library, "deep") == set()
    _agree(library, ["sea", "coast", "batch"])
    library.delete_tag("batch")
    _agree(library, ["sea", "coast"])
    assert _searched(library, "kelp", "batch") == set()


def test_a_word_shaped_like_a_tag_key_finds_only_text(library: Library) -> None:
    tagged = _add(library, 1, "kelp forest", tags=("sea",))
    written = _add(library, 2, "the t1 line runs past the kelp")
    conn = sqlite3.connect(library.path)
    try:
        (keys,) = conn.execute("SELECT tag_keys FROM articles WHERE uid = ?", (tagged,)).fetchone()
    finally:
        conn.close()
    assert keys.split() == ["t1"]
    assert [h.id for h in library.search("t1").hits] == [written]
    assert library.search("t1*").total == 1
    assert library.search("kelp -t1").total == 1
    assert _searched(library, "kelp", "sea") == {tagged}


def test_a_search_within_a_tag_nobody_has(library: Library) -> None:
    _add(library, 1, "kelp forest", tags=("sea",))
    _add(library, 2, "kelp beds")
    assert _searched(library, "kelp", "none such") == set()
    assert library.search("kelp tag:nowhere").total == 0
    assert library.search("kelp -tag:nowhere").total == 2
    first, complete = library.first_keys(
        ListQuery(search="kelp", tag="none such", sort=SortKey.RELEVANCE), 10
    )
    assert list(first) == [] and complete
