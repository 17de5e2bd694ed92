"""Partitions and Parquet parts of `newsevents batch`, without a cluster."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsevents.ingest import read_sources
from newsevents.records import (
    Article,
    Document,
    Entity,
    Event,
    EventActor,
    Evidence,
    InputError,
    Location,
    Place,
    Reading,
)
from newsevents.scale.partitions import Partition, plan_partitions
from newsevents.scale.parts import (
    PartReport,
    finished_partitions,
    part_path,
    part_report,
    read_part,
    remove_temporary,
    write_part,
)

REPO = Path(__file__).resolve().parents[1]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def story(number: int, with_id: bool = True) -> str:
    record = {"text": f"Story {number}: gunmen attacked a village on Monday."}
    if with_id:
        record["id"] = f"s{number}"
    return json.dumps(record)


def input_ids(items: list[Document | InputError]) -> list[str]:
    return [item.input_id for item in items]


def test_jsonl_shards_read_the_same_items_as_the_whole_file(tmp_path: Path) -> None:
    lines = [story(1), "", story(2, with_id=False), "not json", "   ", story(4), story(5)]
    path = write_jsonl(tmp_path / "a.jsonl", lines)
    partitions = plan_partitions([str(path)], size=2)
    assert [p.byte_range is not None for p in partitions] == [True, True, True]
    whole = input_ids(list(read_sources([str(path)])))
    sharded = [i for p in partitions for i in input_ids(list(p.documents()))]
    assert sharded == whole  # line numbers of id-less lines survive the cut
    assert f"{path}:3" in sharded and f"{path}:4" in sharded
    assert len({p.id for p in partitions}) == 3
    assert [p.id for p in plan_partitions([str(path)], size=2)] == [p.id for p in partitions]


def test_a_folder_is_grouped_pages_and_whole_archives(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "c.txt"):
        (tmp_path / name).write_text("Rebels shelled the town on Tuesday.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("not read", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    write_jsonl(tmp_path / "d.jsonl", [story(1), story(2), story(3)])
    warc = tmp_path / "z.warc.gz"
    warc.write_bytes((REPO / "examples" / "crawl.warc.gz").read_bytes())
    partitions = plan_partitions([str(tmp_path)], size=2)
    assert [p.inputs for p in partitions] == [
        (str(tmp_path / "a.html"), str(tmp_path / "b.txt")),
        (str(tmp_path / "c.txt"),),
        (str(tmp_path / "d.jsonl"),),
        (str(tmp_path / "d.jsonl"),),
        (str(warc),),
    ]
    everything = sorted(input_ids(list(read_sources([str(tmp_path)]))))
    assert sorted(i for p in partitions for i in input_ids(list(p.documents()))) == everything


def test_what_cannot_be_read_still_gets_a_partition_that_reports_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.jsonl")
    empty = write_jsonl(tmp_path / "empty.jsonl", [])
    (partition_missing,) = plan_partitions([missing])
    (partition_empty,) = plan_partitions([str(empty)])
    for partition, reason in ((partition_missing, "no such file"), (partition_empty, "empty")):
        (error,) = list(partition.documents())
        assert isinstance(error, InputError) and reason in error.message


def test_standard_input_is_refused() -> None:
    with pytest.raises(ValueError, match="standard input"):
        plan_partitions(["-"])


def full_reading() -> Reading:
    trigger = Evidence("shelled", 10, 17)
    return Reading(
        article=Article("abc", "in-1", "Rebels shelled Idlib.", published=date(2019, 8, 27)),
        entities=[Entity("Idlib", 15, 20, "GPE")],
        places=[Place("Idlib", 15, 20, name="Idlib", geonameid=169389, lat=35.9, lon=36.6)],
        events=[
            Event(
                id="e1",
                type="ASSAULT",
                status="reported",
                evidence=[Evidence("Rebels shelled Idlib.", 0, 21)],
                trigger=trigger,
                mentions=[trigger],
                actor=[EventActor("Rebels", 0, 6, alternative=True)],
                date=date(2019, 8, 26),
                date_precision="day",
                location=Location("Idlib", "point", country="SYR", lat=35.9, lon=36.6),
                fatalities=3,
                count_qualifiers={"fatalities": "at least"},
                field_evidence={"location": Evidence("Idlib", 15, 20)},
                confidence=0.8,
            )
        ],
        warnings=["a warning"],
        uncoded="nlp: not English (Korean)",
    )


def test_a_part_gives_back_readings_and_errors_as_they_were(tmp_path: Path) -> None:
    results: list[Reading | InputError] = [full_reading(), InputError("in-2", "too short", "nlp")]
    report = PartReport("p1", 2, 1, seconds=0.5, worker="w", peak_rss_mb=100.0, stages=["nlp"])
    path = write_part(tmp_path, "p1", results, report)
    assert path == part_path(tmp_path, "p1")
    reading, error = read_part(path)
    assert isinstance(reading, Reading) and isinstance(results[0], Reading)
    assert reading.to_json() == results[0].to_json()
    assert reading.events[0].date == date(2019, 8, 26)
    assert error == results[1]
    assert part_report(path) == report
    assert finished_partitions(tmp_path) == {"p1"}


def test_a_writer_that_died_leaves_no_finished_part(tmp_path: Path) -> None:
    folder = part_path(tmp_path, "p1").parent
    folder.mkdir(parents=True)
    (folder / ".tmp-1234-p1.parquet").write_bytes(b"PAR1 half written")
    assert finished_partitions(tmp_path) == set()
    assert remove_temporary(tmp_path) == 1
    assert list(folder.iterdir()) == []


def test_partition_description_names_its_start() -> None:
    assert Partition(("a.jsonl",), (10, 20), 7).describe() == "a.jsonl from line 7"
    assert Partition(("a.html", "b.html", "c.html")).describe() == "a.html and 2 more"
