"""The day of an article's main happening, chosen among the days the article names.

A local story names several days: the shooting's ("early Sunday", "on June 11"), the arrest's,
the hearing's, the day police spoke. Which is the happening's is learned, as the counts are
(:mod:`newsevents.events.article_counts`): every day-precise point in time the article names
(``nlp.dates.find_times``) is a candidate, described by :func:`date_features`, scored by a
logistic model fitted on GVA's "fit" half (``newsevents train counts``, the ``date`` entry of
``data/count_model.json``); the best candidate dates the main happening when probable enough,
else the happening keeps the date its own words gave.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from newsevents.events.article_counts import LEDE_CHARS, OPENING_CHARS, FieldModel
from newsevents.nlp.dates import TimeMention
from newsevents.nlp.text import span_text
from newsevents.records import Event, Evidence

# Sentence words of the violence itself, and of what follows it (courts, arrests, statements).
VIOLENCE = re.compile(
    r"\b(?:shot|shoot\w*|gunfire|gunshots?|wound\w*|kill\w*|died|dead|fired|stabb\w*)\b",
    re.IGNORECASE,
)
AFTERMATH = re.compile(
    r"\b(?:court|sentenc\w*|charged|charges|hearing|plead\w*|pleaded|arraign\w*|trial|judge|"
    r"jury|convicted|indicted|arrested|released|funeral|vigil|said|announced|identified)\b",
    re.IGNORECASE,
)
NAMES_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE
)
WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
PART_OF_DAY = re.compile(r"\b(?:early|late|night|overnight|morning)\b", re.IGNORECASE)
# Days before publication, in buckets (a story is mostly told within days of it).
AGE_BUCKETS = ((0, "0"), (1, "1"), (7, "2-7"), (31, "8-31"))


@dataclass(frozen=True)
class DateCandidate:
    time: TimeMention
    sentence: str


def date_candidates(doc: Doc, times: Sequence[TimeMention]) -> list[DateCandidate]:
    """Every day-precise point in time the article names, with its sentence, in text order."""
    found = []
    for time in times:
        if time.relation != "point" or time.precision != "day" or time.date is None:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None:
            found.append(DateCandidate(time, span_text(span.sent)))
    return found


def age_bucket(day: date, published: date | None) -> str:
    if published is None:
        return "unknown"
    days = (published - day).days
    if days < 0:
        return "after"
    return next((name for limit, name in AGE_BUCKETS if days <= limit), "older")


def date_features(
    candidate: DateCandidate, others: Sequence[DateCandidate], published: date | None
) -> dict[str, float]:
    """Where the day stands (lede, rank, how many of the article's days agree, how long before
    publication), how it is written (month and day, weekday, part of the day) and what its
    sentence tells (the violence, or what came after it)."""
    time = candidate.time
    days = [other.time.date for other in others]
    rank = others.index(candidate)
    return {
        "bias": 1.0,
        f"age={age_bucket(time.date, published) if time.date else 'unknown'}": 1.0,
        f"rank={min(rank, 2)}": 1.0,
        "lede": float(time.start < LEDE_CHARS),
        "opening": float(time.start < OPENING_CHARS),
        "agreeing": days.count(time.date) / len(days),
        "earliest": float(time.date == min(d for d in days if d is not None)),
        "month_day": float(bool(NAMES_MONTH.search(time.text))),
        "weekday": float(bool(WEEKDAY.search(time.text))),
        "part_of_day": float(bool(PART_OF_DAY.search(time.text))),
        "violence": float(bool(VIOLENCE.search(candidate.sentence))),
        "aftermath": float(bool(AFTERMATH.search(candidate.sentence))),
    }


def choose_date(
    candidates: Sequence[DateCandidate], published: date | None, model: FieldModel
) -> DateCandidate | None:
    """The most probable day, if probable enough."""
    return model.best([(date_features(c, candidates, published), c) for c in candidates])


def give_date(event: Event, chosen: DateCandidate | None) -> None:
    if chosen is None or chosen.time.date is None:
        return
    time = chosen.time
    event.date, event.date_precision = time.date, "day"
    event.field_evidence["date"] = Evidence(time.text, time.start, time.end)
