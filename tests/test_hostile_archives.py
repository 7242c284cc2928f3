"""Hostile archives through the real import path, beyond the archive module's own tests:
mutated zips (Hypothesis), overlapping-entry bombs, backslash climbs, entity bombs inside, and
zips inside zips inside zips. Every outcome is a report line; the library stays sound."""

from __future__ import annotations

import io
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.domain.report import Outcome
from reader.library import Library
from tests.support import integrity

NOTE = "# Dune walk\n\nMarram grass holds the dunes together; the wind moves them anyway.\n"
FEED_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
    '<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>'
    '<rss version="2.0"><channel><title>t</title><item><title>&g;</title>'
    "<link>https://example.org/x</link><description>&g;</description></item></channel></rss>"
)


def _zip_bytes(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _overlapping_bomb(copies: int, size: int) -> bytes:
    """One deflated member of ``size`` zero bytes, and ``copies`` directory entries that all
    point at it: a few kilobytes that would unpack to ``copies * size`` bytes."""
    name = b"zeros.txt"
    data = zlib.compress(b"\0" * size, 9)[2:-4]  # raw deflate
    crc = zlib.crc32(b"\0" * size)
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0
    )
    body = local + name + data
    central = b""
    for n in range(copies):
        entry = f"zeros{n}.txt".encode()
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size,
            len(entry), 0, 0, 0, 0, 0, 0,
        ) + entry  # fmt: skip
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, copies, copies, len(central), len(body), 0)
    return body + central + end


def test_an_overlapping_entry_bomb_is_refused(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "overlap.zip"
    path.write_bytes(_overlapping_bomb(copies=200, size=8 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    report, _ = library.import_paths([path])
    assert report.imported == ()
    assert report.failed and all(i.error for i in report.failed)
    assert library.counts().all == 0


def test_backslash_and_device_names_never_escape(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "names.zip"
    path.write_bytes(
        _zip_bytes(
            {
                "..\\..\\escape.md": NOTE,
                "notes/../../up.md": NOTE,
                "\\\\server\\share\\unc.md": NOTE,
                "ok.md": NOTE.replace("Dune", "Salt marsh"),
            }
        )
    )
    report, _ = library.import_paths([path])
    assert [Path(i.file).name for i in report.imported] == ["ok.md"]
    assert len(report.failed) == 3
    # Nothing was written anywhere: the archive is read in memory only.
    assert not list(tmp_path.rglob("*.md"))


def test_an_entity_bomb_inside_an_archive_expands_nothing(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "feeds.zip"
    path.write_bytes(_zip_bytes({"bomb.rss": FEED_BOMB, "ok.md": NOTE}))
    report, _ = library.import_paths([path])
    for item in report.imported:
        article = library.get(item.article_id or "")
        assert "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" not in article.title + article.body
    assert any(Path(i.file).name == "ok.md" for i in report.imported)


def test_zips_inside_zips_stop_at_the_limit(library: Library, tmp_path: Path) -> None:
    inner: bytes = _zip_bytes({"deep.md": NOTE})
    for level in range(6):
        inner = _zip_bytes({f"level{level}.zip": inner})
    path = tmp_path / "russian-doll.zip"
    path.write_bytes(inner)
    report, _ = library.import_paths([path])
    assert report.imported == ()
    assert [i.outcome for i in report.items] == [Outcome.FAILED]


def _valid_zip() -> bytes:
    return _zip_bytes(
        {
            "notes/dunes.md": NOTE,
            "pocket.csv": "title,url,time_added,tags,status\n"
            "Harbour seals,https://example.org/seals,1715000000,nature,unread\n",
            "feed.rss": '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            "<item><title>Tides</title><link>https://example.org/t</link>"
            "<description>Spring tides.</description></item></channel></rss>",
        }
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 2000), st.binary(min_size=1, max_size=4)), min_size=1, max_size=6
    ),
    cut=st.one_of(st.none(), st.integers(0, 2000)),
)
def test_mutated_archives_only_ever_give_report_lines(
    edits: list[tuple[int, bytes]], cut: int | None
) -> None:
    data = bytearray(_valid_zip())
    for at, new in edits:
        at %= len(data)
        data[at : at + len(new)] = new
    if cut is not None:
        del data[cut % len(data) :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.zip"
        path.write_bytes(bytes(data))
        with Library.open(Path(folder) / "library.sqlite3") as lib:
            report, changes = lib.import_paths([path])
            assert report.items
            assert all(i.outcome in Outcome for i in report.items)
            assert all(i.error for i in report.failed)
            assert lib.counts().all == len(changes.added)
        assert integrity(Path(folder) / "library.sqlite3") == ["ok"]
