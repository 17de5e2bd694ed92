"""Streets and roads: found by their form, placed at the town they are in.

No gazetteer lists streets, yet local news names them more than towns ("shot near Grand
Avenue and West 11th Street", "of 420 Augusta St., Alexandria"), and the gold sets of local
news count them as toponyms (LGL: "Gillis Street", "Interstate 395"; GeoWebNews: streets and
buildings are literal toponyms). A street is recognised by its last word ("Street", "Ave.",
"Highway 10", "Interstate 395") and resolved to its town: a town named right after it
("Gillis Street in Alton", "Augusta St., Alexandria"), else the article's focus (its dateline,
or the town its places centre on). The place keeps the street's text and takes the town's
name and point: the point is the town's, not the street's.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from newsevents.geo.resolve import Mention
from newsevents.records import Location, Place

_WORD = r"(?:[A-Z][A-Za-z'’-]+|\d+(?:st|nd|rd|th))"
_SUFFIX = (
    r"Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Boulevard|Blvd\.|Lane|Ln\.|Parkway|Pkwy\."
    r"|Pike|Turnpike|Expressway|Freeway"
)
# Not "U.S. 321": LGL counts the country in it.
_NUMBERED = r"(?:Interstate|I-|State Route|Route|State Highway|Highway|County Road)"
STREET = re.compile(
    rf"\b(?:(?:[NSEW]\.|North|South|East|West) )?(?:{_WORD} ){{1,3}}(?:{_SUFFIX})(?![\w-])"
    rf"|\b{_NUMBERED}[ -]?\d{{1,3}}\b"
)
_ARTICLE = re.compile(r"(?:The|A|An|On|In|At|Near) ")
# After the street, the town it is in: "in Alton", ", Alexandria".
_TOWN_AFTER = re.compile(r"(?:,\s*|\s+in\s+)$")
TOWN_AFTER_CHARS = 6


def street_mentions(text: str, taken: Sequence[bool]) -> list[Mention]:
    """The streets and numbered roads of ``text`` that overlap no other place."""
    found = []
    for match in STREET.finditer(text):
        start, end = match.span()
        start = article.end() if (article := _ARTICLE.match(text, start)) else start
        if not any(taken[start:end]):
            found.append(Mention(text[start:end], start, end))
    return found


def is_street(name: str) -> bool:
    return STREET.fullmatch(name) is not None


# The feature code of the buildings the gazetteer's supplement lists (geo/data/supplement.tsv):
# a street that names one ("Downing Street" for the British government) keeps its point.
BUILDING = "BLDG"


def place_streets(places: Sequence[Place], text: str, focus: Location | None) -> list[Place]:
    """``places`` with every street placed at its town: a resolved town right after it, else
    ``focus``; a street with neither stays unresolved, whatever namesake the gazetteer has
    ("West Street" is no town Street in England), unless the gazetteer knows it as a
    ``BUILDING``."""
    towns = [
        p for p in places if p.lat is not None and p.precision == "point" and not is_street(p.text)
    ]
    placed = []
    for place in places:
        if not is_street(place.text) or place.feature == BUILDING:
            placed.append(place)
            continue
        street = Place(place.text, place.start, place.end)
        town: Place | Location | None = next(
            (
                t
                for t in towns
                if 0 <= t.start - street.end <= TOWN_AFTER_CHARS
                and _TOWN_AFTER.search(text, street.end, t.start)
            ),
            None,
        )
        if town is None and focus is not None and focus.precision == "point":
            town = focus
        placed.append(in_town(street, town) if town is not None else street)
    return placed


def in_town(street: Place, town: Place | Location) -> Place:
    """The street at its town's point, under the town's name."""
    return dataclasses.replace(
        street,
        name=town.name,
        country=town.country,
        admin1=town.admin1,
        lat=town.lat,
        lon=town.lon,
        precision="point",
    )
