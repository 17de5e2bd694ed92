"""Pages too big to hand whole to trafilatura and htmldate: cut to a bound, with a warning.

trafilatura's cost grows faster than the page (on a 2-core machine, 11,000 elements took 2.5 s,
22,000 elements 4 s, 2 MB of markup with 44,000 elements 9 s, a 50 MB page over 300 s and
1.4 GB), and htmldate alone took 20 s and 1 GB on a 50 MB page. The largest pages of the dev
sets (L3S-GN1, trafilatura-eval) are 1.6 MB of markup with at most 10,000 elements and 480,000
characters of text once scripts and styles are gone; the bounds below leave them untouched.

A page past them is read from its beginning, where the article is: first its markup (cut at
``MAX_MARKUP_CHARS``: lxml's parser mends the cut), then its parsed tree (over ``MAX_ELEMENTS``
elements or ``MAX_TEXT_CHARS`` characters of text it loses what is never content, scripts and
styles, then everything after the bound, in document order). No regular expression runs over
the whole markup: one call into C cannot be interrupted by the item budget (``budget.py``).
"""

from __future__ import annotations

from typing import Any

MAX_MARKUP_CHARS = 10_000_000  # lxml parses this in about a second, in about 100 MB
MAX_ELEMENTS = 15_000
MAX_TEXT_CHARS = 1_000_000
# Elements that never hold article text. JSON-LD scripts are kept: they carry the metadata.
NOT_CONTENT = (
    "//script[not(contains(@type, 'ld+json'))]|//style|//noscript|//svg|//template|//iframe"
    "|//object|//embed|//canvas|//comment()"
)


def cut_markup(html: str) -> tuple[str, str | None]:
    """``html``, cut down to ``MAX_MARKUP_CHARS``; and a warning when it was cut."""
    if len(html) <= MAX_MARKUP_CHARS:
        return html, None
    return html[:MAX_MARKUP_CHARS], (
        f"extract: page of {len(html):,} characters of markup read up to character "
        f"{MAX_MARKUP_CHARS:,}"
    )


def cut_tree(tree: Any) -> str | None:
    """Cut ``tree`` (in place) down to ``MAX_ELEMENTS`` elements and ``MAX_TEXT_CHARS``
    characters of text; a warning when anything but non-content elements was removed."""
    if _first_past_bounds(tree) is None:
        return None
    for element in tree.xpath(NOT_CONTENT):
        _remove_keeping_tail(element)
    past = _first_past_bounds(tree)
    if past is None:
        return None
    element, elements, chars = past
    over = chars - MAX_TEXT_CHARS
    if over > 0:  # the text of this element (its own, then its tail) is what passed the bound
        tail = element.tail or ""
        element.tail = tail[: len(tail) - over] if len(tail) > over else None
        over -= len(tail)
        if over > 0:
            element.text = (element.text or "")[: max(len(element.text or "") - over, 0)]
    _drop_everything_after(element)
    return (
        f"extract: page too large to read whole: read up to element {elements:,} "
        f"and {min(chars, MAX_TEXT_CHARS):,} characters of text"
    )


def _first_past_bounds(tree: Any) -> tuple[Any, int, int] | None:
    """The first element (in document order) at which the page passes a bound, with the count
    of elements and characters of text up to it; None for a page within them."""
    chars = 0
    for elements, element in enumerate(tree.iter(), start=1):
        chars += len(element.text or "") + len(element.tail or "")
        if elements > MAX_ELEMENTS or chars > MAX_TEXT_CHARS:
            return element, elements, chars
    return None


def _drop_everything_after(element: Any) -> None:
    """Remove what follows ``element``'s own text in document order: its children, the siblings
    after it and after each of its ancestors."""
    for child in list(element):
        element.remove(child)
    node = element
    while (parent := node.getparent()) is not None:
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        node = parent


def _remove_keeping_tail(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
