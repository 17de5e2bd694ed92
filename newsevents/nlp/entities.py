"""Named entities: spaCy's, corrected with the gazetteer and the actor knowledge base.

The small English model slips on names it has rarely seen: it tags cities as PERSON ("Hama")
and places or bases as NORP ("Aleppo", "Hmeimim"), and it misses some armed groups and
leaders. ``correct_entities(doc)`` fixes ``doc.ents`` in place with generic rules:

- an entity the actor KB knows as a person becomes PERSON, as an organisation ORG, as a
  country or seat of government GPE, as a demonym NORP;
- a PERSON or NORP entity that the KB does not know, that shows no sign of being a person
  (a title before it, a verb of saying after it, a fuller name elsewhere: "Jackson said",
  "Andrew Jackson") and that the gazetteer knows as a place becomes FAC when it names a site
  or is followed by a facility word ("Hmeimim air base": the span grows to take in "air
  base"), and GPE when it names a division, an area or a town of ``MIN_TOWN_POPULATION`` or
  more and reads as a place: after "in", "near", "from"... or "the cities of", or listed
  beside another place ("Aleppo, Hama and Latakia"). Adjective-like NORP words ("Christian",
  "Western") and names under four letters ("Li", "Xu") are left alone;
- a person or organisation from the KB that spaCy missed is added where no entity overlaps.

``to_entities(doc)`` lists them as :class:`~newsevents.records.Entity` records, with
``Entity.actor`` filled where the KB resolves the entity to a country or an international
body (see :mod:`newsevents.actors`); a place gets an actor only when it names a country or a
seat of government ("Turkey", "Ankara"), not a town or region ("Idlib").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsevents.actors import NO_CONTEXT_SECTORS, find_actor_mentions, lookup, resolve_actor
from newsevents.nlp.text import doc_text, span_text
from newsevents.records import Actor, Entity
from newsevents.words import word_set

ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SUSPECT_LABELS = frozenset({"PERSON", "NORP"})  # ORG names places too often ("Amazon")
KB_LABELS = {
    "person": "PERSON",
    "organisation": "ORG",
    "country": "GPE",
    "seat": "GPE",
    "demonym": "NORP",
}
MIN_TOWN_POPULATION = 5_000
MIN_NAME_LENGTH = 4  # "Li", "Xu", "Hu" are surnames far more often than towns
ADJECTIVE_ENDING = re.compile(r"(?:an|ian|ish|ese|ic|ern|ist|i)s?$")
LOCATIVE_PREPOSITIONS = word_set(
    "in near at from to outside around across into inside towards toward through via"
)
PLACE_NOUNS = word_set(
    "city town village province region state district governorate county area capital "
    "suburb neighbourhood neighborhood outskirts port"
)
SITE_CLASSES = frozenset({"S"})
AREA_CLASSES = frozenset({"A", "L", "H", "T"})
TITLES = word_set(
    "Mr Mrs Ms Miss Dr Prof Sir Dame Lord Lady President Minister Premier Chancellor King Queen "
    "Prince Princess Sheikh General Gen Colonel Col Major Maj Captain Capt Lieutenant Lt Sergeant "
    "Sgt Officer Judge Justice Senator Sen Rep Governor Gov Mayor Pope Father Imam Rabbi "
    "Ambassador Secretary Commander Chief Deputy Inspector Detective"
)
SPEECH_VERBS = word_set(
    "said says told added stated wrote explained tweeted posted argued claimed insisted noted "
    "recalled asked replied testified admitted denied confirmed"
)
FACILITY_WORDS = re.compile(
    r"(?:air\s*base|airbase|military\s+base|naval\s+base|base|airport|air\s+field|airfield"
    r"|border\s+crossing|crossing|camp|refugee\s+camp|prison|port|dam)\b",
    re.IGNORECASE,
)


def correct_entities(doc: Doc) -> None:
    """Relabel the model's known slips and add KB actors it missed (in place)."""
    text = doc_text(doc)
    named = [span for span in kb_spans(doc, text) if span is not None]
    model_ents = list(doc.ents)
    people = longest_people(model_ents)
    spans = model_ents
    for _ in range(2):  # a second pass lets "Aleppo and Hama" lean on the first's relabels
        spans = [
            grown_to_kb_name(ent, named) or corrected_span(doc, text, ent, spans, people)
            for ent in spans
        ]
    spans = drop_overlaps(spans)
    taken = {i for span in spans for i in range(span.start, span.end)}
    for span in named:
        if not taken.intersection(range(span.start, span.end)):
            spans.append(span)
            taken.update(range(span.start, span.end))
    doc.ents = sorted(spans, key=lambda s: s.start)


def kb_spans(doc: Doc, text: str) -> list[Span | None]:
    """The people and organisations of the actor KB named in the text (``doc.text``), as
    labelled spans."""
    return [
        doc.char_span(m.start, m.end, label=KB_LABELS[m.entry.kind])
        for m in find_actor_mentions(text)
        if m.entry.kind in ("person", "organisation") and not m.modifier
    ]


