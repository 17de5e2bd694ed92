"""`newsevents train counts` on a tiny made-up GVA file: it reads only the fit half, fits every
field and reports cross-validated and in-sample accuracy without writing the shipped model."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsevents.eval.events import EventGold
from newsevents.eval.gva import split_of
from newsevents.tools import train_counts

# Each text reads a right and a wrong figure of each field (and days right and wrong).
TALLY = " Last year four people were killed and six were injured at the same bar on Monday."
TEXTS = (
    ("A man was shot and killed on Elm Street on Saturday. Two others were wounded." + TALLY, 1, 2),
    ("Two men were killed in a shooting on Saturday. No one else was hurt." + TALLY, 2, 0),
    ("A woman was wounded in a shooting on Saturday, police said." + TALLY, 0, 1),
)


def test_train_counts_fits_the_fit_half_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    incidents = [
        {
            "incident_uri": str(n),
            "date": "April 1, 2017",
            "num_killed": TEXTS[n % 3][1],
            "num_injured": TEXTS[n % 3][2],
            "articles": [{"id": f"a{n}", "dct": "2017-04-03", "content": TEXTS[n % 3][0]}],
        }
        for n in range(24)
    ]
    gold = tmp_path / "incidents.jsonl.gz"
    with gzip.open(gold, "wt", encoding="utf-8") as stream:
        stream.writelines(json.dumps(row) + "\n" for row in incidents)
    shipped = train_counts.MODEL_FILE.read_text(encoding="utf-8")
    assert train_counts.main([str(gold), "--no-write"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == sum(split_of(str(n)) == "fit" for n in range(24))
    assert set(report) == {"articles", "fatalities", "injured", "date"}
    assert all(0 <= report[f]["cross_validated_accuracy"] <= 1 for f in ("fatalities", "date"))
    # The strength is the cross-validated best of the grid, as its per-strength figures say.
    by_strength = report["injured"]["cross_validated_accuracy_by_strength"]
    assert report["injured"]["strength"] in train_counts.REGULARISATION_GRID
    assert by_strength[str(report["injured"]["strength"])] == max(by_strength.values())
    assert train_counts.MODEL_FILE.read_text(encoding="utf-8") == shipped


def test_the_titles_counts_are_candidates_too() -> None:
    gold = EventGold(
        "a", "A man was shot on Elm Street on Saturday.", ("violent",), "2 dead in shooting"
    )
    [article] = train_counts.read_candidates([gold], None)
    read = {(c.source, c.count.field, c.count.value) for c in article.counts}
    assert read == {("title", "fatalities", 2), ("text", "injured", 1)}
