"""`newsevents eval dedup`: grouping reports of one incident, scored by B-cubed F1.

A clusterer is any function that takes the readings of a batch of articles and returns one
cluster id per reading (``Clusterer``). The references are ``singletons`` (every article alone:
B-cubed precision 1) and ``all_in_one`` (recall 1); the baseline ``similar_text`` joins
articles whose TF-IDF vectors are close and whose publication dates are near. A dedup stage
plugs in by exposing ``newsevents.dedup.cluster_readings``: it is then scored as the system.

Gold: the GVA incidents file (``incidents_dev.jsonl.gz``: incidents, each with the articles
that report it), or generic JSON Lines ``{"id", "text", "cluster", "title"?, "published"?}``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.eval.gold import GoldError, LoadLog, parse_date, read_json_lines
from newsevents.eval.gva import gva_articles, is_gva
from newsevents.eval.metrics import bcubed
from newsevents.eval.system import Progress, Reader, article_document, no_progress
from newsevents.pipeline import Pipeline
from newsevents.records import InputError, Reading

Clusterer = Callable[[Sequence[Reading]], list[Hashable]]

SIMILARITY_THRESHOLD = 0.25  # a round value from a sweep on the GVA dev set (docs/eval.md)
MAX_DAYS_APART = 7


@dataclass(frozen=True)
class DedupItem:
    id: str
    text: str
    cluster: str
    title: str | None = None
    published: date | None = None


def gva_items(path: Path, log: LoadLog) -> list[DedupItem]:
    """Articles of the GVA incidents file, clustered by incident."""
    return [
        DedupItem(article.id, article.text, article.incident, article.title, article.published)
        for article in gva_articles(path, log)
    ]


def generic_items(path: Path, log: LoadLog) -> list[DedupItem]:
    items = []
    for number, row in read_json_lines(path):
        if not isinstance(row.get("text"), str) or row.get("cluster") is None:
            raise GoldError(path, f"line {number}", 'needs "text" and "cluster"')
        if not row["text"].strip():
            log.skip("article with no text")
            continue
        items.append(
            DedupItem(
                id=str(row.get("id", f"line {number}")),
                text=row["text"],
                cluster=str(row["cluster"]),
                title=row.get("title"),
                published=parse_date(row.get("published")),
            )
        )
    return items


def load_dedup_gold(path: Path, limit: int | None = None) -> tuple[list[DedupItem], LoadLog]:
    """GVA incidents (``limit`` counts incidents' articles in file order) or generic JSONL."""
    if not path.is_file():
        raise GoldError(path, "path", "no such file")
    log = LoadLog()
    items = gva_items(path, log) if is_gva(path) else generic_items(path, log)
    return (items[:limit] if limit else items), log


def singletons(readings: Sequence[Reading]) -> list[Hashable]:
    return list(range(len(readings)))


def all_in_one(readings: Sequence[Reading]) -> list[Hashable]:
    return [0] * len(readings)


def connected_components(size: int, edges: Sequence[tuple[int, int]]) -> list[Hashable]:
    """Component id (its smallest member) of each node."""
    parent = list(range(size))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(node) for node in range(size)]


def similar_text(
    readings: Sequence[Reading],
    threshold: float = SIMILARITY_THRESHOLD,
    max_days: int = MAX_DAYS_APART,
) -> list[Hashable]:
    """Single-link clusters of articles whose TF-IDF cosine similarity is at least
    ``threshold`` and whose publication dates (when both known) are at most ``max_days``
    apart."""
    if not readings:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{r.article.title or ''}\n{r.article.text}" for r in readings]
    try:
        vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # not one word left to compare: only stop words, numbers or nothing
        return singletons(readings)
    similarity = (vectors @ vectors.T).tocoo()
    dates = [r.article.published for r in readings]
    edges = [
        (int(a), int(b))
        for a, b, value in zip(similarity.row, similarity.col, similarity.data, strict=True)
        if a < b
        and value >= threshold
        and (dates[a] is None or dates[b] is None or abs((dates[a] - dates[b]).days) <= max_days)
    ]
    return connected_components(len(readings), edges)


BASELINES: dict[str, Clusterer] = {
    "singletons": singletons,
    "all_in_one": all_in_one,
    "similar_text": similar_text,
}


def system_clusterer() -> Clusterer | None:
    """``newsevents.dedup.cluster_readings`` once a dedup stage provides it."""
    try:
        module = importlib.import_module("newsevents.dedup")
    except ImportError:
        return None
    return getattr(module, "cluster_readings", None)


def evaluate_dedup(
    path: Path,
    limit: int | None = None,
    stages: Sequence[str] = (),
    read: Reader | None = None,
    system: Clusterer | None = None,
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """B-cubed scores of the system clusterer (when there is one) and the baselines on the
    readings of the gold articles (extraction plus ``stages``)."""
    items, log = load_dedup_gold(path, limit)
    if not items:
        raise GoldError(path, "items", "no gold articles to cluster")
    reader = read or Pipeline(stages).read
    readings: list[Reading] = []
    gold: list[Hashable] = []
    errors = 0
    for item in progress(items, "dedup"):
        result = reader(article_document(item.id, item.text, item.title, item.published))
        if isinstance(result, InputError):
            errors += 1
            continue
        readings.append(result)
        gold.append(item.cluster)
    clusterers = dict(BASELINES)
    system = system or system_clusterer()
    summary: dict[str, Any] = {
        "task": "dedup",
        "gold": str(path),
        "articles": len(readings),
        "gold_clusters": len(set(gold)),
        "errors": errors,
        **log.to_json(),
    }
    if system is None:
        summary["system_note"] = "no dedup stage yet (newsevents.dedup.cluster_readings)"
    else:
        clusterers = {"system": system, **clusterers}
    summary["scores"] = {
        name: {**bcubed(gold, clusters), "clusters": len(set(clusters))}
        for name, clusterer in clusterers.items()
        for clusters in [clusterer(readings)]
    }
    return summary
