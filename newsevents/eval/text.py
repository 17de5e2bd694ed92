"""Main-text extraction against gold, newsevents and trafilatura's defaults side by side.

Two gold formats, recognised by their layout:

- trafilatura's evaluation set (``evaldata.json`` + ``html/<file>.gz``): per page, snippets
  that must appear in the text and snippets that must not. Scored as trafilatura scores it: a
  "with" snippet found is a true positive, one missed a false negative; a "without" snippet
  found is a false positive. Counts are summed over pages.
- L3S-GN1 (``input/<id>.html.gz`` + ``GoldStandard/<id>.txt.gz``, the page with every text
  block wrapped in ``<span class="x-nc-selN">``): the gold text is the full-text blocks (sel2).
  Scored by bag-of-tokens and bag-of-4-gram-shingles precision/recall/F1 per page, averaged
  over pages.

Where the gold has titles (trafilatura-eval's ``title``, L3S's headline block), newsevents'
title accuracy is reported too (the same words, case and punctuation aside); trafilatura's
defaults give no title.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.eval.gold import GoldError, open_binary, read_json
from newsevents.eval.metrics import Counts, f1
from newsevents.extract import ExtractionError, extract
from newsevents.extract.decode import decode
from newsevents.records import Document

L3S_LABELS = {
    "x-nc-sel0": "not content",
    "x-nc-sel1": "headline",
    "x-nc-sel2": "full text",
    "x-nc-sel3": "supplemental",
    "x-nc-sel4": "related",
    "x-nc-sel5": "comments",
}
L3S_BLOCK_TAG_LIST = """address article aside blockquote br center dd div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr li nav ol option p pre section table td th title
tr ul"""
L3S_BLOCK_TAGS = frozenset(L3S_BLOCK_TAG_LIST.split())
L3S_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "head", "select", "textarea"})


@dataclass(frozen=True)
class Segment:
    """A run of text of an L3S gold page, the line (block) it sits on, and its label."""

    line: int
    text: str
    label: str


def evaluate_text(gold: Path, limit: int | None = None) -> dict[str, Any]:
    """Score newsevents' main text and trafilatura's on the gold set at ``gold`` (a folder)."""
    gold = Path(gold)
    if (gold / "evaldata.json").is_file():
        return evaluate_snippets(gold, limit)
    if (gold / "GoldStandard").is_dir() and (gold / "input").is_dir():
        return evaluate_l3s(gold, limit)
    raise GoldError(
        gold, "layout", "expected evaldata.json + html/, or GoldStandard/ + input/ (L3S-GN1)"
    )


@dataclass(frozen=True)
class Extraction:
    text: str
    title: str | None = None


Extractor = Callable[[bytes, str | None], Extraction]


def newsevents_extraction(html: bytes, url: str | None) -> Extraction:
    try:
        article = extract(Document(input_id=url or "page", content=html, kind="html", url=url))
    except ExtractionError:
        return Extraction("")
    return Extraction(article.text, article.title)


def trafilatura_extraction(html: bytes, url: str | None) -> Extraction:
    """trafilatura's defaults: main text only, as `trafilatura.extract(html)` gives it."""
    import trafilatura

    return Extraction(trafilatura.extract(html, url=url) or "")


EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("system", newsevents_extraction),
    ("baseline", trafilatura_extraction),
)


def same_title(found: str | None, gold: str) -> bool:
    """Titles match when their words do (case, punctuation and spacing aside)."""
    return tokens(found or "") == tokens(gold)


def title_scores(right: int, pages: int) -> dict[str, Any]:
    return {"accuracy": round(right / pages, 4) if pages else None, "right": right, "pages": pages}


def baseline_name() -> str:
    import trafilatura

    return f"trafilatura {trafilatura.__version__}"


# --- trafilatura-eval: must / must-not snippets --------------------------------------------


def evaluate_snippets(gold: Path, limit: int | None) -> dict[str, Any]:
    items = read_json(gold / "evaldata.json")
    if not isinstance(items, dict):
        raise GoldError(gold / "evaldata.json", "top level", "expected an object keyed by URL")
    skipped: Counter[str] = Counter()
    pages: list[tuple[str, bytes, list[str], list[str], str | None]] = []
    for url, item in items.items():
        if limit is not None and len(pages) >= limit:
            break
        wanted, unwanted = snippet_lists(gold, url, item)
        html_path = gold / "html" / f"{item['file']}.gz"
        if not html_path.is_file():
            skipped["HTML file missing"] += 1
            continue
        title = item.get("title") if isinstance(item.get("title"), str) else None
        with open_binary(html_path) as stream:
            pages.append((url, stream.read(), wanted, unwanted, title))
    scores = {}
    for name, extractor in EXTRACTORS:
        counts = Counts()
        titles_right = titles = 0
        for url, html, wanted, unwanted, gold_title in pages:
            found = extractor(html, url)
            counts += score_snippets(found.text, wanted, unwanted)
            if gold_title:
                titles += 1
                titles_right += same_title(found.title, gold_title)
        scores[name] = counts.to_json()
        if name == "system":
            scores[name]["title"] = title_scores(titles_right, titles)
    return summary("trafilatura-eval snippets", scores, len(pages), skipped)


