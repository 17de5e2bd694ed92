"""Temporal expressions, resolved against the article's publication date.

``find_times(text, published, doc=None)`` returns :class:`TimeMention` records in text order::

    >>> m = find_times("An air raid last week killed three.", date(2019, 8, 27))[0]
    >>> (m.text, m.date, m.precision, m.relation)
    ('last week', datetime.date(2019, 8, 20), 'week', 'point')

How expressions resolve (``published`` = P):

- Our own rules, compiled once, read what news writes most: "today", "yesterday", "last
  night", "this morning"; "last weekend", "over the weekend" (its Saturday, week precision);
  weekdays ("on Tuesday", "Tuesday's attack": the most recent such day on or before P,
  so a weekday equal to P's is P itself; "last Tuesday" is strictly before P; "next Tuesday"
  after it; given the parse, one of a clause told as still to come, "a hearing is set for
  Thursday", "will be arraigned Tuesday", the coming one from P on); "last/this/next
  week|month|year", "earlier this week|month|year"; "N days|weeks|months|years ago"; month
  names with an optional day, year and "early/mid/late" ("the August 19 attack", "on 12
  March", "late April", "in September", "September 2018"); years after a preposition ("in 2018",
  "since 2011"); ISO dates (2019-08-19); "in recent weeks|days|months".
- A month or month-day without a year is the most recent past one: "in September" read on
  2019-08-27 is September 2018; "in August" is August 2019 (the current month); "August 30"
  is 2018-08-30.
  A year told in words is that year: "in June last year", "March of this year", "May of
  2018"; "last May" is the latest May before the current month, "next May" the coming one.
- Numeric dates read day first (19.08.2019, 19/08/2019) unless the day cannot be first
  (08/19/2019).
- spaCy DATE entities that no rule covers and that contain a digit: one with a month name
  goes to dateparser (RELATIVE_BASE = P, PREFER_DATES_FROM past; the period it reports is
  the precision; a year it invents is refused), one with only a year is that year ("the 2014
  war", "the summer of 2014"), a decade ("the 1990s") has no date.
- ``date`` is a representative day of the period: the day itself; for a week, the day 7 days
  before P ("last week") or P ("this week"); for a month, its 1st ("early" 1st, "mid" 11th,
  "late" 21st); for a year, January 1st. ``precision`` says how far to trust it.
- ``relation`` is "point" (it happened then), "since" ("since late April", "from March"),
  "until" ("until Friday", "by June"), "before", "after", or "recent": "in recent days" is
  3 days before P (week precision), "in recent weeks" / "over the past few weeks" 14 days
  before P (month precision); "recently", "in recent months|years" are too vague to date
  (``date`` None, precision "unknown").
- With ``published`` None only expressions that name their year resolve; the rest keep their
  span with ``date`` None and precision "unknown".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from newsevents.nlp.number_words import SPELLED, spelled_value
from newsevents.nlp.text import span_text
from newsevents.records import DatePrecision
from newsevents.screen import lowered_text, may_match

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TimeRelation = Literal["point", "since", "until", "before", "after", "recent"]


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    text: str
    date: date | None
    precision: DatePrecision
    relation: TimeRelation = "point"


MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PART_OF_MONTH_DAY = {
    "early": 1, "beginning": 1, "start": 1, "mid": 11, "middle": 11, "late": 21, "end": 21,
}  # fmt: skip
RELATIONS: dict[str, TimeRelation] = {
    "since": "since", "from": "since", "until": "until", "till": "until", "by": "until",
    "before": "before", "after": "after", "in": "point", "on": "point", "during": "point",
    "at": "point", "of": "point",
}  # fmt: skip
# Counts of "N years ago" that are no number ("a few", "several": no date).
ARTICLE_COUNTS: dict[str, int | None] = {"a": 1, "an": 1, "few": None, "several": None}

MONTH_FORMS = (
    r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
)
# Capitalised or in capitals ("FEBRUARY 1ST" in a dateline), never lower case ("may", "march").
MONTH = "(?P<month>" + MONTH_FORMS + "|" + MONTH_FORMS.upper() + ")"
DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th)?"
DAY_FIRST = r"(?P<day1>[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th)?(?:\s+of)?"
YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
PART = r"(?P<part>early|mid|middle|late|the\s+(?:beginning|start|middle|end)\s+of)"
# A month's year told in words: "last May", "in June last year", "March of this year".
WHICH_MONTH = r"(?P<which>[Ll]ast|[Tt]his|[Nn]ext)"
YEAR_WORD = r"(?P<year_word>last|this|next)\s+year"
YEAR_SHIFT = {"last": -1, "this": 0, "next": 1}
PREFIX = (
    r"(?:(?P<rel>[Ss]ince|[Ff]rom|[Uu]ntil|[Tt]ill|[Bb]y|[Bb]efore|[Aa]fter|[Ii]n|[Oo]n|[Dd]uring)"
    r"\s+)?"
)
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?"
UNIT = r"(?P<unit>day|week|month|year|decade)s?"
COUNT = rf"(?P<count>\d+|{SPELLED}|a|an|few|several)"  # "twenty-five years ago", "a decade ago"

RULES: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)")),
    ("numeric", re.compile(r"(?P<first>\d\d?)[./](?P<second>\d\d?)[./](?P<year>(?:19|20)\d\d)")),
    (
        "month_date",
        re.compile(
            rf"(?:{WHICH_MONTH}\s+)?(?:{PART}[\s-]+)?(?:{DAY_FIRST}\s+)?{MONTH}(?:\s+{DAY}(?![\d:]))?"
            rf"(?:,?\s+(?:of\s+)?(?:{YEAR}|{YEAR_WORD}))?"
        ),
    ),
    (
        "day_word",
        re.compile(
            r"(?i:(?P<word>today|yesterday|tonight|last\s+night|overnight|earlier\s+today"
            r"|later\s+today|this\s+(?:morning|afternoon|evening)))"
        ),
    ),
    (
        "weekend",
        re.compile(r"(?i:(?P<which>last|this|over\s+the|at\s+the|on\s+the|next)\s+weekend)"),
    ),
    (
        "weekday",
        re.compile(rf"(?:(?P<which>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s+)?{WEEKDAY}"),
    ),
    (
        "relative_unit",
        re.compile(
            r"(?i:(?:(?:early|late|mid-?)\s*)?(?P<which>last|this|next|past|earlier\s+this"
            r"|later\s+this|the\s+previous|the\s+past|the\s+following)\s+(?P<unit>week|month|year))\b"
        ),
    ),
    ("ago", re.compile(rf"(?i:{COUNT}\s+{UNIT}\s+ago)")),
    (
        "recent",
        re.compile(
            r"(?i:(?:in|over|during)\s+(?:the\s+)?(?:recent|past|last)\s+(?:few\s+|several\s+)?"
            r"(?:days|weeks|months)|in\s+recent\s+(?:days|weeks|months|years)|recently)"
        ),
    ),
    ("year", re.compile(rf"(?:{PART}\s+)?{YEAR}")),
]
WRAPPED = [
    (name, re.compile(r"(?<![\w-])" + PREFIX + pattern.pattern + r"(?!\w)"))
    for name, pattern in RULES
]
# The rules whose own pattern opens with characters the engine scans for (no case-insensitive
# words), so that finding its first match costs less than running the wrapped pattern.
SCANNED = {name for name, pattern in RULES if not pattern.pattern.startswith("(?i:")}
PERIODS: dict[str, DatePrecision] = {"day": "day", "week": "week", "month": "month", "year": "year"}
YEAR_IN_TEXT = re.compile(r"\b(?:1[89]|20)\d\d\b")
AGE = re.compile(r"-old\b|\bold\b|\baged?\b", re.IGNORECASE)
DECADE = re.compile(r"\d0s\b")
MONTH_IN_TEXT = re.compile(rf"(?<!\w){MONTH}(?!\w)")
YEAR_PREFIXES = {"in", "since", "from", "until", "till", "by", "before", "after", "during"}


def find_times(text: str, published: date | None, doc: Doc | None = None) -> list[TimeMention]:
    """Every temporal expression in ``text``, resolved against ``published``."""
    mentions: list[TimeMention] = []
    taken: list[tuple[int, int]] = []
    lowered = lowered_text(text)
    for (name, pattern), (_, own) in zip(WRAPPED, RULES, strict=True):
        for match in rule_matches(text, lowered, pattern, own if name in SCANNED else None):
            start, end = match.span()
            if overlaps(start, end, taken):
                continue
            ahead = name == "weekday" and doc is not None and told_ahead(doc, start, end)
            mention = resolve_rule(name, match, published, ahead)
            if mention is not None:
                mentions.append(mention)
                taken.append((start, end))
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            ent_text = span_text(ent)
            if (
                any(map(str.isdigit, ent_text))
                and not AGE.search(ent_text)
                and not overlaps(ent.start_char, ent.end_char, taken)
            ):
                mention = resolve_date_entity(ent_text, ent.start_char, published)
                if mention is not None:
                    mentions.append(mention)
    return sorted(mentions, key=lambda m: m.start)


def rule_matches(
    text: str, lowered: str | None, wrapped: re.Pattern[str], own: re.Pattern[str] | None
) -> Iterable[re.Match[str]]:
    """``wrapped.finditer(text)``, skipping what cannot match: the whole text when it holds
    none of the words every match holds (:mod:`newsevents.screen`); given the rule's ``own``
    pattern, the text before its first match, but for the prefix word and spaces before it
    (every rule opens on a word character or a digit, never a space)."""
    if not may_match(wrapped, lowered):
        return ()
    if own is None:
        return wrapped.finditer(text)
    first = own.search(text)
    if first is None:
        return ()
    start = first.start()
    while start and text[start - 1].isspace():
        start -= 1
    while start and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return wrapped.finditer(text, start)


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


# What tells that a clause is about what is still to come: a modal of the future ("will be
# arraigned Thursday") or, not in the past tense, a word of scheduling ("a hearing is set for
# Thursday", "is due in court Monday", "is expected to appear Friday"). Issue #11: GVA fit-half
# stories read "is set for Thursday" as the Thursday before publication.
FUTURE_MODALS = frozenset({"will", "'ll", "shall", "wo"})  # "wo" of "won't"
SCHEDULING_LEMMAS = frozenset({"set", "schedule", "slate", "due", "expect", "plan"})


def told_ahead(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` are in a clause told as still to come: its verb, or a
    verb it completes ("expected to appear"), has a future modal or is a present word of
    scheduling, or it is the infinitive of a present "be" ("is to begin", "are to appear": an
    arrangement)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX", "ADJ") and verb.head != verb:
        verb = verb.head
    while True:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in verb.children):
            return True
        said = [verb, *(c for c in verb.children if c.dep_ == "acomp")]
        if any(w.lemma_.lower() in SCHEDULING_LEMMAS for w in said) and not told_past(verb):
            return True
        if verb.dep_ != "xcomp" or verb.head == verb:
            return False
        if arranged(verb):
            return True
        verb = verb.head


def arranged(infinitive: Token) -> bool:
    """ "to begin" of "is to begin": a present "be" completed by a to-infinitive ("were to
    appear" is told in the past)."""
    be = infinitive.head
    return (
        be.lemma_ == "be"
        and be.tag_ in ("VBZ", "VBP")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.children)
    )


