"""Huge pages are cut to a bound with a warning, and a 50 MB page stays within the item budget."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newsevents.extract.oversize as oversize
from newsevents.extract import read_document
from newsevents.records import Document

ARTICLE = "".join(
    f"<p>Paragraph {i}: the river rose overnight and forced hundreds of families from their "
    "homes in the valley, officials said on Monday.</p>"
    for i in range(6)
)


def page(filler_chars: int, script: str = "") -> str:
    """A news page followed by ``filler_chars`` of comment boxes (or nothing)."""
    boxes = []
    size = i = 0
    while size < filler_chars:
        box = f'<div class="c"><span>User {i}</span><p>Comment {i}: the roads were shut.</p></div>'
        boxes.append(box)
        size += len(box)
        i += 1
    return (
        "<html><head><title>Floods hit the valley - Daily Planet</title>"
        f'<meta property="og:site_name" content="Daily Planet">{script}</head><body>'
        f"<article><h1>Floods hit the valley</h1>{ARTICLE}</article>"
        f"<section>{''.join(boxes)}</section></body></html>"
    )


def test_a_page_within_the_bounds_is_read_whole_without_warnings() -> None:
    extraction = read_document(Document("p", page(5_000).encode(), "html"))
    assert extraction.warnings == ()
    assert "Paragraph 5" in extraction.article.text


def test_a_page_past_the_element_bound_is_cut_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(oversize, "MAX_ELEMENTS", 40)
    extraction = read_document(Document("p", page(200_000).encode(), "html"))
    [warning] = extraction.warnings
    assert warning.startswith("extract: page too large to read whole: read up to element 41 and")
    assert extraction.article.text.startswith("Paragraph 0: the river rose")
    assert extraction.article.title == "Floods hit the valley"


def test_scripts_and_styles_go_before_anything_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oversize, "MAX_ELEMENTS", 40)
    scripts = "<script>var x = 1;</script><style>p {}</style>" * 50
    extraction = read_document(Document("p", page(0, scripts).encode(), "html"))
    assert extraction.warnings == ()
    assert "Paragraph 5" in extraction.article.text


def test_one_huge_paragraph_is_cut_at_the_text_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oversize, "MAX_TEXT_CHARS", 5_000)
    sentences = "".join(f"Officials said the river rose {i} inches on Monday. " for i in range(999))
    html = f"<html><body><article><p>{sentences}</p></article></body></html>"
    extraction = read_document(Document("p", html.encode(), "html"))
    assert 4_000 < len(extraction.article.text) <= 5_000
    assert "5,000 characters of text" in extraction.warnings[0]


def test_markup_past_its_bound_is_cut_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oversize, "MAX_MARKUP_CHARS", 3_000)
    extraction = read_document(Document("p", page(100_000).encode(), "html"))
    assert extraction.warnings[0].startswith("extract: page of ")
    assert "read up to character 3,000" in extraction.warnings[0]
    assert extraction.article.text.startswith("Paragraph 0")


@pytest.mark.slow
def test_a_50_mb_page_with_the_limit_raised_finishes_in_budget_and_the_batch_comes_out(
    tmp_path: Path,
) -> None:
    big = tmp_path / "big.html"
    big.write_text(page(50_000_000), encoding="utf-8")
    small = tmp_path / "small.html"
    small.write_text(page(0), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "newsevents", "extract", "--stages", "", str(big), str(small)],
        capture_output=True,
        text=True,
        env={"NEWSEVENTS_MAX_BYTES": "100000000", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    elapsed = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kB on Linux
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("== Floods hit the valley") == 2
    assert "page too large to read whole" in done.stderr
    assert elapsed < 60
    assert peak < 2_000_000_000
