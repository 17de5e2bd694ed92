"""The geo stage: recognition, resolution and event location, on the seed and small texts."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from newsevents.geo import GeoComponent, resolve_toponyms
from newsevents.geo.locate import elsewhere
from newsevents.geo.outlet import outlet_countries, outlet_country
from newsevents.geo.recognize import recognise, whole_word_spans
from newsevents.geo.resolve import (
    CONFIDENT,
    Kind,
    Mention,
    Resolver,
    choose,
    list_kinds,
    listed_units,
)
from newsevents.nlp import load_language
from newsevents.records import Article, Event, Evidence, Location, Place, Reading


@pytest.fixture(scope="module")
def geo() -> GeoComponent:
    return GeoComponent()


def read(
    geo: GeoComponent, text: str, events: list[Event] | None = None, url: str | None = None
) -> Reading:
    article = Article(id="t", input_id="t", text=text, published=date(2019, 8, 27), url=url)
    reading = Reading(article=article, events=events or [], doc=load_language()(text))
    geo(reading)
    return reading


def places_named(reading: Reading, text: str) -> list[Place]:
    return [p for p in reading.places if p.text == text]


def event_at(text: str, sentence: str, trigger: str, type_: str = "ASSAULT") -> Event:
    start = text.index(sentence)
    trigger_start = text.index(trigger, start)
    return Event(
        id=trigger,
        type=type_,
        status="reported",
        evidence=[Evidence(sentence, start, start + len(sentence))],
        trigger=Evidence(trigger, trigger_start, trigger_start + len(trigger)),
    )


@pytest.fixture(scope="module")
def seed(geo: GeoComponent, seed_path: Path) -> Reading:
    return read(geo, seed_path.read_text(encoding="utf-8"))


def test_seed_cities_resolve_to_syria(seed: Reading) -> None:
    expected = {"Aleppo": (36.20, 37.16), "Hama": (35.13, 36.76), "Latakia": (35.53, 35.79)}
    for name, (lat, lon) in expected.items():
        found = places_named(seed, name)
        assert found, name
        place = found[0]
        assert place.country == "SYR" and place.precision == "point", place
        assert place.lat is not None and place.lon is not None
        assert abs(place.lat - lat) < 0.1 and abs(place.lon - lon) < 0.1, place


def test_seed_idlib_is_the_governorate_and_hmeimim_the_air_base(seed: Reading) -> None:
    idlib = [p for p in seed.places if p.text.startswith("Idlib")]
    assert idlib and all(p.country == "SYR" for p in idlib)
    assert all(p.precision == "admin1" for p in idlib)  # the text calls it a province
    assert any(p.text == "Idlib province" for p in idlib)
    base = [p for p in seed.places if p.text.startswith("Hmeimim")][0]
    assert base.feature == "MILB" and base.precision == "point"
    assert base.lat is not None and abs(base.lat - 35.41) < 0.05


def test_seed_capitals_as_actors_are_not_places(seed: Reading) -> None:
    assert not places_named(seed, "Ankara") and not places_named(seed, "Moscow")
    assert {p.text for p in seed.geo_metonyms} >= {"Ankara", "Moscow"}
    assert places_named(seed, "Turkey")[0].precision == "country"


def test_demonyms_are_context_not_places(geo: GeoComponent) -> None:
    reading = read(geo, "Syrian troops shelled villages near Hama on Monday.")
    assert not places_named(reading, "Syrian")
    assert places_named(reading, "Hama")[0].country == "SYR"
    # ... but toponyms as LGL and GeoWebNews count them: set apart, at their country
    (demonym,) = [p for p in reading.geo_metonyms if p.text == "Syrian"]
    assert (demonym.country, demonym.precision) == ("SYR", "country")


def best_guesses(
    geo: GeoComponent, text: str, url: str | None = None, spans: list[tuple[int, int]] | None = None
) -> list[tuple[str | None, ...]]:
    """The (country, division) of each place's best candidate, however unsure: of the given
    spans, else of the places the stage recognises."""
    outlet = outlet_countries(url)
    mentions = (
        [Mention(text[start:end], start, end) for start, end in spans]
        if spans is not None
        else recognise(
            load_language()(text), geo.gazetteer, [*geo.resolver.demonym_countries(text), *outlet]
        )
    )
    candidates = geo.resolver.candidate_lists(text, mentions)
    scores = geo.resolver.scores(text, mentions, candidates, outlet)
    best = [entries[choose(s, entries)] for s, entries in zip(scores, candidates, strict=True)]
    return [(entry.country, entry.admin1) for entry in best]


def test_the_outlets_country_domain_is_a_prior(geo: GeoComponent) -> None:
    text = "Police in Richmond arrested two men after a break-in on Friday."
    where = {
        url: best_guesses(geo, text, url)
        for url in (None, "https://example.com/a", "http://www.yourlocalnews.co.uk/a")
    }
    assert where[None] == where["https://example.com/a"] == [("USA", "Virginia")]
    assert where["http://www.yourlocalnews.co.uk/a"] == [("GBR", "England")]


def test_an_unsure_place_keeps_no_point_only_what_it_is_sure_of(geo: GeoComponent) -> None:
    (richmond,) = read(geo, "Police in Richmond arrested two men on Friday.").places
    assert richmond.score is not None and richmond.score < CONFIDENT
    assert (richmond.lat, richmond.name, richmond.admin1) == (None, None, None)
    assert (richmond.country, richmond.precision) == ("USA", "country")  # which state: unsure
    # an event there is located at that level, the country's point and no finer
    text = "Two men were shot in Richmond on Friday."
    event = event_at(text, text, "shot")
    read(geo, text, [event])
    assert event.location is not None
    assert (event.location.name, event.location.precision) == ("United States", "country")
    # given its state, the same name is sure and placed
    (placed, _) = read(geo, "Police in Richmond, Virginia, arrested two men.").places
    assert placed.score is not None and placed.score >= CONFIDENT and placed.lat is not None


def test_a_town_its_state_follows_is_placed_there(geo: GeoComponent) -> None:
    springfield, _ = read(geo, "The governor spoke in Springfield, Ill., on Monday.").places
    assert (springfield.admin1, springfield.precision) == ("Illinois", "point")
    assert springfield.score is not None and springfield.score >= CONFIDENT


DILUTED = pytest.mark.xfail(
    strict=True,
    reason="not met: small namesakes dilute a big city's score when it is named alone (Columbus "
    "0.24, San Antonio 0.46); a calibrated confidence did not mend it (docs/geo.md, Limits)",
)


@pytest.mark.parametrize(
    "city",
    [
        "San Francisco",
        pytest.param("Columbus", marks=DILUTED),
        pytest.param("San Antonio", marks=DILUTED),
    ],
)
def test_a_big_city_named_alone_in_a_local_story_is_placed(geo: GeoComponent, city: str) -> None:
    text = f"A man was shot Tuesday night in {city}, police said. He was taken to a hospital."
    (place,) = read(geo, text).places
    assert place.lat is not None and place.name == city and place.country == "USA"


def test_outlet_country_reads_country_code_domains_only() -> None:
    assert outlet_country("http://www.lfpress.ca/news/1") == "CAN"
    assert outlet_country("cambridge-news.co.uk") == "GBR"  # GeoNames' domain, not ISO's GB
    for generic in ("https://example.com/", "http://radio.fm/", "https://x.tv", None, "localhost"):
        assert outlet_country(generic) is None


def test_unknown_and_nonsense_names_stay_unresolved() -> None:
    text = "Residents fled Xqzzyvillebad and Blorptown."
    spans = [(15, 28), (33, 42)]
    for place in resolve_toponyms(text, spans):
        assert place.text in ("Xqzzyvillebad", "Blorptown")
        assert place.geonameid is None and place.lat is None and place.lon is None
        assert place.precision == "unknown"


def test_containment_picks_the_named_state(geo: GeoComponent) -> None:
    text = "The mayor of Springfield, Ill., spoke; so did the mayor of Springfield, Mass."
    spans = [(13, 24), (59, 70)]
    assert best_guesses(geo, text, spans=spans) == [
        ("USA", "Illinois"),
        ("USA", "Massachusetts"),
    ]
    # a best guess, not a sure one: no point (score 0.21 and 0.25)
    assert {(p.country, p.lat) for p in resolve_toponyms(text, spans)} == {("USA", None)}


def test_other_places_in_the_text_give_context() -> None:
    text = "A fire in Alexandria damaged two homes, Rapides Parish deputies said."
    alexandria, parish = resolve_toponyms(text, [(10, 20), (40, 54)])
    assert alexandria.country == "USA" and alexandria.admin1 == "Louisiana"
    assert parish.precision == "admin2"


def test_event_located_in_its_clause(geo: GeoComponent) -> None:  # by the learned link
    text = (
        "Syria's army and Turkey traded accusations on Monday. "
        "A car bomb exploded in Aleppo, killing 12 people, officials in Damascus said."
    )
    sentence = text[text.index("A car bomb") :]
    event = event_at(text, sentence, "exploded")
    read(geo, text, [event])
    assert event.location is not None
    assert event.location.name == "Aleppo" and event.location.precision == "point"


def test_place_coordinated_with_a_noun_triggers_object_is_in_its_clause(
    geo: GeoComponent,
) -> None:
    text = (
        "Fighting went on in Kano and Lagos. Militants have carried out attacks on army posts, "
        "as well as Maiduguri's main market using rockets and explosives."
    )
    sentence = text[text.index("Militants") :]
    event = event_at(text, sentence, "attacks")
    read(geo, text, [event])
    assert event.location is not None and event.location.name == "Maiduguri"


def test_meeting_without_a_place_stays_unplaced(geo: GeoComponent) -> None:
    text = (
        "Fighting raged in Idlib province. "
        "Erdogan is meeting Putin on Tuesday to discuss the offensive."
    )
    sentence = text[text.index("Erdogan") :]
    event = event_at(text, sentence, "meeting", type_="CONSULT")
    read(geo, text, [event])
    assert event.location is None


def test_ground_event_falls_back_to_an_unambiguous_focus(geo: GeoComponent) -> None:
    text = (
        "Government forces pressed into Idlib province this week. "
        "Rebels in Idlib province said the offensive would fail. "
        "Nearly half a million people have been displaced since it began."
    )
    sentence = text[text.index("Nearly") :]
    event = event_at(text, sentence, "displaced", type_="DISPLACEMENT")
    read(geo, text, [event])
    assert event.location is not None
    assert event.location.precision == "admin1" and event.location.country == "SYR"


def test_without_a_focus_a_ground_event_takes_its_likeliest_place(geo: GeoComponent) -> None:
    text = (
        "A court in Myanmar has sentenced the deposed leader to five years in jail. "
        "Australia and Japan condemned the verdict."
    )
    sentence = text[: text.index(" Australia")]
    event = event_at(text, sentence, "jail", type_="COERCE")
    read(geo, text, [event])
    assert event.location is not None and event.location.country == "MMR"


def test_a_headlines_event_takes_no_place_from_the_body_at_its_offsets(
    geo: GeoComponent,
) -> None:
    text = (
        "A court in Myanmar has sentenced the deposed leader to five years in jail. "
        "Australia and Japan condemned the verdict."
    )
    event = event_at(text, text[: text.index(" Australia")], "jail", type_="COERCE")
    event.evidence = [replace(e, source="title") for e in event.evidence]
    event.trigger = replace(event.trigger, source="title") if event.trigger else None
    read(geo, text, [event])  # its offsets are the title's: the body's Myanmar is not its own
    assert event.location is None and "location" not in event.field_evidence


def test_a_headlines_event_the_body_places_nowhere_is_at_the_headlines_place(
    geo: GeoComponent,
) -> None:
    text = "Sign in to read this story. Subscribe for full access to our journalism."
    title = "Two men shot dead in Pittsburgh on Sunday"
    shot = title.index("shot")
    event = Event(
        id="h",
        type="ASSAULT",
        status="reported",
        evidence=[Evidence(title, 0, len(title), "title")],
        trigger=Evidence("shot", shot, shot + 4, "title"),
    )
    article = Article(id="t", input_id="t", text=text, title=title)
    geo(Reading(article=article, events=[event], doc=load_language()(text)))
    assert event.location is not None
    assert (event.location.name, event.location.admin1) == ("Pittsburgh", "Pennsylvania")
    where = event.field_evidence["location"]
    assert where.source == "title" and title[where.start : where.end] == "Pittsburgh"


def test_capital_as_speaker_is_an_actor_but_a_place_after_in(geo: GeoComponent) -> None:
    reading = read(geo, "Ankara said the talks had failed. Thousands marched in Ankara on Sunday.")
    assert [p.start for p in reading.places if p.text == "Ankara"] == [55]
    assert [p.start for p in reading.geo_metonyms] == [0]


def test_direction_and_country_make_a_region(geo: GeoComponent) -> None:
    reading = read(geo, "Troops advanced in northwestern Syria on Friday.")
    region = places_named(reading, "northwestern Syria")[0]
    assert region.country == "SYR" and region.precision == "admin1"


def test_common_words_are_not_places(geo: GeoComponent) -> None:
    text = 'The council met on Monday. "We will not wait," said the mayor. Man the barricades.'
    assert read(geo, text).places == []


def test_places_inside_organisations_names_are_places(geo: GeoComponent) -> None:
    text = (
        "A spokesman for the Richmond Police Department said a student at the University of "
        "Kentucky was hurt. The Washington Post and the Centre for Human Rights reported it."
    )
    assert [p.text for p in read(geo, text).places] == ["Richmond", "Kentucky"]
    jail = read(geo, "Barnett was transported to the Anderson County Jail after his arrest.")
    assert [p.text for p in jail.places] == ["Anderson County"]  # the model: a GPE, whole
    initials = read(geo, "The U.S. Department of Education gave the school a grant.")
    assert [(p.text, p.country) for p in initials.places] == [("U.S.", "USA")]


def test_towns_as_modifiers_and_before_offices_are_places(geo: GeoComponent) -> None:
    text = (
        "Gainesville man charged. A Gainesville man was arrested on Monday in Gainesville, Fla., "
        "said Huntsville Fire Chief Tom Grisham. Gainesville Police Chief Tony Jones agreed."
    )
    assert [p.text for p in read(geo, text).places] == [
        "Gainesville",
        "Gainesville",
        "Gainesville",
        "Fla.",
        "Huntsville",
        "Gainesville",
    ]


def test_a_state_named_puts_its_country_in_context(geo: GeoComponent) -> None:
    assert read(geo, "Crowds came to Lombard on Sunday.").places == []
    text = "Crowds came to Lombard on Sunday from across Illinois."
    assert [p.admin1 for p in read(geo, text).places] == ["Illinois", "Illinois"]


def test_a_town_no_other_country_has_puts_its_country_in_context(geo: GeoComponent) -> None:
    alone = read(geo, "The Lombard Historical Society met on Monday.")
    beside = read(geo, "The Lombard Historical Society met in Tuscaloosa on Monday.")
    assert not alone.places  # a town of 44,000 inside a society's name: too small alone
    assert [(p.text, p.admin1) for p in beside.places] == [
        ("Lombard", "Illinois"),
        ("Tuscaloosa", "Alabama"),
    ]


def test_a_town_the_model_calls_an_organisation_is_a_place_after_in(geo: GeoComponent) -> None:
    text = "The deputy fired in an incident in Frankston in which a man died, Texas Rangers said."
    assert [(p.text, p.admin1) for p in read(geo, text).places][0] == ("Frankston", "Texas")


def test_datelines_and_legislators_homes_are_places(geo: GeoComponent) -> None:
    text = "Budget adjusted for recycling. TORRINGTON — City Council tentatively approved it."
    assert [p.text for p in read(geo, text).places] == ["TORRINGTON"]  # the model: nothing
    text = (
        "Rep. Torrey Westrom, R-Elbow Lake, objected, as did James Clyburn, D-S.C., and "
        "Sen. Tom Bakk (DFL-Cook). The R-Squared model, said Amy Lee, D-Nowhereville, failed."
    )
    assert [(p.text, p.admin1) for p in read(geo, text).places] == [
        ("Elbow Lake", "Minnesota"),
        ("S.C.", "South Carolina"),
        ("Cook", "Minnesota"),
    ]


def test_a_list_of_counties_names_counties(geo: GeoComponent) -> None:
    text = "Flood warnings cover Becker, Clay, Douglas and Otter Tail counties in Minnesota."
    places = read(geo, text).places
    assert [(p.text, p.name) for p in places[:4]] == [
        ("Becker", "Becker County"),
        ("Clay", "Clay County"),
        ("Douglas", "Douglas County"),
        ("Otter Tail", "Otter Tail County"),
    ]
    assert {p.admin1 for p in places} == {"Minnesota"}


def test_the_counties_of_a_list_lie_in_one_state() -> None:
    # Harris County of Texas holds a thousand times the people of Georgia's, and the text
    # names it; Talbot County lies in Georgia and Maryland, never in Texas
    text = "A Harris County judge retired. She had served Talbot and Harris counties for years."
    listed = text.index("Harris counties")
    spans = [*spans_of(text, "Harris County", "Talbot"), (listed, listed + 6)]
    _, talbot, harris = resolve_toponyms(text, spans)
    assert (talbot.admin1, harris.admin1) == ("Georgia", "Georgia"), (talbot, harris)


def test_a_listed_county_is_found_among_the_counties_of_its_name() -> None:
    # Nebraska's Washington County is not among the 25 most populous places named Washington
    text = "Wheat yields fell in Cuming, Burt and Washington counties this spring."
    places = resolve_toponyms(text, spans_of(text, "Cuming", "Burt", "Washington"))
    assert [(p.name, p.admin1) for p in places] == [
        ("Cuming County", "Nebraska"),
        ("Burt County", "Nebraska"),
        ("Washington County", "Nebraska"),
    ]


def test_streets_are_placed_at_their_town(geo: GeoComponent) -> None:
    text = (
        "ALTON, Ill. — Police found the car in the 2400 block of Gillis Street. A man of "
        "420 Augusta St., Alexandria, La., was shot near Grand Avenue in Chicago. "
        "The Main Street project was delayed."
    )
    places = {p.text: (p.name, p.admin1) for p in read(geo, text).places}
    assert places["Gillis Street"] == ("Alton", "Illinois")  # the dateline's town
    assert places["Augusta St."] == ("Alexandria", "Louisiana")  # the town after it
    assert places["Grand Avenue"] == ("Chicago", "Illinois")
    assert places["Main Street"] == ("Alton", "Illinois")


def test_a_street_without_a_town_stays_unresolved(geo: GeoComponent) -> None:
    text = "The parade went down Main Street and Interstate 395 was closed near West Street."
    places = read(geo, text).places
    assert [(p.text, p.lat) for p in places] == [
        ("Main Street", None),
        ("Interstate 395", None),
        ("West Street", None),  # not the town of Street, in England
    ]


@pytest.mark.parametrize(
    ("text", "building", "country"),
    [
        ("Officials at the White House met the governor on Tuesday.", "White House", "USA"),
        ("Downing Street said the minister would fly to Kyiv on Friday.", "Downing Street", "GBR"),
        ("The envoy was received in the Kremlin on Monday.", "Kremlin", "RUS"),
    ],
)
def test_a_seat_of_government_is_placed_at_its_building(
    geo: GeoComponent, text: str, building: str, country: str
) -> None:
    # once Casablanca and a Maryland town (the White House's alternate names in GeoNames),
    # and a street placed in the text's other town (Downing Street in Kyiv)
    (place,) = [p for p in read(geo, text).places if p.text == building]
    assert (place.name, place.country, place.precision) == (building, country, "point")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Air strikes hit the port of Hodeidah on Sunday, residents said.", "YEM"),
        ("Shelling was reported in South Lebanon overnight.", "LBN"),
        ("Troops raided Jenin before dawn, the health ministry said.", "PSE"),
    ],
)
def test_a_name_war_news_spells_its_own_way_is_placed(
    geo: GeoComponent, text: str, country: str
) -> None:
    # GeoNames spells the first Al Hudaydah and the third Janin (a Polish village bears the
    # name); the second was only a village in Ohio
    (place,) = read(geo, text).places
    assert (place.country, place.lat is not None) == (country, True)


def test_the_ohio_village_keeps_its_name_in_ohio_news(geo: GeoComponent) -> None:
    text = "LEBANON, Ohio - A barn burned in South Lebanon on Tuesday, the sheriff said."
    (village,) = places_named(read(geo, text), "South Lebanon")
    assert (village.country, village.admin1) == ("USA", "Ohio")


def test_an_unsure_place_outside_the_focus_yields_to_it() -> None:
    focus = Location("Stamford", "point", country="USA", admin1="Connecticut")
    holly_pond = Place("Holly Pond", 0, 10, country="USA", admin1="Georgia", score=0.5)
    assert elsewhere(focus, holly_pond)
    idlib = Place("Idlib", 0, 5, country="SYR", admin1="Idlib", score=0.97)
    assert not elsewhere(Location("Beirut", "point", country="LBN"), idlib)  # sure of it
    greenwich = Place("Greenwich", 0, 9, country="USA", admin1="Connecticut", score=0.5)
    assert not elsewhere(focus, greenwich)  # the focus's own state


def test_a_sure_place_in_another_state_of_the_focus_country_keeps_its_own_place() -> None:
    """A wire story datelined in the capital reports its provinces ("ABUJA - Gunmen killed 12
    villagers in Zamfara state"); 134fa16 moved such events to the dateline and was reverted."""
    abuja = Location("Abuja", "point", country="NGA", admin1="Federal Capital Territory")
    zamfara = Place("Zamfara", 0, 7, country="NGA", admin1="Zamfara", score=0.97)
    assert not elsewhere(abuja, zamfara)


def test_a_compass_word_alone_is_no_place(geo: GeoComponent) -> None:
    text = "Two men were shot on the Northwest Side of Chicago. The South was quiet."
    assert [p.text for p in read(geo, text).places] == ["Chicago"]


def test_diseases_and_longer_names_are_not_places(geo: GeoComponent) -> None:
    text = "West Nile virus was found in birds. The Washington Post reported it from Cairo."
    assert [p.text for p in read(geo, text).places] == ["Cairo"]


def test_the_focus_is_the_town_most_of_an_articles_places_name() -> None:
    from newsevents.geo.locate import article_focus

    def town(name: str, lat: float, lon: float) -> Place:
        return Place(name, 0, len(name), name, None, "PPL", "USA", "Illinois", lat, lon, "point")

    aurora, oswego = town("Aurora", 41.76, -88.32), town("Oswego", 41.68, -88.35)
    focus = article_focus([oswego, aurora, aurora], "")
    assert focus is not None and focus.name == "Aurora" and focus.precision == "point"
    focus = article_focus([oswego, aurora], "")  # a tie: the first named
    assert focus is not None and focus.name == "Oswego"


def test_a_dateline_is_the_focus_and_refines_a_division(geo: GeoComponent) -> None:
    text = (
        "Teen dies after shooting  INDIANAPOLIS, Ind. - A 16-year-old was shot in Indiana "
        "on Tuesday. Police in Carmel are looking for the shooter."
    )
    sentence = text[text.index("A 16-year-old") : text.index(" Police")]
    event = event_at(text, sentence, "shot")
    read(geo, text, [event])
    assert event.location is not None and event.location.name == "Indianapolis"
    assert "location" not in event.field_evidence  # the dateline's, not the event's own words


def test_a_town_the_model_calls_an_organisation_after_of_is_a_place(geo: GeoComponent) -> None:
    # local news gives a person's home so: "Name, age, of Town"; and "residents of Town"
    text = "Police in Tennessee said Dana Whitfield, 37, of Cookeville, was charged on Friday."
    assert [p.text for p in read(geo, text).places] == ["Tennessee", "Cookeville"]
    text = "Residents of Cookeville in Tennessee can collect their permits on Monday."
    assert [p.text for p in read(geo, text).places] == ["Cookeville", "Tennessee"]


def test_the_place_in_an_institutions_name_is_a_place_whatever_its_size(
    geo: GeoComponent,
) -> None:
    text = (
        "Students at Belchertown State School and the University of Hartford met at the "
        "Sheldon Peck Homestead in Lombard."
    )
    assert [p.text for p in read(geo, text).places] == ["Belchertown", "Hartford", "Lombard"]


def test_a_word_of_a_persons_name_is_the_person_not_a_small_town(geo: GeoComponent) -> None:
    text = (
        "Julian Assange's lawyers appealed. It was the same reporting for which Julian has "
        "been praised across the world."
    )
    assert read(geo, text).places == []
    text = "Jordan Peele met reporters in Amman. Jordan has been hit by protests."
    assert [p.text for p in read(geo, text).places] == ["Amman", "Jordan"]


def test_a_word_of_a_kind_of_institution_is_no_town(geo: GeoComponent) -> None:
    text = (
        "The clerk of Superior Court in Macon thanked the Chamber of Commerce, and a judge of "
        "the Supreme Court spoke at the College of Law."
    )
    assert [p.text for p in read(geo, text).places] == ["Macon"]


def test_a_name_after_a_title_or_between_a_quote_and_said_is_a_person(geo: GeoComponent) -> None:
    # The model calls the first "Kristina" a place (Ristiina, Finland, by another name).
    text = (
        'Doctors advised Kristina and Tim to wait. "We knew at once what it meant," Kristina '
        "said. Mrs. Parsons drove them to Dayton."
    )
    assert [p.text for p in read(geo, text).places] == ["Dayton"]


def test_acronyms_and_lower_case_words_are_no_towns(geo: GeoComponent) -> None:
    text = "The African Leaders Malaria Alliance (ALMA) met the D.A. in the UK."
    assert [p.text for p in read(geo, text).places] == ["UK"]


def test_demonyms_in_organisations_names_stand_for_their_country(geo: GeoComponent) -> None:
    reading = read(geo, "American Electric Power and the Lebanese Army signed a contract.")
    assert [(p.text, p.country) for p in reading.geo_metonyms] == [
        ("American", "USA"),
        ("Lebanese", "LBN"),
    ]


def test_the_model_cutting_a_name_in_pieces_takes_the_whole_name(geo: GeoComponent) -> None:
    reading = read(geo, "Dengue cases rose in French Guiana and in Goz Beida, Chad.")
    assert [(p.text, p.country) for p in reading.places[:2]] == [
        ("French Guiana", "GUF"),
        ("Goz Beida", "TCD"),
    ]
    assert reading.geo_metonyms == []  # "French" is part of the name


def test_a_direction_before_a_continent_is_a_modifier(geo: GeoComponent) -> None:
    reading = read(geo, "The virus spread across central Africa and southeast Asia.")
    assert [(p.text, p.name) for p in reading.places] == [("Africa", "Africa"), ("Asia", "Asia")]


def test_a_division_abroad_the_model_missed_is_no_place(geo: GeoComponent) -> None:
    text = "The shooting happened outside Reba's Bar and Grill in Columbus, Ohio."
    assert [p.text for p in read(geo, text).places] == ["Columbus", "Ohio"]  # not Bar, Montenegro


def test_a_states_people_stand_for_their_state(geo: GeoComponent) -> None:
    reading = read(geo, "Minnesotans and New Yorkers flew to Ohio. Gazans waited.")
    assert [(p.text, p.name) for p in reading.geo_metonyms] == [
        ("Minnesotans", "Minnesota"),
        ("New Yorkers", "New York"),
    ]  # not Gaza, Mozambique: the name's main sense is the city


def test_a_town_before_an_office_past_a_longer_run_and_opening_a_sentence(
    geo: GeoComponent,
) -> None:
    text = (
        "Lombard, Illinois. Roselle police ticketed drivers. Many Manchester Memorial High "
        "School students helped."
    )
    places = [p.text for p in read(geo, text).places]
    assert places == ["Illinois", "Roselle", "Manchester"]  # "Lombard," alone opens the text


@pytest.mark.parametrize(
    "text",
    ["Aleppo, Aleppo-based, AleppoX, _Aleppo, Aleppo_, Aleppo Aleppo.", "Aleppo", "ÉAleppo Aleppo"],
)
def test_whole_word_spans_are_finditers(text: str) -> None:
    """The occurrences of a name with no word character or hyphen beside it, as the pattern
    they stand for finds them (the names of repeated_mentions)."""
    pattern = r"(?<![\w-])Aleppo(?![\w-])"
    found = list(whole_word_spans(text, "Aleppo"))
    assert found == [m.span() for m in re.finditer(pattern, text)]
    assert found


@pytest.mark.parametrize(
    ("text", "feature", "inside"),
    [
        (
            "Sea lions crowded the Farallon Islands, west of San Francisco.",
            "Farallon Islands",
            "Farallon",
        ),
        (
            "A boat sank in the Gulf of Alaska, the Coast Guard in Anchorage said.",
            "Gulf of Alaska",
            "Alaska",
        ),
    ],
)
def test_a_natural_feature_is_not_the_place_inside_its_name(
    geo: GeoComponent, text: str, feature: str, inside: str
) -> None:
    reading = read(geo, text)
    assert not places_named(reading, inside) and not places_named(reading, "Gulf")
    assert [p.lat for p in places_named(reading, feature)] == [None]  # the gazetteer lacks it


@pytest.mark.parametrize(
    ("text", "sea"),
    [
        ("Pirates boarded an oil tanker in the Gulf of Guinea, the navy said.", "Gulf of Guinea"),
        ("Two tankers were attacked in the Gulf of Oman on Thursday.", "Gulf of Oman"),
        ("Pirates attacked a ship in the Malacca Strait, officials said.", "Strait of Malacca"),
    ],
)
def test_a_sea_the_supplement_lists_is_placed_at_its_point(
    geo: GeoComponent, text: str, sea: str
) -> None:
    # kept whole as a natural feature, and placed: at sea, no country
    (place,) = [p for p in read(geo, text).places if p.name == sea]
    assert place.lat is not None and place.country is None


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        (
            "Cholera spread through Haiti's Central Plateau, officials in Port-au-Prince said.",
            "Central Plateau",
        ),
        ("Bird flu reached farms in the West Midlands, England, and in Wales.", "West Midlands"),
        ("Ducks found dead in the Somme tested positive, officials in Paris said.", "Somme"),
    ],
)
def test_a_name_known_only_as_another_place_abroad_stays_unresolved(
    geo: GeoComponent, text: str, guess: str
) -> None:
    # "Plateau" (Nigeria), "Midlands" (Zimbabwe), Sémé (Senegal, which lists "Somme") lie in
    # countries none of the text's other places is in
    found = places_named(read(geo, text), guess)
    assert [(p.lat, p.country) for p in found] == [(None, None)]


