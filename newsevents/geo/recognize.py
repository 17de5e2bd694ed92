"""Toponym recognition: the place names of a parsed text, with demonyms and metonyms set apart.

Two sources, merged:

- spaCy's named entities: GPE and LOC always (a name the gazetteer lacks is still a place,
  left unresolved); FAC when the gazetteer knows it; PERSON, NORP and ORG when the model
  slipped on a known place (the small English model reads "Hama" as a person and "Aleppo" as a
  nationality) — a single name that is a place in a country the text is about, or a country,
  division or curated place outright;
- the gazetteer itself, for capitalised names the model missed, with guards against common
  words: not at the start of a sentence, not a month or weekday, and either a country,
  division or curated place, a large town (100,000 people), or a town in a country the text
  is about.

A name followed by "province", "governorate", "district", ... takes that word into its span
("Idlib province"), so it resolves to the division. Demonyms ("Syrian") are never places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from newsevents.geo.gazetteer import DIVISION_WORDS, Gazetteer, GazetteerEntry
from newsevents.geo.resolve import Mention

PLACE_LABELS = frozenset({"GPE", "LOC"})
SLIP_LABELS = frozenset({"PERSON", "NORP", "ORG", "FAC"})
LARGE_TOWN = 100_000
CONTEXT_TOWN = 5_000
MAX_WORDS = 4
CALENDAR_WORDS = frozenset(
    (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "",
    )
)
_DIVISION_AFTER = re.compile(r"\s+(?:" + "|".join(DIVISION_WORDS) + r")\b", re.IGNORECASE)


def recognise(doc: Doc, gazetteer: Gazetteer, countries: Iterable[str] = ()) -> list[Mention]:
    """The place names of ``doc``, in text order, without overlaps.

    ``countries`` are ISO3 codes the text is about (from its demonyms, say); the countries
    named in the text itself are added here.
    """
    context = set(countries) | named_countries(doc, gazetteer)
    mentions: list[Mention] = []
    taken = [False] * len(doc.text)
    for ent in doc.ents:
        span = entity_mention(ent, gazetteer, context)
        if span is not None:
            mentions.append(span)
            mark(taken, span)
    for span in gazetteer_matches(doc, gazetteer, context, taken):
        mentions.append(span)
        mark(taken, span)
    return sorted((with_division_word(doc.text, m, gazetteer) for m in mentions), key=start_of)


def start_of(mention: Mention) -> int:
    return mention.start


def named_countries(doc: Doc, gazetteer: Gazetteer) -> set[str]:
    found = set()
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            entries = gazetteer.lookup(ent.text)
            if entries and entries[0].precision == "country" and entries[0].country:
                found.add(entries[0].country)
        demonym = gazetteer.demonym(ent.text)
        if demonym:
            found.add(demonym)
    return found


def entity_mention(ent: Span, gazetteer: Gazetteer, context: set[str]) -> Mention | None:
    span = trimmed(ent)
    if span is None or gazetteer.demonym(span.text):
        return None
    mention = Mention(span.text, span.start_char, span.end_char)
    if ent.label_ in PLACE_LABELS:
        return mention
    if ent.label_ not in SLIP_LABELS:
        return None
    entries = gazetteer.lookup(span.text)
    if ent.label_ == "FAC":
        return mention if entries else None
    if len(span) == 1 and any(plausible(e, context, CONTEXT_TOWN * 4) for e in entries):
        return mention
    return mention if any(is_landmark(e) for e in entries) and ent.label_ != "ORG" else None


def trimmed(ent: Span) -> Span | None:
    """The entity without a leading "the" or a trailing possessive."""
    start, end = ent.start, ent.end
    if ent[0].lower_ == "the":
        start += 1
    if end > start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return ent.doc[start:end] if end > start else None


def is_landmark(entry: GazetteerEntry) -> bool:
    """A country, a division or a curated place: safe to take from a bare capitalised name."""
    return entry.precision in ("country", "admin1") or not entry.source.startswith(
        ("geonames", "derived")
    )


def plausible(entry: GazetteerEntry, context: set[str], town_size: int) -> bool:
    if is_landmark(entry):
        return True
    return entry.population >= LARGE_TOWN or (
        entry.country in context and entry.population >= town_size
    )


def gazetteer_matches(
    doc: Doc, gazetteer: Gazetteer, context: set[str], taken: list[bool]
) -> list[Mention]:
    """Capitalised word runs, longest first, that name a plausible place and no entity took."""
    found = []
    i = 0
    while i < len(doc):
        match = None
        if is_name_word(doc[i]) and not taken[doc[i].idx]:
            for size in range(min(MAX_WORDS, len(doc) - i), 0, -1):
                span = doc[i : i + size]
                if all(is_name_word(t) for t in span) and accept(span, gazetteer, context, taken):
                    match = span
                    break
        if match is None:
            i += 1
            continue
        found.append(Mention(match.text, match.start_char, match.end_char))
        i = match.end
    return found


def is_name_word(token: Token) -> bool:
    return token.is_alpha and token.text[0].isupper() and token.lower_ not in CALENDAR_WORDS


def accept(span: Span, gazetteer: Gazetteer, context: set[str], taken: list[bool]) -> bool:
    if any(taken[t.idx] for t in span) or gazetteer.demonym(span.text):
        return False
    if span[0].is_sent_start and (len(span) == 1 or span[0].is_stop):
        return False
    if span[0].ent_type_ in ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
        return False
    return any(plausible(e, context, CONTEXT_TOWN) for e in gazetteer.lookup(span.text))


def with_division_word(text: str, mention: Mention, gazetteer: Gazetteer) -> Mention:
    """ "Idlib" followed by " province" becomes "Idlib province" when that names a division."""
    match = _DIVISION_AFTER.match(text, mention.end)
    if not match:
        return mention
    longer = text[mention.start : match.end()]
    if not gazetteer.lookup(longer):
        return mention
    return Mention(longer, mention.start, match.end())


def mark(taken: list[bool], mention: Mention) -> None:
    for i in range(mention.start, mention.end):
        taken[i] = True
