"""GVA event scoring: the loader on a tiny made-up incidents file, the main violent event, the
field checks (counts, place, region, date) and the count baselines."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsevents.eval.events import (
    evaluate_events,
    keyword_count,
    load_event_gold,
    main_violent_event,
)
from newsevents.eval.gold import GoldError
from newsevents.eval.gva import split_of
from newsevents.records import Article, Document, Event, Location, Reading

SHOT = "A man was shot and killed on Elm Street on Saturday, police said."
WOUNDED = "Two people were wounded and 1 killed in a shooting downtown."
QUIET = "The council met on Tuesday to discuss the park budget."


def incident(uri: str, articles: list[dict], **fields: object) -> dict:
    return {
        "incident_uri": uri,
        "date": "April 1, 2017",
        "city_or_county": "Springfield",
        "state": "Illinois",
        "lat_long": [39.78, -89.65],
        "num_killed": 1,
        "num_injured": 0,
        "articles": articles,
        **fields,
    }


def article(id_: str, content: str) -> dict:
    return {"id": id_, "title": "", "dct": "2017-04-02", "content": content}


def write_gva(path: Path, incidents: list[dict]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.writelines(json.dumps(row) + "\n" for row in incidents)
    return path


def event(type_: str, confidence: float, **fields: Any) -> Event:
    return Event(
        id=type_, type=type_, status="reported", evidence=[], confidence=confidence, **fields
    )


SPRINGFIELD = Location(
    "Springfield", "point", country="USA", admin1="Illinois", lat=39.8, lon=-89.6
)
CHICAGO = Location("Chicago", "point", country="USA", admin1="Illinois", lat=41.85, lon=-87.65)


def test_gva_file_is_detected_and_every_article_scored(tmp_path: Path) -> None:
    path = write_gva(
        tmp_path / "incidents.jsonl.gz",
        [
            incident("1", [article("a", SHOT), article("b", SHOT + " He was 22.")]),
            incident("2", []),
            incident("3", [article("c", WOUNDED), article("d", "")], num_injured=2),
            incident("4", [article("e", QUIET)], num_killed="one", lat_long=None),
        ],
    )
    gold = load_event_gold(path)
    assert gold.format == "gva"
    assert [(i.id, i.fatalities, i.injured) for i in gold.items] == [
        ("a", 1, 0),
        ("b", 1, 0),
        ("c", 1, 2),
        ("e", None, 0),
    ]
    first = gold.items[0]
    assert (first.date, first.published, first.city, first.region, first.point) == (
        date(2017, 4, 1),
        date(2017, 4, 2),
        "Springfield",
        "Illinois",
        (39.78, -89.65),
    )
    assert gold.log.skipped.reasons == {"incident with no articles": 1, "article with no text": 1}
    assert gold.log.adjusted.reasons == {"num_killed not understood: scored without it": 1}
    assert [i.id for i in load_event_gold(path, limit=2).items] == ["a", "c"]  # spread out


def test_gva_split_keeps_one_half_of_the_incidents(tmp_path: Path) -> None:
    incidents = [incident(str(n), [article(f"a{n}", SHOT)]) for n in range(1, 9)]
    path = write_gva(tmp_path / "incidents.jsonl.gz", incidents)
    halves = {
        split: {i.incident for i in load_event_gold(path, split=split).items}
        for split in ("fit", "heldout")
    }
    assert halves["fit"] and halves["heldout"]
    assert halves["fit"] | halves["heldout"] == {str(n) for n in range(1, 9)}
    assert all(
        uri is not None and split_of(uri) == split for split, uris in halves.items() for uri in uris
    )
    other = tmp_path / "generic.jsonl"
    other.write_text(json.dumps({"text": SHOT, "label": "ASSAULT"}) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match="halves"):
        load_event_gold(other, split="fit")


def test_gva_incident_without_articles_list_is_an_error(tmp_path: Path) -> None:
    path = write_gva(tmp_path / "incidents.jsonl.gz", [incident("1", "oops")])  # type: ignore[arg-type]
    with pytest.raises(GoldError, match="line 1"):
        load_event_gold(path)


def test_main_violent_event_prefers_victims_then_confidence() -> None:
    arrest = event("COERCE", 0.95)
    shooting = event("ASSAULT", 0.6, fatalities=1)
    other = event("CRIME", 0.9)
    assert main_violent_event([arrest, other, shooting]) is shooting
    assert main_violent_event([arrest, other]) is other
    assert main_violent_event([arrest]) is arrest
    assert main_violent_event([]) is None


def test_main_violent_event_is_the_happening_the_pipeline_gave_its_counts_to() -> None:
    """A month's tally has more victims than the shooting the article reports; the pipeline's
    main happening (``Event.main``) is what the article's counts and day are of."""
    shooting = event("ASSAULT", 0.6, fatalities=1, main=True)
    tally = event("ASSAULT", 0.9, fatalities=80)
    assert main_violent_event([tally, shooting]) is shooting
    assert main_violent_event([tally, event("ASSAULT", 0.6, fatalities=1)]) is tally


def test_keyword_count_takes_the_figure_beside_the_first_count_word() -> None:
    assert keyword_count(WOUNDED, "injured") == 2
    assert keyword_count(WOUNDED, "fatalities") == 1
    assert keyword_count(SHOT, "fatalities") == 0  # no figure: 0
    assert keyword_count("In 2017, 3 people were hurt.", "injured") == 3


def reader(document: Document) -> Reading:
    """A stand-in system: one event per text, fields chosen to exercise each check."""
    text = document.content.decode()
    reading = Reading(article=Article(id="x", input_id=document.input_id, text=text))
    if text == SHOT:
        reading.events = [
            event("ASSAULT", 0.9, fatalities=1, date=date(2017, 4, 1), location=SPRINGFIELD)
        ]
    elif text.startswith(SHOT):
        reading.events = [event("ASSAULT", 0.9, location=CHICAGO)]  # no count: 0 killed
    elif text == WOUNDED:
        reading.events = [event("CRIME", 0.8, fatalities=1, injured=2)]
    return reading


def test_gva_scores_counts_place_region_and_date(tmp_path: Path) -> None:
    path = write_gva(
        tmp_path / "incidents.jsonl.gz",
        [
            incident("1", [article("a", SHOT), article("b", SHOT + " Again.")]),
            incident("3", [article("c", WOUNDED)], num_injured=2),
            incident("4", [article("e", QUIET)], num_killed=0),
        ],
    )
    summary = evaluate_events(path, read=reader)
    system = summary["scores"]["system"]
    assert summary["format"] == "gva"
    assert system["accuracy"] == 0.75  # three violent main events of four
    assert system["detected"] == 0.75
    assert system["fatalities_acc"] == 0.5  # a, c right; b said nothing (0 != 1); e no event
    assert system["injured_acc"] == 0.75  # a and b say nothing and gold is 0; c right
    assert system["place_acc"] == 0.25  # Chicago is 280 km from the gold point
    assert system["region_acc"] == 0.5
    assert system["date_acc"] == 0.25
    assert summary["scores"]["keywords"]["injured_acc"] == 1.0
    assert summary["scores"]["keywords"]["fatalities_acc"] == 0.5  # SHOT has no figure
    assert summary["scores"]["most_frequent"]["fatalities_acc"] == 0.75  # always 1