def grown_to_kb_name(ent: Span, named: list[Span]) -> Span | None:
    """The KB name that contains this entity ("Tahrir al-Sham" in "Hayat Tahrir al-Sham")."""
    for span in named:
        if span.start <= ent.start and ent.end <= span.end:
            return span
    return None


def corrected_span(
    doc: Doc, text: str, ent: Span, ents: list[Span], people: dict[str, int]
) -> Span:
    if ent.label_ == "PERSON" and looks_like_person(doc, ent, people):
        return ent
    name = span_text(ent)
    entry = lookup(name)
    if entry is not None and entry.kind in KB_LABELS:
        label = KB_LABELS.get(entry.kind, ent.label_)
        if entry.kind == "seat" and ent.label_ in ("FAC", "ORG"):
            label = ent.label_  # "the White House", "the Kremlin" as buildings or bodies
        return ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label)
    if ent.label_ not in SUSPECT_LABELS or len(name) < MIN_NAME_LENGTH:
        return ent
    if ent.label_ == "NORP" and ADJECTIVE_ENDING.search(name):
        return ent  # "Christian", "Western": adjectives, not places
    place = place_kind(name)
    if place is None:
        return ent
    facility = FACILITY_WORDS.match(text, ent.end_char + 1)
    if facility and text[ent.end_char : ent.end_char + 1].isspace():
        grown = doc.char_span(ent.start_char, facility.end(), label="FAC")
        if grown is not None:
            return grown
    if place == "FAC" or reads_as_place(doc, ent, ents):
        return Span(doc, ent.start, ent.end, label=place)
    return ent


def reads_as_place(doc: Doc, ent: Span, ents: list[Span]) -> bool:
    """A locative preposition before the name ("in Kozhikode", "the cities of Aleppo") or a
    place beside it in a list ("Aleppo, Hama and Latakia")."""
    before = doc[max(0, ent.start - 2) : ent.start]
    if before and before[-1].lower_ in LOCATIVE_PREPOSITIONS:
        return True
    if len(before) == 2 and before[-1].lower_ == "of" and before[0].lemma_ in PLACE_NOUNS:
        return True
    return any(
        other.label_ in ("GPE", "LOC", "FAC")
        and (0 < ent.start - other.end <= 2 or 0 < other.start - ent.end <= 2)
        and all(
            t.text in (",", "and", "or")
            for t in doc[min(other.end, ent.end) : max(other.start, ent.start)]
        )
        for other in ents
    )


def longest_people(ents: list[Span]) -> dict[str, int]:
    """The most words of a PERSON entity ending on each last word: {"Jackson": 2} for
    "Andrew Jackson"."""
    longest: dict[str, int] = {}
    for ent in ents:
        if ent.label_ == "PERSON":
            last = ent[-1].text
            longest[last] = max(longest.get(last, 0), len(ent))
    return longest


def is_title(word: Token) -> bool:
    """A title a person's name follows ("Mr.", "Chief", "Mrs")."""
    return word.text.rstrip(".") in TITLES


def looks_like_person(doc: Doc, ent: Span, people: dict[str, int]) -> bool:
    """Signs that a PERSON entity named like a town is a person after all: a title before it
    ("Mr Jackson"), a verb of saying after it ("Jackson said"), or a fuller name of the same
    person elsewhere in the text ("Andrew Jackson"; ``people``: ``longest_people`` of the
    model's entities)."""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    if (ent.start > 0 and is_title(doc[ent.start - 1])) or after in SPEECH_VERBS:
        return True
    return people.get(ent[-1].text, 0) > len(ent)


@lru_cache(maxsize=16384)
def place_kind(name: str) -> str | None:
    """ "FAC" when the gazetteer knows ``name`` as a site, "GPE" as a division, an area or a
    town of ``MIN_TOWN_POPULATION`` or more, else None."""
    from newsevents.geo.gazetteer import Gazetteer

    for entry in Gazetteer.load().lookup(name):
        if entry.feature_class in SITE_CLASSES:
            return "FAC"
        if entry.feature_class in AREA_CLASSES or entry.population >= MIN_TOWN_POPULATION:
            return "GPE"
    return None


def drop_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the first of overlapping spans (a grown FAC span may reach the next entity)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def to_entities(doc: Doc) -> list[Entity]:
    return [
        Entity(span_text(ent), ent.start_char, ent.end_char, ent.label_, entity_actor(ent))
        for ent in doc.ents
    ]


def entity_actor(ent: Span) -> Actor | None:
    """The KB actor an entity names; None for a bare sector word ("regime") or a place."""
    if ent.label_ not in ACTOR_LABELS:
        return None
    if ent.label_ in PLACE_LABELS:
        entry = lookup(span_text(ent))
        if entry is None or entry.kind not in ("country", "seat"):
            return None  # "Idlib" is a place; "Turkey" and "Ankara" may act
    actor = resolve_actor(span_text(ent))
    if actor is None or not (actor.country or actor.sector in NO_CONTEXT_SECTORS):
        return None
    return actor