def snippet_lists(gold: Path, url: str, item: Any) -> tuple[list[str], list[str]]:
    where = f"item {url!r}"
    if not isinstance(item, dict) or not isinstance(item.get("file"), str):
        raise GoldError(gold / "evaldata.json", where, "expected an object with a 'file' name")
    lists = []
    for key in ("with", "without"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            raise GoldError(gold / "evaldata.json", where, f"'{key}' must be a list of strings")
        lists.append(value)
    return lists[0], lists[1]


def score_snippets(text: str, wanted: list[str], unwanted: list[str]) -> Counts:
    flat = " ".join(text.split())
    found_wanted = sum(" ".join(s.split()) in flat for s in wanted)
    found_unwanted = sum(" ".join(s.split()) in flat for s in unwanted)
    return Counts(tp=found_wanted, fp=found_unwanted, fn=len(wanted) - found_wanted)


# --- L3S-GN1: annotated gold text ----------------------------------------------------------


def evaluate_l3s(gold: Path, limit: int | None) -> dict[str, Any]:
    skipped: Counter[str] = Counter()
    pages: list[tuple[bytes, str, str | None]] = []
    for gold_path in sorted((gold / "GoldStandard").glob("*.txt.gz")):
        if limit is not None and len(pages) >= limit:
            break
        page_id = gold_path.name.removesuffix(".txt.gz")
        html_path = gold / "input" / f"{page_id}.html.gz"
        if not html_path.is_file():
            skipped["original HTML missing"] += 1
            continue
        segments = list(l3s_segments(read_html_text(gold_path)))
        gold_text = "\n".join(text_by_line(s for s in segments if s.label == "full text").values())
        if not tokens(gold_text):
            skipped["no full-text block in the gold"] += 1
            continue
        headlines = text_by_line(s for s in segments if s.label == "headline")
        with open_binary(html_path) as stream:
            pages.append((stream.read(), gold_text, next(iter(headlines.values()), None)))
    scores = {}
    for name, extractor in EXTRACTORS:
        token_scores, shingle_scores = [], []
        titles_right = titles = 0
        for html, gold_text, gold_title in pages:
            found = extractor(html, None)
            predicted, expected = tokens(found.text), tokens(gold_text)
            token_scores.append(overlap_scores(Counter(predicted), Counter(expected)))
            shingle_scores.append(overlap_scores(shingles(predicted), shingles(expected)))
            if gold_title:
                titles += 1
                titles_right += same_title(found.title, gold_title)
        scores[name] = {
            **mean_scores(token_scores),
            "shingles": mean_scores(shingle_scores),
        }
        if name == "system":
            scores[name]["title"] = title_scores(titles_right, titles)
    return summary("L3S-GN1 tokens", scores, len(pages), skipped)


def read_html_text(path: Path) -> str:
    with open_binary(path) as stream:
        raw = stream.read()
    try:
        return decode(raw, html=True)
    except ExtractionError as error:
        raise GoldError(path, "page", str(error)) from None


def l3s_segments(html: str) -> Iterator[Segment]:
    """The visible text runs of an L3S annotated page, in order, with their block and label."""
    import lxml.html

    # lxml refuses a str that still declares its encoding
    root = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", html))
    line = 0

    def walk(element: Any, label: str) -> Iterator[Segment]:
        nonlocal line
        tag = element.tag if isinstance(element.tag, str) else ""
        classes = (element.get("class") or "").split() if tag else []
        if tag in L3S_SKIPPED_TAGS or "x-nc-invisible" in classes or not tag:
            return
        label = next((L3S_LABELS[c] for c in classes if c in L3S_LABELS), label)
        block = tag in L3S_BLOCK_TAGS
        line += block
        if element.text and element.text.strip():
            yield Segment(line, element.text, label)
        for child in element:
            yield from walk(child, label)
            if child.tail and child.tail.strip():
                yield Segment(line, child.tail, label)
        line += block

    yield from walk(root, "not content")


def text_by_line(segments: Iterable[Segment]) -> dict[int, str]:
    """The text of each block line, its runs joined as the page joins them, in page order."""
    runs: dict[int, list[str]] = defaultdict(list)
    for segment in segments:
        runs[segment.line].append(segment.text)
    return {line: " ".join("".join(parts).split()) for line, parts in runs.items()}


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def shingles(words: list[str], n: int = 4) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 0)))


def overlap_scores(predicted: Counter[Any], expected: Counter[Any]) -> tuple[float, float, float]:
    common = sum((predicted & expected).values())
    precision = common / sum(predicted.values()) if predicted else 0.0
    recall = common / sum(expected.values()) if expected else 0.0
    return precision, recall, f1(precision, recall)


def mean_scores(per_page: list[tuple[float, float, float]]) -> dict[str, float]:
    n = max(len(per_page), 1)
    return {
        name: round(sum(scores[k] for scores in per_page) / n, 4)
        for k, name in enumerate(("precision", "recall", "f1"))
    }


def summary(
    metric: str, scores: dict[str, dict[str, Any]], pages: int, skipped: Counter[str]
) -> dict[str, Any]:
    return {
        "metric": metric,
        "system": {"name": "newsevents", **scores["system"]},
        "baseline": {"name": baseline_name(), **scores["baseline"]},
        "pages": pages,
        "skipped": sum(skipped.values()),
        "skipped_reasons": dict(skipped.most_common()),
    }
