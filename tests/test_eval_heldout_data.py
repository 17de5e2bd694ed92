"""Checks on the held-out ACLED evaluation snippets in data/eval/acled-heldout/.

Fast and offline: every line is parsed and validated (labels, event type, country code,
fatalities), texts are unique, every one of ACLED's 25 sub-event types has at least 12 snippets,
the counts in the folder's README match the file, the file loads as a generic `eval events` gold
set, and no snippet shares a run of words with the classifier's training examples.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from newsevents.events.ontology import ACLED_SUB_EVENTS

REPO = Path(__file__).resolve().parents[1]
FOLDER = REPO / "data" / "eval" / "acled-heldout"
SNIPPETS = FOLDER / "snippets.jsonl"
TRAINING_EXAMPLES = REPO / "newsevents" / "events" / "data" / "examples"

MIN_PER_LABEL = 12
WORDS = (25, 90)
SHARED_RUN = 8  # words in a row that a snippet may not share with a training example

EVENT_TYPE = {name: sub.event_type for name, sub in ACLED_SUB_EVENTS.items()}
FIELDS = {"id", "text", "label", "acled_event_type", "fatalities", "country"}


def rows() -> list[dict]:
    out = []
    with SNIPPETS.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            assert line.strip(), f"line {number} is blank"
            row = json.loads(line)
            assert isinstance(row, dict), f"line {number} is not an object"
            out.append(row)
    return out


ROWS = rows()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_there_are_25_sub_event_types() -> None:
    assert len(EVENT_TYPE) == 25


@pytest.mark.parametrize("row", ROWS, ids=[str(r.get("id")) for r in ROWS])
def test_row_is_valid(row: dict) -> None:
    assert set(row) == FIELDS
    assert isinstance(row["id"], str) and row["id"]
    assert isinstance(row["text"], str) and row["text"] == row["text"].strip()
    assert WORDS[0] <= len(row["text"].split()) <= WORDS[1]
    assert row["label"] in EVENT_TYPE, row["label"]
    assert row["acled_event_type"] == EVENT_TYPE[row["label"]]
    fatalities = row["fatalities"]
    assert fatalities is None or (type(fatalities) is int and fatalities >= 0)
    assert isinstance(row["country"], str) and re.fullmatch(r"[A-Z]{3}", row["country"])


def test_ids_and_texts_are_unique() -> None:
    ids = Counter(r["id"] for r in ROWS)
    assert [i for i, n in ids.items() if n > 1] == []
    texts = Counter(" ".join(words(r["text"])) for r in ROWS)
    assert [t for t, n in texts.items() if n > 1] == []


def test_every_label_has_enough_snippets() -> None:
    counts = Counter(r["label"] for r in ROWS)
    short = {label: counts[label] for label in EVENT_TYPE if counts[label] < MIN_PER_LABEL}
    assert short == {}


def test_readme_counts_match_the_file() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    counts = Counter(r["label"] for r in ROWS)
    for label, n in counts.items():
        assert f"| {label} | {n} |" in readme, label
    assert f"Total snippets: {len(ROWS)}" in readme


def test_many_countries() -> None:
    assert len({r["country"] for r in ROWS}) >= 40


def test_no_shared_runs_with_training_examples() -> None:
    """The set is held out: no snippet may share SHARED_RUN words in a row with an example the
    classifier is trained on (which would measure memory, not generalisation)."""
    files = sorted(TRAINING_EXAMPLES.glob("*.jsonl"))
    if not files:
        pytest.skip("no training examples in this tree")
    runs: set[tuple[str, ...]] = set()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                w = words(json.loads(line)["text"])
                runs.update(tuple(w[i : i + SHARED_RUN]) for i in range(len(w) - SHARED_RUN + 1))
    shared = []
    for row in ROWS:
        w = words(row["text"])
        if any(tuple(w[i : i + SHARED_RUN]) in runs for i in range(len(w) - SHARED_RUN + 1)):
            shared.append(row["id"])
    assert shared == []


def test_loads_as_generic_event_gold() -> None:
    events = pytest.importorskip("newsevents.eval.events")
    gold = events.load_event_gold(SNIPPETS, Path("acled"))
    assert gold.format == "generic"
    assert len(gold.items) == len(ROWS)
    assert [item.labels for item in gold.items] == [(r["label"],) for r in ROWS]
    assert [item.country for item in gold.items] == [r["country"] for r in ROWS]
