"""`newsevents bench` on a tiny corpus: the figures are there and add up (speed is not tested)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsevents.cli import main
from newsevents.eval.bench import memory_summary, run_bench

PAGE = """<html><head><title>Storm hits coast</title></head><body><nav>Home | World</nav>
<article><h1>Storm hits coast</h1><p>{body}</p></article><footer>Contact us</footer></body></html>
"""
BODY = "A storm brought heavy rain and strong winds to the coast on Tuesday, officials said. " * 8


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for number in range(3):
        (folder / f"page{number}.html").write_text(PAGE.format(body=BODY), encoding="utf-8")
    (folder / "empty.html").write_text("", encoding="utf-8")
    return folder


def test_run_bench_reports_speed_memory_and_the_baseline(tmp_path: Path) -> None:
    summary = run_bench([str(corpus(tmp_path))], stages=[], baseline="trafilatura")
    assert summary["articles"] == 3
    assert summary["failed"] == 1
    assert summary["stages"] == ["extract"]
    assert summary["articles_per_s"] > 0
    assert summary["articles_per_s_per_core"] == summary["articles_per_s"]
    assert set(summary["per_stage"]) == {"extract"}
    assert summary["peak_rss_mb"] > 0
    assert summary["rss_samples"][0][0] == 1 and summary["rss_samples"][-1][0] == 3
    baseline = summary["baseline"]
    assert baseline["html_pages"] == 3
    assert baseline["speed_ratio"] > 0


def test_limit_stops_early(tmp_path: Path) -> None:
    assert run_bench([str(corpus(tmp_path))], stages=[], limit=2)["articles"] <= 2


def test_memory_summary_measures_growth_after_warm_up() -> None:
    samples = [(1, 100.0), (50, 150.0), (100, 160.0), (500, 170.0)]
    summary = memory_summary(samples)
    assert summary["rss_first_mb"] == 100.0
    assert summary["rss_growth_after_warm_up_mb"] == 10.0
    assert memory_summary([(1, 100.0)])["rss_growth_after_warm_up_mb"] == 0.0
    assert memory_summary([]) == {"rss_samples": []}


def test_bench_command_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(
        main, ["bench", str(corpus(tmp_path)), "--stages", "", "--json-out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "articles_per_s" in result.output
    assert json.loads(out.read_text())["stages"] == ["extract"]


def test_bench_refuses_an_unknown_stage_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bench", str(corpus(tmp_path)), "--stages", "nope"])
    assert result.exit_code == 2
    assert "unknown pipeline stage 'nope'" in result.output


def test_bare_spacy_and_the_store_side_by_side(tmp_path: Path) -> None:
    from newsevents.store import Store

    db = str(tmp_path / "bench.duckdb")
    summary = run_bench([str(corpus(tmp_path))], ["nlp"], baseline="spacy", db=db)
    assert summary["stages"] == ["extract", "nlp", "store"]
    assert set(summary["per_stage"]) == {"extract", "nlp", "store"}
    baseline = summary["baseline"]
    assert baseline["articles"] == 3 and "ner" in baseline["name"]
    assert baseline["pipeline_time_ratio"] > 0 and baseline["pipeline_cpu_ratio"] > 0
    same_blas = summary["baseline_same_blas"]
    assert same_blas["articles"] == 3 and "numpy's BLAS" in same_blas["name"]
    assert "BLAS" not in baseline["name"]
    assert summary["cpu_seconds"] > 0 and summary["articles_per_cpu_s"] > 0
    nlp = summary["per_stage"]["nlp"]
    assert nlp["cpu_seconds"] > 0 and nlp["cpu_ratio_to_spacy"] > 0
    with Store.open(db, read_only=True) as store:
        assert store.counts()["articles"] == 1  # three copies of one article
        assert [reason for _, _, reason in store.pending_failures()] == ["empty file"]