def told_past(verb: Token) -> bool:
    """A verb told in the simple past or with a past auxiliary ("was attacked", "had fled")."""
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def resolve_rule(
    name: str, match: re.Match[str], published: date | None, ahead: bool = False
) -> TimeMention | None:
    groups = match.groupdict()
    relation: TimeRelation = RELATIONS.get((groups.get("rel") or "in").lower(), "point")
    if (
        name == "year"
        and not groups.get("part")
        and (groups["rel"] or "").lower() not in YEAR_PREFIXES
    ):
        return None  # a bare "2019" may be a count; "in 2019", "late 2019" are years
    resolved: tuple[date | None, DatePrecision] | None
    if name == "iso":
        resolved = date.fromisoformat(groups["iso"]), "day"
    elif name == "numeric":
        resolved = resolve_numeric(groups)
    elif name == "month_date":
        resolved = resolve_month(groups, published)
    elif name == "day_word":
        resolved = resolve_day_word(groups["word"].lower(), published)
    elif name == "weekday":
        resolved = resolve_weekday(groups, published, ahead)
    elif name == "weekend":
        resolved = resolve_weekend((groups["which"] or "").lower(), published)
    elif name == "relative_unit":
        resolved = resolve_relative_unit(groups, published)
    elif name == "ago":
        resolved = resolve_ago(groups, published)
    elif name == "recent":
        resolved, relation = resolve_recent(match.group(), published), "recent"
    else:
        resolved = date(int(groups["year"]), 1, 1), "year"
    if resolved is None:
        return None
    when, precision = resolved
    if when is None:
        precision = "unknown"
    start, end = match.span()
    return TimeMention(start, end, match.group(), when, precision, relation)


