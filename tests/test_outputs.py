"""Export files: names safe on every platform, unique, never outside the chosen folder, and
written atomically, even when the process dies in the middle of a file."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.outputs import (
    MAX_STEM,
    MAX_STEM_BYTES,
    PART_SUFFIX,
    NameAllocator,
    atomic_file,
    remove_stale_parts,
    safe_stem,
)

ROOT = Path(__file__).resolve().parent.parent
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in range(10)
}


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Offshore wind auction", "Offshore wind auction"),
        ("CON", "CON_"),
        ("con", "con_"),
        ("LPT1", "LPT1_"),
        ('a <b> c: "d" | e? f* g', "a b c d e f g"),
        ("a/b\\c", "a-b-c"),
        ("../../etc/passwd", "etc-passwd"),
        ("...", "article"),
        ("   ", "article"),
        (".hidden", "hidden"),
        ("-rf", "rf"),
        ("\u202eexe.txt", "exe.txt"),  # a right-to-left override would disguise the name
        ("tab\there\x00nul", "tab here nul"),
        ("e\u0301te\u0301", "été"),  # one spelling of the name on every file system
    ],
)
def test_safe_stem(title: str, stem: str) -> None:
    assert safe_stem(title) == stem


def test_long_titles_are_cut_on_a_word_and_in_bytes() -> None:
    words = " ".join(["word"] * 40)
    assert len(safe_stem(words)) <= MAX_STEM and not safe_stem(words).endswith(" ")
    assert safe_stem(words).split(" ") == ["word"] * len(safe_stem(words).split(" "))
    emoji = safe_stem("😀" * 200)
    assert len(emoji.encode("utf-8")) <= MAX_STEM_BYTES and set(emoji) == {"😀"}


@given(st.text(max_size=300))
def test_any_title_gives_a_name_every_platform_accepts(title: str) -> None:
    stem = safe_stem(title)
    assert stem and stem == stem.strip(" .") and not stem.startswith("-")
    assert not set('<>:"/\\|?*') & set(stem)
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in stem)
    assert len(stem) <= MAX_STEM and len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert stem.split(".")[0].upper().rstrip() not in WINDOWS_RESERVED
    assert unicodedata.is_normalized("NFC", stem)


def test_names_are_unique_ignoring_case_and_unicode_form(tmp_path: Path) -> None:
    names = NameAllocator(tmp_path)
    got = [names.path_for(t, "md").name for t in ("Same", "same", "SAME", "été", "e\u0301te\u0301")]
    assert got == ["Same.md", "same (2).md", "SAME (3).md", "été.md", "été (2).md"]


def test_nested_folders_stay_inside(tmp_path: Path) -> None:
    names = NameAllocator(tmp_path)
    path = names.path_for("A", "md", subfolder=("science", "..", "space"))
    assert names.relative(path) == "science/untitled/space/A.md"
    assert names.relative(names.path_for("B", "md", subfolder="../..")) == "untitled/B.md"


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    export = tmp_path / "export"
    export.mkdir()
    (export / "news").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ValueError, match="outside the export folder"):
        NameAllocator(export).path_for("A", "md", subfolder="news")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def fail_midway() -> None:
        with atomic_file(target) as stream:
            stream.write(b"half of the new")
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        fail_midway()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    with atomic_file(target) as stream:
        stream.write(b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o600)
    with atomic_file(target) as stream:
        stream.write(b"y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # a replaced file keeps its own


_CRASH = """
import os, signal, sys
from pathlib import Path
from reader.outputs import atomic_file

target = Path(sys.argv[1])
with atomic_file(target) as stream:
    stream.write(b"x" * 100_000)
    stream.flush()
    os.kill(os.getpid(), signal.SIGKILL)  # the power goes out mid-file
"""


def test_a_crash_mid_file_never_leaves_a_half_file(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(b'{"folio": 1, "articles": []}')
    done = subprocess.run(
        [sys.executable, "-c", _CRASH, str(target)],
        cwd=ROOT,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == -signal.SIGKILL
    # The previous export is whole; what the crash left is only a hidden temporary file...
    assert target.read_bytes() == b'{"folio": 1, "articles": []}'
    leftovers = [p for p in tmp_path.iterdir() if p != target]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".export.json.")
    assert leftovers[0].name.endswith(PART_SUFFIX)
    # ... which the next export to the same place removes.
    assert remove_stale_parts(tmp_path, prefix="export.json") == leftovers
    assert list(tmp_path.iterdir()) == [target]


def test_stale_parts_of_other_files_and_other_programs_are_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / f".a.md.x1{PART_SUFFIX}"
    theirs = tmp_path / ".a.md.part"
    other = tmp_path / f".b.md.x2{PART_SUFFIX}"
    for p in (mine, theirs, other):
        p.write_bytes(b"")
    assert remove_stale_parts(tmp_path, prefix="a.md") == [mine]
    assert remove_stale_parts(tmp_path) == [other]
    assert theirs.exists()
