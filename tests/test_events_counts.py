"""Counts without numerals: single victims, coordinated groups, shootings and explicit zeros
(made-up sentences), read through the whole pipeline as the events stage attaches them."""

from __future__ import annotations

from importlib import resources

import pytest
from spacy.tokens import Span

from newsevents.eval.system import article_document
from newsevents.events.counts import (
    Count,
    carried_counts,
    find_counts,
    numbers_by_token,
    shot_survivors,
)
from newsevents.nlp import load_language
from newsevents.nlp.numbers import NumberMention, find_numbers
from newsevents.pipeline import Pipeline
from newsevents.records import Event, Evidence, InputError
from newsevents.words import tsv_rows


def counts_of(span: Span, numbers: list[NumberMention], headline: bool = False) -> list[Count]:
    return find_counts(span, numbers_by_token(span, numbers), headline)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["nlp", "events"])


def main_event(pipeline: Pipeline, text: str) -> Event | None:
    reading = pipeline.read(article_document("t", text))
    assert not isinstance(reading, InputError)
    stored = [e for e in reading.events if e.status != "hypothetical"]
    return max(stored, key=lambda e: e.confidence, default=None)


@pytest.mark.parametrize(
    ("text", "fatalities", "injured"),
    [
        ("A man was shot and killed outside a store on Friday.", 1, None),
        ("A woman was wounded in a shooting on Maple Avenue.", None, 1),
        ("Two men and a woman were injured in the shooting.", None, 3),
        ("One person died and another was hurt in the shooting.", 1, 1),
        ("Gunmen opened fire on a bus, killing one and injuring two.", 1, 2),
        ("A 31-year-old woman was killed in a drive-by shooting.", 1, None),
        ("A teenager was shot in the leg near the park.", None, 1),
        ("Tom Brady was fatally shot by a neighbour, police said.", 1, None),
        ("A man was shot dead at a gas station; no one else was injured.", 1, 0),
        ("Rebels attacked the village; no injuries were reported.", None, 0),
        ("Airstrikes killed three civilians and two soldiers near the border.", 5, None),
        ("A boy is recovering after being shot in the leg on Friday.", None, 1),
        ("Police named a man who was shot and killed on Friday.", 1, None),
        # the shot are injured less the dead, unless they are others than the dead
        ("A man was shot and killed and two others were shot.", 1, 2),
        ("One man died and another was shot on Elm Street.", 1, 1),
        ("A man was shot and killed on Friday. His brother was also shot.", 1, 1),
        ("Three people were shot, one fatally.", 1, 2),
        ("Two were killed and three others wounded.", 2, 3),
        # the hurt told only as carried to a hospital, chosen for the happening
        ("A man was shot and killed on Elm Street. Two others were taken to a hospital.", 1, 2),
    ],
)
def test_victims_are_counted_without_numerals(
    pipeline: Pipeline, text: str, fatalities: int | None, injured: int | None
) -> None:
    event = main_event(pipeline, text)
    assert event is not None
    assert (event.fatalities, event.injured) == (fatalities, injured)


