import csv

import pycountry
import pytest

from newsevents.actors import DATA, find_actor_mentions, lookup, resolve_actor
from newsevents.records import Actor

SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "INS", "OPP", "CVL", "MED", "BUS", "NGO"}
SECTORS |= {"IGO", "PKO", "REF", "EDU", "LAB", "CRM", "SPY", "UAF"}


def resolved(text: str, context: str | None = None) -> tuple[str | None, str | None]:
    actor = resolve_actor(text, context_country=context)
    assert actor is not None, text
    return actor.country, actor.sector


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Turkish President Recep Tayyip Erdogan", "TUR", "GOV"),
        ("Erdoğan", "TUR", "GOV"),
        ("his Russian counterpart", "RUS", "GOV"),
        ("the Syrian regime", "SYR", "GOV"),
        ("Syrian troops", "SYR", "MIL"),
        ("Russian warplanes", "RUS", "MIL"),
        ("the Turkish Defense Ministry", "TUR", "GOV"),
        ("Ankara", "TUR", "GOV"),
        ("the Kremlin", "RUS", "GOV"),
        ("Washington", "USA", "GOV"),
        ("Kyiv", "UKR", "GOV"),
        ("Kiev", "UKR", "GOV"),
        ("Beijing", "CHN", "GOV"),
        ("Hayat Tahrir al-Sham", "SYR", "REB"),
        ("HTS", "SYR", "REB"),
        ("al-Shabaab militants", "SOM", "INS"),
        ("Boko Haram", "NGA", "INS"),
        ("ISWAP fighters", "NGA", "INS"),
        ("the Houthis", "YEM", "REB"),
        ("Hezbollah fighters", "LBN", "REB"),
        ("the Taliban", "AFG", "REB"),
        ("Wagner mercenaries", "RUS", "MIL"),
        ("the Rapid Support Forces", "SDN", "REB"),
        ("M23 rebels", "COD", "REB"),
        ("the Sinaloa cartel", "MEX", "CRM"),
        ("Nigerian police", "NGA", "COP"),
        ("Kenyan security forces", "KEN", "COP"),
        ("Ethiopian soldiers", "ETH", "MIL"),
        ("Pakistani lawmakers", "PAK", "LEG"),
        ("an Egyptian court", "EGY", "JUD"),
        ("Iranian state media", "IRN", "MED"),
        ("Afghan refugees", "AFG", "REF"),
        ("Indian students", "IND", "EDU"),
        ("Chinese diplomats", "CHN", "GOV"),
        ("Israeli Prime Minister Benjamin Netanyahu", "ISR", "GOV"),
        ("Netanyahu", "ISR", "GOV"),
        ("British Defence Secretary John Healey", "GBR", "GOV"),
        ("the British government", "GBR", "GOV"),
        ("UK ministers", "GBR", "GOV"),
        ("US troops", "USA", "MIL"),
        ("U.S. negotiators", "USA", "GOV"),
        ("the Netherlands", "NLD", None),
        ("Britain", "GBR", None),
        ("Syrians", "SYR", "CVL"),
        ("Palestinians", "PSE", "CVL"),
        ("Afghan rebel leaders", "AFG", "REB"),
        ("Putin's spokesman", "RUS", "GOV"),
        ("troops of the Syrian government", "SYR", "MIL"),
        ("the president of Armenia", "ARM", "GOV"),
        ("Ukraine's defence minister", "UKR", "GOV"),
        ("Venezuelan opposition leader Juan Guaido", "VEN", "OPP"),
        ("Kim Jong Un", "PRK", "GOV"),
        ("Crown Prince Mohammed bin Salman", "SAU", "GOV"),
        ("Zelensky", "UKR", "GOV"),
        ("Lula", "BRA", "GOV"),
        ("Sudanese army chief Abdel Fattah al-Burhan", "SDN", "MIL"),
        ("Darfur rebels", "SDN", "REB"),
        ("Tigrayan forces", "ETH", "REB"),
        ("Idlib residents", "SYR", "CVL"),
        ("Chechen fighters", "RUS", "REB"),
    ],
)
def test_actor_phrases_resolve_to_country_and_sector(
    text: str, country: str | None, sector: str | None
) -> None:
    assert resolved(text) == (country, sector)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("three civilians", "CVL"),
        ("pro-government forces", "MIL"),
        ("unidentified gunmen", "UAF"),
        ("leader of the opposition", "OPP"),
        ("protesters", "OPP"),
        ("villagers", "CVL"),
        ("kidnappers", "CRM"),
    ],
)
def test_sector_words_alone_take_the_context_country(text: str, sector: str) -> None:
    assert resolved(text) == (None, sector)
    assert resolved(text, context="SYR") == ("SYR", sector)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("the United Nations", "IGO"),
        ("NATO", "IGO"),
        ("the WHO", "IGO"),
        ("ICRC", "NGO"),
        ("aid workers", "NGO"),
    ],
)
def test_international_bodies_have_no_country_even_in_context(text: str, sector: str) -> None:
    assert resolved(text, context="SYR") == (None, sector)


