"""Numbers in words and figures, with the qualifiers news puts on them.

``find_numbers(text)`` returns :class:`NumberMention` records with character offsets::

    >>> [(m.text, m.value, m.qualifier, m.kind) for m in find_numbers("at least 40 people")]
    [('at least 40', 40.0, 'at least', 'count')]

Conventions (the ``events`` stage relies on them):

- ``value`` is a float: "3.5 million" is 3500000.0, "half a million" 500000.0, "a dozen" 12.0,
  "both" and "a pair of" 2.0 ("a couple of" 2.0 with the qualifier "about").
- ``qualifier`` is the normalised hedge in front of the number ("at least", "more than",
  "about", "nearly", "up to", "over", "some", "fewer than", ...), or, for a vague plural, the
  plural itself: "dozens" (value 12), "scores" (20), "hundreds" (100), "thousands" (1000),
  "tens of thousands" (10000), "hundreds of thousands" (100000), "millions" (1000000),
  "several" (3). Vague plurals take the smallest value they can mean, as ACLED codes them.
  Synonyms fold to one form: "around", "approximately", "roughly", "an estimated" -> "about";
  "almost", "close to" -> "nearly"; "more than", "over", "upwards of" stay as written.
- ``kind`` is "count" for a number that may count people or things. Numbers that are not
  counts keep a kind so that callers can skip them: "year" (in 2019), "age" (a 19-year-old,
  aged 19, John Smith, 23,), "percent" (40%, 40 percent), "money" ($5 million, 5 euros),
  "time" (10:30, 5 p.m.), "date" (August 19, 19 August), "measure" (5 km, three days, a
  two-week truce), "label" (Route 66, No. 10, Resolution 2254, the 1600 block, Image 13 of 14,
  a house number: 312 E. Base Line, a channel: Action News 5, a code: 39-13-202, an emergency
  number called: called 911, a 999 call; the words
  in ``data/number_labels.tsv``). Percent signs
  ("40%"), currency-prefixed amounts ("$5 million"), ordinals ("3rd"), "9/11" and the pronoun
  "one" ("no one", "the one who", "one another") are not reported at all.
- A range gives its lower bound with the qualifier "at least": "10-15 people" is 10.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from newsevents.nlp.dates import MONTH_FORMS
from newsevents.nlp.number_words import SCALE_WORD, SCALES, SPELLED, UNITS, spelled_value
from newsevents.words import alternation, word_lists

NumberKind = Literal["count", "year", "age", "percent", "money", "time", "date", "measure", "label"]


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float
    qualifier: str | None = None
    kind: NumberKind = "count"


FRACTIONS = {"half": 0.5, "quarter": 0.25}
VAGUE = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
    "tens of thousands": 10_000, "hundreds of thousands": 100_000, "several": 3,
    "dozens of thousands": 12_000,
}  # fmt: skip
QUALIFIERS = {
    "at least": "at least", "at most": "at most", "more than": "more than",
    "over": "over", "well over": "more than", "just over": "more than", "upwards of": "more than",
    "in excess of": "more than", "less than": "fewer than", "fewer than": "fewer than",
    "under": "fewer than", "just under": "fewer than", "up to": "up to", "as many as": "up to",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "an estimated": "about", "estimated": "about", "some": "some", "nearly": "nearly",
    "almost": "nearly", "close to": "nearly", "just": None, "only": None, "exactly": None,
}  # fmt: skip

FIGURE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER_PATTERN = re.compile(
    r"(?<![\w$€£.,:/-])"
    r"(?:(?P<qual>" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
    r"(?:"
    r"(?P<fraction>(?:a\s+)?(?:half|quarter)\s+(?:a\s+)?(?:million|billion)"
    r"|(?:a\s+)?(?:half|quarter)\s+of\s+a\s+(?:million|billion))"
    r"|(?P<dozen>(?:a|one|two|three|half\s+a)\s+dozen)"
    r"|(?P<pair>both|a\s+(?:couple|pair)\s+of)"
    r"|(?P<vague>(?:tens|hundreds|dozens)\s+of\s+thousands|dozens|scores|hundreds|thousands"
    r"|millions|several)(?=\s+(?:of\s+)?[a-z])"
    r"|(?P<figure>" + FIGURE + r")(?:\s*(?P<figscale>" + SCALE_WORD + r"|mn|bn|m|k)\b)?"
    r"|(?P<spelled>" + SPELLED + r")"
    r")"
    r"(?![\w%/])",
    re.IGNORECASE,
)

RANGE_END = re.compile(r"\s*(?:-|–|to)\s*\d")
PRONOUN_WORDS = ("no", "the", "each", "any", "every", "this", "that", "which", "someone")
PRONOUN_BEFORE_ONE = re.compile(r"\b(?:" + "|".join(PRONOUN_WORDS) + r")\s+$", re.I)
LONGEST_PRONOUN = max(map(len, PRONOUN_WORDS))
PRONOUN_AFTER_ONE = re.compile(r"\s+another\b", re.I)
NUMBER_GROUPS = ("fraction", "dozen", "pair", "vague", "figure", "spelled")
MEASURE_UNITS = (
    r"km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|m|feet|foot|ft|kg|kilos?|kilograms?"
    r"|tons?|tonnes?|hectares?|acres?|seconds?|minutes?|hours?|days?|nights?|weeks?|months?"
    r"|years?|decades?|centur(?:y|ies)|times|degrees?|mph|km/h|gallons?|lit(?:er|re)s?|barrels?"
)
AFTER: dict[NumberKind, re.Pattern[str]] = {
    # "a 2-and-a-half-year-old", "2 1/2 years old" too
    "age": re.compile(
        r"^(?:-and-a-half|\s+and\s+a\s+half|\s+1/2)?"
        r"(?:(?:-|\s)?years?[-\s]old|-year-olds?\b|\s*years?\s+of\s+age)",
        re.I,
    ),
    "percent": re.compile(r"^\s*(?:%|per\s?cent\b|percentage points?\b)", re.I),
    "money": re.compile(
        r"^\s*(?:dollars?|euros?|pounds?|yuan|rupees?|naira|rand|shillings?|dinars?|riyals?"
        r"|roubles?|rubles?|hryvnias?|francs?|pesos?|usd|eur|gbp)\b",
        re.I,
    ),
    "time": re.compile(r"^(?::\d\d|\s*(?:a\.?m\b\.?|p\.?m\b\.?|o'clock|GMT|UTC|hrs\b))", re.I),
    "date": re.compile(rf"^\s+(?:of\s+)?(?:{MONTH_FORMS})\b"),
    "measure": re.compile(rf"^(?:-|\s+)(?:(?:more|other|further)\s+)?(?:{MEASURE_UNITS})\b", re.I),
    # an address ("the 1600 block of Selden Avenue"), a gallery's "1 / 44", a code's section
    # ("Tennessee Code Annotated 39-13-202")
    "label": re.compile(r"^\s+block\b|^\s*/\s*\d|^-\d+-\d", re.I),
}
BEFORE: dict[NumberKind, re.Pattern[str]] = {
    "money": re.compile(r"(?:[$€£¥₦₹]|\b(?:US|A|C|NZ)\$|\b(?:USD|EUR|GBP|Rs\.?|N)\s?)\s*$"),
    "age": re.compile(r"\baged?\s+$", re.I),
    "date": re.compile(rf"\b(?:{MONTH_FORMS})\.?\s+$"),
    "label": re.compile(
        r"\b(?:No|Nos|number|Route|Highway|Interstate|Flight|Article|Resolution|Chapter"
        r"|Section|page|Room|Apartment|Unit|Gate|Terminal|Platform|Level|Phase|Grade|Category"
        r"|Stage|Block|Lot|Ward|Precinct|Zone|Bus|Line)\.?\s+$"
        r"|\b(?:Image|Photo|Slide):?\s+(?:\d+\s+of\s+)?$"  # a gallery's "Image 13 of 14"
        r"|(?:\d|\bof)\s*/\s*$",
        re.I,
    ),
    "year": re.compile(
        r"\b(?:in|since|by|until|till|from|during|of|before|after|early|late)\s+$", re.I
    ),
}


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text``, in order, with its qualifier and kind."""
    mentions = []
    for match in NUMBER_PATTERN.finditer(text):
        value = number_value(match)
        if value is None or is_pronoun_one(text, match):
            continue
        qualifier = QUALIFIERS.get(match["qual"].lower()) if match["qual"] else None
        if qualifier is None and RANGE_END.match(text, match.end()):
            qualifier = "at least"  # "10-15 people", "20 to 30 people": the lower bound
        start = match.start() if qualifier else number_start(match)
        if match["vague"]:
            qualifier = " ".join(match["vague"].lower().split())
        elif (match["pair"] or "").lower().startswith("a couple"):
            qualifier = "about"
        kind = number_kind(text, match)
        mentions.append(
            NumberMention(start, match.end(), text[start : match.end()], value, qualifier, kind)
        )
    return mentions


