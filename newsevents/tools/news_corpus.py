"""Write the speed benchmark's news corpus as JSON Lines: whole news articles, as published.

    python -m newsevents.tools.news_corpus ../shared/data /tmp/news1000.jsonl [--count 1000]

Issue 13 measures speed on 1,000 news articles: the Voice of America stories
(``voa/voa_stories.jsonl``, 89), then the full texts of the hrdsattack dev set (train + dev,
400), then Gun Violence Archive articles (``dev/gva``) in file order until ``count`` is reached.
Texts are kept whole (no cut), so the corpus has the lengths of real news.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsevents.eval.events import html_to_text
from newsevents.eval.gold import LoadLog
from newsevents.eval.gva import gva_articles


def voa(data: Path) -> Iterator[dict[str, Any]]:
    with (data / "voa" / "voa_stories.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            story = json.loads(line)
            yield {
                "id": f"voa-{story['id']}",
                "url": story["url"],
                "title": story["title"],
                "published": story["published"],
                "source": "VOA",
                "text": story["text"],
            }


def hrdsattack(data: Path) -> Iterator[dict[str, Any]]:
    for name in ("train.json", "dev.json"):
        path = data / "dev" / "hrdsattack" / name
        for record in json.loads(path.read_text(encoding="utf-8")):
            sample = record["sample"]
            yield {
                "id": f"hrdsattack-{sample['Input.GLOBALEVENTID']}",
                "title": sample.get("Input.title"),
                "published": (sample.get("Input.publish_date") or "")[:10] or None,
                "text": html_to_text(sample["Input.article_interface"]),
            }


def gva(data: Path) -> Iterator[dict[str, Any]]:
    for article in gva_articles(data / "dev" / "gva" / "incidents_dev.jsonl.gz", LoadLog()):
        yield {
            "id": f"gva-{article.id}",
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "text": article.text,
        }


def news_articles(data: Path, count: int) -> Iterator[dict[str, Any]]:
    written = 0
    for source in (voa, hrdsattack, gva):
        for article in source(data):
            if written == count:
                return
            if article["text"].strip():
                written += 1
                yield article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="../shared/data (with voa/ and dev/)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    options = parser.parse_args(argv)
    words = written = 0
    with options.out.open("w", encoding="utf-8") as out:
        for article in news_articles(options.data, options.count):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
            words += len(article["text"].split())
            written += 1
    print(f"{written} articles, {words / max(written, 1):.0f} words on average -> {options.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
