"""The ACLED stand-in: others' labels read as ACLED sub-events, held-apart parts only, scored
with any of a text's labels accepted."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from newsevents.eval.acled import (
    NONE,
    AcledGold,
    acled_sources,
    learnt_texts,
    load_acled_gold,
    scores,
)
from newsevents.events.ontology import ACLED_SUB_EVENTS
from newsevents.tools import event_corpora
from newsevents.tools.event_corpora import (
    ACLED_CODED,
    HELD_APART,
    LabelMap,
    load_source,
    load_sources,
    read_ceha_acled,
    read_hrdsattack,
    read_satp,
    split_of,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_satp_columns_become_named_labels_and_the_summary_its_first_sentence(
    tmp_path: Path,
) -> None:
    path = tmp_path / "test.tsv"
    path.write_text(
        "Maoists abducted two villagers in Sukma on May 9. Police searched.\t0\t0\t1\t1\n",
        encoding="utf-8",
    )
    [(text, group, labels)] = list(read_satp(path))
    assert text == "Maoists abducted two villagers in Sukma on May 9."
    assert labels == ["kidnapping", "other"] and group.startswith("satp-")


def test_hrdsattack_article_is_its_headline_and_first_sentence(tmp_path: Path) -> None:
    record = {
        "sample": {
            "Input.GLOBALEVENTID": 7,
            "Input.title": "Lawyer detained in Harare",
            "Input.article_interface": "<p>Police detained a lawyer on Monday. He was freed.</p>",
        },
        "merged_sample": {"violation_types": ["arbitrary detention"]},
    }
    path = tmp_path / "dev.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    [(text, group, labels)] = list(read_hrdsattack(path))
    assert text == "Lawyer detained in Harare\n\nPolice detained a lawyer on Monday."
    assert labels == ["arbitrary detention"] and group.startswith("hrds-")  # by its text


def test_labels_settle_a_sub_event_only_where_the_codebook_does() -> None:
    satp, hrds = LabelMap("satp"), LabelMap("hrdsattack")
    assert satp("kidnapping").acled == "Abduction/forced disappearance"
    assert satp("bombing").acled == "Remote explosive/landmine/IED"
    assert satp("armed-assault").acled == ACLED_CODED  # a clash or an attack: not said
    assert hrds("arbitrary detention").acled == "Arrests"
    assert hrds("enforced disappearance").acled == "Abduction/forced disappearance"
    assert hrds("other").acled is None
    assert hrds.combined(["kidnapping", "killing"]).acled == "Attack"  # the table's order
    assert LabelMap("hrdsattack-dev").rows.keys() == hrds.rows.keys()
    # the typer learns them; the detector and PLOVER typer are not told anything by them
    assert (satp("bombing").event, hrds("killing").plover) == (None, None)


def gold(*sub_events: str) -> AcledGold:
    return AcledGold("set", "text", sub_events)


def test_any_of_a_texts_sub_events_is_right_and_coverage_counts_every_coded_text() -> None:
    rows = [
        (gold("Attack", "Abduction/forced disappearance"), "Abduction/forced disappearance"),
        (gold("Arrests"), NONE),
        (gold("Arrests"), "Arrests"),
        (gold(), "Armed clash"),  # ACLED would code it, which sub-event unsaid
        (gold(), NONE),
    ]
    result = scores(rows)
    assert (result["n"], result["settled"], result["coverage"]) == (5, 3, 0.6)
    assert result["sub_event_accuracy"] == round(2 / 3, 4)
    # Attack and Abduction are both ACLED's violence against civilians
    assert result["event_type_accuracy"] == round(2 / 3, 4)


def test_the_stand_in_reads_only_sets_with_acled_labels() -> None:
    names = {source.name for source in acled_sources()}
    assert {"satp", "hrdsattack", "hrdsattack-dev", "ceha", "ceha-acled"} <= names
    assert "india-police-events" in names
    assert not {"plover-gsr", "cameo_class", "ngec-synthetic", "project"} & names


@pytest.mark.skipif(not (SHARED / "data" / "dev" / "hrdsattack").exists(), reason="no dev data")
def test_no_held_apart_text_is_learnt_from_or_chooses_anything() -> None:
    sources = load_sources()
    learnt = learnt_texts(SHARED)
    for name in ("satp", "hrdsattack", "hrdsattack-dev"):
        source = sources[name]
        items = load_source(source, SHARED)
        ours = {i.text for i in items if split_of(i, source) not in HELD_APART}
        held = {item.text for item in load_acled_gold(source, SHARED, learnt=learnt)}
        assert held and not held & (ours | learnt)


CEHA_COLUMNS = ("Index", "ACLED/GDELT", "train_dev_test_split", "Event Description")
LABEL_COLUMNS = "index\tsplit\tsub_event\talso\twhy\n"


def write_notes(folder: Path, notes: list[tuple[str, str, str, str]], labels: str) -> Path:
    """A made-up CEHA file under ``folder``'s data/dev and a table of our labels beside it."""
    path = folder / "data" / "dev" / "ceha" / "CEHA_dataset.csv"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CEHA_COLUMNS)
        writer.writerows(notes)
    table = folder / "labels.tsv"
    table.write_text("# made up\n" + LABEL_COLUMNS + labels, encoding="utf-8")
    return table


