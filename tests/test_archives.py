"""Zip archives as import inputs: members walked like files, limits enforced with reasons."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reader.domain.report import Outcome
from reader.formats import archive
from reader.inputs import walk
from reader.library import Library

POCKET_CSV = (
    "title,url,time_added,tags,status\n"
    "Harbour seals,https://coastwatch.example.org/seals,1715000000,nature,unread\n"
    "Tidal turbines,https://energy.example.net/turbines,1715100000,,archive\n"
)
NOTE = "# Dune walk\n\nMarram grass holds the dunes together; the wind moves them anyway.\n"


def _zip(path: Path, members: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _zip_bytes(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_members_are_imported_with_their_path_in_the_archive(
    library: Library, tmp_path: Path
) -> None:
    path = _zip(
        tmp_path / "pocket.zip",
        {
            "part_000000.csv": POCKET_CSV,
            "notes/dune-walk.md": NOTE,
            "notes/": b"",
            "__MACOSX/._dune-walk.md": b"\x00\x05\x16\x07",
            "assets/logo.png": b"\x89PNG....",
        },
    )
    report, changes = library.import_paths([path])
    files = sorted({i.file for i in report.items})
    assert files == [f"{path}/notes/dune-walk.md", f"{path}/part_000000.csv"]
    assert len(report.imported) == 3 and not report.failed
    assert len(changes.added) == 3
    article = library.get(report.imported[0].article_id or "")
    assert article.source.file == f"{path}/part_000000.csv"
    assert article.source.format == "pocket"


def test_unsafe_member_names_are_refused_and_the_rest_imported(
    library: Library, tmp_path: Path
) -> None:
    path = _zip(
        tmp_path / "evil.zip",
        {"../../escape.md": NOTE, "/etc/absolute.md": NOTE, "C:/win.md": NOTE, "ok.md": NOTE},
    )
    report, _ = library.import_paths([path])
    reasons = {i.file.rsplit("/", 1)[-1]: i.error for i in report.failed}
    assert "climbs out" in (reasons["escape.md"] or "")
    assert "absolute" in (reasons["absolute.md"] or "")
    assert "absolute" in (reasons["win.md"] or "")
    assert [i.file for i in report.imported] == [f"{path}/ok.md"]


def test_a_zip_bomb_member_is_refused(library: Library, tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.zip", {"bomb.txt": b"\0" * (8 * 1024 * 1024), "ok.md": NOTE})
    report, _ = library.import_paths([path])
    (failed,) = report.failed
    assert failed.file.endswith("bomb.txt")
    assert "zip bomb" in (failed.error or "")
    assert len(report.imported) == 1


def test_too_many_members_or_too_large_a_total(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _zip(tmp_path / "many.zip", {f"n{i}.md": f"# Note {i}\n\nText {i}.\n" for i in range(5)})
    monkeypatch.setattr(archive, "MAX_MEMBERS", 3)
    report, _ = library.import_paths([path])
    (failed,) = report.items
    assert failed.outcome is Outcome.FAILED and "holds 5 files" in (failed.error or "")
    monkeypatch.setattr(archive, "MAX_MEMBERS", 100)
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 20)
    report, _ = library.import_paths([path])
    (failed,) = report.items
    assert "unpacks to" in (failed.error or "")


def test_a_member_larger_than_declared_is_refused() -> None:
    data = _zip_bytes({"a.md": NOTE})
    with archive.SafeZip(data) as z:
        (member,) = [m for m in z.members() if isinstance(m, archive.Member)]
        lying = archive.Member(member.name, member.size, member.info)
        lying.info.file_size = 10
        # zipfile stops at the declared size, and the checksum then fails: refused either way.
        with pytest.raises(archive.ArchiveError, match=r"larger than|cannot be read"):
            z.read(lying)


def test_nested_archives_are_opened_to_a_limit(library: Library, tmp_path: Path) -> None:
    inner = _zip_bytes({"inner.md": NOTE})
    middle = _zip_bytes({"inner.zip": inner, "middle.md": "# Middle\n\nA different note.\n"})
    path = _zip(tmp_path / "outer.zip", {"middle.zip": middle})
    report, _ = library.import_paths([path])
    assert [i.file for i in report.imported] == [f"{path}/middle.zip/middle.md"]
    (failed,) = report.failed
    assert failed.file == f"{path}/middle.zip/inner.zip"
    assert "nested more than" in (failed.error or "")


def test_damaged_empty_and_encrypted_archives(library: Library, tmp_path: Path) -> None:
    good = _zip_bytes({"a.md": NOTE})
    (tmp_path / "cut.zip").write_bytes(good[: len(good) // 2])
    _zip(tmp_path / "empty.zip", {})
    locked = bytearray(_zip_bytes({"a.md": NOTE}))
    # Set the "encrypted" flag in both the local header and the central directory.
    locked[6] |= 1
    central = locked.rfind(b"PK\x01\x02")
    locked[central + 8] |= 1
    (tmp_path / "locked.zip").write_bytes(bytes(locked))
    report, changes = library.import_paths(
        [tmp_path / "cut.zip", tmp_path / "empty.zip", tmp_path / "locked.zip"]
    )
    errors = {Path(i.file).name: i.error or "" for i in report.failed}
    assert "not a readable zip archive" in errors["cut.zip"]
    assert "empty" in errors["empty.zip"]
    assert "encrypted" in errors["a.md"]
    assert not changes.added


def test_an_omnivore_zip_is_read_whole(library: Library, tmp_path: Path) -> None:
    meta = (
        '[{"id": "1", "slug": "seals-1", "title": "Harbour seals", "url": '
        '"https://coastwatch.example.org/seals", "state": "Active", "labels": ["RSS"], '
        '"savedAt": "2024-10-29T16:30:11.000Z"}]'
    )
    path = _zip(
        tmp_path / "omnivore-export.zip",
        {
            "metadata_0_to_1.json": meta,
            "content/seals-1.html": "<p>The survey team counted 412 seals on the sandbanks.</p>",
        },
    )
    inputs = list(walk([path]))
    assert [(i.name, i.format) for i in inputs] == [(str(path), "omnivore")]
    report, _ = library.import_paths([path])
    (item,) = report.imported
    article = library.get(item.article_id or "")
    assert article.body == "The survey team counted 412 seals on the sandbanks."
    assert article.tags == ("RSS",) and not article.content_pending


def test_a_folder_with_an_archive_in_it(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    _zip(folder / "notes.zip", {"a.md": NOTE})
    (folder / "b.md").write_text("# Beach\n\nThe tide left a line of shells.\n", encoding="utf-8")
    report, _ = library.import_paths([folder])
    assert sorted(Path(i.file).name for i in report.imported) == ["a.md", "b.md"]


def test_an_unpacked_omnivore_export_folder_is_read_whole(library: Library, tmp_path: Path) -> None:
    downloads = tmp_path / "Downloads"
    folder = downloads / "Omnivore export"
    (folder / "content").mkdir(parents=True)
    (folder / "highlights").mkdir()
    (folder / "metadata_0_to_1.json").write_text(
        '[{"id": "1", "slug": "seals-1", "title": "Harbour seals", "url": '
        '"https://coastwatch.example.org/seals", "state": "Archived", "labels": [], '
        '"savedAt": "2024-10-29T16:30:11.000Z"}]',
        encoding="utf-8",
    )
    (folder / "content" / "seals-1.html").write_text(
        "<p>The survey team counted 412 seals on the sandbanks.</p>", encoding="utf-8"
    )
    (folder / "highlights" / "seals-1.md").write_text("> 412 seals\n", encoding="utf-8")
    (downloads / "other.md").write_text("# Other\n\nA note beside the export.\n", encoding="utf-8")
    inputs = list(walk([downloads]))
    assert [(Path(i.name).name, i.format) for i in inputs] == [
        ("other.md", None),
        ("Omnivore export", "omnivore"),
    ]
    report, _ = library.import_paths([downloads])
    assert len(report.imported) == 2 and not report.failed
    seals = library.get(report.imported[1].article_id or "")
    assert seals.body == "The survey team counted 412 seals on the sandbanks."
    assert seals.archived and [h.quote for h in seals.highlights] == ["412 seals"]


def test_a_folder_is_walked_in_name_order_with_what_it_should_skip(tmp_path: Path) -> None:
    """Hidden files and folders, page assets and anything not a regular file are passed by;
    a link to a file is followed; an archive is known by its bytes whatever its name; each
    file carries its path and size, for the worker that reads it."""
    folder = tmp_path / "notes"
    (folder / "b").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / "b" / "two.md").write_text("# Two\n", encoding="utf-8")
    (folder / "a.md").write_text("# A\n", encoding="utf-8")
    (folder / ".secret.md").write_text("# S\n", encoding="utf-8")
    (folder / ".hidden" / "x.md").write_text("# X\n", encoding="utf-8")
    (folder / "style.css").write_text("p {}", encoding="utf-8")
    (folder / "link.md").symlink_to(folder / "a.md")
    (folder / "broken.md").symlink_to(folder / "nowhere.md")
    (folder / "dir.md").symlink_to(folder / "b", target_is_directory=True)
    _zip(folder / "packed.md", {"inner.md": NOTE})
    inputs = list(walk([folder]))
    names = [Path(i.name).relative_to(folder).as_posix() for i in inputs]
    assert names == ["a.md", "link.md", "packed.md/inner.md", "b/two.md"]
    assert [(i.path, i.size) for i in inputs[:2]] == [
        (str(folder / "a.md"), 4),
        (str(folder / "link.md"), 4),
    ]
    assert inputs[2].path is None and inputs[2].read() == NOTE.encode()
