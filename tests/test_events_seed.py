"""The seed article yields the events of shared/seed/expected.md (skips without ../shared)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.ingest import read_sources
from newsevents.pipeline import Pipeline
from newsevents.records import Event, Reading


@pytest.fixture(scope="module")
def events(seed_path: Path) -> list[Event]:
    [reading] = list(Pipeline(["nlp", "events"]).run(read_sources([str(seed_path)])))
    assert isinstance(reading, Reading)
    return reading.events


def of_type(events: list[Event], event_type: str, status: str = "reported") -> list[Event]:
    return [e for e in events if e.type == event_type and e.status == status]


def test_meeting(events: list[Event]) -> None:
    [meeting] = of_type(events, "CONSULT")
    assert meeting.date == date(2019, 8, 27)
    countries = {a.country for a in meeting.actor + meeting.recipient}
    assert countries == {"TUR", "RUS"}


def test_air_raid_merged_with_counts(events: list[Event]) -> None:
    raids = [e for e in events if e.acled_sub_event_type == "Air/drone strike"]
    raid = next(e for e in raids if e.fatalities is not None)
    assert (raid.fatalities, raid.injured) == (3, 12)
    assert raid.date == date(2019, 8, 19) and raid.date_precision == "day"
    assert {a.country for a in raid.actor if a.alternative} == {"SYR", "RUS"}
    assert any(r.country == "TUR" for r in raid.recipient)
    assert len(raid.evidence) >= 3


def test_condemnation(events: list[Event]) -> None:
    [accuse] = of_type(events, "ACCUSE")
    assert accuse.actor[0].country == "TUR"
    assert {r.country for r in accuse.recipient} == {"SYR", "RUS"}


def test_the_offensive_is_one_ongoing_campaign(events: list[Event]) -> None:
    campaigns = [e for e in events if e.type == "ASSAULT" and e.status != "hypothetical"]
    [campaign] = [e for e in campaigns if any("advanced" in x.sentence for x in e.evidence)]
    assert {a.country for a in campaign.actor} == {"SYR", "RUS"}
    assert campaign.status == "reported" and campaign.date is not None
    assert campaign.date < date(2019, 8, 27) and campaign.date_precision in ("week", "month")
    assert any("began in late April" in x.sentence for x in campaign.evidence)
    assert not [e for e in campaigns if "offensive" in e.evidence[0].sentence and e != campaign]


def test_no_verbal_act_by_a_happening(events: list[Event]) -> None:
    assert not [e for e in events if e.type in ("THREATEN", "REJECT")]


def test_hts_attacks_on_pro_government_forces_and_the_russian_air_base(
    events: list[Event],
) -> None:
    (attack,) = [e for e in of_type(events, "ASSAULT") if "Tahrir" in e.evidence[0].sentence]
    assert [(a.country, a.sector) for a in attack.actor] == [("SYR", "REB")]
    assert {(r.country, r.sector) for r in attack.recipient} == {("SYR", "MIL"), ("RUS", "MIL")}
    assert attack.date is None or attack.date <= date(2019, 8, 27)


def test_one_september_truce(events: list[Event]) -> None:
    """ "violates a truce deal between Moscow and Ankara" is the deal struck in September."""
    truces = [e for e in events if e.type == "AGREE" and e.status != "hypothetical"]
    assert [(e.status, e.date) for e in truces] == [("background", date(2018, 9, 1))]


def test_displacement_count_with_qualifier(events: list[Event]) -> None:
    displaced = [e for e in events if e.displaced]
    assert [(e.displaced, e.count_qualifiers["displaced"]) for e in displaced] == [
        (500000, "nearly")
    ]


def test_september_truce_is_background(events: list[Event]) -> None:
    truces = of_type(events, "AGREE", "background")
    assert any(e.date == date(2018, 9, 1) and e.date_precision == "month" for e in truces)


def test_not_events_are_absent_or_hypothetical(events: list[Event]) -> None:
    stored = [e for e in events if e.status != "hypothetical"]
    assert not [e for e in stored if "flood of refugees" in e.evidence[0].sentence]
    assert not [e for e in stored if "unfulfilled" in e.evidence[0].sentence and e.type == "AGREE"]
    assert not [e for e in events if "Belarus" in e.evidence[0].sentence]