def resolve_recent(text: str, published: date | None) -> tuple[date | None, DatePrecision]:
    """The stretch just before P that "in recent days|weeks" names; longer ones are undated."""
    words = text.lower().split()
    if published is None or not {"days", "weeks"} & set(words):
        return None, "unknown"
    if "days" in words:
        return published - timedelta(days=3), "week"
    return published - timedelta(days=14), "month"


def resolve_numeric(groups: dict[str, str | None]) -> tuple[date | None, DatePrecision] | None:
    """19.08.2019, 19/08/2019, 08/19/2019: day first unless that cannot be."""
    first, second, year = (
        int(groups["first"] or 0),
        int(groups["second"] or 0),
        int(groups["year"] or 0),
    )
    day, month = (second, first) if second > 12 else (first, second)
    try:
        return date(year, month, day), "day"
    except ValueError:
        return None


def resolve_month(
    groups: dict[str, str | None], published: date | None
) -> tuple[date | None, DatePrecision] | None:
    month_word = groups["month"] or ""
    day_text = groups.get("day") or groups.get("day1")
    year_text = groups.get("year")
    which, year_word = (groups.get("which") or "").lower(), groups.get("year_word")
    if month_word in ("May", "March") and not (
        day_text or year_text or year_word or which or groups.get("rel") or groups.get("part")
    ):
        return None  # "May" and "March" are also a verb and a name; want more evidence
    if month_word.rstrip(".").lower()[:3] not in MONTH_NUMBERS:
        return None
    month = MONTH_NUMBERS[month_word.rstrip(".").lower()[:3]]
    day = int(day_text) if day_text else PART_OF_MONTH_DAY.get(part_word(groups.get("part")), 1)
    if year_text:
        year = int(year_text)
    elif published is None:
        return None, "unknown"
    elif year_word:
        year = published.year + YEAR_SHIFT[year_word]
    elif which:
        year = month_year(month, which, published)
    else:
        year = published.year
        if (month, day if day_text else 1) > (published.month, published.day):
            year -= 1
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    return when, "day" if day_text else "month"