def test_people_no_count_word_governs_are_no_count(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Rebels shelled Idlib, which is home to about 3 million people.")
    assert event is None or event.fatalities is None


def test_a_plural_without_a_number_is_no_count(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Soldiers were killed in an ambush on the highway.")
    assert event is not None and event.fatalities is None


@pytest.mark.parametrize(
    ("text", "fatalities", "injured"),
    [
        ("A 2-year-old girl accidentally shot herself in the head on Monday.", None, 1),
        ("A 12-year-old girl was grazed by a bullet fired into her home on Thursday.", None, 1),
        ("A man shot himself dead in his garage on Friday.", 1, None),
    ],
)
def test_reflexive_and_grazing_shootings_count_one(
    pipeline: Pipeline, text: str, fatalities: int | None, injured: int | None
) -> None:
    event = main_event(pipeline, text)
    assert event is not None and (event.fatalities, event.injured) == (fatalities, injured)


def test_the_shot_who_died_are_not_also_injured() -> None:
    def shooting(killed: int, injured: int, words: str, shot: bool) -> Event:
        event = Event(id="e", type="ASSAULT", status="reported", evidence=[Evidence(words, 0, 9)])
        event.fatalities, event.injured = killed, injured
        event.field_evidence["injured"] = Evidence(words, 0, len(words), shot=shot)
        return event

    four_shot = shooting(3, 4, "four people were shot", shot=True)
    wounded = shooting(1, 2, "two others were wounded", shot=False)
    shot_survivors([four_shot, wounded])
    assert (four_shot.fatalities, four_shot.injured) == (3, 1)
    assert (wounded.fatalities, wounded.injured) == (1, 2)  # the wounded are others


@pytest.mark.parametrize(
    ("text", "shot"),
    [
        ("Four people were shot on Sunday.", True),
        ("Four people were injured in a shooting on Sunday.", False),
        ("Two victims of the shooting were hurt.", False),  # "shooting" among the people's words
        ("Four shooting victims were hospitalized.", False),
        # "also": others than the dead told before; not a shooter's own wound
        ("Her brother was also shot in the arm.", False),
        ("The gunman also shot himself in the leg.", True),
    ],
)
def test_a_count_says_whether_its_people_were_shot(
    pipeline: Pipeline, text: str, shot: bool
) -> None:
    reading = pipeline.read(article_document("t", text))
    assert not isinstance(reading, InputError) and reading.doc is not None
    [count] = [c for s in reading.doc.sents for c in counts_of(s, reading.numbers)]
    assert (count.field, count.shot) == ("injured", shot)


def test_the_injured_of_a_shooting_not_read_from_shoot_are_all_injured(
    pipeline: Pipeline,
) -> None:
    event = main_event(
        pipeline, "A man was killed and two other victims of the shooting were hurt."
    )
    assert event is not None and (event.fatalities, event.injured) == (1, 2)


def read_counts(pipeline: Pipeline, text: str) -> list[tuple[str, int]]:
    """The field and value of every count ``find_counts`` reads in the text's sentences."""
    reading = pipeline.read(article_document("t", text))
    assert not isinstance(reading, InputError) and reading.doc is not None
    return [(c.field, c.value) for s in reading.doc.sents for c in counts_of(s, reading.numbers)]


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("He was pronounced dead at the scene.", [("fatalities", 1)]),
        ("She died at the hospital on Sunday.", [("fatalities", 1)]),
        ("Police are investigating the shooting death of a toddler.", [("fatalities", 1)]),
        ("The deaths of two men shocked the town.", [("fatalities", 2)]),
        ("Maria Lopez was fatally injured after shots were fired.", [("fatalities", 1)]),
        ("Three people were injured in the crash.", [("injured", 3)]),
    ],
)
def test_pronouns_death_nouns_and_fatal_wounds_count_the_dead(
    pipeline: Pipeline, text: str, counts: list[tuple[str, int]]
) -> None:
    assert read_counts(pipeline, text) == counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("The shooting on Crosby Street left a 16-year-old man dead.", [("fatalities", 1)]),
        ("The five officers killed by a gunman had served for years.", [("fatalities", 5)]),
        ("The gun went off, striking Anderson, who died at the scene.", [("fatalities", 1)]),
        ("Police say four of the five victims were shot to death.", [("fatalities", 4)]),
        ("Deputies located a deceased white male in the yard.", [("fatalities", 1)]),
        ("He is a suspect in the fatal shooting of a woman.", [("fatalities", 1)]),
        ("Police are investigating the shooting of a woman.", []),  # the event's name only
        ("Investigators executed 44 search warrants in the case.", []),  # things, not people
        ("A 16-year-old died after sustaining one gunshot wound.", [("fatalities", 1)]),
        ("A girl was found suffering from several gunshot wounds.", []),  # wounds, not people
        # an age, not people ("injured or killed": neither figure alone)
        ("Since Easter, eight youths ages 15 and under have been injured or killed.", []),
        ("Police learned about the boy's death on Thursday.", [("fatalities", 1)]),
        ("Seven others were hospitalized with gunshot wounds.", [("injured", 7)]),
        ("Two men were shot, one fatally, on Elm Street.", [("injured", 2), ("fatalities", 1)]),
        ("The wounded man and woman were taken to a hospital.", [("injured", 2)]),
        ("Officers shot three more times, killing the man.", [("fatalities", 1)]),
        ("Two men, ages 28 and 22, were wounded.", [("injured", 2)]),  # not 2 + 22
        ("Police said six people, three men and three women, were shot.", [("injured", 6)]),
        ("Four of the victims, three men and a woman, were wounded.", [("injured", 4)]),
        ("Two of the female victims and the male victim were killed.", [("fatalities", 3)]),
        # a list of three, its second person parsed as an apposition of the first
        ("The blast killed a man, a woman and a teenage boy.", [("fatalities", 3)]),
        ("John Smith, Mary Jones and Bob Lee were shot outside the store.", [("injured", 3)]),
        # an adjective after its people tells of those before it alone
        ("The attack left a man dead and a boy and a woman injured.", [("fatalities", 1)]),
        # how many one killing or shooting had (multiples.tsv): the shot, the dead among them
        ("Police are investigating a double homicide in Roswell.", [("fatalities", 2)]),
        ("A triple shooting left one man dead.", [("injured", 3), ("fatalities", 1)]),
    ],
)
def test_the_dead_an_object_participle_or_relative_clause_tells(
    pipeline: Pipeline, text: str, counts: list[tuple[str, int]]
) -> None:
    """Forms missing from GVA fit-half articles whose killed no sentence gave."""
    assert read_counts(pipeline, text) == counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("The boy is in serious condition, police said.", [("injured", 1)]),
        ("A woman and a girl are in the hospital in critical condition.", [("injured", 2)]),
        ("The victim was listed in stable condition on Monday.", [("injured", 1)]),
        ("A man was shot and is in critical condition.", [("injured", 1)]),  # told once
        ("The economy is in good condition.", []),  # not a person
    ],
)
def test_a_wounded_state_counts_the_injured(
    pipeline: Pipeline, text: str, counts: list[tuple[str, int]]
) -> None:
    """GVA fit-half articles whose injured were told only by a hospital's word."""
    assert read_counts(pipeline, text) == counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Three neighbours were rushed to a nearby hospital.", [("injured", 3, True)]),
        ("Both were taken to Mercy Medical Center.", [("injured", 2, True)]),
        # others than those told before: not among the dead
        ("Two other victims were driven to the hospital.", [("injured", 2, False)]),
        ("A boy was shot and taken to a hospital.", [("injured", 1, True)]),  # told once
        ("The gunman was taken to the county detention center.", []),  # no place of care
        ("The driver was not taken to a hospital.", []),
        ("Her uncle drove the girl to the hospital.", []),  # active: the carried not its subject
    ],
)
def test_people_carried_to_a_hospital_are_the_injured(
    text: str, counts: list[tuple[str, int, bool]]
) -> None:
    """GVA fit-half articles whose injured were told only as taken to a hospital; the dead are
    among them (``survivors``) unless they are others."""
    [sentence] = load_language()(text).sents
    numbers = numbers_by_token(sentence, find_numbers(text))
    told = find_counts(sentence, numbers)
    found = told + carried_counts(sentence, numbers, told)
    assert [(c.field, c.value, c.shot) for c in found] == counts