def test_a_name_known_only_as_another_place_stays_where_the_text_is() -> None:
    text = "Snow closed roads around Mt. Vernon and Columbus, Ohio."
    vernon = resolve_toponyms(text, [(25, 35), (40, 48), (50, 54)])[0]
    assert vernon.name == "Mount Vernon" and vernon.country == "USA"


def test_a_region_after_a_name_is_a_first_level_division_or_the_place_itself(
    geo: GeoComponent,
) -> None:
    houston = read(geo, "Mosquito cases rose across the Houston region, officials said.")
    assert [(p.text, p.feature) for p in houston.places] == [("Houston", "PPL")]  # no county
    moscow = read(geo, "Wildfires burned in the Moscow region, Russian officials said.")
    assert [(p.text, p.feature) for p in moscow.places] == [("Moscow region", "ADM1")]


def test_the_gulf_is_no_division_named_gulf(geo: GeoComponent) -> None:
    text = "Saudi officials condemned the attack on Iraq, and tankers in the Gulf were on alert."
    assert [p.name for p in places_named(read(geo, text), "Gulf")] == ["Persian Gulf"]  # not PNG's


def test_a_peoples_name_opening_a_place_entity_is_a_demonym(geo: GeoComponent) -> None:
    text = (
        "A resident who lives near Glen Ellyn, Illinois, reported a scam in which a caller asked"
        " the victim to send money to cover fees for his Canadian Lottery winnings."
    )
    reading = read(geo, text)  # the model calls "Canadian Lottery" a LOC
    assert not places_named(reading, "Canadian")  # no town Canadian, Texas
    assert [(p.text, p.country) for p in reading.geo_metonyms] == [("Canadian", "CAN")]


