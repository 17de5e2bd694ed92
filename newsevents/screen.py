"""A cheap, exact test that a regular expression cannot match a text: the words every match
must contain.

Case-insensitive patterns that open with an alternation of words ("chemical|chlorine|sarin")
give Python's regular expression engine no literal to scan for: it tries every branch at
every position of the text. The event models read some forty such cue patterns in every
sentence (about 0.5 ms a sentence). Yet every match of such a pattern contains one of a few
words (for ``\\b(?:shell(?:ed|ing)|artillery|mortars?)\\b``: "shell", "artillery", "mortar"),
and a substring test in the lower-cased text is two orders of magnitude cheaper; a pattern
none of whose words the text holds need not be run. The answer is the pattern's own:
``may_match`` is False only when ``pattern.search`` would find nothing.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the standard library's parser of patterns
from functools import lru_cache
from typing import Any

# The only characters that a case-insensitive pattern's ASCII letter matches but that
# str.lower() does not turn into that letter ("İ" -> "i" + a dot above, "ı", "ſ"): a text
# holding one of them is not screened.
FOLDS_TO_ASCII = "\u0130\u0131\u017f"


def may_match(pattern: re.Pattern[str], lowered: str | None) -> bool:
    """False only when ``pattern`` cannot match the text whose ``lowered`` form (from
    :func:`lowered_text`) is given; None screens nothing."""
    if lowered is None:
        return True
    words = required_words(pattern)
    return words is None or any(word in lowered for word in words)


def lowered_text(text: str) -> str | None:
    """The text as :func:`may_match` reads it, or None when it cannot be screened."""
    if not text.isascii() and any(c in text for c in FOLDS_TO_ASCII):
        return None
    return text.lower()


@lru_cache(maxsize=1024)
def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains; None when
    the pattern gives no such set (it would then always be run)."""
    return sequence_words(sre_parse.parse(pattern.pattern, pattern.flags))


def sequence_words(items: Any) -> frozenset[str] | None:
    """The words of the part of a sequence whose shortest word is longest, of those the fewest
    (the likeliest to be absent: "ago" before "day|week|month|year"): every part of a sequence
    is in every match, except optional ones (which give none); runs of literal characters are
    parts of their own."""
    items = list(items)
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in [*items, (None, None)]:
        if op is sre_parse.LITERAL:
            run.append(chr(value))
            continue
        if run:
            word = "".join(run).lower()
            if word.isascii():
                options.append(frozenset({word}))
            run = []
        words = part_words(op, value) if op is not None else None
        if words is not None:
            options.append(words)
    return max(options, key=lambda words: (min(map(len, words)), -len(words)), default=None)


def part_words(op: Any, value: Any) -> frozenset[str] | None:
    if op is sre_parse.SUBPATTERN:  # a group: (group number, flags on, flags off, sequence)
        return sequence_words(value[3])
    if op is sre_parse.BRANCH:  # every branch must give words
        found: set[str] = set()
        for branch in value[1]:
            words = sequence_words(branch)
            if words is None:
                return None
            found |= words
        return frozenset(found)
    if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
        low, _high, repeated = value
        return sequence_words(repeated) if low >= 1 else None
    return None  # a character class, an anchor, a lookaround: no word
