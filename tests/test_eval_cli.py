"""`newsevents eval` through the command line, with stand-in pipeline stages."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsevents import pipeline
from newsevents.cli import main
from newsevents.eval.events import keyword_event
from newsevents.records import Event, Reading


class NoOp:
    def __call__(self, reading: Reading) -> None:
        pass


class KeywordEvents:
    """A stand-in events stage: the keyword baseline's guess at confidence 0.6."""

    def __call__(self, reading: Reading) -> None:
        found = keyword_event(reading.article.text)
        if found:
            reading.events.append(
                Event(id="e", type=found[0], mode=found[1], status="reported", evidence=[],
                      confidence=0.6)
            )  # fmt: skip


@pytest.fixture
def stand_in_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    for stage, factory in (("nlp", "NoOp"), ("events", "KeywordEvents"), ("geo", "NoOp")):
        spec = replace(pipeline.STAGES[stage], factory=f"{__name__}:{factory}")
        monkeypatch.setitem(pipeline.STAGES, stage, spec)


@pytest.fixture
def events_gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    rows = [
        {"text": "Police arrested the editor.", "label": "COERCE"},
        {"text": "Rebels attacked a convoy.", "label": "ASSAULT"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.usefixtures("stand_in_stages")
def test_eval_events_prints_a_table_and_writes_json(events_gold: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.json"
    result = invoke("eval", "events", str(events_gold), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "== scores" in result.output
    assert "most_frequent" in result.output and "keywords" in result.output
    summary = json.loads(out.read_text())
    assert summary["scores"]["system"]["accuracy"] == 1.0
    assert summary["calibration"]["reliability"][0]["bin"] == "0.6-0.7"


@pytest.mark.usefixtures("stand_in_stages")
def test_eval_events_json_and_limit(events_gold: Path) -> None:
    result = invoke("eval", "events", str(events_gold), "--json", "--limit", "1")
    assert json.loads(result.output)["n"] == 1


def test_eval_events_with_an_unknown_stage_fails_clearly(
    events_gold: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(pipeline.STAGES, "events", raising=False)
    result = invoke("eval", "events", str(events_gold))
    assert result.exit_code == 1
    assert "unknown pipeline stage 'events'" in result.output
    assert invoke("eval", "events", str(events_gold), "--baselines-only").exit_code == 0


def test_malformed_gold_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "a", "label": "A"}\nnot json\n', encoding="utf-8")
    result = invoke("eval", "events", str(path), "--baselines-only")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: line 2: not valid JSON")


def test_eval_geo_baselines_only(tmp_path: Path) -> None:
    path = tmp_path / "lgl.xml"
    path.write_text(
        '<articles><article docid="1"><text>Flooding in Paris.</text><toponyms><toponym>'
        "<start>12</start><end>17</end><phrase>Paris</phrase><gaztag geonameid='2988507'>"
        "<lat>48.85</lat><lon>2.35</lon></gaztag></toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    result = invoke("eval", "geo", str(path), "--baselines-only", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["resolution"]["population_first"]["acc_161km"] == 1.0


def test_eval_text_delegates_to_the_text_scorer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsevents.eval import text

    calls = []

    def fake(gold: Path, limit: int | None = None) -> dict[str, Any]:
        calls.append((gold, limit))
        return {"task": "text", "scores": {"newsevents": {"f1": 0.9}, "trafilatura": {"f1": 0.8}}}

    monkeypatch.setattr(text, "evaluate_text", fake)
    result = invoke("eval", "text", str(tmp_path), "--limit", "3")
    assert result.exit_code == 0, result.output
    assert calls == [(tmp_path, 3)]
    assert "newsevents" in result.output and "0.9" in result.output


def test_eval_dedup(tmp_path: Path) -> None:
    path = tmp_path / "clusters.jsonl"
    rows = [
        {"id": "a", "text": "A man was shot dead in Richmond.", "cluster": "1"},
        {"id": "b", "text": "A man was shot dead in Richmond on Saturday.", "cluster": "1"},
        {"id": "c", "text": "Firefighters put out a blaze in Tulsa.", "cluster": "2"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = invoke("eval", "dedup", str(path), "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["scores"]
    assert scores["singletons"]["precision"] == 1.0
    assert scores["similar_text"]["f1"] == 1.0
