"""Wrong command-line arguments give one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["eval", "events", "{folder}"], "the folder holds none of dev.json"),
        (["eval", "events", "{folder}/missing.jsonl"], "does not exist"),
        (["eval", "events", "{file}"], "cannot tell the gold format from the name"),
        (["eval", "text", "{folder}"], "layout: expected evaldata.json + html/"),
        (["extract", "--stages", "nlp,bogus", "{file}"], "unknown pipeline stage 'bogus'"),
        (["extract", "--item-timeout", "-1", "{file}"], "-1.0 is not in the range x>=0"),
        (["export", "--format", "docx"], "'docx' is not one of"),
    ],
)
def test_wrong_arguments_are_one_clear_line(
    tmp_path: Path, arguments: list[str], said: str
) -> None:
    (tmp_path / "notes.md").write_text("not a gold file", encoding="utf-8")
    filled = [a.format(folder=tmp_path, file=tmp_path / "notes.md") for a in arguments]
    result = CliRunner().invoke(main, filled)
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and said in errors[0], result.stderr


@pytest.mark.parametrize("variable", ["NEWSEVENTS_ITEM_TIMEOUT", "NEWSEVENTS_MAX_BYTES"])
def test_a_malformed_setting_in_the_environment_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "lots")
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {variable} must be a number, not 'lots'"


def test_a_folder_a_missing_file_and_an_unknown_format_in_a_batch(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "slides.pptx").write_bytes(b"PK\x03\x04" + bytes(100))
    missing = tmp_path / "missing.html"
    result = CliRunner().invoke(
        main,
        [
            "extract",
            "--stages",
            "",
            *map(str, [tmp_path / "empty", missing, tmp_path / "slides.pptx"]),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'empty'}: ingest error: no readable items in this folder (looked for "
        ".html, .htm, .xhtml, .txt, .jsonl, .ndjson, .warc, .rss, .atom, .xml)",
        f"error: {missing}: ingest error: no such file or directory",
        f"error: {tmp_path / 'slides.pptx'}: ingest error: binary content (ZIP archive or Office "
        "document), not a news page",
        "3 item(s) failed",
    ]
