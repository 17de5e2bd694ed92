"""Sentences said twice: later copies are left out of the article's text.

A page that repeats itself (a sentence pasted 450 times, a caption under every photo, a block
shown twice by the CMS) would otherwise give the same event once per copy. Copies are found by
the identity normalisation of ``identity.py`` (case, quotes, dashes and spacing aside); very
short pieces ("No.", "He agreed.") may well be said twice and are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsevents.extract.identity import normalise_for_identity

# Where a paragraph is cut into sentences: after ., ! or ? (and a closing quote) and a space.
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'’”)»]*\s+")
MIN_WORDS = 4  # shorter pieces are kept however often they come
WORTH_A_WARNING = 10  # copies: fewer is a caption shown twice, not a page that repeats itself


def without_repeats(paragraphs: Sequence[str]) -> tuple[list[str], int]:
    """``paragraphs`` with every sentence said before left out, and how many were."""
    seen: set[str] = set()
    kept: list[str] = []
    dropped = 0
    for paragraph in paragraphs:
        sentences = []
        for sentence in sentences_of(paragraph):
            key = normalise_for_identity(sentence)
            if len(key.split()) >= MIN_WORDS and key in seen:
                dropped += 1
                continue
            seen.add(key)
            sentences.append(sentence)
        if sentences:
            kept.append(" ".join(sentences))
    return kept, dropped


def sentences_of(paragraph: str) -> list[str]:
    """The sentences of a paragraph, each with its closing punctuation and quotes."""
    pieces, start = [], 0
    for match in SENTENCE_BREAK.finditer(paragraph):
        pieces.append(paragraph[start : match.start() + len(match.group().rstrip())])
        start = match.end()
    pieces.append(paragraph[start:])
    return [piece for piece in pieces if piece]
