"""Search in the window: ranked rows with the matching passage and the matched words, the
reader marking them too; reading progress shown in the list."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.domain.article import ArticleDraft
from reader.gui.main_window import MainWindow
from reader.gui.models.article_list import (
    COL_TITLE,
    SNIPPET_MARKS,
    SnippetRole,
    SummaryRole,
)
from reader.gui.widgets.article_delegate import snippet_runs
from reader.library import Library


def test_snippet_runs_split_on_the_marks() -> None:
    a, b = SNIPPET_MARKS
    assert snippet_runs(f"the {a}grey{b} seals {a}rest{b}") == [
        ("the ", False),
        ("grey", True),
        (" seals ", False),
        ("rest", True),
    ]


def test_search_shows_the_matching_passage_and_marks_it_in_the_reader(
    window: MainWindow, qtbot: QtBot, library: Library
) -> None:
    library.add(
        ArticleDraft(
            title="Seal count",
            body="Wardens counted grey seals resting on the sandbanks at low tide.",
        )
    )
    library.add(ArticleDraft(title="Grey seals everywhere", body="A short note."))
    library.add(ArticleDraft(title="Gulls", body="Nothing here."))
    window.refresh_all()
    window.search("grey seals")
    m = window.list_model
    # Ranked: a title match counts most.
    assert [m.data(m.index(r, COL_TITLE)) for r in range(m.rowCount())] == [
        "Grey seals everywhere",
        "Seal count",
    ]
    snippet = m.data(m.index(1, COL_TITLE), SnippetRole)
    marked = [text for text, hit in snippet_runs(snippet) if hit]
    assert marked == ["grey", "seals"]
    # Rows grow a line for the passage while searching.
    one_line = window.list_view.fontMetrics().height() + 14
    assert window.list_view.verticalHeader().defaultSectionSize() > one_line
    window.select_row(1)
    html = window.reader.toHtml()
    assert "grey</span>" in html and "seals</span>" in html
    window.list_view.viewport().grab().save(str(window.settings.path.parent / "list.png"))
    window.search("")
    assert window.list_view.verticalHeader().defaultSectionSize() == one_line


def test_reading_progress_is_saved_restored_and_listed(
    window: MainWindow, qtbot: QtBot, library: Library
) -> None:
    long_body = "\n\n".join(f"Paragraph {n} about the tides and the seals." for n in range(200))
    article_id = library.add(ArticleDraft(title="Long read", body=long_body)).added[0]
    library.add(ArticleDraft(title="Other", body="short"))
    window.refresh_all()
    with qtbot.waitSignal(window.reader.position_restored, timeout=5000):
        window.select_article(article_id)
    bar = window.reader.verticalScrollBar()
    assert bar.maximum() > 0
    with qtbot.waitSignal(window.reader.progress_changed, timeout=5000):
        bar.setValue(bar.maximum() // 2)
    saved = library.get(article_id).progress
    assert 0.4 < saved < 0.6
    row = window.list_model.row_of_key(library.key_of(article_id))  # type: ignore[arg-type]
    summary = window.list_model.data(window.list_model.index(row, COL_TITLE), SummaryRole)  # type: ignore[arg-type]
    assert summary.progress == saved
    tooltip = window.list_model.data(window.list_model.index(row, COL_TITLE), 3)  # type: ignore[arg-type]
    assert f"{round(saved * 100)}% read so far" in tooltip
    # Away and back: the reader opens where the user stopped.
    window.move_selection(1 if row == 0 else -1)
    with qtbot.waitSignal(window.reader.position_restored, timeout=5000):
        window.select_article(article_id)
    assert abs(bar.value() / bar.maximum() - saved) < 0.02


def test_a_long_lead_in_is_cut_so_the_match_shows() -> None:
    a, b = SNIPPET_MARKS
    runs = snippet_runs(f"one two three four five six seven eight nine ten {a}seals{b} rest")
    assert runs[0][0].startswith("…") and len(runs[0][0]) <= 30
    assert runs[0][0].endswith("nine ten ")
    assert runs[1] == ("seals", True)


def test_the_article_on_screen_marks_a_new_search(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = library.add(
        ArticleDraft(title="Harbour", body="The security coordination between ports.")
    ).added[0]
    window.refresh_all()
    window.select_article(article_id)
    assert 'class="match"' not in window.reader.toHtml()
    assert "security</span>" not in window.reader.toHtml()
    window.search("security coordination")
    # The reader catches up just after the list's paint.
    qtbot.waitUntil(lambda: window.reader_caught_up, timeout=5_000)
    assert window.reader.article is not None and window.reader.article.id == article_id
    html = window.reader.toHtml()
    assert "security</span>" in html and "coordination</span>" in html
    window.search("")
    qtbot.waitUntil(lambda: window.reader_caught_up, timeout=5_000)
    assert "security</span>" not in window.reader.toHtml()
