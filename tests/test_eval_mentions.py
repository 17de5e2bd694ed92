"""Event-mention scoring on a tiny hand-written KAIROS (WikiEvents-style) gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.eval.gold import GoldError
from newsevents.eval.mentions import (
    GoldArgument,
    GoldMention,
    evaluate_mentions,
    half_of,
    load_mentions_gold,
    plover_type,
)
from newsevents.records import Article, Document, Event, EventActor, Evidence, Reading

TEXT = "Gunmen killed two villagers in Zamfara.\nPolice arrested the gunmen."
# As WikiEvents gives them: offsets into the original text, where sentences run together.
SENTENCES = [
    [[["Gunmen", 0, 6], ["killed", 7, 13], ["two", 14, 17], ["villagers", 18, 27],
      ["in", 28, 30], ["Zamfara", 31, 38], [".", 38, 39]], "Gunmen killed ... Zamfara."],
    [[["Police", 39, 45], ["arrested", 46, 54], ["the", 55, 58], ["gunmen", 59, 65],
      [".", 65, 66]], "Police arrested the gunmen."],
]  # fmt: skip
TOKENS = [token for sentence in SENTENCES for token, _, _ in sentence[0]]
ENTITIES = [
    {"id": f"T{i}", "start": start, "end": start + 1}
    for i, start in enumerate([0, 3, 5, 7, 10], start=1)
]  # Gunmen, villagers, Zamfara, Police, gunmen


def mention(id_: str, type_: str, start: int, *arguments: tuple[str, str]) -> dict:
    return {
        "id": id_,
        "event_type": type_,
        "trigger": {"start": start, "end": start + 1, "sent_idx": 0 if start < 7 else 1},
        "arguments": [{"entity_id": e, "role": role} for e, role in arguments],
    }


DOC = {
    "doc_id": "d1",
    "tokens": TOKENS,
    "sentences": SENTENCES,
    "entity_mentions": ENTITIES,
    "event_mentions": [
        mention("E1", "Life.Die.Unspecified", 1,
                ("T1", "Killer"), ("T2", "Victim"), ("T3", "Place")),
        mention("E2", "Justice.ArrestJailDetain.Unspecified", 8,
                ("T4", "Jailer"), ("T5", "Detainee")),
    ],
}  # fmt: skip
# No sentences (tokens joined by spaces), an untyped mention and one outside the tokens.
SECOND = {
    "doc_id": "d2",
    "tokens": ["Troops", "left", "."],
    "event_mentions": [
        mention("E3", "Movement.Transportation.Unspecified", 1),
        mention("E4", "Conflict.Attack.Unspecified", 5),
    ],
}


def write_gold(tmp_path: Path, rows: list[dict], coref: bool = True) -> Path:
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    if coref:
        (tmp_path / "coref").mkdir()
        cluster = {"doc_key": "d1", "clusters": [["T1", "T5"]]}
        (tmp_path / "coref" / "dev.jsonlines").write_text(json.dumps(cluster) + "\n")
    return path


def event(
    type_: str, trigger: tuple[int, int] | None, sentences: list[tuple[int, int]], **fields: object
) -> Event:
    return Event(
        id=type_, type=type_, status="reported",
        evidence=[Evidence(TEXT[s:e], s, e) for s, e in sentences],
        trigger=Evidence(TEXT[trigger[0]:trigger[1]], *trigger) if trigger else None,
        **fields,  # type: ignore[arg-type]
    )  # fmt: skip


def actor(start: int, end: int) -> EventActor:
    return EventActor(TEXT[start:end], start, end)


def stand_in_reader(document: Document) -> Reading:
    """One merged ASSAULT over both sentences, and a COERCE on the wrong word of the second."""
    text = document.content.decode()
    reading = Reading(article=Article(id="a", input_id=document.input_id, text=text))
    if text == TEXT:
        reading.events = [
            event("ASSAULT", (7, 13), [(0, 39), (40, 67)], actor=[actor(0, 6)],
                  recipient=[actor(14, 27)], place_text="Zamfara"),
            event("COERCE", (56, 59), [(40, 67)], recipient=[actor(0, 6)]),
        ]  # fmt: skip
    return reading


def test_loader_rebuilds_the_text_and_maps_spans(tmp_path: Path) -> None:
    docs, log = load_mentions_gold(write_gold(tmp_path, [DOC, SECOND]))
    first, second = docs
    assert first.text == TEXT
    assert second.text == "Troops left ."
    killed, arrested = first.mentions
    assert TEXT[slice(*killed.trigger)] == "killed"
    assert TEXT[slice(*arrested.trigger)] == "arrested"
    detainee = arrested.arguments[1]
    assert [TEXT[slice(*s)] for s in detainee.spans] == ["gunmen", "Gunmen"]  # coreference
    assert [m.id for m in second.mentions] == ["E3"]
    assert log.skipped.reasons == {"trigger outside the document's tokens": 1}
    assert log.adjusted.total == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"tokens": ["a"], "event_mentions": []}, "line 2: needs a doc_id"),
        ({"doc_id": "x", "tokens": ["a"]}, "line 2: needs a list of event_mentions"),
        ({"doc_id": "x", "tokens": ["a"], "event_mentions": [{"trigger": {}}]}, "event_type"),
        ({"doc_id": "x", "tokens": ["a"], "event_mentions": [{"event_type": "A"}]}, "no trigger"),
    ],
)
def test_malformed_rows_name_their_line(tmp_path: Path, row: dict, message: str) -> None:
    with pytest.raises(GoldError, match=message):
        load_mentions_gold(write_gold(tmp_path, [DOC, row], coref=False))


def gold_mention(type_: str, roles: tuple[str, ...] = (), sentence: int = 0) -> GoldMention:
    arguments = tuple(GoldArgument(role, "x", ((0, 1),)) for role in roles)
    return GoldMention("m", type_, (0, 1), sentence, arguments)


def test_kairos_types_reach_plover() -> None:
    assert plover_type(gold_mention("Conflict.Attack.DetonateExplode"), frozenset()) == "ASSAULT"
    assert plover_type(gold_mention("Contact.Contact.Meet"), frozenset()) == "CONSULT"
    assert plover_type(gold_mention("Contact.Contact.Broadcast"), frozenset()) is None
    assert plover_type(gold_mention("Life.Die.Unspecified"), frozenset()) is None
    assert plover_type(gold_mention("Life.Die.Unspecified", ("Killer",)), frozenset()) == "ASSAULT"
    assert plover_type(gold_mention("Life.Injure.Unspecified"), frozenset({0})) == "ASSAULT"
    assert plover_type(gold_mention("Unknown.Type"), frozenset()) is None


def test_scores_at_trigger_and_sentence_level(tmp_path: Path) -> None:
    summary = evaluate_mentions(write_gold(tmp_path, [DOC, SECOND]), read=stand_in_reader)
    assert (summary["documents"], summary["mentions"], summary["mentions_typed"]) == (2, 3, 2)
    assert summary["untyped_gold"] == {"Movement.Transportation.Unspecified": 1}
    system = summary["detection"]["system"]
    assert (system["trigger_p"], system["trigger_r"], system["trigger_r_typed"]) == (
        0.5,
        0.3333,
        0.5,
    )
    # both evidence sentences hold a gold trigger; "arrested" is credited to its sentence
    assert (system["sentence_p"], system["sentence_r"], system["sentence_r_typed"]) == (
        1,
        0.6667,
        1,
    )
    by_trigger = summary["matched_by_trigger"]["system"]
    assert by_trigger["type_accuracy"] == 1 and by_trigger["typed"] == 1
    assert (by_trigger["actor_f1"], by_trigger["recipient_f1"], by_trigger["place_accuracy"]) == (
        1,
        1,
        1,
    )
    by_sentence = summary["matched_by_sentence"]["system"]
    assert by_sentence["type_accuracy"] == 1 and by_sentence["typed"] == 2  # COERCE preferred
    assert by_sentence["actor_f1"] == 0.6667  # "Police" missed
    assert by_sentence["recipient_f1"] == 1  # "Gunmen" is "the gunmen" through coreference
    assert summary["type_confusion_by_sentence"] == {
        "ASSAULT": {"ASSAULT": 1, "COERCE": 0},
        "COERCE": {"ASSAULT": 0, "COERCE": 1},
    }
    assert summary["recall_by_kairos_type"]["Movement.Transportation"]["sentence"] == 0
    assert summary["detection"]["lexicon_baseline"]["predicted"] == 0  # stand-in has no parse


def family_reader(document: Document) -> Reading:
    """A real attack, a real arrest told as hypothetical, and a spurious COERCE."""
    text = document.content.decode()
    reading = Reading(article=Article(id="a", input_id=document.input_id, text=text))
    if text == TEXT:
        reading.events = [
            event("ASSAULT", (7, 13), [(0, 39)], confidence=0.9),
            event("PROTEST", (46, 54), [(40, 67)], confidence=0.5),
            event("CONSULT", (46, 54), [(40, 67)], confidence=0.9),  # not of the families
        ]
        reading.events[1].status = "hypothetical"
    else:  # "Troops left .": a movement, no event of the families
        reading.events = [event("COERCE", (7, 11), [(0, len(text))], confidence=0.8)]
    return reading


def test_violent_families_every_event_and_those_stored(tmp_path: Path) -> None:
    summary = evaluate_mentions(write_gold(tmp_path, [DOC, SECOND]), read=family_reader)
    every, stored = summary["violent_family"]["all"], summary["violent_family"]["stored"]
    assert (every["sentence_p"], every["sentence_r"], every["event_p"]) == (0.6667, 1, 0.6667)
    assert every["auc"] == 0.5  # the spurious COERCE (0.8) outranks the real arrest (0.5)
    # the store keeps no hypothetical event: the arrest's sentence is lost, not a false alarm
    assert (stored["sentence_p"], stored["sentence_r"], stored["event_p"]) == (0.5, 0.5, 0.5)
    assert stored["auc"] == 1 and stored["events"] == 2


def test_halves_are_a_fixed_rule_of_the_doc_id(tmp_path: Path) -> None:
    assert [half_of(d) for d in ("road_ied_12", "road_ied_8")] == ["inspect", "report"]
    gold = write_gold(tmp_path, [DOC, SECOND])
    both = {half_of("d1"), half_of("d2")}
    for half in both:
        docs, _ = load_mentions_gold(gold, half=half)
        assert {d.id for d in docs} == {d for d in ("d1", "d2") if half_of(d) == half}


def test_command_runs_the_pipeline_and_the_lexicon_baseline(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, [DOC, SECOND])
    result = CliRunner().invoke(main, ["eval", "mentions", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["errors"] == 0
    assert summary["detection"]["lexicon_baseline"]["trigger_r"] == 0.6667  # kill, arrest
    assert summary["detection"]["system"]["sentence_r"] > 0


def test_malformed_gold_is_one_clear_line_on_the_command(tmp_path: Path) -> None:
    gold = tmp_path / "bad.jsonl"
    gold.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "mentions", str(gold)])
    assert result.exit_code == 1
    assert "line 1: not valid JSON" in result.output


def test_dev_file(dev_data: Path) -> None:
    path = dev_data / "wikievents" / "dev.jsonl"
    docs, log = load_mentions_gold(path)
    assert (len(docs), sum(len(d.mentions) for d in docs)) == (20, 345)
    assert log.skipped.total == 0
    summary = evaluate_mentions(path, limit=2)
    assert summary["documents"] == 2
    assert summary["detection"]["system"]["sentence_r"] > 0.5
