"""The command line, as PRODUCT.md gives it: output shapes and exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).parents[2]
MD = Path(__file__).parents[1] / "fixtures" / "markdown"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "lib.sqlite3")


def test_import_json_report_and_exit_status(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run(
        capsys, "--db", db, "import", "--json", str(MD / "hugo-toml.md"), str(MD / "broken-yaml.md")
    )
    report = json.loads(out)
    assert code == 1
    assert [Path(i["file"]).name for i in report["imported"]] == ["hugo-toml.md"]
    assert report["duplicates"] == []
    assert report["failed"][0]["file"].endswith("broken-yaml.md")
    assert "front matter" in report["failed"][0]["error"]
    code, out, _ = run(capsys, "--db", db, "import", "--json", str(MD / "hugo-toml.md"))
    assert code == 0
    assert len(json.loads(out)["duplicates"]) == 1


def test_import_with_tags_and_forced_format(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("---\ntitle: Forced\n---\n\nBody text here.")
    code, _, _ = run(
        capsys,
        "--db",
        db,
        "import",
        "--format",
        "markdown",
        "--tag",
        "inbox",
        "--tag",
        "later",
        str(note),
    )
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "list", "--json", "--query", "tag:later")
    assert json.loads(out)["results"][0]["title"] == "Forced"


def test_list_search_show(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run(capsys, "--db", db, "import", str(MD))
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    listed = json.loads(out)
    assert code == 0 and listed["total"] == 5
    assert set(listed["results"][0]) == {
        "id",
        "title",
        "author",
        "published_at",
        "snippet",
        "score",
    }

    code, out, _ = run(capsys, "--db", db, "search", "slugs", "--json")
    found = json.loads(out)
    assert found["total"] == 1
    hit = found["results"][0]
    assert hit["title"] == "Allotment diaries, week 12"
    assert "**slugs**" in hit["snippet"]
    assert hit["score"] > 0

    code, out, _ = run(capsys, "--db", db, "search", "slugs")
    assert "Allotment diaries" in out and "1 match" in out

    code, out, _ = run(capsys, "--db", db, "show", hit["id"], "--format", "json")
    assert json.loads(out)["author"] == "Priya Natarajan"
    code, out, _ = run(capsys, "--db", db, "show", hit["id"], "--format", "html")
    assert out.startswith("<!DOCTYPE html>") and "Allotment diaries" in out
    code, out, _ = run(capsys, "--db", db, "show", hit["id"])
    assert out.startswith("---\ntitle: Allotment diaries, week 12\n")


def test_export_json_and_markdown(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    run(capsys, "--db", db, "import", str(MD))
    code, out, _ = run(
        capsys, "--db", db, "export", "--format", "json", "--output", str(tmp_path / "all.json")
    )
    assert code == 0 and "exported 5 articles" in out
    assert len(json.loads((tmp_path / "all.json").read_text())["articles"]) == 5
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "export",
        "--format",
        "markdown",
        "--output",
        str(tmp_path / "md"),
        "--query",
        "tag:baking",
    )
    assert code == 0
    assert [p.name for p in (tmp_path / "md").iterdir()] == ["Sourdough starter log.md"]


def test_export_unknown_id(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    code, _, err = run(
        capsys,
        "--db",
        db,
        "export",
        "--format",
        "json",
        "--output",
        str(tmp_path / "x.json"),
        "--ids",
        "nope",
    )
    assert code == 1
    assert err.strip() == "folio: no article with id nope"


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run(capsys, "--db", db, "show", "missing-id")
    assert (code, err) == (1, "folio: no article with id missing-id\n")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], db: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "export", "--format", "docx", "--output", "x"])
    assert exc.value.code == 2
    assert capsys.readouterr().err.startswith("folio: argument --format: invalid choice")


def test_formats_lists_importers_and_exporters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "formats")
    assert code == 0
    assert "markdown" in out and "json" in out and "plaintext" in out


def test_a_library_that_cannot_be_opened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database")
    code, _, err = run(capsys, "--db", str(bad), "list")
    assert code == 1
    assert err.count("\n") == 1 and "not an SQLite database" in err


def test_real_process_with_env_db(tmp_path: Path) -> None:
    env = dict(os.environ, FOLIO_DB=str(tmp_path / "env.sqlite3"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", "--json", str(MD / "joplin-note.md")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"][0]["title"] == "Sourdough starter log"
    assert (tmp_path / "env.sqlite3").exists()
    bad = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            str(tmp_path / "env.sqlite3"),
            "frobnicate",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    script = f"{sys.executable} {ROOT / 'main.py'} formats | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.stdout == "Import formats:\n"
    assert done.stderr == ""
    assert done.returncode == 0


def test_export_highlights_as_markdown(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    from reader.domain.article import ArticleDraft, Highlight
    from reader.library import Library

    with Library.open(db) as lib:
        article_id = lib.add(ArticleDraft(title="Seals", body="Grey seals rest here.")).added[0]
        lib.add_highlight(article_id, Highlight(id="h", quote="Grey seals", note="count"))
    out = tmp_path / "h.md"
    code, text, _ = run(
        capsys, "--db", db, "export", "--format", "highlights", "--output", str(out)
    )
    assert code == 0 and "exported 1 article" in text
    assert "> Grey seals\n\n**Note:** count" in out.read_text("utf-8")
    code, text, _ = run(capsys, "formats")
    assert "highlights" in text