def test_every_care_word_says_where_it_came_from() -> None:
    rows = tsv_rows(resources.files("newsevents.events") / "data" / "care_words.tsv")
    assert {name for name, _, _ in rows} == {"verb", "place"} and all(source for *_, source in rows)


def test_people_conjoined_to_a_clause_are_counted_once_in_their_own_words() -> None:
    text = "One person is dead and four others injured after a shooting on Sunday."
    doc = load_language()(text)
    counts = counts_of(doc[:], find_numbers(text))
    # "others" is itself a conjunct (of "is"): once, not 8; and its words are not the
    # shooting's, which would read as the people shot (shot_survivors)
    told = [(c.field, c.value, text[c.start : c.end]) for c in counts]
    assert told == [("fatalities", 1, "One person is dead"), ("injured", 4, "four others injured")]


def test_a_headline_writes_the_passive_without_was() -> None:
    title = "Man shot in head on Elm Street"
    doc = load_language()(title)
    assert counts_of(doc[:], find_numbers(title)) == []  # in a body "shot" has a doer
    [count] = counts_of(doc[:], find_numbers(title), headline=True)
    assert (count.field, count.value) == ("injured", 1)


def test_the_people_of_someones_act_are_marked_as_its_object() -> None:
    nlp = load_language()
    text = "He killed his wife before killing himself. A man died at the scene."
    doc = nlp(text)
    counts = [c for sentence in doc.sents for c in counts_of(sentence, find_numbers(text))]
    marked = {text[c.start : c.end]: c.object for c in counts if c.field == "fatalities"}
    assert marked == {"killed his wife": True, "killing himself": False, "A man died": False}


def test_every_multiple_says_its_figure_and_where_it_came_from() -> None:
    rows = tsv_rows(resources.files("newsevents.events") / "data" / "multiples.tsv")
    assert rows and all(int(figure) >= 2 and provenance for _, figure, provenance in rows)


def test_a_number_parsed_across_a_blank_line_counts_nobody() -> None:
    """GVA fit half: a page's sub-title joined to the paragraph after it, read as 100 dead."""
    text = (
        "School Remembers Basketball Star Killed in Shooting\n\n"
        "Hundreds of students released balloons Monday in memory of the boy."
    )
    doc = load_language()(text)
    assert [c.value for c in counts_of(doc[:], find_numbers(text))] == []


