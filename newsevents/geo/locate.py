"""Event location: the place where each event happened, or None when the text does not say.

For each event, in order:

1. the event's own ``place_text`` when the events stage found one; else the place its clause
   names after a locative preposition ("an observation post in Idlib"), or, for events on the
   ground, any place below country level in its clause that is not its subject;
2. for events on the ground, a place after a locative preposition elsewhere in its sentences;
3. the article's focus, for events that happen on the ground (attacks, protests, disasters,
   displacement, ...) and only when it is unambiguous: most of the places below country level
   lie in one division, or all of them in one country.

Metonyms ("Ankara said") never locate an event. A meeting whose text names no place stays
without one, whatever the article's focus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsevents.records import Event, Evidence, Location, Place

LOCATIVE_PREPOSITIONS = frozenset(
    (
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "into",
        "across",
        "around",
        "along",
        "within",
        "throughout",
        "on",
        "over",
        "off",
        "towards",
        "toward",
        "through",
        "",
    )
)
GROUND_EVENT_TYPES = frozenset(
    {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "DISASTER", "DISPLACEMENT", "CRIME", "RETREAT"}
)
FOCUS_SHARE = 0.5
OTHER_CLAUSES = frozenset(("advcl", "ccomp", "parataxis", "relcl"))
PRECISION_ORDER = {"point": 0, "admin2": 1, "admin1": 2, "country": 3, "unknown": 4}


def locate_events(events: Sequence[Event], places: Sequence[Place], doc: Doc) -> None:
    """Set ``location`` on every event (None where the text gives no place)."""
    resolved = [p for p in places if p.lat is not None]
    focus = article_focus(resolved)
    for event in events:
        on_ground = event.type in GROUND_EVENT_TYPES
        place = place_of_event(event, resolved, doc, on_ground)
        if place is None and on_ground:
            event.location = focus  # the article's: no words of the event's own
        else:
            event.location = to_location(place) if place else None
        if place is not None:
            event.field_evidence["location"] = Evidence(place.text, place.start, place.end)


def place_of_event(
    event: Event, places: Sequence[Place], doc: Doc, on_ground: bool
) -> Place | None:
    """The event's own place phrase, else its clause's place, else (for events on the ground)
    a place after a locative preposition in its sentences."""
    sentences = [(e.start, e.end) for e in event.evidence]
    inside = [p for p in places if any(s <= p.start and p.end <= e for s, e in sentences)]
    if event.place_text:
        named = [p for p in inside if p.text in event.place_text or event.place_text in p.text]
        if named:
            return most_specific(named)
    trigger = event.trigger
    if trigger is not None:
        clause = clause_of(doc, trigger.start, trigger.end)
        own = [p for p in inside if in_clause(doc, p, clause)]
        located = [p for p in own if after_locative(doc, p)]
        if not located and on_ground:  # "attacks on ... Russia's Hmeimim air base"
            located = [p for p in own if p.precision != "country" and not is_subject(doc, p)]
        if located:
            return nearest(located, trigger.start)
    if not on_ground:  # a meeting or a deal is placed by its own clause only
        return None
    located = [p for p in inside if after_locative(doc, p)]
    return nearest(located, trigger.start if trigger else located[0].start) if located else None


def is_subject(doc: Doc, place: Place) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def clause_of(doc: Doc, start: int, end: int) -> set[int]:
    """Token indices of the trigger's own clause.

    A noun trigger ("a truce deal struck in September") keeps to its own phrase, a verb to its
    subtree; neither takes the clauses hung on them ("..., as the regime pushes on Latakia")
    nor, for a verb, a coordinated verb's clause.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return set()
    token: Token = span.root
    if token.pos_ not in ("NOUN", "PROPN"):
        while token.pos_ not in ("VERB", "AUX") and token.head != token:
            token = token.head
    is_verb = token.pos_ in ("VERB", "AUX")
    inside = {t.i for t in token.subtree}
    for t in token.subtree:
        coordinated_verb = is_verb and t.head == token and t.dep_ == "conj"
        if t != token and t.dep_ in OTHER_CLAUSES or coordinated_verb:
            inside -= {u.i for u in t.subtree}
    return inside


def in_clause(doc: Doc, place: Place, clause: set[int]) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span.root.i in clause


def after_locative(doc: Doc, place: Place) -> bool:
    """True when the place is the object of a locative preposition ("in Idlib", "near Hama")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    token: Token = span.root
    while token.dep_ in ("compound", "conj", "appos", "amod") and token.head != token:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS


def nearest(places: Sequence[Place], offset: int) -> Place:
    return min(places, key=lambda p: (abs(p.start - offset), PRECISION_ORDER[p.precision]))


def most_specific(places: Sequence[Place]) -> Place:
    return min(places, key=lambda p: PRECISION_ORDER[p.precision])


def article_focus(places: Sequence[Place]) -> Location | None:
    """Where the article is, when that is unambiguous: the division that holds most (over
    FOCUS_SHARE) of its sub-national names (the division itself when named, else the place
    most of them name), else the one country that holds them all."""
    local = [p for p in places if p.precision != "country" and p.country]
    if not local:
        return None
    groups = Counter((p.country, p.admin1) for p in local)
    (country, admin1), count = groups.most_common(1)[0]
    if admin1 and count / len(local) > FOCUS_SHARE:
        group = [p for p in local if (p.country, p.admin1) == (country, admin1)]
        divisions = [p for p in group if p.precision == "admin1"]
        if divisions:
            return to_location(divisions[0])
        spots = Counter((p.lat, p.lon) for p in group)
        spot, mentions = spots.most_common(1)[0]
        if mentions / len(group) > FOCUS_SHARE:  # "Aurora ... Oswego ... Aurora ... Aurora"
            return to_location(next(p for p in group if (p.lat, p.lon) == spot))
    if len({p.country for p in local}) > 1:
        return None
    named = [p for p in places if p.precision == "country" and p.country == local[0].country]
    return to_location(named[0]) if named else None


def to_location(place: Place) -> Location:
    return Location(
        name=place.name or place.text,
        precision=place.precision,
        geonameid=place.geonameid,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
    )