def is_pronoun_one(text: str, match: re.Match[str]) -> bool:
    """ "no one", "the one who", "each one", "one another": not a count."""
    if (match["spelled"] or "").lower() != "one" or match["qual"]:
        return False
    spaces = match.start()  # the word before must end where the spaces before "one" start
    while spaces and text[spaces - 1].isspace():
        spaces -= 1
    return bool(
        PRONOUN_BEFORE_ONE.search(text, max(0, spaces - LONGEST_PRONOUN), match.start())
        or PRONOUN_AFTER_ONE.match(text, match.end())
    )


def number_start(match: re.Match[str]) -> int:
    return next(match.start(g) for g in NUMBER_GROUPS if match[g])


def number_value(match: re.Match[str]) -> float | None:
    if match["figure"]:
        value = float(match["figure"].replace(",", ""))
        return value * SCALES[match["figscale"].lower()] if match["figscale"] else value
    if match["fraction"]:
        words = match["fraction"].lower().split()
        fraction = FRACTIONS["half" if "half" in words else "quarter"]
        return fraction * SCALES[words[-1]]
    if match["dozen"]:
        first = match["dozen"].lower().split()[0]
        return 12.0 * {"a": 1, "one": 1, "half": 0.5}.get(first, UNITS.get(first, 1))
    if match["pair"]:
        return 2.0
    if match["vague"]:
        return float(VAGUE[" ".join(match["vague"].lower().split())])
    return spelled_value(match["spelled"])


