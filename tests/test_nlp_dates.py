from datetime import date

import pytest

from newsevents.nlp.dates import RULES, SCANNED, WRAPPED, find_times, rule_matches
from newsevents.screen import lowered_text

TUESDAY = date(2019, 8, 27)  # a Tuesday


def only(text: str, published: date | None = TUESDAY) -> tuple[str, date | None, str, str]:
    mentions = find_times(text, published)
    assert len(mentions) == 1, mentions
    m = mentions[0]
    assert text[m.start : m.end] == m.text
    return m.text, m.date, m.precision, m.relation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An air raid last week killed three.", ("last week", date(2019, 8, 20), "week")),
        ("The leaders met on Tuesday.", ("on Tuesday", date(2019, 8, 27), "day")),
        ("Erdogan met Putin Tuesday.", ("Tuesday", date(2019, 8, 27), "day")),
        ("Rebels attacked on Monday.", ("on Monday", date(2019, 8, 26), "day")),
        ("Rebels attacked on Wednesday.", ("on Wednesday", date(2019, 8, 21), "day")),
        ("It happened last Tuesday.", ("last Tuesday", date(2019, 8, 20), "day")),
        ("Friday's attack killed two.", ("Friday's", date(2019, 8, 23), "day")),
        ("Talks resume next Monday.", ("next Monday", date(2019, 9, 2), "day")),
        ("Police said yesterday.", ("yesterday", date(2019, 8, 26), "day")),
        ("Shelling continued last night.", ("last night", date(2019, 8, 26), "day")),
        ("Voting ends today.", ("today", date(2019, 8, 27), "day")),
        ("Prices rose last month.", ("last month", date(2019, 7, 1), "month")),
        ("Clashes began earlier this month.", ("earlier this month", date(2019, 8, 1), "month")),
        ("Turnout fell last year.", ("last year", date(2018, 1, 1), "year")),
        ("The truce was agreed in September.", ("in September", date(2018, 9, 1), "month")),
        ("Fighting flared in August.", ("in August", date(2019, 8, 1), "month")),
        ("Fighting flared in July.", ("in July", date(2019, 7, 1), "month")),
        ("The offensive began in late April.", ("in late April", date(2019, 4, 21), "month")),
        ("It was signed in early May.", ("in early May", date(2019, 5, 1), "month")),
        ("Troops withdrew mid-July.", ("mid-July", date(2019, 7, 11), "month")),
        ("the August 19 attack", ("August 19", date(2019, 8, 19), "day")),
        ("Elections are held on 12 March.", ("on 12 March", date(2019, 3, 12), "day")),
        ("a deal on August 30", ("on August 30", date(2018, 8, 30), "day")),
        ("the 19th of August", ("19th of August", date(2019, 8, 19), "day")),
        ("in September 2018", ("in September 2018", date(2018, 9, 1), "month")),
        ("Aug. 19, 2019 was hot", ("Aug. 19, 2019", date(2019, 8, 19), "day")),
        ("reported 2019-08-19", ("2019-08-19", date(2019, 8, 19), "day")),
        ("The war started in 2018.", ("in 2018", date(2018, 1, 1), "year")),
        ("three days ago", ("three days ago", date(2019, 8, 24), "day")),
        ("two weeks ago", ("two weeks ago", date(2019, 8, 13), "week")),
        ("Twenty years ago it flooded.", ("Twenty years ago", date(1999, 1, 1), "year")),
        ("built twenty-five years ago", ("twenty-five years ago", date(1994, 1, 1), "year")),
        ("A decade ago the mine closed.", ("A decade ago", date(2009, 1, 1), "year")),
        ("two decades ago", ("two decades ago", date(1999, 1, 1), "year")),
        ("at the end of June", ("the end of June", date(2019, 6, 21), "month")),
        ("Police said this morning.", ("this morning", date(2019, 8, 27), "day")),
        ("Protests spread over the weekend.", ("over the weekend", date(2019, 8, 24), "week")),
        ("Protests spread last weekend.", ("last weekend", date(2019, 8, 24), "week")),
        ("Rallies are planned this weekend.", ("this weekend", date(2019, 8, 31), "week")),
        ("Talks collapsed late last month.", ("late last month", date(2019, 7, 1), "month")),
        ("Sales fell earlier this year.", ("earlier this year", date(2019, 1, 1), "year")),
    ],
)
def test_point_expressions(text: str, expected: tuple[str, date, str]) -> None:
    assert only(text) == (*expected, "point")


def test_last_weekend_read_on_a_sunday_is_the_one_before() -> None:
    sunday = date(2019, 9, 1)
    assert only("It rained last weekend.", sunday)[1] == date(2019, 8, 24)
    assert only("It rained over the weekend.", sunday)[1] == date(2019, 8, 31)


def test_a_year_boundary_is_crossed_for_a_later_month() -> None:
    assert only("It began in December.", date(2020, 1, 15))[1] == date(2019, 12, 1)
    assert only("Talks ended last month.", date(2020, 1, 15))[1] == date(2019, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was arrested in May last year.", ("in May last year", date(2019, 5, 1))),
        ("It was set up on June 4 of last year.", ("on June 4 of last year", date(2019, 6, 4))),
        ("The raid came in March of 2017.", ("in March of 2017", date(2017, 3, 1))),
        ("She was detained in July this year.", ("in July this year", date(2020, 7, 1))),
        ("He was jailed last May.", ("last May", date(2020, 5, 1))),
        ("The clinic shut last August.", ("last August", date(2019, 8, 1))),
        ("Polls open next March.", ("next March", date(2021, 3, 1))),
    ],
)
def test_a_months_year_told_in_words(text: str, expected: tuple[str, date]) -> None:
    found, when, _, _ = only(text, date(2020, 8, 9))
    assert (found, when) == expected


