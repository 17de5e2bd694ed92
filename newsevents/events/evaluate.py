"""Score ACLED sub-event typing on labelled snippets (JSON Lines ``{"text", "label"}``).

    python -m newsevents.events.evaluate data/eval/acled-heldout/snippets.jsonl

The prediction for a snippet is the ACLED sub-event type of its most confident reported or
background event, as ``newsevents eval events`` takes the event type.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sklearn.metrics import f1_score

from newsevents.pipeline import Pipeline
from newsevents.records import Document, Event, Reading

NO_EVENT = "(none)"


def main_event(reading: Reading) -> Event | None:
    stored = [e for e in reading.events if e.status != "hypothetical"]
    return max(stored, key=lambda e: e.confidence, default=None)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--errors", action="store_true", help="print the misclassified texts")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.gold.read_text().splitlines() if line.strip()]
    pipeline = Pipeline(["nlp", "events"])
    gold, predicted, deaths = [], [], Counter[str]()
    for row in rows:
        document = Document(row.get("id", ""), row["text"].encode(), "article")
        reading = pipeline.read(document)
        event = main_event(reading) if isinstance(reading, Reading) else None
        label = (event.acled_sub_event_type if event else None) or NO_EVENT
        gold.append(row["label"])
        predicted.append(label)
        if "fatalities" in row:
            deaths["right" if (event and event.fatalities) == row["fatalities"] else "wrong"] += 1
        if args.errors and label != row["label"]:
            print(f"{row['label']} <- {label}: {row['text'][:160]}")
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    weighted = f1_score(gold, predicted, average="weighted", zero_division=0)
    summary = {
        "n": len(gold),
        "accuracy": round(accuracy, 3),
        "weighted_f1": round(float(weighted), 3),
        "no_event": predicted.count(NO_EVENT),
        "fatalities_accuracy": round(deaths["right"] / max(1, sum(deaths.values())), 3),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