def month_year(month: int, which: str, published: date) -> int:
    """The year of "last May" (the latest May before the current month), "this May" and
    "next May" (the coming one after the current month)."""
    if which == "last":
        return published.year - (month >= published.month)
    if which == "next":
        return published.year + (month <= published.month)
    return published.year


def part_word(part: str | None) -> str:
    return part.split()[-2] if part and " " in part else (part or "").lower()


def resolve_day_word(word: str, published: date | None) -> tuple[date | None, DatePrecision]:
    if published is None:
        return None, "unknown"
    back = 1 if word in ("yesterday", "overnight") or word.startswith("last") else 0
    return published - timedelta(days=back), "day"


def resolve_weekend(which: str, published: date | None) -> tuple[date | None, DatePrecision]:
    """The Saturday of the weekend meant. "Over the weekend": the latest one that has begun by
    P; "last weekend" read on a weekend: the one before; "this weekend" read on a weekday and
    "next weekend": the coming one."""
    if published is None:
        return None, "unknown"
    since_saturday = (published.weekday() - WEEKDAYS.index("saturday")) % 7
    latest = published - timedelta(days=since_saturday)
    on_weekend = since_saturday <= 1
    if which == "next" or (which == "this" and not on_weekend):
        latest += timedelta(days=7)
    elif which == "last" and on_weekend:
        latest -= timedelta(days=7)
    return latest, "week"


