"""The article's focus as the place of events with no place of their own (geo.locate)."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.geo import GeoComponent
from newsevents.geo.gazetteer import Gazetteer
from newsevents.geo.locate import article_focus, astray, to_location
from newsevents.geo.resolve import Mention, to_place
from newsevents.nlp import load_language
from newsevents.pipeline import Pipeline
from newsevents.records import (
    Article,
    Document,
    Event,
    Evidence,
    Place,
    PlacePrecision,
    Reading,
)


def place(
    name: str, country: str, admin1: str | None = None, precision: PlacePrecision = "point"
) -> Place:
    return Place(name, 0, len(name), name, None, None, country, admin1, 1.0, 1.0, precision)


def country(name: str, code: str) -> Place:
    return place(name, code, precision="country")


def test_an_article_about_one_country_that_names_others_has_that_country_as_focus() -> None:
    # towns in two regions of the country, its name twice, and one foreign capital
    places = [
        country("Belarus", "BLR"),
        place("Minsk", "BLR", "Minsk City"),
        place("Grodno", "BLR", "Grodno"),
        country("Belarus", "BLR"),
        place("Vilnius", "LTU", "Vilnius"),
    ]
    focus = article_focus(places, "")
    assert focus is not None and focus.country == "BLR" and focus.precision == "country"


def test_a_lone_town_abroad_is_no_focus_for_an_article_about_another_country() -> None:
    # the story is on Egypt; its only town is where a foreign ministry spoke
    places = [*[country("Egypt", "EGY")] * 4, place("Washington", "USA", "Washington, D.C.")]
    focus = article_focus(places, "")
    assert focus is not None and focus.country == "EGY"


def test_no_country_holds_most_of_a_roundups_names() -> None:
    places = [country("Egypt", "EGY"), country("Iran", "IRN"), country("Egypt", "EGY")]
    places += [country("Saudi Arabia", "SAU")]
    assert article_focus(places, "") is None


def test_a_division_in_the_main_country_stays_the_focus() -> None:
    town = place("Aurora", "USA", "Illinois")
    focus = article_focus([town, town, country("Mexico", "MEX")], "")
    assert focus is not None and focus.name == "Aurora"


def test_a_weakly_linked_town_is_finer_than_a_country_focus() -> None:
    text = (
        "The army shelled villages in Syria's Idlib province and in Hama province. "
        "Police detained a doctor from an Aleppo hospital on Monday."
    )
    start = text.index("Police")
    trigger = text.index("detained")
    event = Event(
        id="e",
        type="COERCE",
        status="reported",
        evidence=[Evidence(text[start:], start, len(text))],
        trigger=Evidence("detained", trigger, trigger + len("detained")),
    )
    article = Article(id="t", input_id="t", text=text, published=date(2021, 3, 1))
    GeoComponent()(Reading(article=article, events=[event], doc=load_language()(text)))
    assert event.location is not None and event.location.name == "Aleppo"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["nlp", "events", "geo"])


def attack_place(pipeline: Pipeline, text: str) -> tuple[str | None, str | None]:
    reading = pipeline.read(Document("t", text.encode(), "article", published=date(2024, 3, 2)))
    assert isinstance(reading, Reading), reading
    (attack,) = [e for e in reading.events if e.type == "ASSAULT"]
    assert attack.location is not None
    return attack.location.name, attack.location.admin1


@pytest.mark.parametrize(
    "text",
    [
        # a township of the dateline's county, which the gazetteer knows only in Maine
        "WARREN, Ohio — Two people were killed in a shooting in Howland on Saturday, police said.",
        # a street's name without its suffix, read as the Michigan town
        "TOLEDO, Ohio — A man was shot and wounded in the 400 block of Escanaba on Sunday.",
    ],
)
def test_a_small_town_states_away_whose_state_goes_unnamed_yields_to_a_town_focus(
    pipeline: Pipeline, text: str
) -> None:
    dateline = text[: text.index(",")].title()
    assert attack_place(pipeline, text)[0] == dateline


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the state named after the town
        (
            "CHICAGO — A man was shot and killed in Gary, Indiana, on Saturday night.",
            ("Gary", "Indiana"),
        ),
        # a metro area across a state line
        ("CHICAGO — A man was shot and killed in Gary on Saturday night.", ("Gary", "Indiana")),
        ("WASHINGTON — A man was shot dead in Waldorf on Thursday night.", ("Waldorf", "Maryland")),
        # wire stories name a province's town alone, from the capital or another city
        (
            "NAIROBI, Kenya — Militants attacked a bus near Garissa on Tuesday, killing eight.",
            ("Garissa", "Garissa"),
        ),
        (
            "MOMBASA, Kenya — Militants attacked a bus near Garissa on Tuesday, killing eight.",
            ("Garissa", "Garissa"),
        ),
        (
            "NAIROBI, Kenya — Militants attacked a bus near Mandera town in Mandera county on "
            "Tuesday, killing eight passengers.",
            ("Mandera", "Mandera"),
        ),
        (
            "NEW DELHI — Maoist rebels killed six policemen in Sukma district in Chhattisgarh "
            "state on Tuesday, police said.",
            ("Sukma", "Chhattisgarh"),
        ),
        (
            "MUMBAI — Militants killed two soldiers in Pulwama on Tuesday, police said.",
            ("Pulwama", "Kashmir"),
        ),
        (
            "ALEPPO, Syria — Air strikes hit the town of Saraqib on Tuesday, killing eight "
            "civilians, activists said.",
            ("Saraqib", "Idlib"),
        ),
    ],
)
def test_a_town_the_text_ties_to_its_state_or_a_wire_story_names_keeps_its_place(
    pipeline: Pipeline, text: str, place: tuple[str, str]
) -> None:
    assert attack_place(pipeline, text) == place


def town(name: str, admin1: str) -> Place:
    entry = next(e for e in Gazetteer.load().lookup(name) if e.admin1 == admin1)
    return to_place(Mention(name, 0, len(name)), entry, 1.0)


def test_a_city_needs_no_state_and_a_named_state_keeps_its_town() -> None:
    latrobe = to_location(town("Latrobe", "Pennsylvania"))
    howland = town("Howland", "Maine")
    assert astray(latrobe, howland, [howland])
    assert not astray(latrobe, town("Baltimore", "Maryland"), [])  # "in east Baltimore"
    maine = Place("Maine", 0, 5, "Maine", None, "ADM1", "USA", "Maine", 45.5, -69.2, "admin1")
    assert not astray(latrobe, howland, [howland, maine])
