"""The draw of IndiaPoliceEvents sentences read again for "tells any event".

    python -m newsevents.tools.ipe_any_event --shared ../shared > sheet.tsv

IndiaPoliceEvents labels police actions only, so its sentences with no label that name a
trigger word of another type (a riot, a murder, a meeting) say nothing about whether an event
is told; the trainer leaves them out (``train_events.event_label``). This prints a seeded
random draw of them, from the documents of the set's fit and select splits only (never test),
as a sheet to label by hand: document id, sentence id, split, text. The labels are stored in
``events/data/training/ipe_any_event.tsv`` (no text: the ids point into the set), with the rule
and who labelled them; the draw is chosen before any model reads the sentences.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path

from newsevents.events.features import lemma, triggers_by_salience
from newsevents.events.triggers import TRIGGERS
from newsevents.tools.event_corpora import load_sources, split_of_group
from newsevents.tools.train_events import parse

SOURCE = "india-police-events"
SEED = 11
SIZE = 300
SPLITS = ("fit", "select")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsevents.tools.ipe_any_event")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache", type=Path, default=Path(".cache"))
    args = parser.parse_args(argv)
    source = load_sources()[SOURCE]
    path = args.shared / "data" / "dev" / source.path
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [
        row
        for row in rows
        if not row["sent_labels"]
        and row["sent_text"].strip()
        and split_of_group(f"ipe-{row['doc_id']}", source) in SPLITS
    ]
    docs = parse([row["sent_text"].strip() for row in rows], args.cache)
    pool = []
    for row, doc in zip(rows, docs, strict=True):
        types = {t for token in triggers_by_salience(doc[:]) for t in TRIGGERS[lemma(token)]}
        if not source.covers_all(types):
            pool.append(row)
    drawn = random.Random(SEED).sample(pool, SIZE)
    for row in sorted(drawn, key=lambda r: (r["doc_id"], r["sent_id"])):
        split = split_of_group(f"ipe-{row['doc_id']}", source)
        text = " ".join(row["sent_text"].split())
        print(f"{row['doc_id']}\t{row['sent_id']}\t{split}\t{text}")
    print(f"# pool {len(pool)}, drawn {SIZE}, seed {SEED}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