def test_a_name_and_its_county_in_one_text_are_one_place() -> None:
    text = (
        "A DeKalb man was arrested after he tried to rob a woman, according to DeKalb Police."
        " Bond was set Saturday in the DeKalb County Courthouse, according to staff at the"
        " DeKalb County Jail."
    )
    spans = [m.span() for m in re.finditer(r"DeKalb(?: County)?", text)]
    places = resolve_toponyms(text, spans)
    # the bare name was Georgia's county (700,000 people), the county Illinois'
    assert {(p.country, p.admin1) for p in places} == {("USA", "Illinois")}
    assert {p.name for p in places} == {"DeKalb", "DeKalb County"}


def test_a_city_named_after_its_country_or_state_is_another_place() -> None:
    text = "Swine flu spread in Mexico City. Mexico closed its schools; Kansas City and Kansas too."
    spans = [m.span() for m in re.finditer(r"Mexico(?: City)?|Kansas(?: City)?", text)]
    places = resolve_toponyms(text, spans)
    # "Mexico" is the country, which the state of México won for (see choose) and passed its
    # mass to: it held 0.15 alone, 500 km from the state and the capital
    assert [p.feature for p in places] == ["PPLC", "PCLI", "PPL", "ADM1"]


def test_names_listed_after_a_noun_of_people_are_people(geo: GeoComponent) -> None:
    text = (
        "Twin sisters Lindsay and Charlotte, both 19, were among the Canadian students hurt "
        "near Toronto. His son Austin, Texas police said, was not hurt."
    )
    # Not Lindsay, Ontario (a Canadian text) nor Charlotte; the list ends at its "and" name
    assert [p.text for p in read(geo, text).places] == ["Toronto", "Texas"]


