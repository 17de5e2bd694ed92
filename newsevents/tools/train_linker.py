"""Fit and measure the event-to-place linker (``newsevents/geo/link_model.json``).

    python -m newsevents.tools.train_linker ../shared/data/dev/event-location-syria [--no-write]

event-location-syria (Halterman 2019, MIT) gives 10,182 (sentence, event verb) pairs and the
place-name span where each verb's event happened, or none. Each sentence is parsed and its
places found and resolved by the geo stage; every (verb, place) pair is an example, positive
when the place overlaps the gold span. Records are split by document (its ``doc_id``, else its
sentence) 60/20/20 into train, dev and test: the regularisation and the link threshold are
chosen on dev, the model is then refitted on train + dev, and test, held apart while features
and settings were chosen, is reported beside two baselines on the same records: the place
nearest the verb, and no place at all.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from newsevents.geo.gazetteer import Gazetteer
from newsevents.geo.link import MODEL_FILE, LinkModel, pairs
from newsevents.geo.recognize import recognise
from newsevents.geo.resolve import Resolver
from newsevents.records import Place

SPLITS = ("train", "dev", "test")
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLD_GRID = tuple(round(0.05 * k, 2) for k in range(1, 19))


@dataclass(frozen=True)
class Record:
    """One (sentence, event verb) pair: the verb's and the gold places' character spans."""

    text: str
    verb: tuple[int, int]
    gold: tuple[tuple[int, int], ...]
    group: str


@dataclass
class Example:
    """A parsed record: its trigger token, and the sentence's places with their features."""

    record: Record
    trigger: Token
    pairs: list[tuple[Place, list[str]]]

    @property
    def places(self) -> list[Place]:
        return [place for place, _ in self.pairs]

    def positive(self, place: Place) -> bool:
        return any(place.start < end and start < place.end for start, end in self.record.gold)


def read_records(folder: Path) -> list[Record]:
    with zipfile.ZipFile(folder / "labeled_text.jsonl.zip") as archive:
        raw = json.loads(archive.read("labeled_text.jsonl"))  # one JSON array
    records = []
    for item in raw:
        spans = item.get("spans") or []
        verbs = [(s["start"], s["end"]) for s in spans if s.get("label") == "VERB"]
        gold = tuple(
            (s["start"], s["end"])
            for s in spans
            if s.get("label") == "LOCATION" and s["end"] > s["start"]
        )
        if len(verbs) != 1:
            continue
        group = str(item.get("doc_id") or item["text"])
        records.append(Record(item["text"], verbs[0], gold, group))
    return records


def split_of(record: Record) -> str:
    share = int(hashlib.sha1(record.group.encode()).hexdigest()[:8], 16) % 10
    return "train" if share < 6 else "dev" if share < 8 else "test"


def parse(records: Sequence[Record]) -> list[Example]:
    from newsevents.nlp import load_language

    nlp = load_language()
    gazetteer = Gazetteer.load()
    resolver = Resolver(gazetteer)
    texts = sorted({r.text for r in records})
    parsed: dict[str, tuple[Doc, list[Place]]] = {}
    for doc in nlp.pipe(texts, batch_size=64):
        mentions = recognise(doc, gazetteer, resolver.demonym_countries(doc.text))
        found = resolver.resolve(doc.text, mentions)
        places = [p for p in map(resolver.at_its_level, found) if p.lat is not None]
        parsed[doc.text] = (doc, places)
    examples = []
    for record in records:
        doc, places = parsed[record.text]
        verb = doc.char_span(*record.verb, alignment_mode="expand")
        if verb is None:
            continue
        examples.append(Example(record, verb.root, pairs(verb.root, places)))
    return examples


def fit(examples: Sequence[Example], c: float) -> LinkModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [dict.fromkeys(f, 1.0) for e in examples for _, f in e.pairs]
    labels = [e.positive(p) for e in examples for p, _ in e.pairs]
    vectoriser = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=2000).fit(vectoriser.fit_transform(rows), labels)
    weights = dict(zip(vectoriser.get_feature_names_out(), model.coef_[0], strict=True))
    return LinkModel({k: float(v) for k, v in weights.items()}, float(model.intercept_[0]), 0.5)


Linker = Callable[[Example], Place | None]


def model_linker(model: LinkModel) -> Linker:
    def link(example: Example) -> Place | None:
        scored = [(model.probability(features), place) for place, features in example.pairs]
        probability, best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        return best if probability >= model.threshold else None

    return link


def nearest_place(example: Example) -> Place | None:
    """Baseline: the place nearest the verb."""
    index = example.trigger.idx
    return min(example.places, key=lambda p: abs(p.start - index), default=None)


def scores(examples: Sequence[Example], link: Linker) -> dict[str, float]:
    """Accuracy over records (the right place, or none when the gold has none) and the
    precision / recall of the links made."""
    right = linked = linked_right = with_gold = 0
    for example in examples:
        place = link(example)
        correct = example.positive(place) if place else not example.record.gold
        right += correct
        linked += place is not None
        linked_right += place is not None and correct
        with_gold += bool(example.record.gold)
    return {
        "n": len(examples),
        "accuracy": round(right / max(len(examples), 1), 4),
        "precision": round(linked_right / max(linked, 1), 4),
        "recall": round(linked_right / max(with_gold, 1), 4),
    }


def choose(train: Sequence[Example], dev: Sequence[Example]) -> tuple[float, float]:
    """The regularisation and threshold with the best dev accuracy."""
    best = (-1.0, C_GRID[0], 0.5)
    for c in C_GRID:
        model = fit(train, c)
        for threshold in THRESHOLD_GRID:
            candidate = LinkModel(model.weights, model.bias, threshold)
            accuracy = scores(dev, model_linker(candidate))["accuracy"]
            best = max(best, (accuracy, c, threshold))
    return best[1], best[2]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="event-location-syria folder")
    parser.add_argument("--no-write", action="store_true", help="report without writing")
    args = parser.parse_args(argv)
    examples = parse(read_records(args.folder))
    split = {name: [e for e in examples if split_of(e.record) == name] for name in SPLITS}
    c, threshold = choose(split["train"], split["dev"])
    fitted = fit(split["train"] + split["dev"], c)
    model = LinkModel(fitted.weights, fitted.bias, threshold)
    trained = fit(split["train"], c)
    chosen = LinkModel(trained.weights, trained.bias, threshold)
    report = {
        "chosen_on_dev": {"C": c, "threshold": threshold},
        "dev": scores(split["dev"], model_linker(chosen)),
        "test": {
            "learned": scores(split["test"], model_linker(model)),
            "nearest_place": scores(split["test"], nearest_place),
            "no_place": scores(split["test"], lambda example: None),
            "gold_place_found": round(
                sum(any(e.positive(p) for p in e.places) for e in split["test"] if e.record.gold)
                / max(sum(bool(e.record.gold) for e in split["test"]), 1),
                4,
            ),
        },
    }
    print(json.dumps(report, indent=2))
    if not args.no_write:
        target = Path(__file__).parents[1] / "geo" / MODEL_FILE
        target.write_text(json.dumps(model.to_json(), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
