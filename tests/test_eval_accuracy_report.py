"""scripts/accuracy_report.py: the README section it writes, and how it copes without dev data."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from newsevents.eval.dedup import evaluate_dedup
from newsevents.eval.events import evaluate_events

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "accuracy_report.py"


@pytest.fixture(scope="module")
def report() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy_report", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_only_the_marked_section_is_replaced(report: ModuleType) -> None:
    readme = "# Title\n\n<!-- accuracy:start -->\nold\n<!-- accuracy:end -->\n\n## After\n"
    assert report.replace_section(readme, "new") == (
        "# Title\n\n<!-- accuracy:start -->\nnew\n<!-- accuracy:end -->\n\n## After\n"
    )
    with pytest.raises(SystemExit, match="one <!-- accuracy:start -->"):
        report.replace_section("# no markers\n", "new")


def test_without_dev_data_everything_is_listed_as_not_run(
    report: ModuleType, tmp_path: Path
) -> None:
    results = report.measure(tmp_path / "absent", bench_limit=10)
    markdown = report.markdown(results, "2026-01-01")
    assert "Measured 2026-01-01" in markdown
    assert "- plover-gsr-cameo/PLOVER_GSR_CAMEO.json: not run (" in markdown
    assert "### Speed\n\nNot run (" in markdown


def test_markdown_rows_come_from_the_summaries(report: ModuleType, tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    rows = [{"text": "Troops attacked", "label": "ASSAULT"}, {"text": "x", "label": "AID"}]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    clusters = tmp_path / "c.jsonl"
    clusters.write_text('{"text": "a", "cluster": 1}\n{"text": "b", "cluster": 2}\n')
    results = {
        "text": {},
        "events": {"mine.jsonl": {**evaluate_events(gold, with_system=False), "limit": None}},
        "geo": {},
        "dedup": {"c.jsonl": {**evaluate_dedup(clusters), "limit": None}},
        "bench": {"not_run": "no corpus"},
    }
    markdown = report.markdown(results, "2026-01-01")
    assert "| mine.jsonl | 2 | – | 0.500 / 0.333 / 0.333 | 0.500 / 0.500 / 0.500 |" in (markdown)
    assert "| c.jsonl | 2 | singletons | 1.000 | 1.000 | 1.000 |" in markdown


def test_a_failing_command_costs_only_its_row(report: ModuleType, tmp_path: Path) -> None:
    result = report.run_command(["eval", "events", str(tmp_path / "absent.jsonl")], timeout=120)
    assert result["not_run"].startswith("exit status 2:")
