"""The event's date, chosen from the temporal expressions of its clause and sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from spacy.tokens import Span, Token

from newsevents.events.actors import LIGHT_VERBS
from newsevents.events.features import lemma
from newsevents.nlp.dates import TimeMention, told_past
from newsevents.records import DatePrecision, Event, Evidence

# Present and present-perfect verbs tell of something current: dated by the publication.
_PRESENT_TAGS = frozenset({"VBZ", "VBP", "VBG"})
# News says when its story happened in its opening ("late Monday night"), and reports it
# within days. Chosen on half of the GVA incidents (split by incident id): any opening from
# 300 to 2,000 characters and any window of 3 or 7 days took event date accuracy from 0.47 to
# 0.69-0.72 there.
OPENING_CHARS = 1000
RECENT_DAYS = 7


class Placed(Protocol):
    """Words read in the text (a time, a count), by their first character."""

    @property
    def start(self) -> int: ...


def in_subtree(mention: Placed, token: Token) -> bool:
    return token.left_edge.idx <= mention.start < token.right_edge.idx + len(token.right_edge)


# Arcs of a clause of its own. One on a word other than the event's tells of something else:
# "executed 81 people, exceeding the number it sentenced to death last year" (the number's
# relcl); one on the event's word tells of it ("the shooting, which happened Sunday").
CLAUSE_ARCS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"})


def is_clause_beside(token: Token) -> bool:
    """A clause conjoined to another with a subject of its own, of equal rank and about another
    happening ("Two men were arrested, and a hearing is set for Thursday"); a verb sharing the
    first one's subject tells more of it ("stormed the village and killed 10 on Monday")."""
    return token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def of_another_clause(mention: TimeMention, word: Token) -> bool:
    """Whether a time expression in the word's phrase is in a clause about another word, or in
    a clause beside the word's own."""
    span = word.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    current = word if span is None else span.root
    while current != word and current.head != current:
        if (current.dep_ in CLAUSE_ARCS and current.head != word) or is_clause_beside(current):
            return True
        current = current.head
    return False


def clause_head(trigger: Token) -> Token:
    """The verb whose clause the trigger belongs to (the trigger itself when a verb)."""
    current = trigger
    while current.pos_ not in ("VERB", "AUX") and current.head != current:
        current = current.head
    return current


def same_clause(mention: TimeMention, verb: Token, sentence: Span) -> bool:
    """Whether a time expression belongs to this verb's clause, not a subordinate one."""
    span = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and clause_head(span.root) == verb


def is_since_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "since" for c in token.children
    )


def is_present(trigger: Token) -> bool:
    verb = clause_head(trigger)
    if verb.tag_ in _PRESENT_TAGS:
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PRESENT_TAGS for c in verb.children)


def tells_of_now(trigger: Token, in_sentence: list[TimeMention]) -> bool:
    """A present-tense clause, or a sentence with an open-ended time ("since", "recently"),
    dates by the publication. Not an event noun that is the verb's object: "the offensive
    violates a truce deal" says nothing of when the deal was made."""
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "pobj", "attr", "appos"):
        done_by_the_verb = trigger.dep_ == "dobj" and lemma(trigger.head) in LIGHT_VERBS
        if not done_by_the_verb:  # "has carried out attacks" is the attacks' tense
            return False
    return is_present(trigger) or any(t.relation != "point" for t in in_sentence)


@dataclass(frozen=True)
class EventDate:
    date: date | None
    precision: DatePrecision
    words: TimeMention | None = None  # what it was read from; None: the publication, or unknown


def event_date(
    trigger: Token, sentence: Span, times: list[TimeMention], published: date | None
) -> EventDate:
    """The date of the time expression nearest the trigger in its clause, else the sentence's;
    the publication date for a present-tense report; else unknown."""
    in_sentence = [t for t in times if sentence.start_char <= t.start < sentence.end_char]
    own_clause = clause_head(trigger)
    points = [
        t
        for t in in_sentence
        if t.date
        and t.relation in ("point", "since", "recent")
        and not (is_ahead(t, published) and not same_clause(t, own_clause, sentence))
    ]
    clause_points = [t for t in points if same_clause(t, own_clause, sentence)]
    if published and any(is_since_clause(c) for c in own_clause.children):
        return EventDate(published, "month")  # "displaced since the offensive began": ongoing
    for scope, candidates in ((trigger, points), (own_clause, clause_points)):
        local = [t for t in candidates if in_subtree(t, scope) and not of_another_clause(t, scope)]
        if local:
            nearest = min(local, key=lambda t: abs(t.start - trigger.idx))
            if nearest.relation in ("point", "recent") and nearest.date:
                return EventDate(nearest.date, nearest.precision, nearest)
            break
    if published and tells_of_now(trigger, in_sentence):
        # "have advanced in recent months": current, but not of the day.
        of_the_day = is_present(trigger) and not any(t.relation == "recent" for t in in_sentence)
        return EventDate(published, "day" if of_the_day else "month")
    lone = points[0] if len(points) == 1 else None
    if lone and lone.relation == "point" and lone.date and not of_later_clause(lone, own_clause):
        return EventDate(lone.date, lone.precision, lone)
    return EventDate(None, "unknown")


def is_ahead(mention: TimeMention, published: date | None) -> bool:
    """A time after publication ("is expected to have a hearing Friday") dates only what its
    own clause tells, never a happening of another ("turned himself in days after the
    shooting and is expected to have a preliminary hearing in the case Friday")."""
    return published is not None and mention.date is not None and mention.date > published


def of_later_clause(mention: TimeMention, verb: Token) -> bool:
    """Whether a time expression is in a clause above this past verb's or of equal rank (a
    conjunct), told in the present or future tense: "An autopsy is scheduled for Tuesday to
    determine how the toddler was killed" and "Two men were arrested, and a hearing is set for
    Thursday" say when the autopsy and the hearing are, not when the killing or the arrest was."""
    span = verb.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not told_past(verb):
        return False
    other = clause_head(span.root)
    if other not in verb.ancestors and other not in verb.conjuncts:
        return False
    return is_present(other) or any(c.dep_ == "aux" and c.tag_ == "MD" for c in other.children)


def article_day(times: Sequence[TimeMention], published: date) -> TimeMention | None:
    """The day the article's opening says its story happened: its first day-precise point in
    time within RECENT_DAYS before publication."""
    earliest = published - timedelta(days=RECENT_DAYS)
    return next(
        (
            t
            for t in times
            if t.start < OPENING_CHARS
            and t.relation == "point"
            and t.precision == "day"
            and t.date is not None
            and earliest <= t.date <= published
        ),
        None,
    )


def date_by_article(
    events: Sequence[Event], times: Sequence[TimeMention], published: date | None
) -> None:
    """An event whose own words say nothing of when (undated, or dated by the publication for
    its present tense: "a shooting leaves two dead") happened on the article's day, else
    around its publication. Dating such events at all is what makes them no worse than
    "every event happened at publication"; leaving them undated was."""
    if published is None:
        return
    day = article_day(times, published)
    for event in events:
        if "date" in event.field_evidence or event.status != "reported":
            continue
        if day is not None and day.date is not None:
            event.date, event.date_precision = day.date, "day"
            event.field_evidence["date"] = Evidence(day.text, day.start, day.end)
        elif event.date is None:
            event.date, event.date_precision = published, "week"
