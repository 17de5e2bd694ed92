"""Event-type scoring: loaders on tiny hand-written gold, label maps, baselines, the system path."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsevents.eval.events import (
    HRDS_MAP,
    PLOVER_TYPES,
    QUAD_CLASS_MAP,
    LabelMap,
    evaluate_events,
    keyword_event,
    lede_event,
    load_event_gold,
    most_frequent_label,
    primary_event,
)
from newsevents.eval.gold import GoldError
from newsevents.records import (
    Article,
    Document,
    Event,
    EventActor,
    InputError,
    Location,
    Reading,
)


def event(type_: str, confidence: float = 0.5, mode: str | None = None, **fields) -> Event:
    return Event(
        id=type_, type=type_, status="reported", evidence=[], mode=mode, confidence=confidence,
        **fields,
    )  # fmt: skip


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def keyword_reader(document: Document) -> Reading | InputError:
    """A stand-in system: the keyword baseline's guess, with a fixed confidence."""
    text = document.content.decode()
    reading = Reading(article=Article(id="a", input_id=document.input_id, text=text))
    if "fail" in text:
        return InputError(document.input_id, "cannot read", stage="events")
    found = keyword_event(text)
    if found:
        reading.events = [event(found[0], 0.8, found[1])]
    return reading


def test_label_map_prefers_type_and_mode_then_type_then_default() -> None:
    assert HRDS_MAP.label(event("ASSAULT", mode="abduct")) == "kidnapping"
    assert HRDS_MAP.label(event("ASSAULT", mode="firearms")) == "killing"
    assert HRDS_MAP.label(event("PROTEST")) == "other"
    assert HRDS_MAP.label(None) == "NONE"
    assert LabelMap().label(event("AID")) == "AID"
    assert QUAD_CLASS_MAP.label(None) == "0"


def test_an_articles_lede_event_is_its_first_sure_act() -> None:
    statement, unsure, act, later = (
        event("ACCUSE", 0.9),
        event("COERCE", 0.3),
        event("COERCE", 0.6),
        event("ASSAULT", 0.95),
    )
    assert lede_event([statement, unsure, act, later]) is act
    assert lede_event([statement, unsure]) is statement
    assert lede_event([]) is None


def test_an_articles_lede_event_may_be_an_act_it_retells() -> None:
    """Five detained "for killing a journalist in 2016": the killing (background) is the
    story's act, before any later one; a feared (hypothetical) act never is."""
    retold, feared, said = event("ASSAULT", 0.8), event("ASSAULT", 0.9), event("ACCUSE", 0.9)
    retold.status, feared.status = "background", "hypothetical"
    assert lede_event([feared, said, retold]) is retold
    assert lede_event([feared, retold, event("COERCE", 0.7)]) is retold
    assert lede_event([feared, said]) is said


def test_primary_event_is_the_most_confident_stored_one() -> None:
    hypothetical = event("THREATEN", 0.9)
    hypothetical.status = "hypothetical"
    first, second = event("ASSAULT", 0.7), event("PROTEST", 0.7)
    assert primary_event([hypothetical, first, second]) is first
    assert primary_event([hypothetical]) is None
    assert primary_event([]) is None
    # Not the pipeline's main happening: that took ceha-acled up but the older seven sets down.
    arrest, attack = event("COERCE", 0.9, "arrest"), event("ASSAULT", 0.6, main=True)
    assert primary_event([attack, arrest]) is arrest


def test_most_frequent_label_breaks_ties_alphabetically(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [{"text": "a", "label": "B"}, {"text": "b", "label": "A"}, {"text": "c", "label": "C"}],
    )
    assert most_frequent_label(load_event_gold(gold).items) == "A"


def test_keyword_event_takes_the_earliest_keyword() -> None:
    assert keyword_event("Rebels kidnapped two workers and killed a guard") == ("ASSAULT", "abduct")
    assert keyword_event("Police arrested ten protesters") == ("COERCE", "arrest")
    assert keyword_event("The weather was fine") is None


