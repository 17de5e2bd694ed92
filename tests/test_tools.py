"""The training and measuring tools: reachable through `newsevents train`, outside the stages."""

from __future__ import annotations

import importlib

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.tools import TRAINERS


@pytest.mark.parametrize("name", sorted(TRAINERS))
def test_every_trainer_has_a_main_taking_arguments(name: str) -> None:
    module = importlib.import_module(TRAINERS[name])
    with pytest.raises(SystemExit) as exit_info:
        module.main(["--help"])
    assert exit_info.value.code == 0


def test_train_passes_its_arguments_to_the_trainer() -> None:
    result = CliRunner().invoke(main, ["train", "geo", "--help"])
    assert result.exit_code == 0
    assert "--no-write" in result.output


def test_no_runtime_stage_imports_a_tool() -> None:
    import pathlib
    import re

    importing_a_tool = re.compile(r"^\s*(from|import) newsevents\.tools", re.MULTILINE)
    package = pathlib.Path(importlib.import_module("newsevents").__file__ or "").parent
    for stage in ("ingest", "extract", "nlp", "events", "geo"):
        for path in (package / stage).rglob("*.py"):
            assert not importing_a_tool.search(path.read_text(encoding="utf-8")), path