def test_a_name_after_a_sports_role_is_a_player(geo: GeoComponent) -> None:
    text = (
        '"We wrestled hard tonight," says coach Ripley. The team rides to Mankato on Friday. '
        "Saban will coach Texas next season."
    )
    # Not a town Ripley; "coach" the verb names no one.
    assert [p.text for p in read(geo, text).places] == ["Mankato", "Texas"]


def test_a_party_named_after_its_country_is_no_place(geo: GeoComponent) -> None:
    text = (
        "The mayor of Murmansk left United Russia after a row, and deputies of A Just Russia "
        "welcomed him. Russia votes in March."
    )
    assert [p.text for p in read(geo, text).places] == ["Murmansk", "Russia"]


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(name), text.index(name) + len(name)) for name in names]


def test_a_name_listed_among_states_is_the_state() -> None:
    text = "Sick cattle were found on farms in Idaho, Nevada, Washington and Montana last week."
    states = resolve_toponyms(text, spans_of(text, "Idaho", "Nevada", "Washington", "Montana"))
    washington = states[2]
    assert (washington.feature, washington.admin1) == ("ADM1", "Washington"), washington


def test_a_town_said_in_a_state_with_no_namesake_there_stays_in_the_state() -> None:
    text = "A barn burned near Moscow, Vermont, on Sunday. Moscow has one fire truck."
    spans = spans_of(text, "Moscow", "Vermont") + [
        (text.rindex("Moscow"), text.rindex("Moscow") + 6)
    ]
    first, _, again = resolve_toponyms(text, spans)
    for moscow in (first, again):
        assert moscow.lat is None and moscow.country == "USA", moscow
        assert (moscow.admin1, moscow.precision) == ("Vermont", "admin1"), moscow


