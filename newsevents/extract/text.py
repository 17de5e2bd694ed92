"""Plain text that still carries its page's chrome -> body, title, date and outlet.

Every line is scored by two small logistic regressions over the features of ``lines.py``
(weights in ``boilerplate.json``, trained by ``newsevents train boilerplate`` on annotated news
pages): is it article body, is it the headline. The body is the lines scored as body; the
title is the best-scoring headline line above the body; the date is a date written on a short
line near the title; the outlet is the one the chrome names most often.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from newsevents.extract.base import ExtractedPage, ExtractionError
from newsevents.extract.dates import find_date
from newsevents.extract.lines import (
    FEATURE_NAMES,
    TITLE_FEATURE_NAMES,
    is_plain_sentence,
    is_prose,
    page_features,
    title_features,
    words,
)
from newsevents.extract.outlets import outlet_in_chrome

MODEL_FILE = Path(__file__).with_name("boilerplate.json")
LEDE_LINES = 5  # body lines whose words a headline is expected to share
DATE_WINDOW = 4  # lines around the title searched for the publication date
DATE_LINE_MAX_WORDS = 12
MAX_WRAP_WIDTH = 100  # lines of hard-wrapped text (email, terminal dumps) are at most this long
WRAP_SLACK = 15  # a wrapped line ends this close to the wrap width
MIN_WRAPPED_LINES = 3
LEDE_GAP = 2  # short lines that may stand between the lede and the body
MAX_GAP_WORDS = 12  # the bound of lines.py's short lines


@dataclass(frozen=True)
class LineModel:
    """A logistic regression over line features, and the probability from which it says yes."""

    weights: list[float]
    bias: float
    threshold: float = 0.5

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def to_json(self) -> dict[str, Any]:
        return {
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
        }


@cache
def trained_models() -> tuple[LineModel, LineModel]:
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if model["features"] != list(FEATURE_NAMES) or model["title_features"] != list(
        TITLE_FEATURE_NAMES
    ):
        raise RuntimeError(f"{MODEL_FILE} was trained on other features: retrain it")
    return LineModel(**model["body"]), LineModel(**model["title"])


def read_text_page(text: str) -> ExtractedPage:
    lines = page_lines(text)
    body_model, title_model = trained_models()
    kept, title_at = body_lines(lines, page_features(lines), body_model, title_model)
    if not kept:
        raise ExtractionError("no article text found among the page's lines")
    body = set(kept)
    chrome = [line for i, line in enumerate(lines) if i not in body and i != title_at]
    return ExtractedPage(
        text="\n\n".join(lines[i] for i in kept),
        title=lines[title_at] if title_at is not None else None,
        published=publication_date(lines, title_at, kept[0]),
        source=outlet_in_chrome(chrome),
    )


def page_lines(text: str) -> list[str]:
    """The non-blank lines of a page, whitespace collapsed; hard-wrapped paragraphs re-joined."""
    raw = [" ".join(line.split()) for line in text.splitlines()]
    width = wrap_width([line for line in raw if line])
    if width is None:
        return [line for line in raw if line]
    lines: list[str] = []
    continued = False
    for line in raw:
        if line and continued:
            lines[-1] = f"{lines[-1]} {line}"
        elif line:
            lines.append(line)
        continued = bool(line) and len(line) >= width - WRAP_SLACK
    return lines


def wrap_width(lines: Sequence[str]) -> int | None:
    """The column a hard-wrapped page breaks its lines at, or None for a page that isn't.

    Unwrapped paragraphs run past any terminal's width; wrapped ones stop at it, several lines
    ending within a few characters of the same column.
    """
    width = max((len(line) for line in lines), default=0)
    if width > MAX_WRAP_WIDTH:
        return None
    near_width = sum(len(line) >= width - WRAP_SLACK for line in lines)
    return width if near_width >= MIN_WRAPPED_LINES else None


def body_lines(
    lines: Sequence[str],
    features: Sequence[Sequence[float]],
    body_model: LineModel,
    title_model: LineModel,
) -> tuple[list[int], int | None]:
    """Indices of the body lines, and of the headline (None when no line looks like one)."""
    body = select_body(lines, features, body_model)
    best = best_headline(lines, features, body, title_model)
    title_at = best[0] if best is not None and best[1] >= title_model.threshold else None
    return [i for i in body if i != title_at], title_at


def best_headline(
    lines: Sequence[str],
    features: Sequence[Sequence[float]],
    body: Sequence[int],
    title_model: LineModel,
) -> tuple[int, float] | None:
    """The line above the body most like a headline, and how likely it is one."""
    candidates = headline_candidates(lines, features, body)
    scored = [(title_model.probability(row), -i) for i, row in enumerate(candidates)]
    if not scored:
        return None
    probability, minus_index = max(scored)
    return -minus_index, probability


def select_body(
    lines: Sequence[str], features: Sequence[Sequence[float]], body_model: LineModel
) -> list[int]:
    """The lines the model scores as body, each followed by the plain sentences that run on from
    it (a short closing paragraph), and preceded by its lede when a photo credit or caption
    stands between them; in a page where the model finds no body at all (a few plain
    sentences, no chrome), every plain sentence."""
    body = [
        i for i, row in enumerate(features) if body_model.probability(row) >= body_model.threshold
    ]
    if not body:
        return [i for i, line in enumerate(lines) if is_plain_sentence(line)]
    widened = set(body)
    for i in range(body[0], len(lines)):
        if i - 1 in widened and is_plain_sentence(lines[i]):
            widened.add(i)
    lede = lede_before(lines, body[0])
    return sorted(widened if lede is None else widened | {lede})


def lede_before(lines: Sequence[str], first_body: int) -> int | None:
    """The line of the lede above the body, if there is one: prose, with nothing but short
    lines (a photo credit, a caption, "Get short URL") between it and the body. Pages often set
    the lede apart from the body (bold, above the main photo), and the lines around it then
    look like chrome to the model."""
    for i in range(first_body - 1, max(first_body - 1 - LEDE_GAP, -1) - 1, -1):
        if is_prose(lines[i]) and is_plain_sentence(lines[i]):
            return i
        if len(words(lines[i])) >= MAX_GAP_WORDS:
            return None
    return None


def headline_candidates(
    lines: Sequence[str], features: Sequence[Sequence[float]], body: Sequence[int]
) -> list[list[float]]:
    """Features of the lines above the body (the only places a headline can be), in order."""
    first_body = body[0] if body else len(lines)
    lede = " ".join(lines[i] for i in body[:LEDE_LINES])
    extra = title_features(lines, first_body, lede)
    return [[*features[i], *extra[i]] for i in range(first_body)]


def publication_date(lines: Sequence[str], title_at: int | None, first_body: int) -> date | None:
    """A date standing on a short line near the title (near the body's start when no title)."""
    anchor = first_body if title_at is None else title_at
    candidates = range(max(anchor - DATE_WINDOW, 0), anchor + DATE_WINDOW + 1)
    for i in sorted(candidates, key=lambda i: abs(i - anchor)):
        if i < len(lines) and len(words(lines[i])) <= DATE_LINE_MAX_WORDS:
            found = find_date(lines[i])
            if found is not None:
                return found
    return None
