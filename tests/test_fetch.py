"""Fetch content against a local web server: pages filled in, every failure a clear reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.domain.article import ArticleDraft
from reader.fetching import FetchError, FetchLimits, download
from reader.library import Library
from tests.http_pages import ARTICLE_TEXT, PageServer, serving

FAST = FetchLimits(timeout=0.5, deadline=5.0, max_bytes=256 * 1024, max_redirects=5)


@pytest.fixture
def server() -> Iterator[PageServer]:
    with serving() as s:
        yield s


def _link(library: Library, url: str, **kw: object) -> str:
    values: dict[str, object] = {
        "title": "Saved link",
        "url": url,
        "content_pending": True,
        "tags": ("to-read",),
        "starred": True,
    }
    values.update(kw)
    changes = library.add(ArticleDraft(**values))  # type: ignore[arg-type]
    return changes.added[0]


# ---------------------------------------------------------------------------- download
def test_download_reads_the_page_and_follows_a_redirect(server: PageServer) -> None:
    page = download(server.url("/redirect"), limits=FAST)
    assert page.url == server.url("/article/seals")
    assert page.content_type == "text/html" and page.charset == "utf-8"
    assert b"412 seals" in page.data
    assert page.importer == "html"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/loop", "too many redirects"),
        ("/chain/0", "too many redirects"),
        ("/to-file", "does not follow"),
        ("/slow", "no answer within 0.5 seconds"),
        ("/huge", "the page is 1.0 MB; Folio fetches pages of up to 0.25 MB"),
        ("/huge-unlabelled", "larger than 0.25 MB"),
        ("/pdf", "not a web page (it is application/pdf)"),
        ("/empty", "empty page"),
    ],
)
def test_download_failures_say_why(server: PageServer, path: str, reason: str) -> None:
    with pytest.raises(FetchError) as info:
        download(server.url(path), limits=FAST)
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


def test_only_web_links_are_fetched(tmp_path: object) -> None:
    for url in ("file:///etc/passwd", "ftp://example.com/x", "javascript:alert(1)", "nope"):
        with pytest.raises(FetchError, match="only web links"):
            download(url, limits=FAST)


def test_a_closed_port_is_refused() -> None:
    with serving() as s:
        url = s.url("/article")
    with pytest.raises(FetchError, match=r"refused|could not connect"):
        download(url, limits=FAST)


def test_cancel_stops_a_download(server: PageServer) -> None:
    with pytest.raises(FetchError, match="cancelled"):
        download(server.url("/huge-unlabelled"), limits=FAST, cancelled=lambda: True)


# ---------------------------------------------------------------------------- library
def test_fetch_fills_a_plain_text_page_in(library: Library, server: PageServer) -> None:
    article_id = _link(library, server.url("/text"), title="Tidal turbines: the second")
    before = library.get(article_id)
    report, changes = library.fetch([article_id], limits=FAST)
    assert report.summary() == "fetched 1"
    assert changes.updated == (article_id,)
    after = library.get(article_id)
    assert not after.content_pending
    assert "Engineers changed the blade coatings" in after.body
    # The saved title was the page's cut short: the page's whole title replaces it.
    assert after.title == "Tidal turbines: the second winter"
    # What the user set stays.
    assert after.tags == ("to-read",) and after.starred
    assert after.added_at == before.added_at
    assert after.url == server.url("/text")
    (revision,) = library.revisions(article_id)
    assert revision.body == ""
    assert library.counts().pending == 0


def test_fetch_reports_each_failure_and_goes_on(library: Library, server: PageServer) -> None:
    missing = _link(library, server.url("/missing"), title="Gone")
    pdf = _link(library, server.url("/pdf"), title="A PDF")
    no_link = library.add(ArticleDraft(title="No link", content_pending=True)).added[0]
    good = _link(library, server.url("/text"), title="Turbines")
    report, changes = library.fetch([missing, pdf, no_link, good], limits=FAST)
    assert [i.ok for i in report.items] == [False, False, False, True]
    assert report.items[0].error == "the server answered 404 Not Found"
    assert "application/pdf" in (report.items[1].error or "")
    assert report.items[2].error == "the article has no link to fetch"
    assert changes.updated == (good,)
    assert library.get(missing).content_pending
    assert report.summary() == "fetched 1 (3 failed)"
    assert "failed     Gone" in report.to_text()


def test_fetch_without_ids_takes_every_pending_article(
    library: Library, server: PageServer
) -> None:
    pending = _link(library, server.url("/text"))
    library.add(ArticleDraft(title="Has text", body="Already here.", url=server.url("/text2")))
    trashed = _link(library, server.url("/text?trash"), title="In the trash")
    library.trash([trashed])
    assert library.pending_ids() == [pending]
    report, _ = library.fetch(limits=FAST)
    assert [i.article_id for i in report.items] == [pending]
    assert server.hits == ["/text"]


def test_a_cancelled_fetch_keeps_what_finished(library: Library, server: PageServer) -> None:
    first = _link(library, server.url("/text"))
    second = _link(library, server.url("/text?again"), title="Second")
    calls: list[str] = []

    def progress(done: int, total: int, label: str) -> None:
        calls.append(label)

    report, changes = library.fetch(
        [first, second], limits=FAST, progress=progress, cancelled=lambda: len(calls) >= 2
    )
    assert report.cancelled
    assert changes.updated == (first,)
    assert not library.get(first).content_pending
    assert library.get(second).content_pending
    assert report.summary() == "fetched 1 (cancelled)"


def test_an_article_edited_during_the_fetch_is_not_overwritten(
    library: Library, server: PageServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import library as library_module

    article_id = _link(library, server.url("/text"))
    real = library_module.download

    def download_then_edit(url: str, **kw: object) -> object:
        page = real(url, **kw)  # type: ignore[arg-type]
        current = library.get(article_id)
        from dataclasses import replace

        library.update(replace(current, summary="Edited meanwhile"))
        return page

    monkeypatch.setattr(library_module, "download", download_then_edit)
    report, changes = library.fetch([article_id], limits=FAST)
    (item,) = report.items
    assert item.error == "the article was changed while its page was being fetched"
    assert not changes.updated
    assert library.get(article_id).summary == "Edited meanwhile"


def test_text_fixture_is_what_the_server_sends(server: PageServer) -> None:
    assert download(server.url("/text"), limits=FAST).data.decode() == ARTICLE_TEXT


# ---------------------------------------------------------------------------- command line
def _cli(db: object, *args: str) -> tuple[int, str, str]:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from reader.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["--db", str(db), *args])
    return status, out.getvalue(), err.getvalue()


def test_cli_fetch_every_pending_article(
    library: Library, library_path: object, server: PageServer
) -> None:
    good = _link(library, server.url("/text"), title="Turbines")
    status, out, _ = _cli(library_path, "fetch")
    assert status == 0
    assert out.splitlines()[-1] == "fetched 1"
    assert f"fetched    Turbines ({server.url('/text')})" in out
    assert not library.get(good).content_pending
    status, out, _ = _cli(library_path, "fetch")
    assert status == 0 and out.startswith("nothing to fetch")


def test_cli_fetch_named_ids_and_failures(
    library: Library, library_path: object, server: PageServer
) -> None:
    gone = _link(library, server.url("/missing"), title="Gone")
    status, out, _ = _cli(library_path, "fetch", gone)
    assert status == 1
    assert "failed     Gone" in out and "404" in out
    status, _, err = _cli(library_path, "fetch", "no-such-id")
    assert status == 1 and "no article with id no-such-id" in err


def test_a_fetched_page_is_marked_with_its_address() -> None:
    from reader.fetching import Page

    page = Page(
        url="https://example.com/a", data=b"\xef\xbb\xbf<html>x</html>", content_type="text/html"
    )
    assert page.saved() == (
        b"\xef\xbb\xbf<!-- saved from url=(0021)https://example.com/a -->\n<html>x</html>"
    )
    wide = Page(
        url="https://example.com/a", data="<html>".encode("utf-16"), content_type="text/html"
    )
    assert wide.saved() == wide.data
    text = Page(url="https://example.com/a", data=b"words", content_type="text/plain")
    assert text.saved() == b"words"


def test_fetch_reads_a_web_page_with_the_page_importer(
    library: Library, server: PageServer
) -> None:
    article_id = _link(
        library, server.url("/redirect"), title="Harbour seals return to the", tags=("coast",)
    )
    report, changes = library.fetch([article_id], limits=FAST)
    assert report.summary() == "fetched 1", report.to_text()
    article = library.get(article_id)
    assert article.title == "Harbour seals return to the estuary and stay for the spring"
    assert article.author == "Ines Moreau"
    assert article.site_name == "Coast Watch"
    assert article.published_at == "2024-05-06T10:53:20Z"
    assert article.language == "en"
    assert "The survey team counted 412 seals" in article.body
    assert "keep dogs on leads" in article.body
    assert "Share this article" not in article.body and "Home" not in article.body
    assert article.tags == ("coast",) and article.starred and not article.content_pending
    assert article.url == server.url("/redirect")
    assert changes.updated == (article_id,)