def test_a_transnational_group_takes_the_context_country() -> None:
    assert resolved("Islamic State", context="IRQ") == ("IRQ", "INS")


def test_a_backer_is_not_the_actors_country() -> None:
    assert resolved("Turkish-backed rebels") == (None, "REB")
    assert resolved("Russian-backed Syrian forces") == ("SYR", "MIL")
    assert resolved("pro-Russian separatists") == (None, "REB")
    assert resolved("Vietnamese-led forces") == ("VNM", "MIL")
    assert resolved("pro-Russian separatists", context="UKR") == ("UKR", "REB")


@pytest.mark.parametrize("text", ["Hunter Biden", "Maher al-Assad", "Ivanka Trump", "Marcos Silva"])
def test_a_known_name_inside_another_name_is_someone_else(text: str) -> None:
    assert resolve_actor(text) is None


@pytest.mark.parametrize(
    "text", ["President Biden", "Mr Putin", "Erdogan Tuesday", "Biden Administration"]
)
def test_titles_days_and_sector_words_beside_a_name_keep_it(text: str) -> None:
    assert resolve_actor(text) is not None


def test_an_acronym_among_words_in_capitals_is_a_word() -> None:
    assert find_actor_mentions("THIS IS HOW IT ENDS") == []
    assert [m.text for m in find_actor_mentions("IS fighters and US troops")] == [
        "IS",
        "fighters",
        "US",
        "troops",
    ]


def test_names_are_canonical_for_known_entries() -> None:
    assert resolve_actor("Turkish President Recep Tayyip Erdogan") == Actor(
        "Recep Tayyip Erdogan", "TUR", "GOV"
    )
    assert resolve_actor("Russian warplanes") == Actor("Russian warplanes", "RUS", "MIL")


@pytest.mark.parametrize(
    "text", ["the weather", "told us", "people who", "in May", "is it", "a store", "Karen said"]
)
def test_unknown_or_ambiguous_words_resolve_to_nothing(text: str) -> None:
    actor = resolve_actor(text)
    assert actor is None or actor.country is None


def test_the_result_is_a_copy_the_caller_may_change() -> None:
    actor = resolve_actor("Syrian troops")
    assert actor is not None
    actor.country = "XXX"
    assert resolved("Syrian troops") == ("SYR", "MIL")


def test_mentions_carry_offsets() -> None:
    text = "Russian warplanes struck Idlib, Hayat Tahrir al-Sham said."
    found = [(m.text, m.entry.kind) for m in find_actor_mentions(text)]
    assert found == [
        ("Russian", "demonym"),
        ("warplanes", "sector"),
        ("Idlib", "region"),
        ("Hayat Tahrir al-Sham", "organisation"),
    ]
    for m in find_actor_mentions(text):
        assert text[m.start : m.end] == m.text


def test_lookup_needs_the_whole_name() -> None:
    putin = lookup("Putin")
    assert putin is not None and putin.kind == "person"
    assert lookup("Putin and Erdogan") is None
    for name in ("The Kremlin", "al-Qaida's", "the Houthis"):
        assert lookup(name) is not None, name
    assert lookup("Aleppo") is not None and lookup("Aleppo").kind == "region"  # type: ignore[union-attr]
    assert lookup("Hama air base") is None


def rows(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [row for row in reader if row and not row[0].startswith("#")]


def valid_country(code: str) -> bool:
    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


def test_data_files_use_real_country_codes_and_known_sectors() -> None:
    assert all(valid_country(row[0]) for row in rows("countries.tsv"))
    for name in ("people.tsv", "organisations.tsv"):
        for row in rows(name):
            assert len(row) >= 4, row
            assert not row[2] or valid_country(row[2]), row
            assert row[3] in SECTORS, row
    assert {row[1] for row in rows("sectors.tsv")} <= SECTORS


def test_every_sovereign_country_has_a_name_and_a_demonym() -> None:
    by_code = {row[0]: row for row in rows("countries.tsv")}
    for code in ("SYR", "NGA", "BRA", "IDN", "MEX", "PNG", "KAZ", "BFA", "COD", "USA"):
        assert by_code[code][1] and by_code[code][2], code


def test_people_are_listed_once() -> None:
    names = [row[0] for row in rows("people.tsv")]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # "general" with another office is no military rank (data/sectors.tsv)
        ("a General Manager of the church diocese", "BUS"),
        ("the director general of the agency", "GOV"),
        ("a brigadier general", "MIL"),
        # a security officer is no civilian "national" nor an army officer
        ("a national security officer", "COP"),
        # the doers told only as "an unidentified group" are an unidentified armed group,
        # unless the phrase says who they are
        ("an unidentified group", "UAF"),
        ("an unidentified group of protesters", "OPP"),
    ],
)
def test_sector_words_that_a_neighbouring_word_overrules(text: str, sector: str) -> None:
    assert resolved(text) == (None, sector)
