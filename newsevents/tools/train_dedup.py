"""Fit the dedup weights and threshold (``newsevents/dedup/weights.json``) on GVA's "fit" half.

    newsevents train dedup ../shared/data/dev/gva/incidents_dev.jsonl.gz [--cache FILE] [--no-write]

The GVA incidents are split in two by the hash of their id (``newsevents.eval.dedup.split_of``);
only the "fit" half is read here. Every article goes through the pipeline (nlp, events, geo);
each pair of articles' main mentions that the gates let through (``signals.passes_gates``) is
an example, positive when both articles report one incident. A logistic regression over the
pair's signals gives the weights; the threshold is the one of ``THRESHOLD_GRID`` with the best
B-cubed F1 of the whole grouping (``cluster_readings``) on the same half, so the figures this
prints are in-sample: ``newsevents eval dedup --split heldout`` gives the held-out ones.
``--cache`` keeps the pipeline's readings in a pickle file (yours, trusted) for the next run.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import sys
from collections.abc import Sequence
from datetime import date
from itertools import combinations
from pathlib import Path

from newsevents.dedup import EventIndex, cluster_readings, mentions_of
from newsevents.dedup.signals import (
    DATA,
    TermWeights,
    Weights,
    load_rules,
    passes_gates,
    signals,
)
from newsevents.eval.dedup import DedupItem, load_dedup_gold
from newsevents.eval.metrics import bcubed
from newsevents.eval.system import article_document
from newsevents.pipeline import Pipeline
from newsevents.records import Reading
from newsevents.tools import gva_trainer_arguments

STAGES = ("nlp", "events", "geo")
THRESHOLD_GRID = tuple(round(0.05 * k, 2) for k in range(2, 19))
REGULARISATION = 1.0  # scikit-learn's default; the features are few and bounded


def read_all(items: Sequence[DedupItem], cache: Path | None) -> list[Reading | None]:
    """The pipeline's reading of each item (None when it could not be read), from ``cache``
    when it has them all."""
    if cache and cache.is_file():
        with cache.open("rb") as stream:
            known: dict[str, Reading | None] = pickle.load(stream)  # noqa: S301 (the user's own file)
        if all(item.id in known for item in items):
            return [r if isinstance(r := known[item.id], Reading) else None for item in items]
    pipeline = Pipeline(STAGES)
    documents = [article_document(i.id, i.text, i.title, i.published) for i in items]
    readings = [r if isinstance(r, Reading) else None for r in pipeline.run(documents)]
    if cache:
        stripped = [
            dataclasses.replace(r, doc=None, numbers=[], times=[], geo_metonyms=[]) if r else None
            for r in readings
        ]
        with cache.open("wb") as stream:
            pickle.dump({i.id: r for i, r in zip(items, stripped, strict=True)}, stream)
    return readings


def pair_examples(
    readings: Sequence[Reading], gold: Sequence[str]
) -> tuple[list[list[float]], list[int], list[str]]:
    """Features and labels of every gated pair of main mentions, and the feature names."""
    rules = load_rules()
    terms = TermWeights()
    leads = []
    for reading, cluster in zip(readings, gold, strict=True):
        mentions = mentions_of(reading)
        if mentions:
            terms.add(mentions[0].terms)
        leads += [(m, cluster) for m in mentions if m.lead]
    rows, labels, names = [], [], []
    for (a, cluster_a), (b, cluster_b) in combinations(leads, 2):
        if not passes_gates(a, b, rules):
            continue
        features = signals(a, b, terms, rules).features(rules)
        names = list(features)
        rows.append(list(features.values()))
        labels.append(int(cluster_a == cluster_b))
    return rows, labels, names


def fit_weights(readings: Sequence[Reading], gold: Sequence[str]) -> tuple[Weights, dict]:
    from sklearn.linear_model import LogisticRegression

    rows, labels, names = pair_examples(readings, gold)
    model = LogisticRegression(C=REGULARISATION, max_iter=1000).fit(rows, labels)
    weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)}
    fitted = Weights(round(float(model.intercept_[0]), 4), weights, 0.5, "")
    sweep = {
        t: bcubed(gold, cluster_readings(readings, EventIndex(weights=fitted.at(t))))
        for t in THRESHOLD_GRID
    }
    best = max(THRESHOLD_GRID, key=lambda t: (sweep[t]["f1"], -abs(t - 0.5)))
    report = {
        "pairs": len(labels),
        "positive_pairs": sum(labels),
        "threshold_sweep_f1_in_sample": {t: s["f1"] for t, s in sweep.items()},
        "chosen": {"threshold": best, **sweep[best]},
    }
    return fitted.at(best), report


def main(argv: Sequence[str] | None = None) -> int:
    args = gva_trainer_arguments(__doc__.split("\n\n")[0], "the pipeline's readings", argv)
    items, _ = load_dedup_gold(args.gold, split="fit")
    pairs = [(r, i.cluster) for r, i in zip(read_all(items, args.cache), items, strict=True) if r]
    readings, gold = [r for r, _ in pairs], [c for _, c in pairs]
    weights, report = fit_weights(readings, gold)
    print(json.dumps({"articles": len(readings), **report, "weights": weights.weights}, indent=1))
    if not args.no_write:
        provenance = (
            f"Fitted {date.today().isoformat()} by `newsevents train dedup` on the 'fit' half of "
            f"{args.gold.name} (GVA incidents split by the hash of their id: "
            f"newsevents.eval.dedup.split_of; {len(readings)} articles, {report['pairs']} gated "
            f"pairs of main mentions, {report['positive_pairs']} of one incident): logistic "
            f"regression (C={REGULARISATION}) for the weights; the threshold is the best "
            f"B-cubed F1 of {THRESHOLD_GRID[0]}-{THRESHOLD_GRID[-1]} on the same half."
        )
        out = {"provenance": provenance, "bias": weights.bias, "weights": weights.weights,
               "threshold": weights.threshold}  # fmt: skip
        (DATA / "weights.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
