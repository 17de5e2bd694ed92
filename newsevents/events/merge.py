"""One event per real-world happening: mentions that corefer are merged, their fields combined.

A mention joins an earlier event of the same type when nothing contradicts it (dates that
overlap, actor countries that agree, the same status family) and either it refers back
("the attack", "the airstrike", "this agreement") or it shares the event's date and actors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Token

from newsevents.records import DatePrecision, Event, EventActor

PRECISION_DAYS: dict[DatePrecision, int] = {
    "day": 0,
    "week": 7,
    "month": 31,
    "year": 366,
    "unknown": 100_000,
}
PRECISION_ORDER: tuple[DatePrecision, ...] = ("day", "week", "month", "year", "unknown")
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their"})


def is_anaphoric(trigger: Token) -> bool:
    """A noun mention that refers back: "the attack", "the August 19 attack", "this deal"."""
    if trigger.pos_ != "NOUN":
        return False
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETERMINERS for c in trigger.children
    )


def dates_agree(
    a: date | None, a_precision: DatePrecision, b: date | None, b_precision: DatePrecision
) -> bool:
    if a is None or b is None:
        return True
    slack = max(PRECISION_DAYS[a_precision], PRECISION_DAYS[b_precision])
    return abs((a - b).days) <= slack


def countries(actors: list[EventActor]) -> set[str]:
    return {a.country for a in actors if a.country}


def identities(actors: list[EventActor]) -> set[tuple[str, str | None]]:
    return {(a.country, a.sector) for a in actors if a.country}


def actors_agree(a: list[EventActor], b: list[EventActor]) -> bool:
    left, right = countries(a), countries(b)
    return not left or not right or bool(left & right)


def compatible(event: Event, mention: Event) -> bool:
    if event.type != mention.type:
        return False
    if (event.status == "hypothetical") != (mention.status == "hypothetical"):
        return False
    return dates_agree(
        event.date, event.date_precision, mention.date, mention.date_precision
    ) and actors_agree(event.actor, mention.actor)


def same_happening(event: Event, lemmas: set[str], mention: Mention) -> bool:
    if not compatible(event, mention.event):
        return False
    if mention.refers_back or mention.continues:
        return True
    shared_actor = bool(identities(event.actor) & identities(mention.event.actor))
    return mention.lemma in lemmas and shared_actor


def add_actors(known: list[EventActor], new: list[EventActor]) -> None:
    """Add the actors not already known by name or by country and sector."""
    for actor in new:
        if not any(
            actor.text.lower() == k.text.lower()
            or (actor.country == k.country and actor.sector in (None, k.sector))
            for k in known
        ):
            known.append(actor)


def combine(event: Event, mention: Event) -> None:
    """Fold a coreferent mention into the event it refers to."""
    event.evidence += [e for e in mention.evidence if e not in event.evidence]
    if PRECISION_ORDER.index(mention.date_precision) < PRECISION_ORDER.index(event.date_precision):
        event.date, event.date_precision = mention.date, mention.date_precision
    for field in ("actor", "recipient", "claimed_by"):
        known = {a.text.lower() for a in getattr(event, field)}
        getattr(event, field).extend(
            a for a in getattr(mention, field) if a.text.lower() not in known
        )
    for field in ("fatalities", "injured", "displaced", "arrested"):
        if getattr(mention, field) is not None and getattr(event, field) is None:
            setattr(event, field, getattr(mention, field))
            if field in mention.count_qualifiers:
                event.count_qualifiers[field] = mention.count_qualifiers[field]
    event.place_text = event.place_text or mention.place_text
    event.acled_sub_event_type = event.acled_sub_event_type or mention.acled_sub_event_type
    event.acled_event_type = event.acled_event_type or mention.acled_event_type
    if mention.status == "background":
        event.status = "background"
    event.confidence = max(event.confidence, mention.confidence)


@dataclass(frozen=True)
class Mention:
    event: Event  # the mention as a one-mention event
    lemma: str  # its trigger's lemma
    refers_back: bool  # "the attack", "the airstrike killed"
    continues: bool = False  # no actors of its own and the previous sentence has its type


def merge_mentions(mentions: list[Mention]) -> list[Event]:
    """Events from mentions in text order: a mention joins the latest event it may refer to,
    preferring one named by the same word ("the offensive" -> "a Syrian offensive")."""
    events: list[Event] = []
    lemmas: list[set[str]] = []
    for mention in mentions:
        candidates = [
            i for i in reversed(range(len(events))) if same_happening(events[i], lemmas[i], mention)
        ]
        same_word = [i for i in candidates if mention.lemma in lemmas[i]]
        chosen = same_word or candidates
        if not chosen:
            events.append(mention.event)
            lemmas.append({mention.lemma})
        else:
            combine(events[chosen[0]], mention.event)
            lemmas[chosen[0]].add(mention.lemma)
    return events