def test_generic_gold_fields_and_skips(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            {"id": "x", "text": "Troops shelled the town.", "label": "ASSAULT",
             "actor_country": ["SY"], "country": "Syria", "date": "2019-08-19", "fatalities": 3},
            {"text": "  ", "label": "AID"},
            {"text": "Two labels", "label": ["PROTEST", "COERCE"]},
        ],
    )  # fmt: skip
    loaded = load_event_gold(gold)
    assert loaded.format == "generic"
    first = loaded.items[0]
    assert (first.id, first.labels, first.actor_countries) == ("x", ("ASSAULT",), {"SYR"})
    assert (first.country, first.date, first.fatalities) == ("SYR", date(2019, 8, 19), 3)
    assert loaded.items[1].labels == ("PROTEST", "COERCE")
    assert loaded.log.to_json()["skipped"] == {"n": 1, "reasons": {"empty text": 1}}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "a", "label": "A"}\n{"text": "b"}\n', "line 2: needs"),
        ('{"text": "a", "label": "A"}\n\n{oops\n', "line 3: not valid JSON"),
        ('["a list"]\n', "line 1: expected a JSON object"),
    ],
)
def test_malformed_generic_gold_names_the_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_event_gold(path)


def test_plover_loader_maps_old_names_and_reads_actors(tmp_path: Path) -> None:
    records = [
        {"id": "doc", "event": "DOCUMENT", "eventText": "header"},
        {"id": "p1", "event": "DEMAND", "text": "Greece demanded talks.",
         "source": [{"actorText": "Greece", "code": "GRC", "sector": "GOV"}],
         "target": [{"actorText": "UN", "code": "IGO"}], "eventLoc": {"country code": "GR"}},
        {"id": "p2", "event": "FIGHT", "mode": "deport", "text": "Troops deported villagers.",
         "dead": 2},
        {"id": "p3", "event": "INVESTIGATE", "text": "A judge opened an inquiry."},
    ]  # fmt: skip
    path = tmp_path / "PLOVER.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    loaded = load_event_gold(path)
    assert loaded.format == "plover"
    assert [item.labels[0] for item in loaded.items] == ["REQUEST", "COERCE", "ACCUSE"]
    first = loaded.items[0]
    assert (first.actor_countries, first.recipient_countries, first.country) == (
        {"GRC"},
        frozenset(),
        "GRC",
    )
    assert loaded.items[1].fatalities == 2
    assert loaded.log.skipped.reasons == {"documentation record": 1}


def test_a_sets_folder_stands_for_the_gold_file_it_holds(tmp_path: Path) -> None:
    folder = tmp_path / "plover-gsr-cameo"
    folder.mkdir()
    (folder / "README.pdf").write_bytes(b"%PDF")
    record = {"id": "p1", "event": "PROTEST", "text": "Workers marched in Lyon."}
    (folder / "PLOVER_GSR_CAMEO.json").write_text(json.dumps([record]), encoding="utf-8")
    loaded = load_event_gold(folder)
    assert (loaded.format, [item.labels for item in loaded.items]) == ("plover", [("PROTEST",)])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(GoldError, match="holds none of dev.json, PLOVER_GSR_CAMEO.json"):
        load_event_gold(empty)


def test_plover_loader_rejects_unknown_types(tmp_path: Path) -> None:
    path = tmp_path / "PLOVER.json"
    path.write_text(json.dumps([{"id": "p9", "event": "DANCE", "text": "x"}]), encoding="utf-8")
    with pytest.raises(GoldError, match=r"record 1 \(p9\): unknown PLOVER event type 'DANCE'"):
        load_event_gold(path)