def number_kind(text: str, match: re.Match[str]) -> NumberKind:
    after = text[match.end() : match.end() + 40]
    before = text[max(0, match.start() - 20) : match.start()]
    for kind, pattern in AFTER.items():
        if pattern.search(after):
            return kind
    if match["figure"] and not match["qual"]:
        for kind in PREFIX_KINDS:
            if BEFORE[kind].search(before):
                return kind
        if is_age_after_name(match[0], before, after):
            return "age"
        if (
            HOUSE_NUMBER.match(after)
            or BROADCASTER.search(before)
            or is_emergency_number(match["figure"], before, after)
        ):
            return "label"
        if is_year(match["figure"], before, after):
            return "year"
    return "count"


PREFIX_KINDS: tuple[NumberKind, ...] = ("money", "age", "date", "label")
# A figure set off by commas after a name is an age: "Boy, 8, dies", "John Smith, 23, of Gary";
# so is one with either comma left out: after a first and last name, when the sentence goes
# on ("Robert Atkins 21, was found shot": not a title's "Gunfire Killed 2, Hurt 3"), or
# before the place the person is from ("Derrick Williams, 31 of Kansas City").
AGE_BETWEEN_COMMAS = re.compile(r"[A-Za-z],\s*$")
FULL_NAME_BEFORE = re.compile(r"\b[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+\s+$")
SENTENCE_GOES_ON = re.compile(r"^,\s+[a-z]")
FROM_PLACE = re.compile(r"^\s+of\s+[A-Z]")


def is_age_after_name(figure: str, before: str, after: str) -> bool:
    if len(figure) > 3:
        return False
    if AGE_BETWEEN_COMMAS.search(before):
        return after.startswith(",") or bool(FROM_PLACE.match(after))
    return bool(FULL_NAME_BEFORE.search(before) and SENTENCE_GOES_ON.match(after))


LABEL_WORDS = word_lists(resources.files("newsevents.nlp") / "data" / "number_labels.tsv")


# A house number: a figure, maybe a compass point, one or two capitalised words (not a title's
# "2 Killed In Terrace Heights") and the last word of a street's name: "312 E. Base Line",
# "1240 Bell's Ferry Road". Case kept.
HOUSE_NUMBER = re.compile(
    rf"\s+(?:(?:{alternation(LABEL_WORDS['compass'])})\.?\s+)?"
    r"(?:(?!(?:In|On|At|Near|Of|And|The|Outside|Inside)\b)[A-Z][\w'’.-]*\s+){1,2}"
    rf"(?:{alternation(LABEL_WORDS['street'])})\b"
)
# A station's channel number: "WMC Action News 5", "WFLA News Channel 8", "FOX 8". Case kept.
BROADCASTER = re.compile(rf"\b(?:{alternation(LABEL_WORDS['broadcaster'])})\s+$")

# The word of calling next to an emergency number: "called 911", "dialled 999", "a 911 call".
CALLING = alternation(LABEL_WORDS["calling"])
CALLED_BEFORE = re.compile(rf"\b(?:{CALLING})\s+(?:to\s+)?$", re.I)
CALLED_AFTER = re.compile(rf"^\s+(?:{CALLING})\b", re.I)


def is_emergency_number(figure: str, before: str, after: str) -> bool:
    """An emergency number called or dialled ("called 911 reporting that he had been shot",
    "a 911 call", "dialled 999"): no count of anyone."""
    return figure in LABEL_WORDS["emergency"] and bool(
        CALLED_BEFORE.search(before) or CALLED_AFTER.match(after)
    )


def is_year(figure: str, before: str, after: str) -> bool:
    if not re.fullmatch(r"(?:1[89]|20)\d\d", figure):
        return False
    # "1500 people", "2000 troops": a plural noun right after makes it a count
    counted = re.match(
        r"\s+(?:more\s+|other\s+)?[a-z]+s\b|\s+(?:people|men|women|children)\b", after
    )
    return bool(BEFORE["year"].search(before)) or not counted
