"""Dedup: each signal on small synthetic mentions, the incremental index, the merged event."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from newsevents.dedup import EventIndex, cluster_readings, group_readings, mentions_of, summarize
from newsevents.dedup.mention import Mention, lead_terms
from newsevents.dedup.signals import (
    TermWeights,
    load_rules,
    load_weights,
    pair_score,
    passes_gates,
    signals,
)
from newsevents.records import Article, Event, EventActor, Evidence, Location, Reading

RICHMOND = Location("Richmond", "point", country="USA", admin1="VA", lat=37.54, lon=-77.44)
HENRICO = Location("Henrico", "point", country="USA", admin1="VA", lat=37.55, lon=-77.46)
NORFOLK = Location("Norfolk", "point", country="USA", admin1="VA", lat=36.85, lon=-76.29)
TORONTO = Location("Toronto", "point", country="CAN", lat=43.65, lon=-79.38)
SHOOTING = lead_terms(
    "Man fatally shot on Jahnke Road", "Nygel Williams, 22, was shot by a friend in Richmond."
)
FIRE = lead_terms("Warehouse blaze", "Firefighters put out a blaze at a Tulsa warehouse overnight.")


def mention(article: str = "a", **fields: object) -> Mention:
    base = Mention(
        id=f"{article}/e",
        article_id=article,
        outlet=f"outlet-{article}",
        published=date(2017, 4, 2),
        type="ASSAULT",
        acled_event_type=None,
        acled_sub_event_type=None,
        date=date(2017, 4, 1),
        date_precision="day",
        location=RICHMOND,
        actors=(),
        recipients=(),
        fatalities=None,
        injured=None,
        displaced=None,
        arrested=None,
        confidence=0.8,
        terms=SHOOTING,
        evidence=(Evidence("A man was shot dead.", 0, 20),),
        lead=True,
    )
    return dataclasses.replace(base, **fields)  # type: ignore[arg-type]


def score(a: Mention, b: Mention) -> float | None:
    terms = TermWeights()
    for m in (a, b, mention("x", terms=FIRE)):
        terms.add(m.terms)
    return pair_score(a, b, terms, load_rules(), load_weights())


def test_text_cosine_reads_each_mentions_own_lead_even_under_one_article_id() -> None:
    # A vector is its lead's own: two mentions under one article id with other leads (as
    # pages of one chrome body had before their headline was part of the id) are each
    # weighed by their own lead terms.
    terms = TermWeights()
    for lead in (SHOOTING, FIRE):
        terms.add(lead)
    fire, shooting = mention("same", terms=FIRE), mention("same")
    assert terms.cosine(fire, fire, fire.term_set) > 0.99
    assert terms.cosine(shooting, mention("a"), shooting.term_set) > 0.99


def test_types_of_one_family_may_be_one_event_others_not() -> None:
    assert score(mention("a"), mention("b", type="CRIME")) is not None
    assert score(mention("a"), mention("b", type="AGREE")) is None
    assert score(mention("a", type="AGREE"), mention("b", type="AGREE")) is not None


def test_dates_apart_within_their_precision_only() -> None:
    rules = load_rules()
    later = date(2017, 4, 1 + rules.date_tolerance_days + 1)
    assert not passes_gates(mention("a"), mention("b", date=later), rules)
    assert passes_gates(mention("a"), mention("b", date=later, date_precision="month"), rules)
    # an undated mention stands for the week its article came out
    assert passes_gates(mention("a"), mention("b", date=None, published=date(2017, 4, 6)), rules)
    assert not passes_gates(
        mention("a"), mention("b", date=None, published=date(2017, 5, 6)), rules
    )


def test_places_in_other_countries_never_one_event_and_distance_weighs() -> None:
    assert score(mention("a"), mention("b", location=TORONTO)) is None
    near = score(mention("a"), mention("b", location=HENRICO))
    far = score(mention("a"), mention("b", location=NORFOLK))
    assert near is not None and far is not None and near > far
    rules = load_rules()
    terms = TermWeights()
    features = signals(mention("a"), mention("b", location=NORFOLK), terms, rules).features(rules)
    assert (features["near_place"], features["far_place"]) == (0.0, 1.0)


def test_text_similarity_moves_the_score_and_counts_and_names_are_signals() -> None:
    same = score(mention("a"), mention("b"))
    other_text = score(mention("a"), mention("b", terms=FIRE))
    assert same is not None and other_text is not None and same > other_text
    rules, terms = load_rules(), TermWeights()

    def features(a: Mention, b: Mention) -> dict[str, float]:
        return signals(a, b, terms, rules).features(rules)

    agree = features(mention("a", fatalities=1, injured=2), mention("b", fatalities=1))
    differ = features(mention("a", fatalities=1, injured=2), mention("b", fatalities=4, injured=2))
    assert (agree["counts_agree"], agree["counts_differ"]) == (1.0, 0.0)
    assert (differ["counts_agree"], differ["counts_differ"]) == (1.0, 1.0)
    victim = (EventActor("Nygel Williams", 0, 14),)
    other = (EventActor("the Richmond Police Department", 0, 30),)
    named = features(mention("a", recipients=victim), mention("b", recipients=victim))
    unnamed = features(mention("a", recipients=victim), mention("b", actors=other))
    assert (named["shared_names"], named["other_names"]) == (1.0, 0.0)
    assert (unnamed["shared_names"], unnamed["other_names"]) == (0.0, 1.0)


def test_one_articles_mentions_are_never_merged() -> None:
    assert not passes_gates(mention("a"), dataclasses.replace(mention("a"), id="a/f"), load_rules())


def test_incremental_ids_are_stable_and_rerunning_changes_nothing() -> None:
    first = [mention("a"), mention("b")]
    index = EventIndex()
    placed = index.add(first)
    assert [(p.event_id, p.outcome) for p in placed] == [("a/e", "founded"), ("a/e", "joined")]
    later = index.add(
        [mention("c", published=date(2017, 4, 3)), mention("d", terms=FIRE, location=TORONTO)]
    )
    assert [p.event_id for p in later] == ["a/e", "d/e"]
    again = index.add(first)
    assert [(p.event_id, p.outcome) for p in again] == [("a/e", "known"), ("a/e", "known")]
    restored = EventIndex.restore((m, index.event_of[m.id]) for m in [*first])
    assert restored.add([mention("c")])[0].event_id == "a/e"


def test_a_batch_is_placed_oldest_article_first() -> None:
    newer, older = (
        mention("z", published=date(2017, 4, 3)),
        mention("y", published=date(2017, 4, 2)),
    )
    assert {p.event_id for p in EventIndex().add([newer, older])} == {"y/e"}


def test_blocking_looks_only_at_the_weeks_a_mention_reaches() -> None:
    index = EventIndex()
    index.add([mention("a")])
    assert index.candidates(mention("b")) == {"a/e"}
    months_later = mention("b", date=date(2017, 9, 1), published=date(2017, 9, 1))
    assert index.candidates(months_later) == set()
    assert index.candidates(mention("b", type="AGREE")) == set()
    assert index.candidates(mention("b", location=TORONTO)) == set()


def test_the_merged_event_keeps_the_range_reported_and_every_source() -> None:
    reports = [
        mention("a", fatalities=3, published=date(2017, 4, 2)),
        mention("b", fatalities=3, injured=2, published=date(2017, 4, 4), outlet="outlet-a"),
        mention(
            "c", fatalities=5, date_precision="week", location=HENRICO, published=date(2017, 4, 3)
        ),
    ]
    event = summarize("a/e", reports)
    assert event.fatalities is not None and event.injured is not None
    assert (event.fatalities.best, event.fatalities.low, event.fatalities.high) == (3, 3, 5)
    assert (event.injured.best, event.injured.reports) == (2, 1)
    assert [s.article_id for s in event.sources] == ["a", "b", "c"]
    assert event.outlets == ("outlet-a", "outlet-c")
    assert (event.first_reported, event.last_reported) == (date(2017, 4, 2), date(2017, 4, 4))
    assert (event.date, event.date_precision, event.location) == (date(2017, 4, 1), "day", RICHMOND)
    assert [e.mention_id for e in event.evidence] == ["a/e", "b/e", "c/e"]


def test_a_tie_of_counts_goes_to_the_larger() -> None:
    event = summarize("a/e", [mention("a", fatalities=1), mention("b", fatalities=2)])
    assert event.fatalities is not None and event.fatalities.best == 2


def reading(article_id: str, *events: Event) -> Reading:
    article = Article(article_id, article_id, "A man was shot dead in Richmond on Saturday.",
                      title="Man shot dead", published=date(2017, 4, 2))  # fmt: skip
    return Reading(article=article, events=list(events))


def event(event_id: str, type_: str = "ASSAULT", status: str = "reported", start: int = 0) -> Event:
    return Event(id=event_id, type=type_, status=status,  # type: ignore[arg-type]
                 evidence=[Evidence("A man was shot dead.", start, start + 20)],
                 date=date(2017, 4, 1), date_precision="day", location=RICHMOND)  # fmt: skip


def test_mentions_of_a_reading_mark_its_main_event_and_drop_hypothetical_ones() -> None:
    found = mentions_of(
        reading(
            "a",
            event("2", "ACCUSE", start=0),
            event("1", start=30),
            event("3", "ASSAULT", "hypothetical", 50),
        )
    )
    assert [(m.id, m.type, m.lead) for m in found] == [
        ("a/2", "ACCUSE", False),
        ("a/1", "ASSAULT", True),
    ]


def test_the_main_mention_is_the_happening_the_events_stage_named_main() -> None:
    # An earlier shooting the article recalls comes first in the text, but the article's
    # counts and day went to the later one: that one is the main mention.
    recalled, named = event("1", start=0), event("2", start=30)
    named.main = True
    found = mentions_of(reading("a", recalled, named))
    assert [(m.id, m.lead) for m in found] == [("a/1", False), ("a/2", True)]


def test_articles_are_grouped_by_the_events_they_share() -> None:
    readings = [reading("a", event("1")), reading("b", event("1")), reading("c")]
    assert cluster_readings(readings) == [0, 0, 2]
    index = EventIndex()
    grouped = group_readings(readings, index)
    assert [g.event_id for g in grouped] == ["a/1", "a/1", None]
    assert grouped[1].mention is not None and grouped[1].mention.id == "b/1"


def test_reach_is_the_window_of_event_dates_a_mention_may_join() -> None:
    index, tolerance = EventIndex(), load_rules().date_tolerance_days

    def around(day: date, days: int) -> tuple[date, date]:
        return day - timedelta(days=days), day + timedelta(days=days)

    assert index.reach(mention("a")) == around(date(2017, 4, 1), tolerance)
    undated = mention("a", date=None, published=date(2017, 4, 20))
    assert index.reach(undated) == around(date(2017, 4, 20), 7 + tolerance)
    assert index.reach(mention("a", date=None, published=None)) is None


def test_the_frozen_stop_words_are_scikit_learns_the_weights_were_fitted_with() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from newsevents.dedup.mention import STOP_WORDS

    assert STOP_WORDS == ENGLISH_STOP_WORDS
