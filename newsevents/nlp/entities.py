"""Named entities: spaCy's, corrected with the gazetteer and the actor knowledge base.

The small English model slips on names it has rarely seen: it tags cities as PERSON ("Hama")
and places or bases as NORP ("Aleppo", "Hmeimim"), and it misses some armed groups and
leaders. ``correct_entities(doc)`` fixes ``doc.ents`` in place with generic rules:

- an entity the actor KB knows as a person becomes PERSON, as an organisation ORG, as a
  country or seat of government GPE, as a demonym NORP;
- a PERSON or NORP entity that the KB does not know and that the gazetteer knows as a
  real place (a division, a site, an area, or a town of at least ``MIN_TOWN_POPULATION``)
  becomes GPE, or FAC when it names a site or is followed by a facility word ("Hmeimim air
  base": the span grows to take in "air base");
- a person or organisation from the KB that spaCy missed is added where no entity overlaps.

``to_entities(doc)`` lists them as :class:`~newsevents.records.Entity` records, with
``Entity.actor`` filled where the KB resolves the entity to a country or an international
body (see :mod:`newsevents.actors`); a place gets an actor only when it names a country or a
seat of government ("Turkey", "Ankara"), not a town or region ("Idlib").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsevents.actors import find_actor_mentions, lookup, resolve_actor
from newsevents.records import Actor, Entity

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
SITE_CLASSES = frozenset({"S"})
AREA_CLASSES = frozenset({"A", "L", "H", "T"})
FACILITY_WORDS = re.compile(
    r"(?:air\s*base|airbase|military\s+base|naval\s+base|base|airport|air\s+field|airfield"
    r"|border\s+crossing|crossing|camp|refugee\s+camp|prison|port|dam)\b",
    re.IGNORECASE,
)


def correct_entities(doc: Doc) -> None:
    """Relabel the model's known slips and add KB actors it missed (in place)."""
    named = [span for span in kb_spans(doc) if span is not None]
    spans = [grown_to_kb_name(ent, named) or corrected_span(doc, ent) for ent in doc.ents]
    spans = drop_overlaps(spans)
    taken = {i for span in spans for i in range(span.start, span.end)}
    for span in named:
        if not taken.intersection(range(span.start, span.end)):
            spans.append(span)
            taken.update(range(span.start, span.end))
    doc.ents = sorted(spans, key=lambda s: s.start)


def kb_spans(doc: Doc) -> list[Span | None]:
    """The people and organisations of the actor KB named in the text, as labelled spans."""
    return [
        doc.char_span(m.start, m.end, label=KB_LABELS[m.entry.kind])
        for m in find_actor_mentions(doc.text)
        if m.entry.kind in ("person", "organisation") and not m.modifier
    ]


def grown_to_kb_name(ent: Span, named: list[Span]) -> Span | None:
    """The KB name that contains this entity ("Tahrir al-Sham" in "Hayat Tahrir al-Sham")."""
    for span in named:
        if span.start <= ent.start and ent.end <= span.end:
            return span
    return None


def corrected_span(doc: Doc, ent: Span) -> Span:
    entry = lookup(ent.text)
    if entry is not None and entry.kind in KB_LABELS:
        label = KB_LABELS.get(entry.kind, ent.label_)
        if entry.kind == "seat" and ent.label_ in ("FAC", "ORG"):
            label = ent.label_  # "the White House", "the Kremlin" as buildings or bodies
        return ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label)
    if ent.label_ not in SUSPECT_LABELS:
        return ent
    place = place_kind(ent.text)
    if place is None:
        return ent
    facility = FACILITY_WORDS.match(doc.text, ent.end_char + 1)
    if facility and doc.text[ent.end_char : ent.end_char + 1].isspace():
        grown = doc.char_span(ent.start_char, facility.end(), label="FAC")
        if grown is not None:
            return grown
    return Span(doc, ent.start, ent.end, label=place)


@lru_cache(maxsize=16384)
def place_kind(name: str) -> str | None:
    """ "GPE" or "FAC" when the gazetteer knows ``name`` as a real place, else None."""
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
        Entity(ent.text, ent.start_char, ent.end_char, ent.label_, entity_actor(ent))
        for ent in doc.ents
    ]


def entity_actor(ent: Span) -> Actor | None:
    """The KB actor an entity names; None for a bare sector word ("regime") or a place."""
    if ent.label_ not in ACTOR_LABELS:
        return None
    if ent.label_ in PLACE_LABELS:
        entry = lookup(ent.text)
        if entry is None or entry.kind not in ("country", "seat"):
            return None  # "Idlib" is a place; "Turkey" and "Ankara" may act
    actor = resolve_actor(ent.text)
    if actor is None or not (actor.country or actor.sector in ("IGO", "NGO")):
        return None
    return actor
