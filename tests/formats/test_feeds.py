"""Feed files: one article per entry, well-formed or not, in any encoding; entity bombs refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.domain.article import ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.importers import feed
from reader.formats.registry import ParsedItem

FEEDS = Path(__file__).parent.parent / "fixtures" / "feeds"


def _parse(name: str, data: bytes | None = None) -> list[ParsedItem]:
    raw = (FEEDS / name).read_bytes() if data is None else data
    fmt = registry.detect(raw[:65536], name)
    assert fmt.name == "feed"
    return list(fmt.parse(raw, name=name))


def _drafts(items: list[ParsedItem]) -> list[ArticleDraft]:
    return [i for i in items if isinstance(i, ArticleDraft)]


@pytest.mark.parametrize("path", sorted(FEEDS.iterdir()), ids=lambda p: p.name)
def test_every_fixture_gives_articles_or_a_clear_reason(path: Path) -> None:
    data = path.read_bytes()
    fmt = registry.detect(data[:65536], path.name)
    try:
        items = list(fmt.parse(data, name=path.name))
    except ImportFormatError as exc:
        reason = str(exc)
        items = []
    else:
        reason = ""
    assert items or (reason and "\n" not in reason)
    for item in items:
        if isinstance(item, ArticleDraft):
            assert item.title and (item.body or item.url)
            assert item.source_format == "feed"
        else:
            assert item.location and item.location.startswith("item ")


def test_rss2_entry_content_metadata_and_tags() -> None:
    seals, turbines = _drafts(_parse("rss2.xml"))
    assert seals.title == "Harbour seals return to the estuary"
    assert seals.body == (
        "The survey team counted *412 seals* on the sandbanks, up from 380.\n\n"
        "See [last year's count](https://coastwatch.example.org/2023/05/count)."
    )
    assert "track()" not in seals.body
    assert seals.author == "Ines Moreau"
    assert seals.published_at == "2024-05-06T10:53:20Z"
    assert seals.tags == ("nature", "coast")
    assert seals.site_name == "Coast Watch"
    assert seals.language == "en-gb"
    assert seals.image_url == "https://coastwatch.example.org/img/seals.jpg"
    assert seals.summary == "The survey counted 412 seals."
    assert not seals.content_pending
    assert turbines.author == "Sam Okafor"
    assert turbines.published_at == "2024-05-07T12:40:00Z"
    assert turbines.body == "" and turbines.content_pending


def test_atom_xhtml_content_with_base_and_html_title() -> None:
    (essay,) = _drafts(_parse("atom.xml"))
    assert essay.title == "La lecture lente, un éloge"
    assert essay.url == "https://www.lettres.example.fr/essai/la-lecture-lente"
    assert "[les notes](https://www.lettres.example.fr/essai/notes)" in essay.body
    assert essay.author == "Claire Dubois"
    assert essay.language == "fr"
    assert essay.tags == ("essai",)


def test_rdf_items() -> None:
    dunes, bare = _drafts(_parse("rdf.xml"))
    assert dunes.body.startswith("Marram grass holds the dunes together")
    assert bare.content_pending and bare.url == "https://notes.example.com/only-a-link"


def test_json_feed() -> None:
    items = _parse("feed.json")
    walk, tides = _drafts(items)
    assert walk.body == "Marram grass holds the dunes.\n\nThe wind moves them \\*anyway\\*."
    assert walk.tags == ("dunes", "walks")
    assert walk.author == "Ada Field"
    assert walk.published_at == "2024-05-01T08:00:00Z"
    assert tides.title_inferred and tides.title.startswith("An untitled note about the tides")
    assert "alert" not in tides.body
    errors = [i for i in items if isinstance(i, ImportFormatError)]
    assert [e.location for e in errors] == ["item 3", "item 4"]


def test_illformed_feed_is_read_anyway() -> None:
    (item,) = _drafts(_parse("illformed.xml"))
    assert item.title.startswith("Cod & haddock")
    assert item.url == "https://fish.example.com/prices?a=1&b=2"


def test_entry_without_text_or_link_is_one_failed_item() -> None:
    items = _parse("entry_without_text_or_link.xml")
    kept, failed = items
    assert isinstance(kept, ArticleDraft)
    assert kept.body == "Plain text content with a \\* star and a # hash."
    assert isinstance(failed, ImportFormatError)
    assert failed.reason == "the entry has no text and no link" and failed.location == "item 2"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("no_entries.xml", "the feed has no entries"),
        ("not_a_feed.xml", r"not a feed Folio can read \(line 6: no element found\)"),
    ],
)
def test_files_without_entries_say_why(name: str, reason: str) -> None:
    with pytest.raises(ImportFormatError, match=reason):
        _parse(name)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_wide_encodings(encoding: str) -> None:
    text = (FEEDS / "atom.xml").read_text(encoding="utf-8")
    text = text.replace('encoding="utf-8"', f'encoding="{encoding}"')
    (essay,) = _drafts(_parse("atom.xml", text.encode(encoding)))
    assert essay.title == "La lecture lente, un éloge"


@pytest.mark.parametrize("encoding", ["shift_jis", "euc-kr", "koi8-r"])
def test_undeclared_legacy_encoding_is_detected(encoding: str) -> None:
    title = {
        "shift_jis": "正月はゲーム三昧でした",
        "euc-kr": "한글 닉네임을 표시하는 방법",
        "koi8-r": "Как пережить новогоднюю ночь",
    }[encoding]
    sentence = {
        "shift_jis": "新しい年の最初の週は、友人と一緒に古いゲームを遊んで過ごしました。",
        "euc-kr": "새해 첫 주에는 친구들과 함께 오래된 게임을 하며 시간을 보냈습니다. ",
        "koi8-r": "Первую неделю нового года мы провели с друзьями за старыми играми. ",
    }[encoding]
    body = sentence * 6
    xml = (
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title><item>'
        f"<title>{title}</title><link>https://example.com/a</link>"
        f"<description>{body}</description></item></channel></rss>"
    )
    (item,) = _drafts(_parse("feed.xml", xml.encode(encoding, errors="ignore")))
    assert item.title == title


# ---------------------------------------------------------------------------- safety
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>https://example.com/a</link></item></channel></rss>
"""


