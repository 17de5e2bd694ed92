"""Fit the article count chooser (``newsevents/events/data/count_model.json``) on GVA's "fit" half.

    newsevents train counts ../shared/data/dev/gva/incidents_dev.jsonl.gz [--cache F] [--no-write]

Only the "fit" half of the incidents (``newsevents.eval.gva.split_of``) is read. Each article
is parsed (the ``nlp`` stage) and every killed or injured count it or its title reads is a
candidate (``article_counts.article_candidates``, ``title_candidates``), positive when its figure
is the incident's. GVA counts as injured only the shot who lived, so an injured count of people
shot ("four people were shot", ``Count.shot``) is compared after taking off the killed, as
``counts.shot_survivors`` does. A logistic regression per field gives the weights; its strength
(C) and the threshold under which no candidate is taken (the article's figure is then 0, as GVA
codes nobody) are those with the best article accuracy of out-of-fold probabilities (5 folds by
incident, on the same half).
The cross-validated figures this prints are of the fit half; ``newsevents eval events --split
heldout`` gives held-out ones.
"""

from __future__ import annotations

import json
import pickle
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.eval.events import EventGold, load_event_gold
from newsevents.eval.gva import incident_hash
from newsevents.eval.system import article_document
from newsevents.events.article_counts import (
    CHOSEN_FIELDS,
    MODEL_FILE,
    Candidate,
    FieldModel,
    article_candidates,
    choose,
    described,
    title_candidates,
)
from newsevents.events.article_dates import (
    DateCandidate,
    choose_date,
    date_candidates,
    date_features,
)
from newsevents.events.counts import survivors
from newsevents.pipeline import Pipeline
from newsevents.records import Reading
from newsevents.tools import gva_trainer_arguments

# The inverse regularisation strengths tried; each field takes the one whose out-of-fold
# article accuracy (with its best threshold) is highest, the smaller on ties.
REGULARISATION_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
FOLDS = 5
THRESHOLD_GRID = tuple(round(0.05 * k, 2) for k in range(1, 19))


@dataclass(frozen=True)
class Article:
    gold: EventGold
    counts: list[Candidate]
    dates: list[DateCandidate]


def read_candidates(items: Sequence[EventGold], cache: Path | None) -> list[Article]:
    """Each item's candidates, from ``cache`` (a pickle file of yours) when it has them all."""
    if cache and cache.is_file():
        with cache.open("rb") as stream:
            known: dict[str, Article] = pickle.load(stream)  # noqa: S301 (the user's own file)
        if all(item.id in known for item in items):
            return [known[item.id] for item in items]
    documents = [article_document(i.id, i.text, i.title, i.published) for i in items]
    articles = [
        Article(
            item,
            title_candidates(item.title) + article_candidates(r.doc, r.numbers),
            date_candidates(r.doc, r.times),
        )
        for item, r in zip(items, Pipeline(["nlp"]).run(documents), strict=True)
        if isinstance(r, Reading) and r.doc is not None
    ]
    if cache:
        with cache.open("wb") as stream:
            pickle.dump({a.gold.id: a for a in articles}, stream)
    return articles


def gold_value(gold: EventGold, field: str) -> int:
    return getattr(gold, field) or 0


def count_is_right(candidate: Candidate, gold: EventGold) -> bool:
    """Whether the candidate gives the incident's figure (an injured count of people shot, once
    the killed are taken off: ``survivors``)."""
    count = candidate.count
    value = count.value
    if count.field == "injured":
        value = survivors(value, gold_value(gold, "fatalities"), count.shot)
    return value == gold_value(gold, count.field)


@dataclass(frozen=True)
class Task:
    """One chosen field: its candidates described, which are right, and how the article scores
    when none is chosen (the counts: right if the incident has none; the date: the event keeps
    its own, taken here as the publication day)."""

    described: Callable[[Article], list[tuple[dict[str, float], Any]]]
    right: Callable[[Article, Any], bool]
    choose: Callable[[Article, FieldModel], Any]
    right_without: Callable[[Article], bool]


def count_task(field: str) -> Task:
    return Task(
        lambda article: list(described(article.counts, field)),
        lambda article, candidate: count_is_right(candidate, article.gold),
        lambda article, model: choose(article.counts, field, model),
        lambda article: gold_value(article.gold, field) == 0,
    )


