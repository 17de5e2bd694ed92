"""The article's killed and injured chosen among every count it reads (made-up articles and a
hand-set model, so the tests hold whatever the shipped weights become), and the shipped model's
file."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsevents.api.app import create_app
from newsevents.eval.system import article_document
from newsevents.events.article_counts import (
    CHOSEN_FIELDS,
    COUNT_CUES_FILE,
    HEADLINE_COUNTS_FILE,
    Candidate,
    FieldModel,
    candidate_features,
    choose,
    dead_among_retold,
    give_counts,
    load_count_model,
    main_happening,
    of_field,
    sentence_case,
    title_candidates,
    with_shooter,
)
from newsevents.events.counts import COUNT_LEMMAS, HARM_TABLE, HARM_WORDS, Count
from newsevents.events.features import read_table
from newsevents.pipeline import Pipeline
from newsevents.records import Article, Event, EventStatus, Evidence, InputError, Reading
from newsevents.store.export import export
from newsevents.store.query import EventFilter
from newsevents.store.rows import evidence_rows
from newsevents.store.store import Store


def candidate(value: int, start: int, sentence: str, field: str = "fatalities") -> Candidate:
    return Candidate(Count(field, value, None, start, start + 3), sentence, str(value))


LEDE = candidate(1, 10, "A man was shot and killed on Friday.")
TALLY = candidate(12, 900, "It was the city's 12th homicide this year.")
REPEAT = candidate(1, 600, "The victim died at the hospital.")


def test_features_tell_a_lede_figure_from_a_tally() -> None:
    own = [LEDE, REPEAT, TALLY]
    lede, tally = candidate_features(LEDE, own), candidate_features(TALLY, own)
    assert lede["lede"] == 1.0 and tally["lede"] == 0.0
    assert lede["agreeing"] == pytest.approx(2 / 3) and tally["largest"] == 1.0
    assert tally["cumulative"] == 1.0 and "cumulative" not in lede  # a cue: 1 when present
    assert lede["rank=0"] == 1.0 and tally["rank=2"] == 1.0


# Agreement between mentions and the lede count for the figure; tallies count against it.
MODEL = FieldModel({"bias": -1.0, "agreeing": 2.0, "lede": 1.0, "cumulative": -3.0}, 0.5)


def test_choose_takes_the_most_probable_candidate_of_the_field() -> None:
    injured = candidate(3, 20, "Three people were wounded.", field="injured")
    assert choose([TALLY, injured, REPEAT, LEDE], "fatalities", MODEL) == LEDE
    assert choose([TALLY], "fatalities", MODEL) is None  # not probable enough
    assert choose([], "injured", MODEL) is None


def test_a_later_toll_that_rose_updates_the_chosen_figure() -> None:
    rose = candidate(11, 300, "The death toll later rose to 11.")
    assert choose([LEDE, rose], "fatalities", MODEL) == rose
    fell = candidate(11, 300, "Eleven people died in a crash last year.")
    assert choose([LEDE, fell], "fatalities", MODEL) == LEDE


def violent(start: int, end: int, status: EventStatus = "reported") -> Event:
    return Event(
        id=str(start),
        type="ASSAULT",
        status=status,
        evidence=[Evidence("...", start, end)],
        confidence=0.9,
    )


def test_the_main_happening_is_the_one_telling_the_chosen_counts() -> None:
    first, second = violent(0, 100), violent(500, 700)
    assert main_happening([first, second], {"fatalities": REPEAT}) is second
    assert main_happening([first, second], {"fatalities": None}) is first
    assert main_happening([violent(0, 100, "hypothetical")], {"fatalities": None}) is None


def test_give_counts_keeps_the_events_own_count_where_none_was_chosen() -> None:
    event = violent(0, 100)
    event.injured = 2
    give_counts(event, {"fatalities": LEDE, "injured": None})
    assert (event.fatalities, event.injured) == (1, 2)
    assert event.field_evidence["fatalities"].start == LEDE.count.start


def shot(event: Event, injured: int) -> Event:
    event.injured = injured
    event.field_evidence["injured"] = Evidence("was shot", 0, 8, shot=True)
    return event


def test_the_shot_another_event_tells_again_count_the_dead_among_them() -> None:
    main = violent(0, 100)
    main.fatalities, main.injured = 1, 0
    retold, recalled = shot(violent(200, 300), 1), shot(violent(400, 500, "background"), 1)
    hurt = violent(600, 700)
    hurt.injured = 1  # "a woman was hurt": not people shot
    dead_among_retold(main, [main, retold, recalled, hurt])
    assert (retold.injured, recalled.injured, hurt.injured) == (0, 1, 1)
    alive = shot(violent(200, 300), 2)
    main.fatalities = 0  # no dead: the shot told again all lived
    dead_among_retold(main, [main, alive])
    assert alive.injured == 2


HEADLINE = Candidate(Count("fatalities", 2, None, 21, 27), "...", "2 dead", "title")


def test_a_title_figure_stands_first_and_says_where_it_came_from() -> None:
    own = of_field([LEDE, TALLY, HEADLINE], "fatalities")
    assert own[0] == HEADLINE  # offsets into the title, before any offset into the body
    title, lede = candidate_features(HEADLINE, own), candidate_features(LEDE, own)
    assert title["title"] == 1.0 and title["lede"] == 0.0 and lede["title"] == 0.0
    assert title["title_agrees"] == 0.0  # the body says 1, 12
    agreeing = candidate(2, 40, "Two people were killed.")
    own = of_field([agreeing, HEADLINE], "fatalities")
    assert candidate_features(HEADLINE, own)["title_agrees"] == 1.0
    assert candidate_features(agreeing, own)["title_agrees"] == 1.0


def test_a_title_figure_given_to_the_event_points_into_the_title() -> None:
    event = violent(0, 100)
    assert main_happening([event], {"fatalities": HEADLINE}) is event  # no sentence tells it
    give_counts(event, {"fatalities": HEADLINE})
    words = event.field_evidence["fatalities"]
    assert (event.fatalities, words.source, words.start) == (2, "title", 21)
    stored = {kind: (start, end) for _, kind, _, _, start, end in evidence_rows("m", event)}
    assert stored["title:fatalities"] == (21, 27)  # the store says the offsets are the title's
    back = Reading.from_json(Reading(Article("a", "a", "..."), events=[event]).to_json())
    assert back.events[0].field_evidence["fatalities"] == words


def test_the_title_is_read_as_a_text_of_its_own() -> None:
    title = "Chaotic brawl, shooting leaves 2 dead, 5 injured"
    read = [(c.count.field, c.count.value, c.source) for c in title_candidates(title)]
    assert read == [("fatalities", 2, "title"), ("injured", 5, "title")]
    [dead, _] = title_candidates(title)
    assert title[dead.count.start : dead.count.end] == dead.words
    assert title_candidates(None) == [] and title_candidates("Council meets on Monday") == []


def test_a_title_without_a_word_of_harm_is_not_parsed() -> None:
    harm = [w for w, field in COUNT_LEMMAS.items() if field in CHOSEN_FIELDS] + ["shoot"]
    assert all(HARM_WORDS.search(word) for word in harm)
    assert not HARM_WORDS.search("Council meets to discuss the city budget")


def test_each_word_of_harm_says_its_count_its_spellings_and_where_it_came_from() -> None:
    # One table (events/data/harm_words.tsv) gives counts.COUNT_LEMMAS, counts.HARM_LEMMAS and
    # the headline screen; a row's spellings screen exactly the killed and injured words.
    for word, field, written, provenance in HARM_TABLE:
        assert field in ("fatalities", "injured", "displaced", "arrested", "-"), word
        assert provenance.strip(), word
        screened = field in ("fatalities", "injured", "-")
        assert (written != "-") == screened, word
        assert not screened or any(word.startswith(w) for w in written.split()), word


def read_title(title: str) -> list[tuple[str, int, str, bool]]:
    return [(c.count.field, c.count.value, c.words, c.form) for c in title_candidates(title)]


def test_a_title_count_says_whether_its_people_were_shot() -> None:
    shot = {c.words: c.count.shot for c in title_candidates("4 Shot, 2 Killed In Memphis Club")}
    assert shot == {"4 Shot": True, "2 Killed": False}  # a headline form's "shot"
    assert [c.count.shot for c in title_candidates("Teen shot in the leg in Pike County")] == [True]
    assert [c.count.shot for c in title_candidates("4 injured in Pike County shooting")] == [False]


def test_headline_forms_read_the_counts_the_parse_misreads() -> None:
    # "shot" parsed as a noun, "Boy" as an interjection: the parse reads no such count
    assert ("injured", 4, "4 Shot", True) in read_title("4 Shot, 2 Killed In South Memphis Club")
    assert read_title("Boy, 14, fatally shot in O'Fallon Park neighborhood") == [
        ("fatalities", 1, "Boy, 14, fatally shot", True)
    ]
    # no word of harm, so not parsed; the form reads it all the same
    assert read_title("Teen struck by bullet from outside east valley house") == [
        ("injured", 1, "Teen struck by bullet", True)
    ]
    assert ("injured", 7, "injured 7", True) in read_title("Man held in shooting that injured 7")
    # a figure the parse reads already is not read twice
    assert read_title("1 Dead, 3 Hurt In Barbershop Shooting") == [
        ("fatalities", 1, "1", False),
        ("injured", 3, "3", False),
    ]
    # hurt, then dead: the parse reads "shot" as the verb and no death (issue #11, counts4)
    assert ("fatalities", 1, "Boy shot near the lake on Sunday dies", True) in read_title(
        "Boy shot near the lake on Sunday dies"
    )
    read = read_title("Man shot by deputy who died")
    assert not any(field == "fatalities" and form for field, _, _, form in read)
    # what was done to the man, not what he did; a name is capitalised
    assert read_title("Chief: Man fatally shot brother in Hamilton bar") == [
        ("fatalities", 1, "shot brother in Hamilton bar", False)
    ]


@pytest.mark.parametrize(
    ("title", "count"),
    [
        ("4 adults, 6 juveniles shot at neighborhood cookout", ("injured", 10)),
        ("Five men and two women wounded outside a lounge", ("injured", 7)),
        ("3 Teens, 2 Adults Hurt In Drive-By", ("injured", 5)),
        # the dead so listed, and a part of one person (issue #11, counts3: read as 2 and 1)
        ("4 men, 2 women killed in house fire", ("fatalities", 6)),
        ("Two teens, one adult dead after crash on Route 9", ("fatalities", 3)),
        ("2 girls, 1 boy hurt by stray bullets", ("injured", 3)),
        # a part of one person, without a figure (issue #11, counts3: read as 1 and 3)
        ("3 teens, woman wounded in drive-by on Elm Street", ("injured", 4)),
        ("Grandmother, 6-year-old boy shot at bus stop", ("injured", 2)),
        ("Father, son killed in crash on Route 9", ("fatalities", 2)),
        # the dead found or shot so (issue #11, counts7: read as the last person alone)
        ("Woman, toddler found dead in apartment on Elm Street", ("fatalities", 2)),
        ("Man, 2 teens shot and killed outside a store", ("fatalities", 3)),
    ],
)
def test_a_headline_listing_people_by_kind_counts_them_all(
    title: str, count: tuple[str, int]
) -> None:
    """The parse read one kind of the list alone (GVA fit half, "3 adults, 5 minors shot": 3)."""
    assert [(field, value) for field, value, *_ in read_title(title)] == [count]


@pytest.mark.parametrize(
    ("title", "count"),
    [
        ("2 Men And A Woman Shot In Overnight Gunfire", ("injured", 3)),
        ("2 men and a woman shot outside a club", ("injured", 3)),
        ("Three boys and a girl hurt in crossfire", ("injured", 4)),
        ("Man and his young son shot in driveway", ("injured", 2)),
    ],
)
def test_a_group_in_a_headline_counts_all_its_people(title: str, count: tuple[str, int]) -> None:
    """The participle hangs on the group's last person ("woman"), whom a headline form read as
    one person too: read as 1 shot (issue #11, counts3)."""
    assert [(field, value) for field, value, *_ in read_title(title)] == [count]


def test_a_headline_form_count_is_a_feature_of_its_own() -> None:
    [form] = title_candidates("Teen struck by bullet from outside east valley house")
    assert candidate_features(form, [form])["headline_form"] == 1.0
    assert candidate_features(HEADLINE, [HEADLINE])["headline_form"] == 0.0


def test_every_headline_form_says_where_it_was_met() -> None:
    for row in read_table(HEADLINE_COUNTS_FILE):
        assert row["field"] in CHOSEN_FIELDS and row["provenance"].strip(), row
        assert any(slot in row["form"] for slot in ("{person}", "{number}", "{listed}")), row


def test_a_title_case_headline_is_parsed_in_sentence_case() -> None:
    assert sentence_case("1 Dead, 3 Hurt In Barbershop Shooting") == (
        "1 dead, 3 hurt in barbershop shooting"
    )
    assert sentence_case("Man shot in Gary, Indiana") == "Man shot in Gary, Indiana"
    [dead, hurt] = title_candidates("1 Dead, 3 Hurt In Barbershop Shooting")
    assert (dead.count.value, hurt.count.value, hurt.words) == (1, 3, "3")


def test_the_shipped_model_has_every_field() -> None:
    model = load_count_model()
    assert set(model) == {*CHOSEN_FIELDS, "date"}
    assert all(0 < m.threshold < 1 and "bias" in m.weights for m in model.values())


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["nlp", "events"])