NOTES = [
    ("XYZ1", "ACLED", "test", "Gunmen seized two herders near a well and held them."),
    ("XYZ2", "ACLED", "test", "Over three weeks, several unrelated incidents were recorded."),
    ("XYZ3", "ACLED", "train", "Villagers blocked a road with burning tyres."),
    ("XYZ4", "GDELT", "test", "A minister visited the region."),
]


def test_our_ceha_labels_are_read_by_acled_id_with_any_defensible_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = write_notes(
        tmp_path,
        NOTES,
        "XYZ1\ttest\tAbduction/forced disappearance\tAttack\theld\nXYZ2\ttest\tNONE\t\tsummary\n",
    )
    monkeypatch.setattr(event_corpora, "CEHA_ACLED_REPORT", table)
    path = tmp_path / "data" / "dev" / "ceha" / "CEHA_dataset.csv"
    assert [(group, labels) for _, group, labels in read_ceha_acled(path)] == [
        ("XYZ1", ["Abduction/forced disappearance", "Attack"]),
        ("XYZ2", ["NONE"]),
    ]
    # ACLED's names are kept whole; NONE (coded, but no single event) counts for coverage only
    [held, summary] = load_acled_gold(load_sources()["ceha-acled"], tmp_path)
    assert held.sub_events == ("Abduction/forced disappearance", "Attack")
    assert summary.sub_events == ()


def test_a_label_of_a_note_of_another_split_or_not_in_ceha_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data" / "dev" / "ceha" / "CEHA_dataset.csv"
    table = write_notes(tmp_path, NOTES, "XYZ3\ttest\tViolent demonstration\t\ttyres\n")
    monkeypatch.setattr(event_corpora, "CEHA_ACLED_REPORT", table)
    with pytest.raises(ValueError, match="XYZ3 is no test ACLED note"):
        list(read_ceha_acled(path))
    table.write_text(LABEL_COLUMNS + "XYZ9\ttest\tAttack\t\tx\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not in CEHA: XYZ9"):
        list(read_ceha_acled(path))


@pytest.mark.skipif(not (SHARED / "data" / "dev" / "ceha").exists(), reason="no dev data")
def test_our_ceha_labels_are_the_126_test_split_acled_notes_with_acled_names() -> None:
    notes = list(read_ceha_acled(SHARED / "data" / "dev" / "ceha" / "CEHA_dataset.csv"))
    assert len({group for _, group, _ in notes}) == len(notes) == 126  # each checked: test, ACLED
    assert {label for _, _, labels in notes for label in labels} <= {*ACLED_SUB_EVENTS, "NONE"}
    assert load_sources()["ceha-acled"].role == "heldout"  # never learnt from
