"""What stands at the edges of an article's text without being the article: bylines, sign-offs,
datelines on a line of their own, contact and copyright lines, and calls to share or subscribe.

Left in, they are read as the story's first or last words: "Chicago Sun-Times Wire" before "Four
men were shot" became part of the first event's recipient. They are recognised only among the
first and last ``EDGE_PARAGRAPHS`` paragraphs and only when short, so that a sentence of the
story that happens to use the same words ("Share prices fell") is never touched.

The rules are data: a name, the pattern, and what it was written for. They were written from the
paragraphs that open and close the articles of the GVA dev set (``../shared/data/dev/gva``) and
from the RT page of issue 14; they are not tuned to a score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsevents.extract.lines import CUES, TERMINAL, words

EDGE_PARAGRAPHS = 3
MAX_CREDIT_WORDS = 8  # a byline or a credit is a few names; longer is a sentence of the story
MAX_CALL_WORDS = 12  # "Like this story? Share it with a friend!"; the same bound as lines.py's


@dataclass(frozen=True)
class EdgeRule:
    name: str
    pattern: re.Pattern[str]
    example: str  # what it was written for


def rule(name: str, pattern: str, example: str) -> EdgeRule:
    return EdgeRule(name, re.compile(pattern, re.IGNORECASE), example)


# Each matches a whole short paragraph that is not a sentence of the story.
CREDIT_RULES = (
    rule("byline", r"^(?:by|from|von|par|por)\s+[^\W\d_]", "By James Walling"),
    rule(
        "staff credit",
        r"\b(?:wire|staff|staff writer|staff report|reporter|correspondent|news service|"
        r"associated press|press association|reuters|afp|bloomberg|contributed)\W*$",
        "Chicago Sun-Times Wire",
    ),
    rule("sign-off", r"^\s*(?:[—–]|--?)\s*[^\W\d_]", "— Frank Warner"),
    rule("contact", r"^(?:contact[^:]*:\s*)?\S+@\S+\.\w+$", "jdickson@detroitnews.com"),
    rule("handle", r"^(?:twitter:?\s*)?(?:@\w+|twitter\.com/\w+)$", "Twitter: @tylerlwhite"),
    rule("copyright", r"^\(?\s*(?:©|copyright\b|\(c\)\s)", "(© 2016 KHOU)"),
    rule(
        "dateline",
        r"^[A-Z][\w.' -]*,(?:\s+[A-Z][\w.]*)+\s*(?:[—–]|--?)\s*$",
        "MANSON, Wash. -",
    ),
)
# Chrome wording (lines.py's cue groups) that makes a short paragraph a call to the reader.
CALL_CUES = ("sharing", "subscription", "more_stories")


def trim_edges(paragraphs: Sequence[str], calls: bool = True) -> list[str]:
    """``paragraphs`` without the credits at either end (never all of them); without the calls
    to the reader too unless ``calls`` is False (text given as the article itself)."""
    kept = list(paragraphs)
    for end in (0, -1):
        for _ in range(EDGE_PARAGRAPHS):
            if len(kept) > 1 and (is_credit(kept[end]) or (calls and is_call(kept[end]))):
                kept.pop(end)
    return kept


def is_credit(paragraph: str) -> bool:
    """A byline, sign-off, dateline, contact or copyright line."""
    if len(words(paragraph)) > MAX_CREDIT_WORDS or TERMINAL.search(paragraph):
        return False
    return any(edge.pattern.search(paragraph) for edge in CREDIT_RULES)


def is_call(paragraph: str) -> bool:
    """A short call to share, subscribe or read more: chrome wording, and no statement (a
    sentence that ends with a full stop, "Share prices fell.", is the story's)."""
    if len(words(paragraph)) >= MAX_CALL_WORDS or paragraph.rstrip("\"'’” ").endswith("."):
        return False
    lowered = paragraph.lower()
    return any(CUES[cue].found_in(paragraph, lowered) for cue in CALL_CUES)
