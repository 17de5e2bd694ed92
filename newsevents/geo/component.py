"""The ``geo`` pipeline component and the resolution-only entry point."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsevents.geo.gazetteer import Gazetteer
from newsevents.geo.locate import (
    article_focus,
    locate_events,
    locate_headline_events,
    unplaced_headline_events,
)
from newsevents.geo.outlet import outlet_countries
from newsevents.geo.recognize import demonym_mentions, recognise
from newsevents.geo.resolve import Mention, Resolver, to_place
from newsevents.geo.streets import is_street, place_streets
from newsevents.nlp import load_language
from newsevents.pipeline import StageError
from newsevents.records import Place, Reading

# Verbs whose subject can be a place as a place ("Kabul is a city of ...", "Kabul lies ...").
STATIVE_VERBS = frozenset(["be", "remain", "lie", "sit", "become", "have", "host"])


class GeoComponent:
    """Finds and resolves the places of a reading and locates its events.

    Reads the spaCy Doc of the ``nlp`` stage (and the article's address: a country-code domain
    is a prior for its places); writes ``reading.places`` and each event's
    ``location``. Capitals used as actors ("Ankara said") and demonyms ("Syrian troops", each
    resolved to its country) go to ``reading.geo_metonyms``, not to places.
    """

    def __init__(self) -> None:
        self.gazetteer = Gazetteer.load()
        self.resolver = Resolver(self.gazetteer)

    def __call__(self, reading: Reading) -> None:
        doc = reading.doc
        if doc is None:
            raise StageError("geo needs the nlp stage first (no parsed document)")
        text = reading.article.text
        outlet = outlet_countries(reading.article.url)
        countries = [*self.resolver.demonym_countries(text), *outlet]
        mentions = recognise(doc, self.gazetteer, countries)
        places = with_streets(self.resolver.resolve(text, mentions, outlet), text)
        reading.places = [p for p in places if not is_metonym(doc, p)]
        reading.geo_metonyms = sorted(
            [p for p in places if is_metonym(doc, p)] + self.demonym_places(doc, mentions),
            key=lambda p: p.start,
        )
        # An unsure place locates an event only at the division or country it is sure of.
        event_places = [self.resolver.at_its_level(p) for p in reading.places]
        locate_events(reading.events, event_places, doc, text)
        headline_events = unplaced_headline_events(reading.events)
        if headline_events and reading.article.title:
            title_places = self.headline_places(reading.article.title, countries, outlet)
            locate_headline_events(headline_events, title_places)

    def headline_places(
        self, title: str, countries: Sequence[str], outlet: Sequence[str]
    ) -> list[Place]:
        """The places a headline names, as an event may take them (the headline is parsed
        apart from the body: extraction keeps it out of the text)."""
        doc = load_language()(title)
        mentions = recognise(doc, self.gazetteer, countries)
        places = self.resolver.resolve(title, mentions, outlet)
        return [self.resolver.at_its_level(p) for p in places if not is_metonym(doc, p)]

    def demonym_places(self, doc: Doc, found: list[Mention]) -> list[Place]:
        """Each demonym of the text outside the place names ``found``, at its country
        ("Sudanese" -> Sudan)."""
        return [
            to_place(mention, entry, 1.0)
            for mention, entry in demonym_mentions(doc, self.gazetteer, found)
            if entry is not None
        ]


def is_metonym(doc: Doc, place: Place) -> bool:
    """A capital standing for its government: the subject of what a state does ("Ankara
    said", "Moscow and Ankara had set up a zone"), or a party to a deal "between" capitals."""
    if place.feature != "PPLC":
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    token: Token = span.root
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ == "nsubj":
        return token.head.lemma_ not in STATIVE_VERBS
    return token.dep_ == "pobj" and token.head.lower_ == "between"


def resolve_toponyms(text: str, spans: Sequence[tuple[int, int]]) -> list[Place]:
    """Resolve given toponym spans (character offsets into ``text``), one Place per span."""
    mentions = [Mention(text[start:end], start, end) for start, end in spans]
    return with_streets(shared_resolver().resolve(text, mentions), text)


def with_streets(places: list[Place], text: str) -> list[Place]:
    """The places, with streets placed at their towns (see :mod:`newsevents.geo.streets`)."""
    focus = article_focus([p for p in places if p.lat is not None and not is_street(p.text)], text)
    return place_streets(places, text, focus)


@lru_cache(maxsize=1)
def shared_resolver() -> Resolver:
    return Resolver()