DATE_TASK = Task(
    lambda a: [(date_features(c, a.dates, a.gold.published), c) for c in a.dates],
    lambda article, candidate: candidate.time.date == article.gold.date,
    lambda article, model: choose_date(article.dates, article.gold.published, model),
    lambda article: article.gold.date == article.gold.published,
)
TASKS = {**{field: count_task(field) for field in CHOSEN_FIELDS}, "date": DATE_TASK}


def examples(articles: Sequence[Article], task: Task) -> tuple[list[dict[str, float]], list[int]]:
    rows, labels = [], []
    for article in articles:
        for features, candidate in task.described(article):
            rows.append(features)
            labels.append(int(task.right(article, candidate)))
    return rows, labels


def fit(articles: Sequence[Article], task: Task, strength: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = examples(articles, task)
    vectorizer = DictVectorizer(sparse=False)
    matrix = vectorizer.fit_transform(rows)
    # "bias" is a feature of every row, so the model's own intercept is left out.
    model = LogisticRegression(C=strength, max_iter=1000, fit_intercept=False)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    return {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)}


def accuracy(articles: Sequence[Article], task: Task, models: Sequence[FieldModel]) -> float:
    """Share of articles whose chosen value is the incident's; ``models`` gives each article's
    model (out-of-fold ones in cross-validation)."""
    right = 0
    for article, model in zip(articles, models, strict=True):
        chosen = task.choose(article, model)
        right += task.right(article, chosen) if chosen is not None else task.right_without(article)
    return round(right / len(articles), 4)


def fold_of(article: Article) -> int:
    return incident_hash(article.gold.incident or article.gold.id) // 2 % FOLDS


def cross_validate(articles: Sequence[Article], task: Task, strength: float) -> dict[float, float]:
    """Article accuracy of out-of-fold models (5 folds by incident) at each threshold."""
    folds = [fold_of(a) for a in articles]
    out_of_fold = {
        k: fit([a for a, f in zip(articles, folds, strict=True) if f != k], task, strength)
        for k in range(FOLDS)
    }
    return {
        t: accuracy(articles, task, [FieldModel(out_of_fold[f], t) for f in folds])
        for t in THRESHOLD_GRID
    }


def train_field(articles: Sequence[Article], task: Task) -> tuple[FieldModel, dict]:
    """The field's model, its strength and threshold chosen by cross-validation, refitted on
    every article."""
    sweeps = {c: cross_validate(articles, task, c) for c in REGULARISATION_GRID}
    strength, best = max(
        ((c, t) for c in REGULARISATION_GRID for t in THRESHOLD_GRID),
        key=lambda pair: (sweeps[pair[0]][pair[1]], -pair[0], -abs(pair[1] - 0.5)),
    )
    weights = fit(articles, task, strength)
    report = {
        "candidates": len(examples(articles, task)[1]),
        "cross_validated_accuracy_by_strength": {c: max(s.values()) for c, s in sweeps.items()},
        "cross_validated_accuracy_by_threshold": sweeps[strength],
        "strength": strength,
        "threshold": best,
        "cross_validated_accuracy": sweeps[strength][best],
        "in_sample_accuracy": accuracy(articles, task, [FieldModel(weights, best)] * len(articles)),
        "weights": weights,
    }
    return FieldModel(weights, best), report


def main(argv: Sequence[str] | None = None) -> int:
    args = gva_trainer_arguments(__doc__.split("\n\n")[0], "the articles' candidates", argv)
    articles = read_candidates(load_event_gold(args.gold, split="fit").items, args.cache)
    trained = {name: train_field(articles, task) for name, task in TASKS.items()}
    reports = {field: report for field, (_, report) in trained.items()}
    print(json.dumps({"articles": len(articles), **reports}, indent=1))
    if not args.no_write:
        strengths = ", ".join(f"{field} {report['strength']}" for field, report in reports.items())
        provenance = (
            f"Fitted {date.today().isoformat()} by `newsevents train counts` on the 'fit' half of "
            f"{args.gold.name} (GVA incidents split by the hash of their id: "
            f"newsevents.eval.gva.split_of; {len(articles)} articles): logistic regression "
            "per field over every count (day) the article reads; C (of "
            f"{list(REGULARISATION_GRID)}: {strengths}) and the threshold are the best article "
            f"accuracy of {FOLDS}-fold out-of-fold probabilities on the same half."
        )
        out = {
            "provenance": provenance,
            **{
                field: {"weights": model.weights, "threshold": model.threshold}
                for field, (model, _) in trained.items()
            },
        }
        MODEL_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
