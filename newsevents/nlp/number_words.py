"""Numbers spelled out in English words ("twenty-five", "two hundred and fifty"): the lexicon
that the numbers of a text (:mod:`newsevents.nlp.numbers`) and the counts of a date ("twenty
years ago", :mod:`newsevents.nlp.dates`) both read."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000,
}  # fmt: skip
WORD_NUMBER = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
SCALE_WORD = r"hundred|thousand|million|billion"
# "twenty-five", "two hundred and fifty", "three thousand", "a hundred"
SPELLED = (
    rf"(?:(?:{WORD_NUMBER})(?:-(?:{WORD_NUMBER}))?|an?(?=\s+(?:{SCALE_WORD})))"
    rf"(?:\s+(?:{SCALE_WORD})(?:\s+(?:and\s+)?(?:{WORD_NUMBER})(?:-(?:{WORD_NUMBER}))?)?)*"
)


def spelled_value(phrase: str) -> float | None:
    """ "two hundred and fifty" -> 250.0; None for a lone "a"."""
    total, current, seen_number = 0, 0, False
    for word in re.split(r"[\s-]+", phrase.lower()):
        if word in UNITS or word in TENS:
            current += UNITS.get(word, 0) + TENS.get(word, 0)
            seen_number = True
        elif word in ("a", "an"):
            current = 1
        elif word == "hundred":
            current = max(current, 1) * 100
            seen_number = True
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current, seen_number = 0, True
    return float(total + current) if seen_number else None