def test_a_shooting_told_twice_carries_the_articles_counts(pipeline: Pipeline) -> None:
    reading = pipeline.read(
        article_document(
            "t",
            "A man was shot and killed outside a bar on Saturday night, police said. "
            "Two other men were wounded. Officers found the victim, John Smith, 24, "
            "on the sidewalk. Smith was shot in the chest and died at the hospital.",
        )
    )
    assert not isinstance(reading, InputError)
    shootings = [e for e in reading.events if e.type == "ASSAULT" and e.status != "hypothetical"]
    most = max(shootings, key=lambda e: (e.fatalities or 0) + (e.injured or 0))
    assert (most.fatalities, most.injured) == (1, 2)
    [main] = [e for e in reading.events if e.main]
    assert (main.fatalities, main.injured) == (1, 2)


def test_every_count_cue_says_where_it_came_from() -> None:
    rows = read_table(COUNT_CUES_FILE)
    assert {row["cue"] for row in rows} >= {"cumulative", "toll_update", "shooter_suicide"}
    assert all(row["pattern"] and row["provenance"] for row in rows)


def test_a_killer_who_killed_himself_is_added_to_those_he_killed() -> None:
    told = "He killed his wife and two children before turning the gun on himself."
    victims = Candidate(Count("fatalities", 3, None, 3, 30, object=True), told, "killed ...")
    [added] = with_shooter([victims])
    assert (added.count.value, added.shooter) == (4, True)
    assert candidate_features(added, [victims, added])["with_shooter"] == 1.0
    # the victims were a subject, not someone's object: nobody else did it
    died = "A boy died after accidentally shooting himself."
    assert with_shooter([Candidate(Count("fatalities", 1, None, 0, 9), died, "A boy died")]) == []
    assert with_shooter([replace(victims, sentence="He killed his wife.")]) == []