def resolve_weekday(
    groups: dict[str, str | None], published: date | None, ahead: bool = False
) -> tuple[date | None, DatePrecision]:
    """The weekday meant: the most recent one on or before P; "next Tuesday" the coming one
    after P, and a weekday of a clause told as still to come (``ahead``) the coming one from P
    on, P itself included ("a hearing is set for Thursday")."""
    if published is None:
        return None, "unknown"
    weekday = WEEKDAYS.index((groups["weekday"] or "").lower())
    which = (groups.get("which") or "").lower()
    back = (published.weekday() - weekday) % 7
    forward = (weekday - published.weekday()) % 7
    if which == "next":
        return published + timedelta(days=forward or 7), "day"
    if ahead and which not in ("last", "past"):
        return published + timedelta(days=forward), "day"
    if which in ("last", "past") and back == 0:
        back = 7
    return published - timedelta(days=back), "day"


def resolve_relative_unit(
    groups: dict[str, str | None], published: date | None
) -> tuple[date | None, DatePrecision]:
    if published is None:
        return None, "unknown"
    which = " ".join((groups["which"] or "").lower().split())
    unit = (groups["unit"] or "").lower()
    step = {"last": -1, "past": -1, "the past": -1, "the previous": -1, "next": 1}.get(which, 0)
    step = 1 if which == "the following" else step
    if unit == "week":
        return published + timedelta(days=7 * step), "week"
    if unit == "month":
        return shift_months(published.replace(day=1), step), "month"
    return date(published.year + step, 1, 1), "year"


def resolve_ago(
    groups: dict[str, str | None], published: date | None
) -> tuple[date | None, DatePrecision] | None:
    count_word = (groups["count"] or "").lower()
    count: int | None
    if count_word.isdigit():
        count = int(count_word)
    elif count_word in ARTICLE_COUNTS:
        count = ARTICLE_COUNTS[count_word]
    else:
        spelled = spelled_value(count_word)
        count = int(spelled) if spelled is not None else None
    unit = (groups["unit"] or "").lower()
    if published is None or count is None:
        return None, "unknown"
    if unit == "day":
        return published - timedelta(days=count), "day"
    if unit == "week":
        return published - timedelta(days=7 * count), "week"
    if unit == "month":
        return shift_months(published.replace(day=1), -count), "month"
    years = count * (10 if unit == "decade" else 1)
    return date(published.year - years, 1, 1), "year"


def shift_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def resolve_date_entity(text: str, start: int, published: date | None) -> TimeMention | None:
    """A spaCy DATE entity that no rule read: a month name goes to dateparser, a year is a year;
    None for one with neither (a bare "21" the model took for a date)."""
    years = YEAR_IN_TEXT.findall(text)
    when: date | None = None
    precision: DatePrecision = "unknown"
    if DECADE.search(text):
        pass  # "the 1990s": no single date
    elif not years and not MONTH_IN_TEXT.search(text):
        return None
    elif MONTH_IN_TEXT.search(text):
        when, precision = dateparser_date(text, published)
        if when is not None and years and str(when.year) not in years:
            when, precision = None, "unknown"
    elif years:
        when, precision = date(int(years[0]), 1, 1), "year"
    return TimeMention(start, start + len(text), text, when, precision)


@lru_cache(maxsize=4096)
def dateparser_date(text: str, published: date | None) -> tuple[date | None, DatePrecision]:
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parser = dateparser.date.DateDataParser(languages=["en"], settings=settings)
    parsed = parser.get_date_data(text)
    if parsed.date_obj is None or (published is None and not YEAR_IN_TEXT.search(text)):
        return None, "unknown"
    period: DatePrecision = PERIODS.get(parsed.period or "", "day")
    return parsed.date_obj.date(), period
