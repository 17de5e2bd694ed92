"""The article's focus as the place of events with no place of their own (geo.locate)."""

from __future__ import annotations

from datetime import date

from newsevents.geo import GeoComponent
from newsevents.geo.locate import article_focus
from newsevents.nlp import load_language
from newsevents.records import Article, Event, Evidence, Place, PlacePrecision, Reading


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