def test_billion_laughs_is_refused_not_expanded() -> None:
    with pytest.raises(ImportFormatError, match="entity bomb"):
        _parse("laughs.xml", BILLION_LAUGHS)


def test_quadratic_blowup_is_refused() -> None:
    big = b"x" * 100_000
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + big + b'">]>'
        b'<rss version="2.0"><channel><item><title>' + b"&a;" * 1000 + b"</title>"
        b"<link>https://example.com/a</link></item></channel></rss>"
    )
    with pytest.raises(ImportFormatError, match="entity bomb"):
        _parse("quadratic.rss", data)


def test_parameter_entity_bomb_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p "<!ENTITY a \'x\'>"> %p;]>'
        b'<rss version="2.0"><channel><item><title>&a;</title>'
        b"<link>https://example.com/a</link></item></channel></rss>"
    )
    with pytest.raises(ImportFormatError, match="entity bomb"):
        _parse("param.rss", data)


def test_a_bomb_in_utf16_is_refused_too() -> None:
    with pytest.raises(ImportFormatError, match="entity bomb"):
        _parse("laughs.xml", BILLION_LAUGHS.decode().encode("utf-16"))


def test_harmless_entity_declarations_are_allowed() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY site "Coast">]>'
        b'<rss version="2.0"><channel><item><title>Seals at the &site;</title>'
        b"<link>https://example.com/a</link></item></channel></rss>"
    )
    (item,) = _drafts(_parse("ok.rss", data))
    assert item.url == "https://example.com/a"


def test_external_entities_are_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><item><title>Leak &x;</title>'
        "<link>https://example.com/a</link></item></channel></rss>"
    ).encode()
    for item in _drafts(_parse("xxe.rss", data)):
        assert "TOP SECRET" not in item.title + item.body


def test_a_feed_is_never_opened_as_a_path_or_a_url(tmp_path: Path) -> None:
    """feedparser treats a string as a URL or a file name; Folio hands it a stream."""
    with pytest.raises(ImportFormatError):
        list(feed.parse(str(tmp_path).encode(), name="x.rss"))


def test_oversized_feed_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feed, "MAX_BYTES", 1000)
    data = (FEEDS / "rss2.xml").read_bytes() + b" " * 1000
    with pytest.raises(ImportFormatError, match="MB"):
        list(feed.parse(data, name="big.rss"))


@pytest.mark.parametrize("name", ["rss2.xml", "atom.xml", "rdf.xml", "feed.json"])
def test_truncated_feeds_give_whole_items_or_a_reason(name: str) -> None:
    data = (FEEDS / name).read_bytes()
    for cut in range(1, len(data), max(1, len(data) // 30)):
        try:
            items = list(feed.parse(data[:cut], name=name))
        except ImportFormatError:
            continue
        for item in items:
            if isinstance(item, ArticleDraft):
                assert item.title and (item.body or item.url)


def test_binary_and_empty_files() -> None:
    with pytest.raises(ImportFormatError, match="empty"):
        list(feed.parse(b"  \n", name="a.rss"))
    with pytest.raises(ImportFormatError):
        list(feed.parse(bytes(range(256)) * 64, name="a.rss"))
