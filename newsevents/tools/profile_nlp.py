"""CPU time per article of each part of the nlp stage.

    python -m newsevents.tools.profile_nlp ARTICLES.jsonl [--limit N]

ARTICLES.jsonl holds one ``{"text": ..., "published": "YYYY-MM-DD"?}`` object per line (the
JSON Lines input of ``newsevents extract``). Process CPU time is used, not wall time, so that
other work on a shared machine disturbs the figures less; ``newsevents bench`` gives the
wall-clock articles/s of whole stages.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from newsevents.actors import knowledge_base
from newsevents.nlp import load_language
from newsevents.nlp.dates import find_times
from newsevents.nlp.entities import correct_entities, place_kind, to_entities
from newsevents.nlp.numbers import find_numbers


def read_articles(path: Path, limit: int | None) -> list[tuple[str, date | None]]:
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                item = json.loads(line)
                published = item.get("published")
                articles.append(
                    (item["text"], date.fromisoformat(published[:10]) if published else None)
                )
    return articles[:limit]


@contextmanager
def stopwatch(totals: dict[str, float], part: str) -> Iterator[None]:
    started = time.process_time()
    yield
    totals[part] = totals.get(part, 0.0) + time.process_time() - started


def profile(articles: list[tuple[str, date | None]]) -> dict[str, float]:
    """Milliseconds of CPU per article for spaCy and for each of our own steps."""
    nlp = load_language()
    knowledge_base()
    place_kind("Aleppo")  # open the gazetteer before timing
    nlp(articles[0][0])
    totals: dict[str, float] = {}
    for text, published in articles:
        with stopwatch(totals, "spacy"):
            doc = nlp(text)
        with stopwatch(totals, "entities"):
            correct_entities(doc)
            to_entities(doc)
        with stopwatch(totals, "numbers"):
            find_numbers(text)
        with stopwatch(totals, "times"):
            find_times(text, published, doc)
    return {part: 1000 * seconds / len(articles) for part, seconds in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    articles = read_articles(args.articles, args.limit)
    words = sum(len(text.split()) for text, _ in articles) / len(articles)
    per_article = profile(articles)
    print(f"{len(articles)} articles, {words:.0f} words on average; ms of CPU per article:")
    for part, ms in per_article.items():
        print(f"  {part:<9} {ms:7.1f}")
    ours = sum(ms for part, ms in per_article.items() if part != "spacy")
    print(f"  {'ours':<9} {ours:7.1f}  (everything but spaCy)")
    print(f"  {'total':<9} {sum(per_article.values()):7.1f}")


if __name__ == "__main__":
    main()