def test_cameo_class_loader_and_its_errors(tmp_path: Path) -> None:
    path = tmp_path / "train.tsv"
    path.write_bytes(b"Troops shelled the town.\t4\r\nLeaders met.\t1\r\n")
    loaded = load_event_gold(path)
    assert [(i.text, i.labels) for i in loaded.items] == [
        ("Troops shelled the town.", ("4",)),
        ("Leaders met.", ("1",)),
    ]
    assert loaded.label_map is QUAD_CLASS_MAP
    path.write_bytes(b"fine\t1\nno label here\n")
    with pytest.raises(GoldError, match="line 2: expected text<TAB>quad class"):
        load_event_gold(path)


def hrds_record(violations: list[str], country: str = "Nigeria") -> dict:
    return {
        "sample": {
            "HIT_id": "h1",
            "Input.title": "Girls kidnapped",
            "Input.publish_date": "2021-03-08 23:00:34",
            "Input.article_interface": "<p>Gunmen kidnapped 300 girls.</p><p>Police said.</p>",
        },
        "annotations": [],
        "merged_sample": {"violation_types": violations, "year": "2021.0", "month": "02",
                          "date": "26.0", "country": country},
    }  # fmt: skip


def test_hrds_loader_reads_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "hrdsattack"
    folder.mkdir()
    records = [hrds_record(["kidnapping", "killing"]), hrds_record([]), hrds_record(["x"], "Mars")]
    (folder / "dev.json").write_text(json.dumps(records), encoding="utf-8")
    loaded = load_event_gold(folder)
    item = loaded.items[0]
    assert item.text == "Gunmen kidnapped 300 girls.\n\nPolice said."
    assert (item.labels, item.country, item.date) == (
        ("kidnapping", "killing"),
        "NGA",
        date(2021, 2, 26),
    )
    assert item.published == date(2021, 3, 8)
    assert loaded.log.skipped.reasons == {"no violation type": 1}
    assert loaded.log.adjusted.total == 1


def test_evaluate_events_scores_system_and_baselines(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            {"text": "Police arrested the editor.", "label": "COERCE", "country": "TUR"},
            {"text": "Rebels attacked a convoy.", "label": "ASSAULT"},
            {"text": "Nothing happened today.", "label": "ASSAULT"},
            {"text": "This one will fail.", "label": "PROTEST"},
        ],
    )
    summary = evaluate_events(gold, read=keyword_reader)
    system = summary["scores"]["system"]
    assert system["accuracy"] == 0.5
    assert system["detected"] == 0.5
    assert system["country_acc"] == 0.0  # gold has a country, the stand-in gives no location
    assert system["actor_country_acc"] is None  # no gold actors at all
    assert summary["errors"] == 1
    assert summary["confusion"]["ASSAULT"] == {"ASSAULT": 1, "COERCE": 0, "NONE": 1}
    assert summary["calibration"]["n"] == 2
    assert summary["calibration"]["ece"] == pytest.approx(0.2)
    assert summary["scores"]["most_frequent"]["accuracy"] == 0.5
    assert summary["most_frequent_label"] == "ASSAULT"
    assert summary["scores"]["keywords"]["accuracy"] == 0.5


def test_field_scores_count_any_matching_country(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [{"text": "t", "label": "ASSAULT", "actor_country": ["RUS", "SYR"], "fatalities": 3,
          "date": "2019-08-19", "country": "SYR"}],
    )  # fmt: skip

    def reader(document: Document) -> Reading:
        found = event(
            "ASSAULT",
            actor=[EventActor("Russian jets", 0, 1, country="RUS")],
            fatalities=3,
            date=date(2019, 8, 20),
            location=Location(name="Idlib", precision="admin1", country="SYR"),
        )
        article = Article(id="a", input_id="t", text="t")
        return Reading(article=article, events=[found])

    system = evaluate_events(gold, read=reader)["scores"]["system"]
    assert (system["actor_country_acc"], system["fatalities_acc"]) == (1.0, 1.0)
    assert (system["date_acc"], system["country_acc"]) == (0.0, 1.0)
    assert (system["year_acc"], system["month_acc"]) == (1.0, 1.0)