def test_a_town_said_in_its_state_keeps_its_point() -> None:
    text = "A barn burned near Lisbon, New Hampshire, on Sunday."
    lisbon = resolve_toponyms(text, spans_of(text, "Lisbon", "New Hampshire"))[0]
    assert (lisbon.admin1, lisbon.precision) == ("New Hampshire", "point"), lisbon


def test_the_great_lakes_are_the_region_the_text_is_about() -> None:
    text = "Aid groups in Burundi and Rwanda warn that the Great Lakes face hunger this year."
    lakes = resolve_toponyms(text, spans_of(text, "Burundi", "Rwanda", "Great Lakes"))[2]
    assert lakes.lat is not None and lakes.lon is not None, lakes
    assert abs(lakes.lat) < 10 and 20 < lakes.lon < 40, lakes  # Africa's, not New South Wales'
    text = "Ore boats leave Duluth for Cleveland as the Great Lakes thaw."
    lakes = resolve_toponyms(text, spans_of(text, "Duluth", "Cleveland", "Great Lakes"))[2]
    assert lakes.lat is not None and lakes.lat > 40 and lakes.lon is not None and lakes.lon < -75


def test_a_town_said_in_a_country_keeps_its_point() -> None:
    text = "Aid trucks reached Goma, Congo, after the rebels left the border town."
    goma = resolve_toponyms(text, spans_of(text, "Goma", "Congo"))[0]
    assert (goma.country, goma.precision) == ("COD", "point"), goma


