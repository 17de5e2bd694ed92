"""`newsevents eval dedup`: grouping reports of one incident, scored by B-cubed F1.

A clusterer is any function that takes the readings of a batch of articles and returns one
cluster id per reading (``Clusterer``). The references are ``singletons`` (every article alone:
B-cubed precision 1) and ``all_in_one`` (recall 1); the baseline ``similar_text`` joins
articles whose TF-IDF vectors are close and whose publication dates are near. The system is
``newsevents.dedup``: the pipeline's event mentions grouped by the same ``EventIndex`` the store
fills, each article scored by the event it is about. Where the gold gives the incident's
killed and injured (GVA), the merged event's figures are compared with the article's own.

Gold: the GVA incidents file (``incidents_dev.jsonl.gz``: incidents, each with the articles
that report it), or generic JSON Lines ``{"id", "text", "cluster", "title"?, "published"?}``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.dedup.groups import connected_components
from newsevents.eval.gold import GoldError, LoadLog, parse_date, read_json_lines
from newsevents.eval.gva import Split, gva_articles, is_gva, split_of
from newsevents.eval.metrics import bcubed, ratio
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
    killed: int | None = None
    injured: int | None = None


def gva_items(path: Path, log: LoadLog) -> list[DedupItem]:
    """Articles of the GVA incidents file, clustered by incident."""
    return [
        DedupItem(a.id, a.text, a.incident, a.title, a.published, a.killed, a.injured)
        for a in gva_articles(path, log)
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


def load_dedup_gold(
    path: Path, limit: int | None = None, split: Split = "all"
) -> tuple[list[DedupItem], LoadLog]:
    """GVA incidents (``limit`` counts incidents' articles in file order) or generic JSONL,
    the clusters of one ``split`` (``split_of``) or all."""
    if not path.is_file():
        raise GoldError(path, "path", "no such file")
    log = LoadLog()
    items = gva_items(path, log) if is_gva(path) else generic_items(path, log)
    if split != "all":
        items = [item for item in items if split_of(item.cluster) == split]
    return (items[:limit] if limit else items), log


def singletons(readings: Sequence[Reading]) -> list[Hashable]:
    return list(range(len(readings)))


def all_in_one(readings: Sequence[Reading]) -> list[Hashable]:
    return [0] * len(readings)


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


SYSTEM_STAGES = ("nlp", "events", "geo")


def system_clusterer() -> Clusterer:
    """``newsevents.dedup.cluster_readings`` with a fresh index per call."""
    from newsevents.dedup import cluster_readings

    return cluster_readings


def count_agreement(readings: Sequence[Reading], items: Sequence[DedupItem]) -> dict[str, Any]:
    """How often the killed and injured of the event an article is about equal its incident's:
    the merged event's best estimate, and the article's own mention of it. An article that
    gives no figure, or is about no event, says 0 (GVA counts 0 for nobody killed)."""
    from newsevents.dedup import EventIndex, group_readings

    index = EventIndex()
    grouped = group_readings(readings, index)
    out: dict[str, Any] = {}
    for field, gold_field, mention_field in (
        ("killed", "killed", "fatalities"),
        ("injured", "injured", "injured"),
    ):
        merged = own = scored = 0
        for found, item in zip(grouped, items, strict=True):
            gold = getattr(item, gold_field)
            if gold is None:
                continue
            scored += 1
            summary = index.summary(found.event_id) if found.event_id else None
            best = getattr(summary, mention_field) if summary else None
            merged += (best.best if best else 0) == gold
            own += (getattr(found.mention, mention_field, None) or 0) == gold
        out[field] = {
            "articles": scored,
            "merged_event": round(ratio(merged, scored), 4),
            "article_alone": round(ratio(own, scored), 4),
        }
    return out


def evaluate_dedup(
    path: Path,
    limit: int | None = None,
    stages: Sequence[str] | None = None,
    read: Reader | None = None,
    system: Clusterer | None = None,
    progress: Progress = no_progress,
    split: Split = "all",
    with_system: bool = True,
) -> dict[str, Any]:
    """B-cubed scores of the system clusterer and the baselines on the readings of the gold
    articles of ``split`` (extraction plus ``stages``: by default those the system needs, none
    when ``with_system`` is false); and, for newsevents.dedup on gold with counts, how often
    the merged killed/injured match the gold's."""
    items, log = load_dedup_gold(path, limit, split)
    if not items:
        raise GoldError(path, "items", "no gold articles to cluster")
    if stages is None:
        stages = SYSTEM_STAGES if with_system else ()
    reader = read or Pipeline(stages).read
    readings: list[Reading] = []
    kept: list[DedupItem] = []
    errors = 0
    for item in progress(items, "dedup"):
        result = reader(article_document(item.id, item.text, item.title, item.published))
        if isinstance(result, InputError):
            errors += 1
            continue
        readings.append(result)
        kept.append(item)
    gold: list[Hashable] = [item.cluster for item in kept]
    clusterers = dict(BASELINES)
    summary: dict[str, Any] = {
        "task": "dedup",
        "gold": str(path),
        "split": split,
        "articles": len(readings),
        "gold_clusters": len(set(gold)),
        "errors": errors,
        **log.to_json(),
    }
    if with_system:
        clusterers = {"system": system or system_clusterer(), **clusterers}
        if system is None and any(item.killed is not None for item in kept):
            summary["counts"] = count_agreement(readings, kept)
    summary["scores"] = {
        name: {**bcubed(gold, clusters), "clusters": len(set(clusters))}
        for name, clusterer in clusterers.items()
        for clusters in [clusterer(readings)]
    }
    return summary
