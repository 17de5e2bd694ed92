"""Train the line classifier for pages saved as text, from the L3S-GN1 annotated news pages.

Each annotated page is rendered as the lines a browser's "save as text" would give (one line
per block element), every line labelled with the annotators' label that covers most of its
characters. Two logistic regressions are fitted on the features of ``lines.py``: one says
whether a line is article prose (see ``is_body``), the other whether it is the headline. Scores
are measured against all the annotated full text, fragments included. The body model's
threshold is chosen by 4-fold cross-validation on the training pages (token F1), the headline
model's on the same folds (pages whose headline is found, or that have none and are given
none). Pages are split by a hash of their id: 80% to train, 20% held out to measure; the
shipped weights are then refitted on all pages. Rebuild with::

    newsevents train boilerplate ../shared/data/dev/l3s-gn1-googlenews

It writes ``newsevents/extract/boilerplate.json`` (weights, thresholds, feature names and the
held-out scores) and prints the held-out scores. ``--check-snippets ../shared/data/dev/
trafilatura-eval`` instead scores the shipped model on that set's pages rendered as text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsevents.eval.gold import read_json
from newsevents.eval.metrics import Counts
from newsevents.eval.text import (
    l3s_segments,
    overlap_scores,
    read_html_text,
    score_snippets,
    snippet_lists,
    text_by_line,
    tokens,
)
from newsevents.extract.base import ExtractionError
from newsevents.extract.lines import (
    FEATURE_NAMES,
    TERMINAL,
    TITLE_FEATURE_NAMES,
    page_features,
    words,
)
from newsevents.extract.text import (
    MODEL_FILE,
    LineModel,
    best_headline,
    body_lines,
    headline_candidates,
    read_text_page,
    select_body,
)

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
TITLE_THRESHOLDS = (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
FOLDS = 4


@dataclass(frozen=True)
class Page:
    lines: list[str]
    labels: list[str]
    features: list[list[float]]


def labelled_page(gold_path: Path) -> Page:
    segments = list(l3s_segments(read_html_text(gold_path)))
    characters: dict[int, Counter[str]] = defaultdict(Counter)
    for segment in segments:
        characters[segment.line][segment.label] += len(segment.text.strip())
    lines, labels = [], []
    for number, line in text_by_line(segments).items():
        if line:
            lines.append(line)
            labels.append(characters[number].most_common(1)[0][0])
    return Page(lines, labels, page_features(lines))


def held_out(page_id: str) -> bool:
    return int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 5 == 0


def is_body(line: str, label: str) -> bool:
    """What the body model learns to keep: the article's prose, that is the full-text lines that
    are sentences or long runs of words. Full-text fragments (subheadings, list stubs) are left
    out on purpose: they carry little for event coding and look exactly like the teasers of
    other stories that must never be read as this article's news."""
    return label == "full text" and (bool(TERMINAL.search(line)) or len(words(line)) >= 12)


def fit_body(pages: Sequence[Page]) -> LineModel:
    rows = [row for page in pages for row in page.features]
    targets = [
        is_body(line, label)
        for page in pages
        for line, label in zip(page.lines, page.labels, strict=True)
    ]
    return fit(rows, targets)


def fit_models(
    pages: Sequence[Page],
    thresholds: tuple[float, float],
    body: LineModel | None = None,
) -> tuple[LineModel, LineModel]:
    """The body model on every line; the headline model on the lines above the predicted body."""
    body = replace(body or fit_body(pages), threshold=thresholds[0])
    title_rows: list[list[float]] = []
    title_targets: list[bool] = []
    for page in pages:
        predicted = select_body(page.lines, page.features, body)
        candidates = headline_candidates(page.lines, page.features, predicted)
        title_rows.extend(candidates)
        title_targets.extend(label == "headline" for label in page.labels[: len(candidates)])
    title = replace(fit(title_rows, title_targets), threshold=thresholds[1])
    return body, title


def fit(rows: Sequence[Sequence[float]], targets: Sequence[bool]) -> LineModel:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000).fit(rows, targets)
    return LineModel(weights=[float(w) for w in model.coef_[0]], bias=float(model.intercept_[0]))