def test_dates_scored_by_year_and_month_beside_the_publication(tmp_path: Path) -> None:
    """hrdsattack gives a year, a month or a whole date; each is scored where given, for the
    system's main event and for dating every event at publication."""
    folder = tmp_path / "hrdsattack"
    folder.mkdir()
    no_day, no_month = hrds_record(["killing"]), hrds_record(["killing"])
    no_day["merged_sample"]["date"] = None
    no_month["merged_sample"].update(month=None, date=None, year="2020")
    records = [hrds_record(["killing"]), no_day, no_month]
    (folder / "dev.json").write_text(json.dumps(records), encoding="utf-8")
    gold = load_event_gold(folder)
    assert [(i.year, i.month, i.date) for i in gold.items] == [
        (2021, 2, date(2021, 2, 26)),
        (2021, 2, None),
        (2020, None, None),
    ]

    def reader(document: Document) -> Reading:
        found = event("ASSAULT", date=date(2021, 2, 27))
        return Reading(article=Article(id="a", input_id="t", text="t"), events=[found])

    scores = evaluate_events(folder, read=reader)["scores"]
    system, published = scores["system"], scores["publication"]  # published 2021-03-08
    assert (system["year_acc"], system["month_acc"], system["date_acc"]) == (0.6667, 1.0, 0.0)
    assert published == {"year_acc": 0.6667, "month_acc": 0.0, "date_acc": 0.0}


def test_multi_label_gold_accepts_any_of_its_labels(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "g.jsonl", [{"text": "Police arrested him", "label": ["A", "B"]}])
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"COERCE/arrest": "B"}), encoding="utf-8")
    summary = evaluate_events(gold, mapping=mapping, read=keyword_reader)
    assert summary["scores"]["system"]["accuracy"] == 1.0


def test_malformed_mapping_file(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "g.jsonl", [{"text": "t", "label": "A"}])
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"ASSAULT": 4}), encoding="utf-8")
    with pytest.raises(GoldError, match="OUR_TYPE"):
        evaluate_events(gold, mapping=mapping, read=keyword_reader)


def test_builtin_acled_mapping_scores_the_events_own_sub_event_type(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            {"text": "Drone hit the base", "label": "Air/drone strike"},
            {"text": "Talks were held", "label": "Agreement"},
        ],
    )

    def reader(document: Document) -> Reading:
        text = document.content.decode()
        sub_type = "Air/drone strike" if "Drone" in text else None
        found = Event(
            id="e",
            type="ASSAULT" if sub_type else "CONSULT",
            status="reported",
            evidence=[],
            acled_sub_event_type=sub_type,
            confidence=0.9,
        )
        return Reading(article=Article(id="a", input_id="t", text=text), events=[found])

    system = evaluate_events(gold, mapping=Path("acled"), read=reader)["scores"]["system"]
    assert system["accuracy"] == 0.5  # the CONSULT event has no ACLED sub-event: NONE
    baselines = evaluate_events(gold, mapping=Path("acled"), with_system=False)["scores"]
    assert list(baselines) == ["most_frequent"]  # keywords give no ACLED sub-event types


def test_missing_mapping_file_names_the_builtins(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "g.jsonl", [{"text": "t", "label": "A"}])
    with pytest.raises(GoldError, match="acled"):
        evaluate_events(gold, mapping=tmp_path / "nope.json", read=keyword_reader)


def test_baselines_only_needs_no_system(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "g.jsonl", [{"text": "Troops attacked", "label": "ASSAULT"}])
    summary = evaluate_events(gold, with_system=False, limit=1)
    assert list(summary["scores"]) == ["most_frequent", "keywords"]
    assert "calibration" not in summary


def test_dev_sets_load(dev_data: Path) -> None:
    plover = load_event_gold(dev_data / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.json")
    assert len(plover.items) == 322
    assert {label for item in plover.items for label in item.labels} <= set(PLOVER_TYPES)
    assert len(load_event_gold(dev_data / "cameo_class" / "train.tsv").items) == 1349
    hrds = load_event_gold(dev_data / "hrdsattack")
    assert len(hrds.items) + hrds.log.skipped.total == 100
