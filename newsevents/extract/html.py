"""HTML page -> main text, title, publication date and site name, parsing the page once.

The main text is trafilatura's (comments left out: readers' comments are not the article).
The metadata comes from the same lxml tree: trafilatura's meta-tag and JSON-LD readers for the
title and site name, htmldate for the date, from the page's markup and URL only: a page that
states no date gets None rather than the first date found in its text. The title is cut down
to the headline (no site or section name), and the headline is not repeated as the body's
first paragraph.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date
from typing import Any
from urllib.parse import urljoin

from newsevents.extract.base import ExtractedPage, ExtractionError
from newsevents.extract.lines import FUNCTION_WORDS
from newsevents.extract.outlets import canonical_name
from newsevents.extract.oversize import cut_markup, cut_tree

# Where a page names its own address, most trusted first.
OWN_URL = (
    "//link[translate(@rel, 'CANONICAL', 'canonical')='canonical']/@href",
    "//meta[@property='og:url' or @name='og:url']/@content",
)
MIN_WORDS = 8  # fewer is a menu or an error page, not an article
DESCRIPTION = "//meta[@name='description' or @property='og:description']/@content"
OPENING_WITH = "//body//*[starts-with(normalize-space(text()), $start)]"
LEDE_KEY_WORDS = 8  # of the description, that the lede must open with
MAX_LEDE_WORDS = 80  # longer is the article's container, not its lede
MAX_HEADINGS = 5
LEDE_PARAGRAPHS = 3
# " | ", " - ", " — ", " » ", " :: ", "_" between the headline and the site or section name
TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·»›/-]|::)\s+|\s*::\s*|_(?=[A-Z])")


def read_html(html: str, url: str | None = None) -> ExtractedPage:
    import trafilatura
    from trafilatura.utils import load_html

    html, markup_cut = cut_markup(html)
    tree = load_html(html)
    if tree is None:
        raise ExtractionError("not an HTML page (nothing to parse)")
    warnings = tuple(filter(None, (markup_cut, cut_tree(tree))))
    headings = _headings(tree)
    title, source = _title_and_site(tree, headings)
    own_url = page_url(tree, url)
    published = _publication_date(tree, url)
    # bare_extraction copies the tree before pruning it, so the metadata readers above and the
    # text extraction below see the same page.
    result = trafilatura.bare_extraction(tree, url=url, include_comments=False)
    found = getattr(result, "text", None) or ""  # a trafilatura Document, or None
    paragraphs = [p.strip() for p in found.splitlines() if p.strip()]
    title = _about_the_body(title, headings, " ".join(paragraphs[:LEDE_PARAGRAPHS]))
    if paragraphs and title and _folded(paragraphs[0]) == _folded(title):
        paragraphs = paragraphs[1:]  # the headline: it is the title, not the body
    if paragraphs and (lede := standfirst(tree, paragraphs)):
        paragraphs.insert(0, lede)
    words = sum(len(p.split()) for p in paragraphs)
    if words < MIN_WORDS:
        raise ExtractionError(f"no main text found in the HTML page ({words} words)")
    return ExtractedPage(
        text="\n\n".join(paragraphs),
        title=title,
        published=published,
        source=source,
        url=own_url,
        warnings=warnings,
    )


def standfirst(tree: Any, paragraphs: list[str]) -> str | None:
    """The lede that the page sets apart from its body (a summary above the main photo) when
    the main text left it out: the block of text that opens with the words of the page's meta
    description, if the body does not hold them already."""
    described = tree.xpath(DESCRIPTION)
    key = described[0].split()[:LEDE_KEY_WORDS] if described else []
    if len(key) < LEDE_KEY_WORDS:
        return None
    folded_key = _folded(" ".join(key))
    if any(folded_key in _folded(p) for p in paragraphs):
        return None
    for element in tree.xpath(OPENING_WITH, start=" ".join(key[:4])):
        block = " ".join(element.text_content().split())
        if _folded(block).startswith(folded_key) and len(block.split()) <= MAX_LEDE_WORDS:
            return block
    return None


def _headings(tree: Any) -> list[str]:
    found = (" ".join(h.text_content().split()) for h in tree.xpath("//h1|//h2"))
    return [h for h in found if h][:MAX_HEADINGS]


def _headline(title: str | None, headings: list[str]) -> str | None:
    """The page's title without the site name and section around it.

    A heading that the title contains is the headline ("Floods hit Italy - World - BBC" and
    <h1>Floods hit Italy</h1>); otherwise the longest part of the title between separators.
    """
    if not title:
        return next((h for h in headings if h), None)
    folded = _folded(title)
    for heading in headings:
        if len(heading.split()) >= 2 and _folded(heading) in folded:
            return heading
    parts = [part.strip() for part in TITLE_SEPARATORS.split(title) if part.strip()]
    return max(parts, key=lambda part: len(part.split()), default=title.strip())


def _about_the_body(title: str | None, headings: list[str], lede: str) -> str | None:
    """The title, unless none of its words come back in the lede ("Winona Daily News", a site
    name) while a heading's words do: then that heading."""
    if title and _share_in(title, lede) > 0:
        return title
    return next((h for h in headings if _share_in(h, lede) >= 0.5), title)


def _share_in(text: str, lede: str) -> float:
    """The share of the content words of ``text`` that ``lede`` uses too."""
    content = [w for w in _folded(text).split() if w not in FUNCTION_WORDS]
    used = set(_folded(lede).split())
    return sum(w in used for w in content) / len(content) if content else 0.0


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _title_and_site(tree: Any, headings: list[str]) -> tuple[str | None, str | None]:
    from trafilatura.metadata import (
        examine_meta,
        extract_meta_json,
        extract_sitename,
        extract_title,
    )

    metadata = examine_meta(tree)
    with contextlib.suppress(Exception):  # malformed JSON-LD must not cost us the article
        metadata = extract_meta_json(tree, metadata)
    title = _headline(metadata.title or extract_title(tree), headings)
    site = metadata.sitename or extract_sitename(tree)
    site = site.lstrip("@").strip() if site else None
    return (title or None), (canonical_name(site) if site else None)


def page_url(tree: Any, url: str | None) -> str | None:
    """The address the page gives itself: its canonical link, else its ``og:url``; made
    absolute against ``url`` (where it was found) when it is relative."""
    from trafilatura.metadata import normalize_url, validate_url

    for found in (found for path in OWN_URL for found in tree.xpath(path)):
        address = urljoin(url or "", found.strip())
        valid, parsed = validate_url(address)
        if valid and parsed is not None:
            return str(normalize_url(parsed))
    return None


def _publication_date(tree: Any, url: str | None) -> date | None:
    from htmldate import find_date

    # The extensive search (dates anywhere in the text, through dateparser) costs twenty times
    # more and, on pages with metadata, finds almost nothing the markup search misses.
    found = find_date(tree, extensive_search=False, original_date=True, url=url)
    return date.fromisoformat(found) if found else None
