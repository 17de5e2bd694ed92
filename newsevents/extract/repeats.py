"""Text said over and over: later copies are left out of the article's text.

A page that repeats itself (a sentence pasted 450 times on one line, a caption under every
photo of a gallery) would otherwise give the same event once per copy. A sentence that comes
``MIN_COPIES`` times or more is kept where it first comes. Text shown twice is left as the page
has it: pages that carry the whole article twice (a print copy) exist, and gold annotations
(L3S-GN1) count both copies as its text. Copies are found by the identity normalisation of
``identity.py`` (case, quotes, dashes and spacing aside); very short sentences ("No.", "He
agreed.") are kept however often they come.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsevents.extract.identity import normalise_for_identity

# Where a paragraph is cut into sentences: after ., ! or ? (and a closing quote) and a space.
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'’”)»]*\s+")
MIN_WORDS = 4  # shorter sentences are kept however often they come
MIN_COPIES = 3  # of a sentence, from which its later copies go
WORTH_A_WARNING = 10  # copies left out: fewer is a caption shown twice, not a page that repeats


def without_repeats(paragraphs: Sequence[str]) -> tuple[list[str], int]:
    """``paragraphs`` without the later copies of sentences said ``MIN_COPIES`` times or more
    (a paragraph left empty goes), and how many copies went."""
    split = [sentences_of(paragraph) for paragraph in paragraphs]
    keys = [[normalise_for_identity(sentence) for sentence in sentences] for sentences in split]
    copies = Counter(key for row in keys for key in row if len(key.split()) >= MIN_WORDS)
    seen: set[str] = set()
    kept: list[str] = []
    dropped = 0
    for sentences, row in zip(split, keys, strict=True):
        unique = []
        for sentence, key in zip(sentences, row, strict=True):
            if copies[key] >= MIN_COPIES and key in seen:
                dropped += 1
                continue
            seen.add(key)
            unique.append(sentence)
        if unique:
            kept.append(" ".join(unique))
    return kept, dropped


def sentences_of(paragraph: str) -> list[str]:
    """The sentences of a paragraph, each with its closing punctuation and quotes."""
    pieces, start = [], 0
    for match in SENTENCE_BREAK.finditer(paragraph):
        pieces.append(paragraph[start : match.start() + len(match.group().rstrip())])
        start = match.end()
    pieces.append(paragraph[start:])
    return [piece for piece in pieces if piece]