def test_a_name_listed_among_divisions_mostly_of_one_country_is_of_it_too() -> None:
    # Two of five scored as their American namesakes (as a text on the United States may):
    # each was outvoted by the other's town when all the others had to be of one kind.
    text = "Sick travellers were seen in Yukon, Alberta, Manitoba, Ontario and New Brunswick."
    names = ("Yukon", "Alberta", "Manitoba", "Ontario", "New Brunswick")
    mentions = [
        Mention(name, start, end)
        for name, (start, end) in zip(names, spans_of(text, *names), strict=True)
    ]
    resolver = Resolver()
    candidates = resolver.candidate_lists(text, mentions)
    scores = [
        np.array([1.0 if (e.country == "CAN") == (name not in names[3:]) else 0.0 for e in entries])
        for name, entries in zip(names, candidates, strict=True)
    ]
    kinds = list_kinds(text, mentions, candidates, scores, listed_units(text, mentions))
    assert kinds[3] == kinds[4] == Kind("ADM1", "CAN"), kinds


def test_a_town_opening_a_longer_name_in_a_country_the_text_never_names_is_a_guess(
    geo: GeoComponent,
) -> None:
    text = "The reporter died in Bab el-Oued hospital in Algiers, officials in Algeria said."
    (bab,) = places_named(read(geo, text), "Bab")
    assert bab.lat is None and bab.country is None, bab  # no Al Bab of Syria


