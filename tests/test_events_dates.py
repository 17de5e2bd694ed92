"""An event's date when its own words say nothing of when: the article's day, else around its
publication."""

from __future__ import annotations

from datetime import date

from newsevents.events.dates import EventDate, article_day, date_by_article, event_date
from newsevents.nlp import load_language
from newsevents.nlp.dates import find_times
from newsevents.records import Event, EventStatus, Evidence

PUBLISHED = date(2016, 8, 3)  # a Wednesday


def event(status: EventStatus = "reported", when: date | None = None) -> Event:
    evidence = Evidence("x", 0, 1)
    return Event(id="e", type="ASSAULT", status=status, evidence=[evidence], date=when)


def test_the_article_day_is_the_first_recent_day_of_its_opening() -> None:
    text = "A man was shot late Monday night. His trial is set for August 30."
    day = article_day(find_times(text, PUBLISHED), PUBLISHED)
    assert day is not None and day.date == date(2016, 8, 1)
    assert article_day(find_times("He was shot on June 2.", PUBLISHED), PUBLISHED) is None


def test_events_without_words_of_when_take_the_article_day() -> None:
    text = "Shooting leaves two dead. The shooting happened Monday night, police said."
    undated, present, dated = event(), event(when=PUBLISHED), event(when=date(2016, 7, 1))
    dated.field_evidence["date"] = Evidence("July 1", 0, 6)
    date_by_article([undated, present, dated], find_times(text, PUBLISHED), PUBLISHED)
    assert undated.date == present.date == date(2016, 8, 1)
    assert undated.date_precision == "day" and undated.field_evidence["date"].sentence == "Monday"
    assert dated.date == date(2016, 7, 1)


def test_without_an_article_day_an_undated_event_is_dated_around_publication() -> None:
    undated, hypothetical = event(), event(status="hypothetical")
    date_by_article([undated, hypothetical], [], PUBLISHED)
    assert (undated.date, undated.date_precision) == (PUBLISHED, "week")
    assert hypothetical.date is None
    date_by_article([event()], [], None)  # no publication date: nothing to go by


def date_of(word: str, text: str, published: date) -> EventDate:
    doc = load_language()(text)
    trigger = next(token for token in doc if token.text == word)
    return event_date(trigger, trigger.sent, find_times(text, published, doc), published)


def test_a_time_in_a_clause_about_another_word_does_not_date_the_event() -> None:
    published = date(2022, 3, 13)  # a Sunday
    executions = "Saudi Arabia said on Saturday it executed 81 people, exceeding the number it "
    executions += "sentenced to death last year."
    assert date_of("executed", executions, published).date is None  # not "last year"
    arrest = "Police said on Monday that the gunman who killed two people last year was arrested."
    assert date_of("arrested", arrest, published).date is None
    shooting = "The shooting, which happened early Sunday, left two dead, police said on Monday."
    assert date_of("shooting", shooting, published).date == published  # its own clause


def test_a_time_of_a_clause_told_as_now_or_later_does_not_date_a_past_event() -> None:
    published = date(2015, 7, 24)  # a Friday
    autopsy = "An autopsy is scheduled for Tuesday to determine how the toddler was killed."
    assert date_of("killed", autopsy, published).date is None  # GVA held-out bc0719a1
    funeral = "The boy who was shot will be buried on Tuesday."
    assert date_of("shot", funeral, published).date is None
    hearing = "Two men were arrested, and a hearing is set for Thursday."  # of equal rank
    assert date_of("arrested", hearing, published).date is None
    protest = "The boy was killed by a stray bullet, and his family will hold a protest on Friday."
    assert date_of("killed", protest, published).date is None
    said = "Police said Tuesday the man was killed."  # a past report: about its time
    assert date_of("killed", said, published).date == date(2015, 7, 21)


def test_a_weekday_of_a_clause_told_as_still_to_come_dates_forward() -> None:
    hearing = "Two men were arrested, and a hearing is set for Thursday."
    assert date_of("hearing", hearing, date(2015, 7, 24)).date == date(2015, 7, 30)  # a Friday


def test_a_time_after_publication_dates_only_its_own_clause() -> None:
    published = date(2013, 5, 23)  # a Thursday
    text = "She surrendered two days after the stabbing and is due to appear in court Friday."
    stabbing = date_of("stabbing", text, published).date
    assert stabbing is None or stabbing <= published
    assert date_of("appear", text, published).date == date(2013, 5, 24)
