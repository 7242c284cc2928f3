"""One search language everywhere: the window's search box, ``folio search`` and
``folio list --query`` answer every query of the language exactly alike, and as expected,
on a small library of mixed articles."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.domain.article import ArticleDraft, Highlight
from reader.gui.main_window import MainWindow
from reader.library import Library

ARTICLES = {
    "A": ArticleDraft(
        title="Harbour seals return to Norfolk",
        author="Ruth Calder",
        site_name="Coastal Trust",
        url="https://coastaltrust.example.org/seals",
        published_at="2019-09-12",
        language="en",
        tags=("seals", "norfolk"),
        body="Wardens counted grey seals during the pupping season on the sandbanks.",
        starred=True,
    ),
    "B": ArticleDraft(
        title="Offshore wind auction",
        author="Hana Levi Julian",
        site_name="Energy Weekly",
        url="https://energyweekly.example.com/wind",
        published_at="2021-03-01T09:30:00Z",
        language="en",
        tags=("energy",),
        body="The auction for offshore wind went ahead; the seals were not affected.",
        read=True,
        archived=True,
    ),
    "C": ArticleDraft(
        title="כלבי ים בנמל",
        author="Dana Cohen",
        published_at="2020-06-15",
        language="he",
        tags=("seals",),
        body="כלבי הים חזרו לנמל השנה, ומתנדבים ספרו אותם מהחוף.",
    ),
    "D": ArticleDraft(
        title="Tidal energy notes",
        author="Ines Moreau",
        language="en",
        tags=("energy", "notes"),
        body="Notes on tidal energy and the Severn barrage.",
        read=True,
    ),
    "E": ArticleDraft(title="Old seals story", body="Seals, seals and more seals.", language="en"),
}

# query -> the articles it must find (E is in the Trash)
EXPECTED: dict[str, set[str]] = {
    "seals": {"A", "B", "C"},
    '"grey seals"': {"A"},
    "seals -auction": {"A", "C"},
    'seals -"offshore wind"': {"A", "C"},
    "wind OR tidal": {"B", "D"},
    "barrage": {"D"},
    "costs": {"D"},  # only in a highlight's note
    "tag:energy": {"B", "D"},
    "-tag:energy": {"A", "C"},
    "author:julian": {"B"},
    "-author:julian": {"A", "C", "D"},
    "site:coastaltrust.example.org": {"A"},
    "site:energy": {"B"},
    "is:unread": {"A", "C"},
    "is:read": {"B", "D"},
    "is:starred": {"A"},
    "is:archived": {"B"},
    "is:highlighted": {"D"},
    "is:trash": {"E"},
    "before:2020-01-01": {"A"},
    "after:2020": {"B", "D"},
    "after:2020-01 before:2021": {"C"},
    "lang:he": {"C"},
    "-lang:he seals": {"A", "B"},
    "tag:seals is:unread lang:en": {"A"},
    "כלבי": {"C"},
    # What FTS5 could not parse is searched as words.
    "(seals": {"A", "B", "C"},
    "^seals": {"A", "B", "C"},
    "seals:": {"A", "B", "C"},
    'seals"': {"A", "B", "C"},
    "10:30": set(),
    "*": {"A", "B", "C", "D"},
    "AND": {"D"},  # a word like any other, not an operator
    "is:nonsense seals": {"A", "B", "C"},
}


RANKED = ("seals", "seals -auction", "wind OR tidal", "-lang:he seals", "(seals", "^seals")


@pytest.fixture
def mixed(library: Library) -> dict[str, str]:
    ids = {name: library.add(draft).added[0] for name, draft in ARTICLES.items()}
    library.add_highlight(
        ids["D"],
        Highlight(id="h1", quote="Severn barrage", note="remember the costs", color="green"),
    )
    library.trash([ids["E"]])
    return ids


def _cli(capsys: pytest.CaptureFixture[str], library: Library, *args: str) -> list[str]:
    assert main(["--db", str(library.path), *args]) == 0
    return [r["id"] for r in json.loads(capsys.readouterr().out)["results"]]


def _window_ids(window: MainWindow, query: str) -> list[str]:
    window.search(query)
    m = window.list_model
    return [m.article_id(r) or "" for r in range(m.rowCount())]


def test_the_window_and_the_command_line_answer_alike(
    window: MainWindow,
    library: Library,
    mixed: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    name_of = {v: k for k, v in mixed.items()}
    window.refresh_all()
    for query, expected in EXPECTED.items():
        in_window = _window_ids(window, query)
        searched = _cli(capsys, library, "search", query, "--json", "--limit", "100")
        listed = _cli(capsys, library, "list", "--query", query, "--json")
        assert {name_of[i] for i in searched} == expected, query
        assert set(in_window) == set(searched), query
        assert set(listed) == set(searched), query
        assert len(in_window) == len(searched) == len(listed), query
        if query in RANKED:
            # Ranked alike too (best match first) when words are searched.
            assert in_window == searched, query
    window.search("")


def test_search_ranks_a_title_match_first(
    library: Library, mixed: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    found = _cli(capsys, library, "search", "seals", "--json")
    assert found[0] == mixed["A"]