def test_a_name_the_text_calls_a_village_or_town_is_a_place(geo: GeoComponent) -> None:
    # Neither hamlet is a town of note, and the gazetteer knows neither; "the Town of" is no
    # settlement word, and the office word ends the list.
    text = (
        "Inspectors sealed farms in the village of Glenmorrow Tarn, near Dundee, and then in "
        "the hamlets of Kelvinbrae and Stoneydykes. Officials from the town of Perth Board of "
        "Health came too."
    )
    places = [p.text for p in read(geo, text).places]
    assert places[:4] == ["Glenmorrow Tarn", "Dundee", "Kelvinbrae", "Stoneydykes"]
    assert "Perth Board" not in places


def test_a_person_named_after_a_large_town_is_no_town(geo: GeoComponent) -> None:
    # Fairfield, California, and Lincoln, Nebraska, have over 100,000 people: the text names
    # the person in full or after a title, and the bare name is that person.
    text = (
        "Prosecutors charged Miriam Fairfield with neglect in June. Fairfield could spend 20 "
        "years in prison, her lawyer in Dayton said.\n"
        "A jury in Toledo heard from Mrs. Lincoln on Monday. Lincoln told the court she had "
        "never seen the letter."
    )
    assert [p.text for p in read(geo, text).places] == ["Dayton", "Toledo"]
