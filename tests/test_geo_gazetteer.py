"""The gazetteer: its index builds from installed packages and answers lookups by name."""

from __future__ import annotations

import pytest

from newsevents.geo.build import combine_conventions
from newsevents.geo.gazetteer import Gazetteer, name_key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_name_key_ignores_case_accents_and_punctuation() -> None:
    assert name_key("São Paulo") == name_key("SAO PAULO") == "sao paulo"
    assert name_key("St. Louis") == "st louis"
    assert name_key("Ma'arrat al-Nu'man") == "maarrat al numan"
    assert name_key("the Gaza Strip") == "gaza strip"


def test_country_at_geonames_point(gazetteer: Gazetteer) -> None:
    russia = gazetteer.country("RUS")
    assert russia is not None
    assert (russia.lat, russia.lon) == (60.0, 100.0)
    assert russia.geonameid == 2017370
    assert russia.precision == "country"


def test_lookup_ranks_by_population_and_fills_admin_names(gazetteer: Gazetteer) -> None:
    aleppo = [e for e in gazetteer.lookup("Aleppo") if e.feature_class == "P"][0]
    assert aleppo.country == "SYR"
    assert aleppo.admin1 == "Aleppo"
    assert abs(aleppo.lat - 36.2) < 0.1 and abs(aleppo.lon - 37.16) < 0.1
    springfields = gazetteer.lookup("Springfield")
    populations = [e.population for e in springfields]
    assert populations == sorted(populations, reverse=True)
    assert {"Illinois", "Missouri", "Massachusetts"} <= {e.admin1 for e in springfields}


def test_division_forms_find_only_divisions(gazetteer: Gazetteer) -> None:
    idlib = gazetteer.lookup("Idlib province")
    assert idlib and all(e.precision == "admin1" for e in idlib)
    counties = gazetteer.lookup("Rapides Parish")
    assert counties[0].precision == "admin2" and counties[0].admin1 == "Louisiana"


def test_abbreviations_find_the_full_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("St. Marc")[0].name == "Saint-Marc"  # Haiti's, the most populous
    assert any(e.name == "Mount Vernon" for e in gazetteer.lookup("Mt. Vernon"))


def test_curated_supplement_and_demonyms(gazetteer: Gazetteer) -> None:
    base = gazetteer.lookup("Hmeimim")[0]
    assert base.feature_code == "MILB" and base.country == "SYR"
    assert abs(base.lat - 35.41) < 0.05 and abs(base.lon - 35.95) < 0.05
    assert gazetteer.demonym("Syrians") == "SYR"
    assert gazetteer.demonym("Turkish") == "TUR"
    assert gazetteer.demonym("Aleppo") is None


def test_unknown_names_and_codes_are_not_places(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Xqzzyvillebad") == []
    assert gazetteer.lookup("") == []
    assert all(e.name != "Teresina" for e in gazetteer.lookup("THE"))


def test_two_conventions_meet_where_the_midpoint_reaches_both() -> None:
    nigeria = combine_conventions((10.0, 8.0), None, (8.0, 10.0))  # 313 km apart
    assert nigeria == (9.0, 9.0)
    russia = combine_conventions((60.0, 100.0), (60.0, 100.0), (60.0, 90.0))  # 555 km apart
    assert russia == (60.0, 100.0)