def test_a_body_of_site_chrome_takes_its_event_from_the_headline(pipeline: Pipeline) -> None:
    chrome = "Sign up for our newsletters. Follow us on Facebook. All rights reserved."
    title = "Man shot and killed while hunting deer in Ocean County"
    reading = pipeline.read(article_document("t", chrome, title))
    assert not isinstance(reading, InputError)
    [event] = [e for e in reading.events if e.type == "ASSAULT"]
    assert {e.source for e in [*event.evidence, *event.mentions]} == {"title"}
    assert event.trigger is not None and event.trigger.source == "title"
    assert title[event.trigger.start : event.trigger.end] == event.trigger.sentence
    assert event.actor == [] and event.fatalities == 1
    kinds = {kind for _, kind, *_ in evidence_rows("m", event)}
    assert {"title:sentence", "title:trigger", "title:mention"} <= kinds
    assert not kinds & {"sentence", "trigger", "mention"}  # nothing points into the body


def test_a_headline_event_goes_through_the_store_the_api_and_exports(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    title = "Man shot and killed while hunting deer in Ocean County"
    reading = pipeline.read(article_document("t", "Sign up for our newsletters.", title))
    assert not isinstance(reading, InputError)
    url = str(tmp_path / "store.duckdb")
    with Store.open(url) as store:
        store.write([reading], ("nlp", "events"))
        out = io.StringIO()
        assert export(store, EventFilter(), "csv", None, out) >= 1 and "ASSAULT" in out.getvalue()
    app = create_app(url, token="t")
    with TestClient(app) as client:
        [item] = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"]
        evidence = client.get(f"/api/events/{item['id']}").json()["evidence"]
    app.state.database.close()
    kinds = {e["kind"] for e in evidence}
    assert {"title:sentence", "title:trigger"} <= kinds and "sentence" not in kinds
    trigger = next(e for e in evidence if e["kind"] == "title:trigger")
    assert title[trigger["start"] : trigger["end"]] == trigger["sentence"]


def test_a_body_that_tells_the_happening_keeps_the_headline_out(pipeline: Pipeline) -> None:
    text = "A man was shot and killed outside a bar on Saturday night, police said."
    reading = pipeline.read(article_document("t", text, "Man killed outside bar"))
    assert not isinstance(reading, InputError)
    assert all(e.source == "text" for event in reading.events for e in event.evidence)
