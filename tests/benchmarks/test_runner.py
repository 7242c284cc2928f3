"""The benchmark runner at a tiny size, so it stays honest: every figure the report promises is
there, and the searches find what the generator planted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.benchmarks import run
from tests.benchmarks.generate import ArticleGenerator, expected_phrase_matches

KEYS = {
    "articles", "import_rate", "import_rate_raw", "search_phrase_ms_p50",
    "search_phrase_ms_p50_raw", "search_word_top50_ms_p50", "search_word_top50_ms_p50_raw",
    "open_to_first_page_ms", "switch_article_ms_p95", "filter_switch_ms_p95", "rss_mb_open",
    "export_json_rate", "db_bytes",
}  # fmt: skip


def test_generator_is_deterministic_and_realistic() -> None:
    a = ArticleGenerator(seed=7).article(3)
    b = ArticleGenerator(seed=7).article(3)
    assert a == b
    words = len(a.body.split())
    assert 500 <= words <= 960
    assert 1 <= len(a.tags) <= 3
    assert ArticleGenerator(seed=8).article(3) != a


def test_runner_reports_every_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.json"
    assert run.main(["--articles", "60", "--out", str(out), "--keep", str(tmp_path / "w")]) == 0
    report = json.loads(out.read_text())
    assert set(report) >= KEYS
    assert report["articles"] == 60
    assert report["phrase_matches"] == report["raw_phrase_matches"] == expected_phrase_matches(60)
    assert report["rows_scrolled"] == 60
    assert all(report[k] > 0 for k in KEYS)
    assert "import_rate_raw" in capsys.readouterr().out


def test_generated_files_read_back_as_written(tmp_path: Path) -> None:
    from tests.benchmarks.generate import generated_files, read_generated, write_markdown

    write_markdown(3, tmp_path / "in")
    stamp = (tmp_path / "in" / ".generated.json").stat().st_mtime_ns
    write_markdown(3, tmp_path / "in")  # already there: kept
    assert (tmp_path / "in" / ".generated.json").stat().st_mtime_ns == stamp
    with pytest.raises(ValueError, match="already holds"):
        write_markdown(2, tmp_path / "in")  # other inputs: refused, not overwritten
    assert (tmp_path / "in" / ".generated.json").stat().st_mtime_ns == stamp
    files = generated_files(tmp_path / "in")
    assert [read_generated(f.read_text(encoding="utf-8")) for f in files] == list(
        ArticleGenerator().articles(3)
    )