def choose_thresholds(pages: Sequence[Page]) -> tuple[float, float]:
    """The body threshold with the best mean token F1 over cross-validation folds, and the
    headline threshold with the most pages right at that body threshold."""
    token_f1: dict[float, float] = dict.fromkeys(THRESHOLDS, 0.0)
    titles_right: Counter[tuple[float, float]] = Counter()
    for fold in range(FOLDS):
        train = [p for i, p in enumerate(pages) if i % FOLDS != fold]
        test = [p for i, p in enumerate(pages) if i % FOLDS == fold]
        body = fit_body(train)
        for threshold in THRESHOLDS:
            models = fit_models(train, (threshold, 0.0), body)
            token_f1[threshold] += score(test, *models)["token_f1"]
            for page in test:
                best = best_headline(
                    page.lines,
                    page.features,
                    select_body(page.lines, page.features, models[0]),
                    models[1],
                )
                for title_threshold in TITLE_THRESHOLDS:
                    title_at = best[0] if best and best[1] >= title_threshold else None
                    titles_right[threshold, title_threshold] += headline_right(page, title_at)
    body_threshold = max(THRESHOLDS, key=lambda t: token_f1[t])
    title_threshold = max(TITLE_THRESHOLDS, key=lambda t: titles_right[body_threshold, t])
    return body_threshold, title_threshold


def headline_right(page: Page, title_at: int | None) -> bool:
    """The annotated headline found, or no headline claimed on a page that has none."""
    if "headline" not in page.labels:
        return title_at is None
    return title_at is not None and page.labels[title_at] == "headline"


def score(pages: Sequence[Page], body: LineModel, title: LineModel) -> dict[str, float]:
    token_scores = []
    titles_right = 0
    for page in pages:
        kept, title_at = body_lines(page.lines, page.features, body, title)
        predicted = tokens(" ".join(page.lines[i] for i in kept))
        expected = tokens(
            " ".join(
                line
                for line, label in zip(page.lines, page.labels, strict=True)
                if label == "full text"
            )
        )
        if expected:
            token_scores.append(overlap_scores(Counter(predicted), Counter(expected)))
        titles_right += headline_right(page, title_at)
    n = max(len(token_scores), 1)
    return {
        "pages": len(pages),
        "token_precision": round(sum(s[0] for s in token_scores) / n, 4),
        "token_recall": round(sum(s[1] for s in token_scores) / n, 4),
        "token_f1": round(sum(s[2] for s in token_scores) / n, 4),
        "headline_accuracy": round(titles_right / max(len(pages), 1), 4),
    }


def snippet_check(gold: Path) -> dict[str, Any]:
    """The shipped classifier on another set's pages rendered as text (trafilatura-eval's
    must/must-not snippets): how well it carries over to pages it was not trained on."""
    items = read_json(gold / "evaldata.json")
    counts = Counts()
    pages = 0
    for url, item in items.items():
        wanted, unwanted = snippet_lists(gold, url, item)
        html_path = gold / "html" / f"{item['file']}.gz"
        if not html_path.is_file():
            continue
        page = "\n".join(text_by_line(l3s_segments(read_html_text(html_path))).values())
        try:
            text = read_text_page(page).text
        except ExtractionError:
            text = ""
        counts += score_snippets(text, wanted, unwanted)
        pages += 1
    return {"pages": pages, **counts.to_json()}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("l3s", type=Path, help="the l3s-gn1-googlenews folder")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument(
        "--check-snippets",
        type=Path,
        metavar="FOLDER",
        help="only score the shipped model on a trafilatura-eval folder's pages rendered as text",
    )
    args = parser.parse_args(argv)
    if args.check_snippets:
        print(json.dumps(snippet_check(args.check_snippets), indent=2))
        return

    train: list[Page] = []
    test: list[Page] = []
    for gold_path in sorted((args.l3s / "GoldStandard").glob("*.txt.gz")):
        (test if held_out(gold_path.name) else train).append(labelled_page(gold_path))

    thresholds = choose_thresholds(train)
    scores = {
        "body_threshold": thresholds[0],
        "headline_threshold": thresholds[1],
        **score(test, *fit_models(train, thresholds)),
    }
    print(json.dumps({"held_out": scores}, indent=2))
    body, title = fit_models(train + test, thresholds)
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
