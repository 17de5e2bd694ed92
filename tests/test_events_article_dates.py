"""The day of the article's main happening chosen among the days it names (made-up candidates
and a hand-set model, so the tests hold whatever the shipped weights become)."""

from __future__ import annotations

from datetime import date

from newsevents.events.article_counts import FieldModel
from newsevents.events.article_dates import (
    DateCandidate,
    age_bucket,
    choose_date,
    date_features,
    give_date,
)
from newsevents.nlp.dates import TimeMention
from newsevents.records import Event

PUBLISHED = date(2016, 9, 2)
SHOOTING = DateCandidate(
    TimeMention(30, 43, "early Sunday", date(2016, 8, 28), "day"),
    "A man was shot early Sunday on Elm Street.",
)
HEARING = DateCandidate(
    TimeMention(400, 412, "on Thursday", date(2016, 9, 1), "day"),
    "The suspect appeared in court on Thursday, where he was charged.",
)
# Days of the violence count for a day, days of what followed it against.
MODEL = FieldModel({"bias": -0.5, "violence": 2.0, "aftermath": -2.0}, 0.5)


def test_features_tell_the_violence_from_its_aftermath() -> None:
    both = [SHOOTING, HEARING]
    shooting, hearing = (
        date_features(SHOOTING, both, PUBLISHED),
        date_features(HEARING, both, PUBLISHED),
    )
    assert shooting["violence"] == 1.0 and shooting["aftermath"] == 0.0
    assert hearing["aftermath"] == 1.0
    assert shooting["part_of_day"] == 1.0 and hearing["weekday"] == 1.0
    assert shooting["earliest"] == 1.0 and hearing["earliest"] == 0.0
    assert shooting["age=2-7"] == 1.0 and hearing["age=1"] == 1.0


def test_age_buckets() -> None:
    assert age_bucket(PUBLISHED, PUBLISHED) == "0"
    assert age_bucket(date(2016, 9, 3), PUBLISHED) == "after"
    assert age_bucket(date(2016, 6, 1), PUBLISHED) == "older"
    assert age_bucket(PUBLISHED, None) == "unknown"


def test_choose_date_takes_the_day_of_the_violence_or_none() -> None:
    assert choose_date([HEARING, SHOOTING], PUBLISHED, MODEL) == SHOOTING
    assert choose_date([HEARING], PUBLISHED, MODEL) is None


def test_give_date_dates_the_event_with_its_words_or_leaves_it() -> None:
    event = Event(id="e", type="ASSAULT", status="reported", evidence=[], date=PUBLISHED)
    give_date(event, None)
    assert event.date == PUBLISHED
    give_date(event, SHOOTING)
    assert (event.date, event.date_precision) == (date(2016, 8, 28), "day")
    assert event.field_evidence["date"].sentence == "early Sunday"
