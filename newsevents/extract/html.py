"""HTML page -> main text, title, publication date and site name, parsing the page once.

The main text is trafilatura's (comments left out: readers' comments are not the article).
The metadata comes from the same lxml tree: trafilatura's meta-tag and JSON-LD readers for the
title and site name, htmldate for the date, from the page's markup and URL only: a page that
states no date gets None rather than the first date found in its text.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from newsevents.extract.base import ExtractedPage, ExtractionError
from newsevents.extract.outlets import canonical_name

MIN_WORDS = 8  # fewer is a menu or an error page, not an article


def read_html(html: str, url: str | None = None) -> ExtractedPage:
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise ExtractionError("not an HTML page (nothing to parse)")
    title, source = _title_and_site(tree)
    published = _publication_date(tree, url)
    # bare_extraction copies the tree before pruning it, so the metadata readers above and the
    # text extraction below see the same page.
    result = trafilatura.bare_extraction(tree, url=url, include_comments=False)
    found = getattr(result, "text", None) or ""  # a trafilatura Document, or None
    paragraphs = [p.strip() for p in found.splitlines() if p.strip()]
    if paragraphs and title and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]  # the headline: it is the title, not the body
    words = sum(len(p.split()) for p in paragraphs)
    if words < MIN_WORDS:
        raise ExtractionError(f"no main text found in the HTML page ({words} words)")
    return ExtractedPage(
        text="\n\n".join(paragraphs), title=title, published=published, source=source
    )


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def _title_and_site(tree: Any) -> tuple[str | None, str | None]:
    from trafilatura.metadata import (
        examine_meta,
        extract_meta_json,
        extract_sitename,
        extract_title,
    )

    metadata = examine_meta(tree)
    with contextlib.suppress(Exception):  # malformed JSON-LD must not cost us the article
        metadata = extract_meta_json(tree, metadata)
    title = metadata.title or extract_title(tree)
    site = metadata.sitename or extract_sitename(tree)
    site = site.lstrip("@").strip() if site else None
    return (title or None), (canonical_name(site) if site else None)


def _publication_date(tree: Any, url: str | None) -> date | None:
    from htmldate import find_date

    # The extensive search (dates anywhere in the text, through dateparser) costs twenty times
    # more and, on pages with metadata, finds almost nothing the markup search misses.
    found = find_date(tree, extensive_search=False, original_date=True, url=url)
    return date.fromisoformat(found) if found else None
