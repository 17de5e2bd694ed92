"""The readable tables printed by `newsevents eval` and `bench`."""

from __future__ import annotations

from newsevents.eval.report import format_value, render


def test_render_scalars_tables_and_nested_sections() -> None:
    summary = {
        "task": "events",
        "n": 3,
        "stages": ["extract", "nlp"],
        "scores": {
            "system": {"accuracy": 0.5, "macro_f1": 0.25},
            "keywords": {"accuracy": 1.0, "macro_f1": None},
        },
        "calibration": {"ece": 0.125, "reliability": [{"bin": "0.9-1.0", "n": 2}]},
    }
    assert render(summary).splitlines() == [
        "task: events",
        "n: 3",
        "stages: extract, nlp",
        "",
        "== scores",
        "          accuracy  macro_f1",
        "--------  --------  --------",
        "system         0.5      0.25",
        "keywords         1         -",
        "",
        "== calibration",
        "ece: 0.125",
        "",
        "== calibration.reliability",
        "#  bin      n",
        "-  -------  -",
        "1  0.9-1.0  2",
    ]


def test_format_value() -> None:
    assert [format_value(v) for v in (None, 2.0, 0.12345678, True, "x")] == [
        "-", "2", "0.1235", "True", "x",
    ]  # fmt: skip