def test_an_emergency_number_called_counts_nobody() -> None:
    """GVA fit half: "called 911 reporting that he had been shot" read as 911 injured."""
    text = "His wife called 911 reporting that he had been shot in the chest."
    doc = load_language()(text)
    assert [c.value for c in counts_of(doc[:], find_numbers(text))] == []


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("The female driver and two other children were not injured in the incident.", []),
        ("Neither of the brothers or Bibbes’ mother were injured, according to police.", []),
        ("Two men were shot. Neither was killed.", [("injured", 2)]),
        ("A man was shot and was not seriously hurt.", [("injured", 1), ("injured", 1)]),
        ("One victim was not hospitalized.", [("injured", 1)]),
    ],
)
def test_people_said_to_be_spared_are_no_count(text: str, counts: list[tuple[str, int]]) -> None:
    """GVA fit half: read as 3 and 2 injured."""
    doc = load_language()(text)
    found = [c for s in doc.sents for c in counts_of(s, find_numbers(text))]
    assert [(c.field, c.value) for c in found] == counts


def sentence_counts(text: str, headline: bool = False) -> list[tuple[str, int]]:
    doc = load_language()(text)
    found = [c for s in doc.sents for c in counts_of(s, find_numbers(text), headline=headline)]
    return [(c.field, c.value) for c in found]


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "More than 4,230 people have been shot in Chicago this year, about 46 percent "
            "higher than this time last year.",
            [],
        ),
        ("This year has seen more than 130 shooting deaths to the city.", []),
        ("So far this year, 45 people have been killed in the city.", []),
        ("Two people have been killed in the park since January.", []),
        # a tally told beside the happening leaves the happening's count alone
        ("A man was killed on Friday, the city's 12th homicide this year.", [("fatalities", 1)]),
        ("Smith was shot and killed last year outside a bar.", [("fatalities", 1)]),
        # a round-up of several happenings, a month's total (tallies.tsv: "citywide",
        # "separate", "month_alone")
        ("Nine people were wounded across the city on Saturday night.", []),
        ("Six more were hurt in shootings throughout the county overnight.", []),
        ("Four men were shot in separate incidents on the east side.", []),
        ("At least 60 people were killed in the county in March alone.", []),
        ("Three people were wounded in the shootings at the club.", [("injured", 3)]),
        ("Two people were killed in March outside the club.", [("fatalities", 2)]),
    ],
)
def test_a_periods_tally_counts_no_happenings_people(
    text: str, counts: list[tuple[str, int]]
) -> None:
    """GVA fit half: 4230 injured, 130 dead."""
    assert sentence_counts(text) == counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "Bullet holes mark the wall of a doughnut shop near a Monday shooting in San "
            "Bernardino that left one man dead and four seriously wounded.",
            [("fatalities", 1), ("injured", 4)],
        ),
        ("The shooting left one dead and four wounded.", [("fatalities", 1), ("injured", 4)]),
        ("One dead and four wounded in overnight shooting.", [("fatalities", 1), ("injured", 4)]),
        # "3 injured" parsed as the object of "killed"
        ("1 killed 3 injured in a shooting Sunday night", [("fatalities", 1), ("injured", 3)]),
        ("Police said 1 killed 3 injured on Elm Street.", [("fatalities", 1), ("injured", 3)]),
        # "2" and "dead" both parsed as words on "5": no 5 dead
        ("2 dead 5 wounded after gunfire at a house party", [("fatalities", 2)]),
        ("1 dead 2 injured in early morning shooting", [("fatalities", 1)]),
    ],
)
def test_each_conjunct_of_dead_and_wounded_counts_its_own_people(
    text: str, counts: list[tuple[str, int]]
) -> None:
    """GVA fit half: "four" read as dead; "wounded" read as the first conjunct's one; a
    headline's "1 killed 3 injured" as 3 dead (issue #11, counts4's note), a comma-less "2 dead 4
    wounded" as 4 dead too (counts2)."""
    assert sentence_counts(text) == counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("3 killed 6 hurt at a block party", [("fatalities", 3), ("injured", 6)]),
        ("Three killed six hurt at a block party", [("fatalities", 3), ("injured", 6)]),
    ],
)
def test_a_count_word_parsed_as_the_people_of_another_counts_its_own(
    text: str, counts: list[tuple[str, int]]
) -> None:
    """A comma-less headline's "6 hurt" is parsed as the object of "killed" (read as 6 dead:
    issue #11, counts3)."""
    assert sentence_counts(text) == counts
    assert sentence_counts(text, headline=True) == counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Two gunmen killed a man on Friday.", [("fatalities", 1)]),
        (
            "Two men charged after baby girl accidentally shot, killed Posted: Friday, "
            "January 31, 2014 10:21 AM EST",
            [],
        ),
        ("Two men were killed on Friday.", [("fatalities", 2)]),
    ],
)
def test_the_doers_of_a_killing_are_not_its_dead(text: str, counts: list[tuple[str, int]]) -> None:
    """GVA fit half: a page's headline line read as 2 dead."""
    assert sentence_counts(text) == counts
