"""``folio export`` in every format, with layouts, titles, searches and ids; PDF too, from a
process with no display and no Qt application of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader.cli import EXPORT_FORMATS, main
from reader.library import Library
from tests.export_samples import sample_drafts

ROOT = Path(__file__).parents[2]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        for draft in sample_drafts()[:4]:
            lib.add(draft)
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "pdf"])
def test_every_format_exports(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, fmt: str
) -> None:
    out_path = tmp_path / f"out.{'md' if fmt == 'markdown' else fmt}"
    code, out, err = run(capsys, "--db", db, "export", "--format", fmt, "--output", str(out_path))
    assert (code, err) == (0, "")
    assert out.startswith("exported 4 articles to ")
    written = [out_path] if out_path.is_file() else list(out_path.rglob("*.*"))
    assert written and all(p.stat().st_size > 0 for p in written)


def test_layout_query_and_ids(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    code, _, _ = run(
        capsys, "--db", db, "export", "--format", "markdown", "--output", str(tmp_path / "tags"),
        "--layout", "by-tag", "--query", "tag:israel",
    )  # fmt: skip
    assert code == 0
    assert sorted(p.parent.name for p in (tmp_path / "tags").rglob("*.md")) == ["israel", "israel"]
    ids = [
        json.loads(line)["id"]
        for line in _export_jsonl(capsys, db, tmp_path / "all.jsonl").splitlines()
    ]
    code, out, _ = run(
        capsys, "--db", db, "export", "--format", "epub", "--output", str(tmp_path / "b.epub"),
        "--ids", ",".join(ids[:2]), "--title", "Two of them",
    )  # fmt: skip
    assert (code, out) == (0, f"exported 2 articles to {tmp_path / 'b.epub'}\n")
    with zipfile.ZipFile(tmp_path / "b.epub") as z:
        assert b"<dc:title>Two of them</dc:title>" in z.read("EPUB/package.opf")


def _export_jsonl(capsys: pytest.CaptureFixture[str], db: str, path: Path) -> str:
    assert run(capsys, "--db", db, "export", "--format", "jsonl", "--output", str(path))[0] == 0
    return path.read_text(encoding="utf-8")


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "--db", db, "export", "--format", "epub", "--output", str(tmp_path / "x"),
        "--layout", "per-article",
    )  # fmt: skip
    assert code == 1
    assert err == "folio: EPUB 3 digest cannot be exported as a file per article (one file)\n"
    code, _, err = run(
        capsys, "--db", db, "export", "--format", "json", "--output", str(tmp_path / "x.json"),
        "--query", "nothing-matches-this",
    )  # fmt: skip
    assert (code, err) == (1, "folio: nothing to export: no articles were chosen\n")


def test_pdf_from_a_process_without_a_display(db: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    out = tmp_path / "digest.pdf"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db, "export", "--format", "pdf",
         "--output", str(out)],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"exported 4 articles to {out}\n"
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Traceback" not in done.stderr