@pytest.mark.parametrize(
    ("text", "relation", "when"),
    [
        ("displaced since late April", "since", date(2019, 4, 21)),
        ("Since 2011 the war", "since", date(2011, 1, 1)),
        ("held until Friday", "until", date(2019, 8, 23)),
        ("must leave by June", "until", date(2019, 6, 1)),
        ("closed after May 3", "after", date(2019, 5, 3)),
    ],
)
def test_relations(text: str, relation: str, when: date) -> None:
    _, resolved, _, found_relation = only(text)
    assert (resolved, found_relation) == (when, relation)


@pytest.mark.parametrize(
    ("text", "when", "precision"),
    [
        ("in recent weeks", date(2019, 8, 13), "month"),
        ("over the past few weeks", date(2019, 8, 13), "month"),
        ("over the past few days", date(2019, 8, 24), "week"),
        ("in recent days", date(2019, 8, 24), "week"),
    ],
)
def test_recent_days_and_weeks_are_dated_before_publication(
    text: str, when: date, precision: str
) -> None:
    assert only(f"Attacks rose {text}.")[1:] == (when, precision, "recent")


@pytest.mark.parametrize("text", ["recently", "in recent months", "in recent years"])
def test_longer_recent_periods_have_no_date(text: str) -> None:
    assert only(f"Attacks rose {text}.")[1:] == (None, "unknown", "recent")


def test_without_a_publication_date_only_explicit_years_resolve() -> None:
    mentions = find_times("On Tuesday, 12 March 2019, and last week.", None)
    assert [(m.text, m.date, m.precision) for m in mentions] == [
        ("On Tuesday", None, "unknown"),
        ("12 March 2019", date(2019, 3, 12), "day"),
        ("last week", None, "unknown"),
    ]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Two men were arrested, and a hearing is set for Thursday.", date(2019, 8, 29)),
        ("A hearing is scheduled for Monday.", date(2019, 9, 2)),
        ("He will be arraigned on Tuesday, police said.", TUESDAY),
        ("He is due in court Monday.", date(2019, 9, 2)),
        ("He is expected to appear in court Wednesday.", date(2019, 8, 28)),
        ("The trial is to begin Thursday.", date(2019, 8, 29)),
        ("The two men are to appear in court Friday.", date(2019, 8, 30)),
        # told in the past: the weekday before publication, as before
        ("He was arraigned on Monday.", date(2019, 8, 26)),
        ("The hearing was set for Thursday.", date(2019, 8, 22)),
        ("The suspects were to appear Friday.", date(2019, 8, 23)),
        ("Police said Monday he will appear in court.", date(2019, 8, 26)),
        ("The man, who was shot Monday, will recover.", date(2019, 8, 26)),
    ],
)
def test_a_weekday_of_a_clause_told_as_still_to_come_is_the_coming_one(
    text: str, when: date
) -> None:
    from newsevents.nlp import load_language

    found = find_times(text, TUESDAY, load_language()(text))
    assert [m.date for m in found] == [when]


@pytest.mark.parametrize(
    "text",
    ["We may go.", "May God help us.", "a March on the capital", "1,200 troops", "in 2019 2000"],
)
def test_words_that_are_not_dates(text: str) -> None:
    assert all(m.text not in ("May", "March", "1,200", "2000") for m in find_times(text, TUESDAY))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A ceasefire was reached on 19.08.2019.", (date(2019, 8, 19), "day")),
        ("A ceasefire was reached on 08/19/2019.", (date(2019, 8, 19), "day")),
        ("A ceasefire was reached on 31/02/2019.", None),
    ],
)
def test_numeric_dates_read_day_first_unless_impossible(text: str, expected: object) -> None:
    found = [(m.date, m.precision) for m in find_times(text, TUESDAY) if m.date]
    assert found == ([expected] if expected else [])


def test_spacy_date_entities_that_no_rule_reads() -> None:
    from newsevents.nlp import load_language

    text = "Veterans of the 2014 war, who fought in the 1990s too, spoke."
    mentions = find_times(text, TUESDAY, load_language()(text))
    assert [(m.text, m.date, m.precision) for m in mentions] == [
        ("2014", date(2014, 1, 1), "year"),
        ("the 1990s", None, "unknown"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Since   \n\n  Monday, in 2019 and on 12 March",
        "during  2019-08-19 or 19.08.2019; a week ago",
        "x-Monday and 1999 In  late April 2019",
        "ſince Tuesday, İn 2018, earlier this week",
        "SINCE FEBRUARY 1ST, in recent weeks, over the weekend",
    ],
)
def test_rules_run_only_where_they_can_match_and_find_the_same(text):
    lowered = lowered_text(text)
    for (name, pattern), (_, own) in zip(WRAPPED, RULES, strict=True):
        found = rule_matches(text, lowered, pattern, own if name in SCANNED else None)
        assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]
