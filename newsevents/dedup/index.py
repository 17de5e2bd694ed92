"""`EventIndex`: the events known so far, which each new batch of mentions joins or adds to.

Incremental by design: ``add`` takes a batch, gives each mention the event it joins (the best
scoring one above the threshold among the candidates) or founds a new event whose id is the
founding mention's id, and never renames or merges events that exist, so ids stay stable
whatever comes later. A mention already in the index keeps its event: re-adding a batch changes
nothing. ``restore`` rebuilds an index from stored (mention, event id) pairs, so a store need
only load the events of the dates a batch can reach (``reach``).

Candidates are found by blocking: each event is filed under the weeks its mentions' dates can
reach (their precision's slack), their types and their countries, and a new mention looks only
at events filed under its own weeks, the types it may be reported as, and its country (or no
country), so adding a batch costs what the events of those weeks cost, not all events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import product
from typing import Literal

from newsevents.dedup.mention import Mention
from newsevents.dedup.signals import (
    Rules,
    TermWeights,
    Weights,
    dates_agree,
    load_rules,
    load_weights,
    pair_score,
)
from newsevents.dedup.summary import EventSummary, summarize

BUCKET_DAYS = 7
MAX_REACH_DAYS = 400  # an undated or year-precise mention looks back and ahead a year at most

Outcome = Literal["founded", "joined", "known"]


@dataclass(frozen=True)
class Assignment:
    """Where a mention went: the event it founded, joined (with the score that decided it) or
    was already in."""

    mention: Mention
    event_id: str
    outcome: Outcome
    score: float | None = None


def country_of(mention: Mention) -> str | None:
    return mention.location.country if mention.location else None


def arrival_order(mention: Mention) -> tuple[date, str]:
    """Older articles first, so a batch is grouped as if its articles had come one by one."""
    return mention.published or date.min, mention.article_id


class EventIndex:
    def __init__(self, rules: Rules | None = None, weights: Weights | None = None) -> None:
        self.rules = rules or load_rules()
        self.weights = weights or load_weights()
        self.terms = TermWeights()
        self.event_of: dict[str, str] = {}
        self.members: dict[str, list[Mention]] = {}
        self.articles_of: dict[str, set[str]] = {}
        self.counted_articles: set[str] = set()
        # (week, type) -> country (None: unknown) -> ids of the events filed there
        self.filed: defaultdict[tuple[int, str], defaultdict[str | None, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )

    @classmethod
    def restore(
        cls,
        assigned: Iterable[tuple[Mention, str]],
        rules: Rules | None = None,
        weights: Weights | None = None,
    ) -> EventIndex:
        """An index of stored mentions with their event ids (founders first within an event)."""
        index = cls(rules, weights)
        for mention, event_id in assigned:
            index.count_terms(mention)
            index.file(mention, event_id)
        return index

    def reach(self, mention: Mention) -> tuple[date, date] | None:
        """The dates of the events this mention may join; None when it has no date at all."""
        if mention.when is None:
            return None
        days = min(self.rules.date_slack(mention.when_precision, "day"), MAX_REACH_DAYS)
        return mention.when - timedelta(days=days), mention.when + timedelta(days=days)

    def weeks(self, mention: Mention) -> range:
        reach = self.reach(mention)
        if reach is None:
            return range(0)
        return range(reach[0].toordinal() // BUCKET_DAYS, reach[1].toordinal() // BUCKET_DAYS + 1)

    def count_terms(self, mention: Mention) -> None:
        if mention.article_id not in self.counted_articles:
            self.counted_articles.add(mention.article_id)
            self.terms.add(mention.terms)

    def file(self, mention: Mention, event_id: str) -> None:
        self.event_of[mention.id] = event_id
        self.members.setdefault(event_id, []).append(mention)
        self.articles_of.setdefault(event_id, set()).add(mention.article_id)
        for week in self.weeks(mention):
            self.filed[week, mention.type][country_of(mention)].add(event_id)

    def candidates(self, mention: Mention) -> set[str]:
        country = country_of(mention)
        found: set[str] = set()
        types = self.rules.agreeing_types(mention.type)
        for week, event_type in product(self.weeks(mention), types):
            by_country = self.filed.get((week, event_type))
            if not by_country:
                continue
            if country is None:
                found.update(*by_country.values())
            else:
                found.update(by_country.get(country, ()), by_country.get(None, ()))
        return {e for e in found if mention.article_id not in self.articles_of[e]}

    def best_event(self, mention: Mention) -> tuple[str, float] | None:
        """The candidate event the mention most likely reports, and how likely (the best score
        of the event's mentions); None when a gate rules out every candidate."""
        best: tuple[str, float] | None = None
        for event_id in sorted(self.candidates(mention)):
            members = self.members[event_id]
            if not dates_agree(mention, members[0], self.rules):
                continue  # chains of reports a few days apart each do not drift off the event
            scores = [
                score
                for other in members
                if (score := pair_score(mention, other, self.terms, self.rules, self.weights))
                is not None
            ]
            if scores and (best is None or max(scores) > best[1]):
                best = event_id, max(scores)
        return best

    def add(self, mentions: Sequence[Mention]) -> list[Assignment]:
        """Each mention's event, in the order given. Articles' words count towards how rare a
        word is before any mention of the batch is placed."""
        for mention in mentions:
            self.count_terms(mention)
        placed: dict[str, Assignment] = {}
        for mention in sorted(mentions, key=arrival_order):
            if mention.id in self.event_of:
                placed[mention.id] = Assignment(mention, self.event_of[mention.id], "known")
                continue
            best = self.best_event(mention)
            if best is not None and best[1] >= self.weights.threshold:
                placed[mention.id] = Assignment(mention, best[0], "joined", round(best[1], 4))
            else:
                placed[mention.id] = Assignment(mention, mention.id, "founded")
            self.file(mention, placed[mention.id].event_id)
        return [placed[m.id] for m in mentions]

    def summary(self, event_id: str) -> EventSummary:
        return summarize(event_id, self.members[event_id])

    def summaries(self) -> Iterator[EventSummary]:
        return (self.summary(event_id) for event_id in self.members)
