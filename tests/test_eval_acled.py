"""The ACLED stand-in: others' labels read as ACLED sub-events, held-apart parts only, scored
with any of a text's labels accepted."""

from __future__ import annotations

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
from newsevents.tools.event_corpora import (
    ACLED_CODED,
    HELD_APART,
    LabelMap,
    load_source,
    load_sources,
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
    assert {"satp", "hrdsattack", "hrdsattack-dev", "ceha", "india-police-events"} <= names
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
