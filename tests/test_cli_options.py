"""The options every reading command shares mean the same on each of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main

READING_COMMANDS = [["extract"], ["ingest"], ["watch", "--rounds", "1"]]


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_a_misordered_stage_list_is_one_usage_line(command: list[str], tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "x.duckdb")] if command[0] != "extract" else []
    result = CliRunner().invoke(main, [*command, *db, "--stages", "nlp,geo,events", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "put 'events' before 'geo'" in result.output


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_every_reading_command_takes_an_item_budget(command: list[str], tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "x.duckdb")] if command[0] != "extract" else []
    result = CliRunner().invoke(main, [*command, *db, "--item-timeout", "-1", str(tmp_path)])
    assert result.exit_code == 2
    assert "--item-timeout" in result.output


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_every_reading_command_warms_its_pipeline_up(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsevents.pipeline import Pipeline

    warmed: list[list[str]] = []
    monkeypatch.setattr(Pipeline, "warm_up", lambda self: warmed.append(self.stage_names))
    db = ["--db", str(tmp_path / "x.duckdb")] if command[0] != "extract" else []
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Rain fell on the coast of Kenya on Monday.")
    result = CliRunner().invoke(main, [*command, *db, "--stages", "", str(tmp_path / "in")])
    assert result.exit_code == 0, result.output
    assert warmed == [[]]
