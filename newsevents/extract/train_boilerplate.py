"""Train the line classifier for pages saved as text, from the L3S-GN1 annotated news pages.

Each annotated page is rendered as the lines a browser's "save as text" would give (one line
per block element), every line labelled with the annotators' label that covers most of its
characters. Two logistic regressions are fitted on the features of ``lines.py``: one says
whether a line is article body ("full text"), the other whether it is the headline. Pages are
split by a hash of their id: 80% to train, 20% held out to measure; the shipped weights are then
refitted on all pages. Rebuild with::

    python -m newsevents.extract.train_boilerplate ../shared/data/dev/l3s-gn1-googlenews

It writes ``newsevents/extract/boilerplate.json`` (weights, feature names and the held-out
scores) and prints the held-out scores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsevents.eval.text import l3s_segments, overlap_scores, read_html_text, tokens
from newsevents.extract.lines import FEATURE_NAMES, TITLE_FEATURE_NAMES, page_features
from newsevents.extract.text import (
    BODY_THRESHOLD,
    MODEL_FILE,
    LineModel,
    body_lines,
    headline_candidates,
)

Page = tuple[list[str], list[str]]  # lines, labels


def labelled_lines(gold_path: Path) -> Page:
    characters: dict[int, Counter[str]] = defaultdict(Counter)
    texts: dict[int, list[str]] = defaultdict(list)
    for segment in l3s_segments(read_html_text(gold_path)):
        texts[segment.line].append(segment.text)
        characters[segment.line][segment.label] += len(segment.text.strip())
    lines, labels = [], []
    for number in sorted(texts):
        line = " ".join(" ".join(texts[number]).split())
        if line:
            lines.append(line)
            labels.append(characters[number].most_common(1)[0][0])
    return lines, labels


def held_out(page_id: str) -> bool:
    return int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 5 == 0


def fit_models(pages: Sequence[Page]) -> tuple[LineModel, LineModel]:
    """The body model on every line; the headline model on the lines above the predicted body."""
    features = [page_features(lines) for lines, _ in pages]
    body_rows = [row for rows in features for row in rows]
    body_targets = [label == "full text" for _, labels in pages for label in labels]
    body = fit(body_rows, body_targets)
    title_rows: list[list[float]] = []
    title_targets: list[bool] = []
    for (lines, labels), rows in zip(pages, features, strict=True):
        predicted = [i for i, row in enumerate(rows) if body.probability(row) >= BODY_THRESHOLD]
        candidates = headline_candidates(lines, rows, predicted)
        title_rows.extend(candidates)
        title_targets.extend(label == "headline" for label in labels[: len(candidates)])
    return body, fit(title_rows, title_targets)


def fit(rows: Sequence[Sequence[float]], targets: Sequence[bool]) -> LineModel:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000).fit(rows, targets)
    return LineModel(weights=[float(w) for w in model.coef_[0]], bias=float(model.intercept_[0]))


def score(pages: Sequence[Page], body: LineModel, title: LineModel) -> dict[str, float]:
    token_scores = []
    titles_right = titles_gold = 0
    for lines, labels in pages:
        features = page_features(lines)
        kept, title_at = body_lines(lines, features, body, title)
        predicted = tokens(" ".join(lines[i] for i in kept))
        expected = tokens(
            " ".join(line for line, lab in zip(lines, labels, strict=True) if lab == "full text")
        )
        if expected:
            token_scores.append(overlap_scores(Counter(predicted), Counter(expected)))
        if "headline" in labels:
            titles_gold += 1
            titles_right += title_at is not None and labels[title_at] == "headline"
    n = max(len(token_scores), 1)
    return {
        "pages": len(pages),
        "token_precision": round(sum(s[0] for s in token_scores) / n, 4),
        "token_recall": round(sum(s[1] for s in token_scores) / n, 4),
        "token_f1": round(sum(s[2] for s in token_scores) / n, 4),
        "title_accuracy": round(titles_right / max(titles_gold, 1), 4),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("l3s", type=Path, help="the l3s-gn1-googlenews folder")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)

    train: list[Page] = []
    test: list[Page] = []
    for gold_path in sorted((args.l3s / "GoldStandard").glob("*.txt.gz")):
        page = labelled_lines(gold_path)
        (test if held_out(gold_path.name) else train).append(page)

    scores = score(test, *fit_models(train))
    print(json.dumps({"held_out": scores}, indent=2))
    body, title = fit_models(train + test)
    model: dict[str, Any] = {
        "about": "Line classifier for news pages saved as text; see train_boilerplate.py.",
        "trained_on": f"L3S-GN1, {len(train) + len(test)} pages",
        "held_out": scores,
        "features": list(FEATURE_NAMES),
        "title_features": list(TITLE_FEATURE_NAMES),
        "body": body.to_json(),
        "title": title.to_json(),
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
