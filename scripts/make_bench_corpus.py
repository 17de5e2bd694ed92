#!/usr/bin/env python
"""Write a benchmark corpus of news articles cut to a fixed length, as JSON Lines.

    python scripts/make_bench_corpus.py ../shared/data/dev/hrdsattack /tmp/news600.jsonl

The issues' speed bars are set on 600-word news articles; this takes the full-text articles of
the hrdsattack dev set (train + dev), keeps those with at least WORDS words, and cuts each to
its first WORDS words (at a word boundary, keeping paragraph breaks).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from newsevents.eval.events import html_to_text

WORDS = 600


def cut(text: str, words: int) -> str | None:
    spans = list(re.finditer(r"\S+", text))
    return text[: spans[words - 1].end()] if len(spans) >= words else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hrdsattack", type=Path, help="the hrdsattack dev-set folder")
    parser.add_argument("out", type=Path)
    parser.add_argument("--words", type=int, default=WORDS)
    options = parser.parse_args()
    written = 0
    with options.out.open("w", encoding="utf-8") as out:
        for name in ("train.json", "dev.json"):
            for record in json.loads((options.hrdsattack / name).read_text(encoding="utf-8")):
                sample = record["sample"]
                text = cut(html_to_text(sample["Input.article_interface"]), options.words)
                if text is None:
                    continue
                line = {
                    "id": f"hrdsattack-{sample['Input.GLOBALEVENTID']}",
                    "title": sample.get("Input.title"),
                    "published": (sample.get("Input.publish_date") or "")[:10] or None,
                    "text": text,
                }
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                written += 1
    print(f"{written} articles of {options.words} words -> {options.out}")


if __name__ == "__main__":
    main()
