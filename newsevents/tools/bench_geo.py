"""Speed of the geo stage alone: articles per second on one core, the spaCy parse excluded.

    python -m newsevents.tools.bench_geo ../shared/data/dev/geoparsing/lgl.xml [--limit 200]

Parses every article first (the ``nlp`` stage's work, not timed), then times the ``geo``
component over the parsed readings, after one warm-up pass that loads the gazetteer.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsevents.eval.bench import peak_rss_mb
from newsevents.geo.component import GeoComponent
from newsevents.nlp import load_language
from newsevents.records import Article, Reading
from newsevents.tools.train_geo import read_gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="an LGL/GeoVirus-style XML file")
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    texts = [a.text for a in read_gold(args.gold)][: args.limit]
    nlp = load_language()
    readings = []
    for number, doc in enumerate(nlp.pipe(texts)):
        article = Article(id=str(number), input_id=str(number), text=doc.text)
        readings.append(Reading(article=article, doc=doc))
    geo = GeoComponent()
    geo(readings[0])
    started = time.process_time()
    for reading in readings:
        geo(reading)
    seconds = time.process_time() - started
    peak_mb = peak_rss_mb()
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(
        f"geo: {len(readings)} articles ({words:.0f} words on average) in {seconds:.2f} s CPU: "
        f"{len(readings) / seconds:.0f} articles/s per core; peak RSS {peak_mb:.0f} MB "
        f"(spaCy included)"
    )


if __name__ == "__main__":
    main()
