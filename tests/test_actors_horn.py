"""The armed forces and groups of Horn of Africa news in the actor knowledge base
(``newsevents/actors/data/organisations.tsv``), and aliases that name an organisation only in
its country's news ("SNA": Somalia's army in a Somali sentence, Syria's rebels elsewhere). The
sentences are written for these tests; those naming another thing by the same letters must
keep their reading."""

from __future__ import annotations

import pytest

from newsevents.actors import lookup, resolve_actor
from newsevents.events.actors import find_roles, sentence_country
from newsevents.events.classify import armed_on_armed
from newsevents.nlp import load_language


def resolved(text: str, context: str | None = None) -> tuple[str | None, str | None]:
    actor = resolve_actor(text, context_country=context)
    assert actor is not None, text
    return actor.country, actor.sector


def doers(text: str, form: str) -> list[tuple[str | None, str | None]]:
    """The doers of the event ``form`` tells, as the events stage reads them (with the
    sentence's country as the context of actors that name none)."""
    [trigger] = [t for t in load_language()(text) if t.text == form]
    roles = find_roles(trigger, sentence_country(trigger))
    return [(a.country, a.sector) for a in roles.actors]


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("SSPDF soldiers", "SSD", "MIL"),
        ("the South Sudan People's Defense Forces", "SSD", "MIL"),
        ("KDF troops", "KEN", "MIL"),
        ("UPDF soldiers", "UGA", "MIL"),
        ("Local Defence Units", "UGA", "MIL"),
        ("SLA-AW fighters", "SDN", "REB"),
        ("the Sudan Liberation Army-Minni Minawi", "SDN", "REB"),
        ("Liyu Police officers", "ETH", "COP"),
        ("Danab special forces", "SOM", "MIL"),
    ],
)
def test_the_regions_armed_forces_resolve_with_country_and_sector(
    text: str, country: str, sector: str
) -> None:
    assert resolved(text) == (country, sector)


@pytest.mark.parametrize(
    ("text", "context", "country", "sector"),
    [
        ("SNA troops", "SOM", "SOM", "MIL"),
        ("Somali SNA troops", None, "SOM", "MIL"),
        ("NAS fighters", "SSD", "SSD", "REB"),
        ("the LDUs", "UGA", "UGA", "MIL"),
        ("ASWJ forces", "SOM", "SOM", "REB"),
        ("NISS agents", "SDN", "SDN", "SPY"),
        ("NISS agents", "ETH", "ETH", "SPY"),
        ("EDF troops", "ERI", "ERI", "MIL"),
        ("GSU officers", "KEN", "KEN", "COP"),
    ],
)
def test_an_alias_in_context_names_its_countrys_organisation(
    text: str, context: str | None, country: str, sector: str
) -> None:
    assert resolved(text, context) == (country, sector)


def test_sna_elsewhere_stays_the_syrian_national_army() -> None:
    assert resolved("SNA fighters") == ("SYR", "REB")
    assert resolved("SNA fighters", "SYR") == ("SYR", "REB")
    assert resolved("the Syrian National Army", "SOM") == ("SYR", "REB")
    lookup_sna = lookup("SNA")
    assert lookup_sna is not None and lookup_sna.country == "SYR"


@pytest.mark.parametrize(
    ("text", "context"),
    [("NAS Pensacola", "USA"), ("EDF", "FRA"), ("GSU", "USA"), ("ASWJ", "PAK"), ("LDU", "ECU")],
)
def test_an_alias_in_context_names_nothing_in_another_countrys_news(
    text: str, context: str
) -> None:
    assert resolve_actor(text, context_country=context) is None
    assert lookup(text) is None


def test_a_somali_sentence_reads_sna_as_somalias_army() -> None:
    text = "SNA troops pushed al-Shabaab fighters out of two villages near Mogadishu on Sunday."
    assert doers(text, "pushed") == [("SOM", "MIL")]


def test_a_syrian_sentence_reads_sna_as_syrian_rebels() -> None:
    text = "SNA fighters shelled Kurdish-held villages north of Aleppo on Sunday."
    assert doers(text, "shelled") == [("SYR", "REB")]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("A gunman opened fire at NAS Pensacola in Florida, killing three sailors.", "opened"),
        ("LDU Quito beat Barcelona 2-0 in Ecuador on Sunday.", "beat"),
        ("EDF raised its electricity prices in France by four percent.", "raised"),
        ("AS Roma beat Lazio 3-1 in Rome on Sunday night.", "beat"),
        ("ASWJ leaders held a rally in Karachi on Friday.", "held"),
    ],
)
def test_the_same_letters_in_other_news_name_no_horn_actor(text: str, form: str) -> None:
    horn = {"SOM", "SSD", "SDN", "ETH", "ERI", "KEN", "UGA"}
    assert not any(country in horn for country, _ in doers(text, form))


def test_a_name_two_countries_fronts_share_is_each_ones_in_its_news() -> None:
    assert resolved("the National Salvation Front", "SSD") == ("SSD", "REB")
    assert resolved("the National Salvation Front", "EGY") == ("EGY", "OPP")


@pytest.mark.parametrize(
    ("text", "form", "doer"),
    [
        # a region the parser reads as a location (LOC) tells the sentence's country
        (
            "SNA troops pushed al-Shabaab fighters out of two villages in Lower Shabelle.",
            "pushed",
            ("SOM", "MIL"),
        ),
        (
            "NAS fighters attacked an army base in Central Equatoria on Tuesday.",
            "attacked",
            ("SSD", "REB"),
        ),
        # the actor's own nationality still comes first
        (
            "Ugandan troops fought al-Shabaab fighters in Lower Shabelle on Monday.",
            "fought",
            ("UGA", "MIL"),
        ),
        ("Kenyan police arrested two men at a roadblock near Garissa.", "arrested", ("KEN", "COP")),
    ],
)
def test_the_sentences_region_gives_an_actor_its_country(
    text: str, form: str, doer: tuple[str, str]
) -> None:
    assert doers(text, form) == [doer]


@pytest.mark.parametrize("text", ["AMISOM troops", "the ATMIS", "UN peacekeepers", "UNMISS"])
def test_a_peacekeeping_mission_is_an_armed_force_of_no_country(text: str) -> None:
    assert resolved(text, "SOM") == (None, "PKO")


def battle(text: str, form: str) -> bool:
    [trigger] = [t for t in load_language()(text) if t.text == form]
    return armed_on_armed(trigger, find_roles(trigger, sentence_country(trigger)))


def test_an_attack_on_a_peacekeeping_mission_is_a_battle() -> None:
    # ACLED codes AU and UN missions as External/Other Forces, a side of Battles
    assert battle("Al-Shabaab fighters attacked an AMISOM base near Mogadishu.", "attacked")


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab fighters attacked a WFP convoy near Mogadishu.",
        "Gunmen attacked a UN aid convoy near Bentiu.",
        "Al-Shabaab fighters attacked the African Union office in Mogadishu.",
    ],
)
def test_the_international_bodies_themselves_are_no_armed_side(text: str) -> None:
    assert not battle(text, "attacked")
