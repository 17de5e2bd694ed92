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
