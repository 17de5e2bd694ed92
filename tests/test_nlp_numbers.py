from importlib import resources

import pytest

from newsevents.nlp.numbers import find_numbers
from newsevents.words import tsv_rows


def only(text: str) -> tuple[str, float, str | None, str]:
    mentions = find_numbers(text)
    assert len(mentions) == 1, mentions
    m = mentions[0]
    assert text[m.start : m.end] == m.text
    return m.text, m.value, m.qualifier, m.kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three civilians were killed", ("three", 3, None, "count")),
        ("a dozen were wounded", ("a dozen", 12, None, "count")),
        ("two dozen homes", ("two dozen", 24, None, "count")),
        ("nearly a half million people", ("nearly a half million", 500_000, "nearly", "count")),
        ("half a million refugees", ("half a million", 500_000, None, "count")),
        ("a quarter of a million voters", ("a quarter of a million", 250_000, None, "count")),
        ("3.5 million refugees", ("3.5 million", 3_500_000, None, "count")),
        ("1,200 troops", ("1,200", 1200, None, "count")),
        ("at least 40 people died", ("at least 40", 40, "at least", "count")),
        ("more than 3.5 million", ("more than 3.5 million", 3_500_000, "more than", "count")),
        ("about 3 million people", ("about 3 million", 3_000_000, "about", "count")),
        ("around 300 people", ("around 300", 300, "about", "count")),
        ("some 200 soldiers", ("some 200", 200, "some", "count")),
        ("up to 50 people", ("up to 50", 50, "up to", "count")),
        ("almost 70 homes", ("almost 70", 70, "nearly", "count")),
        ("fewer than 10 people", ("fewer than 10", 10, "fewer than", "count")),
        ("an estimated 2,000 fled", ("an estimated 2,000", 2000, "about", "count")),
        ("scores of homes burned", ("scores", 20, "scores", "count")),
        ("hundreds of protesters", ("hundreds", 100, "hundreds", "count")),
        ("dozens of people were hurt", ("dozens", 12, "dozens", "count")),
        ("tens of thousands fled", ("tens of thousands", 10_000, "tens of thousands", "count")),
        ("two hundred and fifty people", ("two hundred and fifty", 250, None, "count")),
        ("twenty-five soldiers", ("twenty-five", 25, None, "count")),
        ("a hundred people", ("a hundred", 100, None, "count")),
        ("2.5m people", ("2.5m", 2_500_000, None, "count")),
        ("Police arrested 1500 people", ("1500", 1500, None, "count")),
        ("more than a dozen people", ("more than a dozen", 12, "more than", "count")),
        ("Seven people died", ("Seven", 7, None, "count")),
        ("one of the victims", ("one", 1, None, "count")),
        ("10-15 people were hurt", ("10", 10, "at least", "count")),
        ("Both were taken to hospital", ("Both", 2, None, "count")),
        ("a couple of soldiers", ("a couple of", 2, "about", "count")),
    ],
)
def test_counts_with_qualifiers(text: str, expected: tuple[str, float, str | None, str]) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a 19-year-old man", "age"),
        ("the man, aged 45, was", "age"),
        ("Boy, 8, dies of gunshot wound", "age"),
        ("John Smith, 23, of Gary was", "age"),
        ("he was 30 years old", "age"),
        ("in 2019 the war", "year"),
        ("since 2011 the war", "year"),
        ("the August 19 attack", "date"),
        ("on 12 March the", "date"),
        ("40 percent of voters", "percent"),
        ("at 10:30 the", "time"),
        ("at 5 p.m. the", "time"),
        ("5 km from the border", "measure"),
        ("a three-day truce", "measure"),
        ("for two weeks", "measure"),
        ("200 dollars each", "money"),
        ("Route 66 was closed", "label"),
        ("under Resolution 2254", "label"),
        ("in the 1600 block of Selden Avenue", "label"),
        # GVA fit half: each was read as the people killed or injured
        ("Robert Atkins 21, was found shot", "age"),
        ("Derrick Williams, 31 of Kansas City, KS, has been charged", "age"),
        ("died in front of the shop at 312 E. Base Line.", "label"),
        ("at Throneberry's 1240 Bell's Ferry Road home", "label"),
        ("in shooting - WMC Action News 5 - Memphis", "label"),
        ("according to Tennessee Code Annotated 39-13-202, first-degree", "label"),
        ("shot three more times", "measure"),
        # an emergency number called, not the people hurt
        ("His wife called 911 saying he had been shot.", "label"),
        ("A neighbour dialled 999 after the stabbing.", "label"),
        ("Officers responded to a 911 call about gunfire.", "label"),
    ],
)
def test_numbers_that_are_not_counts_keep_their_kind(text: str, kind: str) -> None:
    assert [m.kind for m in find_numbers(text)] == [kind]


@pytest.mark.parametrize(
    "text", ["40% of the vote", "$5 million in aid", "US$3 billion", "the 3rd"]
)
def test_what_is_not_a_number_is_not_reported(text: str) -> None:
    assert find_numbers(text) == []


def test_words_that_contain_numbers_are_not_numbers() -> None:
    assert find_numbers("Someone often goes there; the tone was weighty.") == []


def test_a_figure_between_commas_is_an_age_only_after_a_name() -> None:
    assert [m.kind for m in find_numbers("Boy, 8, dies; gunfire killed 2, hurt 3")] == [
        "age",
        "count",
        "count",
    ]


def test_several_numbers_in_order() -> None:
    text = "The blast killed 5 people and injured at least 20 others, officials said."
    assert [(m.value, m.qualifier) for m in find_numbers(text)] == [(5, None), (20, "at least")]


def test_may_after_a_number_is_not_a_month() -> None:
    assert only("Up to 5 may have died") == ("Up to 5", 5, "up to", "count")


def test_a_gallerys_image_numbers_are_labels() -> None:
    assert [m.kind for m in find_numbers("Photo: Image 13 of 14 Police say")] == ["label"] * 2
    assert [m.kind for m in find_numbers("Caption Close Image 1 of / 44")] == ["label"] * 2
    assert [m.kind for m in find_numbers("West Side shooting 1 / 44")] == ["label"] * 2


@pytest.mark.parametrize(
    ("text", "counted"),
    [("No  \n one was hurt", False), ("the casino one block away", True), ("Someone\tone", False)],
)
def test_one_after_a_pronoun_word_is_no_count(text, counted):
    assert any(m.text.lower() == "one" for m in find_numbers(text)) is counted


@pytest.mark.parametrize(
    "text",
    [
        "Gunfire Killed 2, Hurt 3",  # a title's words, not a name
        "2 Killed In Terrace Heights",  # a place after a preposition, not a street
        "5 people were shot on Main Street",
        "the news 5 people died",  # the broadcasters' words keep their case
        "The quake killed 112 people in the valley",  # an emergency number only when called
    ],
)
def test_counts_beside_names_streets_and_emergency_numbers_stay_counts(text: str) -> None:
    assert [m.kind for m in find_numbers(text)][0] == "count"


def test_every_label_word_says_where_it_came_from() -> None:
    rows = tsv_rows(resources.files("newsevents.nlp") / "data" / "number_labels.tsv")
    assert {name for name, _, _ in rows} == {
        "street",
        "compass",
        "broadcaster",
        "emergency",
        "calling",
    }
    assert all(word and source for _, word, source in rows)
