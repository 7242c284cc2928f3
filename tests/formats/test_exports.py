"""Read-it-later exports and bookmark files: every item, its state and tags, and a clear reason
for every item or file that cannot be read."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.domain.article import ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.formats import registry
from reader.formats.registry import ParsedItem

EXPORTS = Path(__file__).parent.parent / "fixtures" / "exports"


def _parse(name: str, data: bytes | None = None) -> tuple[str, list[ParsedItem]]:
    raw = (EXPORTS / name).read_bytes() if data is None else data
    fmt = registry.detect(raw[:65536], name)
    return fmt.name, list(fmt.parse(raw, name=name))


def _drafts(items: list[ParsedItem]) -> list[ArticleDraft]:
    return [i for i in items if isinstance(i, ArticleDraft)]


def _errors(items: list[ParsedItem]) -> list[ImportFormatError]:
    return [i for i in items if isinstance(i, ImportFormatError)]


# ---------------------------------------------------------------------------- Pocket
def test_pocket_html_export() -> None:
    fmt, items = _parse("ril_export.html")
    assert fmt == "pocket"
    drafts = _drafts(items)
    assert [d.title for d in drafts] == [
        "Harbour seals return to the estuary",
        "Tidal turbines: the second winter",
        "La lecture lente, un éloge",
    ]
    seals, turbines, essay = drafts
    assert turbines.url == "https://energy.example.net/tidal/turbines?utm_source=newsletter"
    assert seals.tags == ("nature", "coast")
    assert seals.added_at == datetime.fromtimestamp(1715000000, UTC)
    assert seals.content_pending and seals.body == ""
    assert not seals.archived and not seals.read
    assert essay.archived and essay.read
    assert essay.language == "fr"
    assert all(d.source_format == "pocket" for d in drafts)
    (bad,) = _errors(items)
    assert bad.location == "item 3"
    assert "not a web link" in bad.reason


def test_pocket_csv_export() -> None:
    fmt, items = _parse("pocket.csv")
    assert fmt == "pocket"
    drafts = _drafts(items)
    assert len(drafts) == 5
    seals, turbines, essay, again, bare = drafts
    assert seals.tags == ("nature", "coast")
    assert turbines.title == "Tidal turbines, a title with a comma and a line break"
    assert turbines.archived
    assert essay.tags == ("essai",)
    assert again.tags == ("wildlife",) and again.archived
    assert bare.title_inferred and bare.title == "Only a link"
    (bad,) = _errors(items)
    assert bad.location == "line 9"
    assert bad.reason == "the item has no link"


# ---------------------------------------------------------------------------- Instapaper
def test_instapaper_old_header_folders() -> None:
    fmt, items = _parse("instapaper-old.csv")
    assert fmt == "instapaper"
    unread, archived, starred, foldered = _drafts(items)
    assert not (unread.archived or unread.starred or unread.tags)
    assert archived.archived and not archived.starred
    assert starred.starred and not starred.archived
    assert starred.summary == "Lire lentement, c'est lire deux fois."
    assert foldered.tags == ("Dunes and coasts",)
    assert all(d.content_pending for d in (unread, archived, starred, foldered))


def test_instapaper_new_header_with_timestamp_and_json_tags() -> None:
    _, items = _parse("instapaper-new.csv")
    seals, turbines, essay = _drafts(items)
    assert seals.tags == ("nature", "coast")
    assert seals.added_at == datetime.fromtimestamp(1715000000, UTC)
    assert turbines.tags == () and turbines.archived
    assert essay.tags == ("essai",) and essay.starred


def test_unknown_csv_gets_a_reason_not_prose() -> None:
    with pytest.raises(ImportFormatError, match="not an Instapaper or Pocket export"):
        _parse("people.csv", b"name,age\nAda,36\n")


# ---------------------------------------------------------------------------- wallabag
def test_wallabag_v1() -> None:
    fmt, items = _parse("wallabag-v1.json")
    assert fmt == "wallabag"
    seals, turbines = _drafts(items)
    assert seals.starred and not seals.archived
    assert seals.tags == ("nature", "coast")
    assert seals.body.startswith("## Spring survey\n\nThe survey team counted **412 seals**")
    assert "Volunteers\\* helped with the count\\_at dawn." in seals.body
    assert "alert" not in seals.body
    assert not seals.content_pending
    assert turbines.archived and turbines.read
    assert "- Output: 2.1 GWh\n- Downtime: 3 days" in turbines.body
    assert seals.language == "en"


def test_wallabag_v2_state_annotations_and_placeholders() -> None:
    fmt, items = _parse("wallabag-v2.json")
    assert fmt == "wallabag"
    seals, essay, unfetched = _drafts(items)
    assert seals.starred and not seals.archived
    assert seals.author == "Ines Moreau"
    assert seals.image_url == "https://coastwatch.example.org/img/seals.jpg"
    assert seals.added_at == datetime(2024, 5, 6, 10, 53, 20, tzinfo=UTC)
    assert seals.language == "en"
    (note,) = seals.highlights
    assert note.quote == "counted 412 seals on the sandbanks"
    assert note.note == "Compare with the 2019 count"
    assert note.prefix.endswith("The survey team ")
    assert note.suffix.startswith(", up from 380")
    assert essay.archived and essay.language == "fr"
    # wallabag's "could not fetch" text and "No title found" are not the article.
    assert unfetched.body == "" and unfetched.content_pending
    assert unfetched.title == "Could not fetch this one" and unfetched.title_inferred
    (bad,) = _errors(items)
    assert bad.location == "item 4"


# ---------------------------------------------------------------------------- Omnivore
def test_omnivore_metadata_json() -> None:
    fmt, items = _parse("omnivore-metadata.json")
    assert fmt == "omnivore"
    seals, turbines = _drafts(items)
    assert seals.tags == ("RSS",) and turbines.tags == ("RSS", "Seals")
    assert seals.author == "Ines Moreau"
    assert seals.summary and seals.summary.startswith("A short description")
    assert seals.content_pending and seals.body == ""
    assert seals.published_at == "2024-10-29T16:00:00Z"
    assert turbines.archived and turbines.read and turbines.progress == 1.0
    (deleted,) = _errors(items)
    assert "deleted in Omnivore" in deleted.reason and deleted.location == "item 3"


def _omnivore_zip() -> bytes:
    meta = json.loads((EXPORTS / "omnivore-metadata.json").read_text(encoding="utf-8"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata_0_to_2.json", json.dumps(meta))
        z.writestr(
            "content/harbour-seals-return-18f0a.html",
            '<div id="readability-page-1"><p>The survey team counted 412 seals on the '
            'sandbanks.</p><p><img src="/img/seals.jpg" alt="Seals"></p></div>',
        )
        z.writestr(
            "highlights/harbour-seals-return-18f0a.md",
            "> counted 412 seals [⤴️](https://omnivore.example/me/x#1)\n\nA good year\n",
        )
    return buffer.getvalue()


def test_omnivore_zip_gives_content_and_highlights() -> None:
    from reader.formats.importers import omnivore

    items = list(omnivore.parse(_omnivore_zip(), name="omnivore.zip"))
    seals, turbines = _drafts(items)
    assert seals.body == (
        "The survey team counted 412 seals on the sandbanks.\n\n"
        "![Seals](https://coastwatch.example.org/img/seals.jpg)"
    )
    assert not seals.content_pending
    (mark,) = seals.highlights
    assert mark.quote == "counted 412 seals" and mark.note == "A good year"
    assert mark.prefix == "The survey team "
    assert turbines.content_pending


# ---------------------------------------------------------------------------- bookmarks
def test_netscape_bookmarks() -> None:
    fmt, items = _parse("shaarli-bookmarks.html")
    assert fmt == "bookmarks"
    seals, turbines, essay = _drafts(items)
    assert seals.tags == ("nature", "coast")
    assert seals.summary == (
        "Grey and harbour seals are back on the sandbanks & the survey counts them."
    )
    assert seals.added_at == datetime.fromtimestamp(1715000000, UTC)
    assert not turbines.read and essay.read
    assert turbines.summary is None
    (bookmarklet,) = _errors(items)
    assert "bookmarklet" in bookmarklet.reason and bookmarklet.location == "item 3"


def test_json_link_list() -> None:
    fmt, items = _parse("pinboard_export")
    assert fmt == "links-json"
    seals, turbines = _drafts(items)
    assert seals.title == "Harbour seals return to the estuary"
    assert seals.summary == "Seal count on the sandbanks."
    assert seals.tags == ("nature", "coast")
    assert seals.read and not turbines.read


def test_chrome_and_firefox_bookmark_trees() -> None:
    chrome = {
        "roots": {
            "bookmark_bar": {
                "children": [
                    {
                        "date_added": "13358000000000000",
                        "name": "Harbour seals return",
                        "type": "url",
                        "url": "https://coastwatch.example.org/seals",
                    }
                ],
                "type": "folder",
            }
        },
        "version": 1,
    }
    _, items = _parse("Bookmarks", json.dumps(chrome).encode())
    (draft,) = _drafts(items)
    assert draft.added_at is not None and draft.added_at.year == 2024
    firefox = {
        "type": "text/x-moz-place-container",
        "children": [
            {
                "title": "Tidal turbines",
                "dateAdded": 1715100000000000,
                "tags": "energy,sea",
                "type": "text/x-moz-place",
                "uri": "https://energy.example.net/tidal/turbines",
            }
        ],
    }
    _, items = _parse("bookmarks.json", json.dumps(firefox).encode())
    (draft,) = _drafts(items)
    assert draft.tags == ("energy", "sea")
    assert draft.added_at == datetime.fromtimestamp(1715100000, UTC)


def test_a_json_file_that_is_no_export_gets_a_reason() -> None:
    with pytest.raises(ImportFormatError, match="not an export Folio knows"):
        _parse("settings.json", b'{"theme": "dark", "size": 12}')


# ---------------------------------------------------------------------------- bad input
EXPORT_FILES = [
    "ril_export.html",
    "pocket.csv",
    "instapaper-old.csv",
    "instapaper-new.csv",
    "wallabag-v1.json",
    "wallabag-v2.json",
    "omnivore-metadata.json",
    "shaarli-bookmarks.html",
    "pinboard_export",
]


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_empty_and_binary_files_give_a_reason(name: str) -> None:
    fmt = registry.detect((EXPORTS / name).read_bytes()[:65536], name)
    with pytest.raises(ImportFormatError, match="empty"):
        list(fmt.parse(b"", name=name))
    with pytest.raises(ImportFormatError, match=r"binary|PDF|not"):
        list(fmt.parse(b"%PDF-1.7\x00\x01\x02" + bytes(range(256)) * 4, name=name))


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_truncated_files_never_half_import_an_item(name: str) -> None:
    """Cut anywhere, a file gives whole items or a reason: never an exception of another kind
    and never an item without its link or title."""
    data = (EXPORTS / name).read_bytes()
    fmt = registry.detect(data[:65536], name)
    for cut in range(1, len(data), max(1, len(data) // 40)):
        try:
            items = list(fmt.parse(data[:cut], name=name))
        except ImportFormatError:
            continue
        for item in items:
            if isinstance(item, ArticleDraft):
                assert item.title
                assert item.url or item.body


@pytest.mark.parametrize("name", ["pocket.csv", "instapaper-new.csv", "shaarli-bookmarks.html"])
def test_wrong_encoding_is_read_as_text(name: str) -> None:
    """A file saved as Windows-1252 instead of UTF-8 still gives its accented titles."""
    text = (EXPORTS / name).read_text(encoding="utf-8")
    data = text.encode("cp1252", errors="replace")
    _, items = _parse(name, data)
    assert any("éloge" in d.title for d in _drafts(items))


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("wallabag-v2.json", b'[{"is_archived": true, "is_starred": false, "url": "ht', "JSON"),
        ("omnivore.json", b'[{"slug": "x", "savedAt": 3, ]', "JSON"),
        ("pinboard.json", b'[{"href": "https://a.example.com", }', "JSON"),
    ],
)
def test_malformed_json_gives_the_place(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(ImportFormatError, match=reason) as info:
        _parse(name, data)
    assert info.value.location and info.value.location.startswith("line 1")


def test_malformed_csv_keeps_the_rows_before_the_break() -> None:
    data = b"title,url,time_added,tags,status\n"
    data += b"Good row,https://good.example.com/y,1600000000,,unread\n"
    data += b'"Unclosed quote,https://a.example.com/x,1,,unread\n'
    data += b"Swallowed,https://b.example.com/y,1600000000,,unread\n"
    _, items = _parse("pocket.csv", data)
    drafts = _drafts(items)
    assert [d.title for d in drafts] == ["Good row"]
    # The unclosed quote runs to the end of the file: that row has no link of its own.
    (broken,) = _errors(items)
    assert broken.reason == "the item has no link"
