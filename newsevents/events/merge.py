"""One event per real-world happening: mentions that corefer are merged, their fields combined.

A mention joins an earlier event of the same type when nothing contradicts it (dates that
overlap, actor countries that agree, the same status family) and either it refers back
("the attack", "the airstrike", "this agreement") or it shares the event's date and actors.

An ongoing campaign is one event however it is named ("the Russian-backed offensive", "troops
have advanced in recent weeks", "a military offensive against Idlib"): campaign words join when
their sides share a country; the mention of its start ("the offensive began in late April")
joins it as evidence without moving its date or making it background.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal, cast, get_args

from spacy.tokens import Token

from newsevents.events.actors import GUN_WORDS
from newsevents.events.dates import RECENT_DAYS
from newsevents.events.features import read_table
from newsevents.records import DatePrecision, Event, EventActor
from newsevents.words import word_set

PRECISION_DAYS: dict[DatePrecision, int] = {
    "day": 0,
    "week": 7,
    "month": 31,
    "year": 366,
    "unknown": 100_000,
}
PRECISION_ORDER: tuple[DatePrecision, ...] = ("day", "week", "month", "year", "unknown")
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their"})
# How a phrase refers back to someone already named ("the attackers", "they", "both sides").
REFERRING_WORDS = ANAPHORIC_DETERMINERS | {"they", "he", "she", "it", "both", "we"}
# What a parse may make an event's doer that is nobody: the weapon ("was killed by a weapon he
# showed others how to use"), the vehicle ("by a gray four-door Chevrolet", issue #11's own
# example of one shooting told twice) or the source ("Initial reports said he suffered ...").
# Issue #11: GVA fit-half shootings told again under such an "actor" stood as new events.
NOBODY_WORDS = GUN_WORDS | word_set("report information car vehicle truck van suv sedan")
# Words naming a drawn-out military effort rather than one strike.
CAMPAIGN_LEMMAS = frozenset(
    {"offensive", "campaign", "advance", "operation", "onslaught", "incursion", "invasion", "push"}
)
MAX_CAMPAIGN_DAYS = 366  # a start further back is taken for another campaign
RETELLINGS_FILE = Path(__file__).parent / "data" / "retellings.tsv"
ToldBy = Literal["nobody new", "same word"]


def load_retellings(path: Path = RETELLINGS_FILE) -> dict[str, ToldBy]:
    """The types an article tells again, each with what its retelling shares (the table's
    ``told_by``)."""
    told: dict[str, ToldBy] = {}
    for row in read_table(path):
        if row["told_by"] not in get_args(ToldBy):
            raise ValueError(f"{path}: unknown told_by {row['told_by']!r}")
        told[row["type"]] = cast(ToldBy, row["told_by"])
    return told


RETELLINGS = load_retellings()
FAMILIES_FILE = Path(__file__).parent / "data" / "word_families.tsv"


@dataclass(frozen=True)
class WordFamily:
    """The verb a trigger word names ("shooting" -> "shoot") and the means it tells, if any."""

    verb: str
    means: str | None  # "gunfire", "blade", "explosive"; None for "the attack", "the killing"


def load_families(path: Path = FAMILIES_FILE) -> dict[str, WordFamily]:
    return {
        row["word"]: WordFamily(row["family"], None if row["means"] == "-" else row["means"])
        for row in read_table(path)
    }


FAMILIES = load_families()


def family(lemma: str) -> WordFamily:
    return FAMILIES.get(lemma, WordFamily(lemma, None))


def named_alike(lemmas: set[str], lemma: str) -> bool:
    """Whether a word of the lemma's family named the happening: "the shooting" -> "was shot"."""
    return family(lemma).verb in {family(known).verb for known in lemmas}


def told_otherwise(lemmas: set[str], lemma: str) -> bool:
    """Whether a word of one means ("the shooting") would name a happening told only by words
    of another ("was stabbed")."""
    means = family(lemma).means
    told = {family(known).means for known in lemmas} - {None}
    return means is not None and bool(told) and means not in told


# How a phrase introduces someone not named before ("a man", "another man", "two women").
INDEFINITE_WORDS = frozenset(
    {"a", "an", "another", "some", "several", "many", "other", "others", "one", "two", "three"}
)


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


def date_is_read(event: Event) -> bool:
    """Whether the event's date was read from its words, not given by the publication (a
    present or present-perfect clause, events/dates.py)."""
    return "date" in event.field_evidence


def events_dates_agree(a: Event, b: Event, recent_days: int = 0) -> bool:
    """Dates that may be one day's; with ``recent_days``, a date the publication gave stands
    for that many days before it, the days news reports within ("found the child had been
    shot" late Wednesday, told as "has been found dead" in a story published Thursday)."""
    if a.date is None or b.date is None:
        return True
    if date_is_read(a) == date_is_read(b):
        return dates_agree(a.date, a.date_precision, b.date, b.date_precision)
    read, published = (a, b) if date_is_read(a) else (b, a)
    assert read.date is not None and published.date is not None  # narrowed above
    slack = max(PRECISION_DAYS[read.date_precision], PRECISION_DAYS[published.date_precision])
    return -slack <= (published.date - read.date).days <= max(slack, recent_days)


def countries(actors: list[EventActor]) -> set[str]:
    return {a.country for a in actors if a.country}


def actors_agree(a: list[EventActor], b: list[EventActor]) -> bool:
    left, right = countries(a), countries(b)
    return not left or not right or bool(left & right)


def same_kind(event: Event, mention: Event) -> bool:
    """Same type and the same reality: a feared offensive is not the offensive under way."""
    return event.type == mention.type and (event.status == "hypothetical") == (
        mention.status == "hypothetical"
    )


def compatible(event: Event, mention: Event, recent_days: int = 0) -> bool:
    return (
        same_kind(event, mention)
        and events_dates_agree(event, mention, recent_days)
        and actors_agree(event.actor, mention.actor)
    )


def begins_by(start: Event, later: Event) -> bool:
    """Whether a campaign begun at ``start`` can still be going on at ``later``'s date."""
    if start.date is None or later.date is None:
        return True
    slack = max(PRECISION_DAYS[start.date_precision], PRECISION_DAYS[later.date_precision])
    return -slack <= (later.date - start.date).days <= MAX_CAMPAIGN_DAYS


@dataclass
class Happening:
    """An event being assembled from its mentions."""

    event: Event
    lemmas: set[str]  # the trigger words that named it
    known_by_start: bool  # named so far only by its start ("launched an offensive in April")
    # The happenings a verbal act is about ("condemned the attack"), compared by identity.
    about: list[Happening]

    def is_campaign(self) -> bool:
        return bool(self.lemmas & CAMPAIGN_LEMMAS)


def campaign_dates_agree(happening: Happening, mention: Mention) -> bool:
    if mention.starts_campaign():
        return begins_by(mention.event, happening.event)
    if happening.known_by_start:
        return begins_by(happening.event, mention.event)
    event, new = happening.event, mention.event
    return dates_agree(event.date, event.date_precision, new.date, new.date_precision)


def same_campaign(happening: Happening, mention: Mention) -> bool:
    """Two mentions of one ongoing campaign: campaign words on both sides, sides that agree,
    a shared actor country unless the mention refers back, and dates one campaign can span."""
    event, new = happening.event, mention.event
    if mention.lemma not in CAMPAIGN_LEMMAS or not happening.is_campaign():
        return False
    if not (
        same_kind(event, new)
        and actors_agree(event.actor, new.actor)
        and actors_agree(event.recipient, new.recipient)
    ):
        return False
    if not (mention.refers_back or countries(event.actor) & countries(new.actor)):
        return False
    return campaign_dates_agree(happening, mention)


def is_bare(event: Event) -> bool:
    """A reported mention with no date that names no new actor ("Watford died at the scene",
    "The attackers also torched homes", "The two sides agreed"): in one article, more of the
    happening already told than a new one."""
    return (
        event.status == "reported"
        and event.date is None
        and not any(names_someone_new(actor) for actor in event.actor)
    )


def names_someone_new(actor: EventActor) -> bool:
    """An actor with a country, or one named for the first time: not "they", "the attackers",
    "the two sides", nor a weapon or a source (``NOBODY_WORDS``)."""
    if is_nobody(actor):
        return False
    first = actor.text.split(maxsplit=1)[0].lower() if actor.text.strip() else ""
    return bool(actor.country) or first not in REFERRING_WORDS


def is_nobody(actor: EventActor) -> bool:
    last = actor.text.lower().rsplit(maxsplit=1)[-1] if actor.text.strip() else ""
    return last in NOBODY_WORDS or last.removesuffix("s") in NOBODY_WORDS


def known_to(actor: EventActor, happening: Event) -> bool:
    """A participant the happening already has: one referred to ("the victim", "he"), or one
    it names by the same name, a fuller one or a shorter one ("Arnold Police" for "Police",
    "Kotey" for "Alexanda A. Kotey"); a repeated indefinite ("a man") may be another man."""
    name = actor.text.lower().strip()
    if not names_someone_new(actor):
        return True
    return name.split(maxsplit=1)[0] not in INDEFINITE_WORDS and any(
        name == known or name.endswith(" " + known) or known.endswith(" " + name)
        for known in (k.text.lower().strip() for k in (*happening.actor, *happening.recipient))
    )


def named_before(actor: EventActor, happening: Event) -> bool:
    """A participant the happening names by the same name or a fuller one, or a pronoun: not
    "the stabbing" after "the shooting", which a determiner alone would make known."""
    words = actor.text.lower().split()
    if len(words) == 1 and words[0] in REFERRING_WORDS - ANAPHORIC_DETERMINERS:
        return True
    return names_someone_new(actor) and known_to(actor, happening)


def tells_the_doer(happening: Event, mention: Event) -> bool:
    """Whether a mention may name the happening's doer for the first time: its victims are
    the happening's, by name or a pronoun (not "the closure" by its determiner alone), and the
    happening has no doer ("found Ronnie Daniels had been shot" ... "He was shot by an adult
    who lives at the residence"; issue #11, GVA fit half, the retell read). Beside a doer told,
    even as "the gunmen", another is another's act."""
    return (
        bool(mention.recipient)
        and all(named_before(r, happening) for r in mention.recipient)
        and all(is_nobody(a) for a in happening.actor)
    )


def retells(happening: Happening, mention: Mention) -> bool:
    """A mention of a type told again (``retellings.tsv``) that shares what its row asks tells
    the happening again. Violence: on the same day, naming nobody new as doer or victim
    ("Smith confessed to shooting the victim" after "Smith shot his friend on Saturday"; an
    old one retold, "The girl was shot last July", too), or its victims and a doer the
    happening had not named (``tells_the_doer``). A statement or procedure: by the same
    word, its doer and addressees ("The BKA is also appealing" after "A BKA appeal said")."""
    event, new = happening.event, mention.event
    told_by = RETELLINGS.get(new.type)
    # Only here may a publication date stand for the days before it, and only for a mention
    # that names a participant it shares: a mention that merely continues the sentence before
    # may name someone new ("a woman has been shot" after "a man was shot on Saturday"), and
    # one that names nobody may be another ("Among those who have been abducted is ...").
    recent_days = RECENT_DAYS if new.actor or new.recipient else 0
    if told_by is None or not (
        compatible(event, new, recent_days) and event.status == new.status != "hypothetical"
    ):
        return False
    if told_by == "nobody new":
        known = all(known_to(a, event) for a in (*new.actor, *new.recipient))
        return known or tells_the_doer(event, new)
    return (
        mention.lemma in happening.lemmas
        and all(named_before(a, event) for a in new.recipient)
        and (not new.actor or any(known_to(a, event) for a in new.actor))
    )


def same_happening(happening: Happening, mention: Mention) -> bool:
    if mention.refers_back and told_otherwise(happening.lemmas, mention.lemma):
        return False
    if same_campaign(happening, mention) or retells(happening, mention):
        return True
    if not compatible(happening.event, mention.event):
        return False
    if mention.refers_back or mention.continues:
        return True
    if is_bare(mention.event) and happening.event.status == "reported":  # not old news
        return True
    if is_bare(happening.event) and len(happening.event.evidence) == 1:
        return True
    shared_country = bool(countries(happening.event.actor) & countries(mention.event.actor))
    return mention.lemma in happening.lemmas and shared_country


def add_actors(known: list[EventActor], new: list[EventActor]) -> None:
    """Add the actors not already known by name or by country and sector; a fuller one
    ("Syrian military") takes the place of a bare country ("Syrian") it makes precise."""
    for actor in new:
        if any(
            actor.text.lower() == k.text.lower()
            or (actor.country and actor.country == k.country and actor.sector in (None, k.sector))
            for k in known
        ):
            continue
        bare = next(
            (i for i, k in enumerate(known) if k.country == actor.country and k.sector is None),
            None,
        )
        if bare is None or actor.country is None:
            known.append(actor)
        else:
            known[bare] = actor


def takes_date(event: Event, mention: Event, campaign: bool) -> bool:
    """A happening takes its most precise known date, of two as precise the one read from
    words over one the publication gave; a campaign, which spans its mentions' dates, the
    coarsest ("advanced in recent weeks" over "the offensive violates")."""
    if mention.date is None or event.date is None:
        return event.date is None
    rank = PRECISION_ORDER.index
    coarser_by = rank(mention.date_precision) - rank(event.date_precision)
    if not campaign and coarser_by == 0 and date_is_read(event) != date_is_read(mention):
        return date_is_read(mention)
    return coarser_by > 0 if campaign else coarser_by < 0


def take_field_evidence(event: Event, mention: Event, field: str) -> None:
    """The words of a field taken from the mention come with it (or none, if it had none)."""
    if field in mention.field_evidence:
        event.field_evidence[field] = mention.field_evidence[field]
    else:
        event.field_evidence.pop(field, None)


def add_evidence(event: Event, mention: Event) -> None:
    """The mention's sentences and words join the event's."""
    event.evidence += [e for e in mention.evidence if e not in event.evidence]
    event.mentions += [m for m in mention.mentions if m not in event.mentions]


def combine(event: Event, mention: Event, *, campaign: bool = False, starts: bool = False) -> None:
    """Fold a coreferent mention into the event it refers to; a campaign's start adds its
    evidence and sides but leaves the campaign's date and status alone."""
    add_evidence(event, mention)
    event.context += [c for c in mention.context if c not in event.context]
    if not starts and takes_date(event, mention, campaign):
        event.date, event.date_precision = mention.date, mention.date_precision
        take_field_evidence(event, mention, "date")
    for field in ("actor", "recipient", "claimed_by"):
        known = getattr(event, field)
        # "the attackers" adds nobody to "Armed men"
        told = [a for a in getattr(mention, field) if not is_nobody(a)]
        add_actors(known, [a for a in told if not known or names_someone_new(a)])
    acting = {a.text.lower() for a in event.actor}
    event.recipient = [r for r in event.recipient if r.text.lower() not in acting]
    for field in ("fatalities", "injured", "displaced", "arrested"):
        if getattr(mention, field) is not None and getattr(event, field) is None:
            setattr(event, field, getattr(mention, field))
            if field in mention.count_qualifiers:
                event.count_qualifiers[field] = mention.count_qualifiers[field]
            take_field_evidence(event, mention, field)
    event.place_text = event.place_text or mention.place_text
    event.acled_sub_event_type = event.acled_sub_event_type or mention.acled_sub_event_type
    event.acled_event_type = event.acled_event_type or mention.acled_event_type
    if mention.status == "background" and not starts:
        event.status = "background"
    event.confidence = max(event.confidence, mention.confidence)


@dataclass(frozen=True)
class Reference:
    """A noun referring back to a happening: "condemned the attack"."""

    start: int  # the noun's offset
    types: frozenset[str]  # the event types it can name
    lemma: str  # the noun's lemma


@dataclass(frozen=True)
class Mention:
    event: Event  # the mention as a one-mention event
    lemma: str  # its trigger's lemma
    refers_back: bool  # "the attack", "the airstrike killed"
    continues: bool = False  # no actors of its own and the previous sentence has its type
    starts: bool = False  # names the start of what it mentions: "the offensive began in April"
    about: Reference | None = None  # the happening a verbal act is about
    # A passing reference back ("after the explosion", "an investigation into the attack"): a
    # sentence that tells the happening again, evidence of it, never an event of its own.
    passing: bool = False

    def starts_campaign(self) -> bool:
        return self.starts and self.lemma in CAMPAIGN_LEMMAS


def fold(happening: Happening, mention: Mention) -> None:
    """Add a mention to the happening it refers to. A campaign is dated by its course, not by
    its start: a start joins as evidence, and the first mention of its course dates it."""
    if mention.passing:  # it says nothing of the happening but that it is told here
        add_evidence(happening.event, mention.event)
        return
    campaign = happening.is_campaign()
    starts = campaign and mention.starts_campaign()
    if happening.known_by_start and not starts:
        event, new = happening.event, mention.event
        event.date, event.date_precision, event.status = new.date, new.date_precision, new.status
        happening.known_by_start = False
    combine(happening.event, mention.event, campaign=campaign, starts=starts)
    happening.lemmas.add(mention.lemma)


def trigger_start(mention: Mention) -> int | None:
    return mention.event.trigger.start if mention.event.trigger else None


def referent(reference: Reference, where: dict[int | None, Happening]) -> Happening | None:
    """The happening a noun names: its own mention's, else that of the latest earlier mention
    of a type it can name, one named by a word of its family first ("the abduction" ->
    "abducted"), never one told only by words of another means ("the shooting", "stabbed")."""
    if reference.start in where:
        return where[reference.start]
    earlier = [
        (named_alike(happening.lemmas, reference.lemma), start, happening)
        for start, happening in where.items()
        if start is not None
        and start < reference.start
        and happening.event.type in reference.types
        and happening.event.status != "hypothetical"
        and not told_otherwise(happening.lemmas, reference.lemma)
    ]
    return max(earlier, key=lambda found: found[:2])[2] if earlier else None


def about_another(happening: Happening, target: Happening | None) -> bool:
    """ "condemned the attack" and "also condemned the abduction": verbal acts about two
    happenings are two acts."""
    return (
        target is not None
        and bool(happening.about)
        and all(target is not known for known in happening.about)
    )


def aim_at_doers(mentions: list[Mention], where: dict[int | None, Happening]) -> None:
    """ "condemned the August 19 attack": a verbal act about an earlier happening, with no
    recipient of its own, is aimed at that happening's actors."""
    for mention in mentions:
        if mention.about is None:  # not a verbal act about a happening (nor a passing one)
            continue
        target = referent(mention.about, where)
        own = where[trigger_start(mention)]
        if target is not None and target is not own and not own.event.recipient:
            own.event.recipient = [replace(a) for a in target.event.actor]


def named_by(happening: Happening, mention: Mention) -> bool:
    """Whether the mention's word named the happening; for a noun referring back, any word of
    its family ("the shooting" -> "was shot"). A new telling by another word of the family may
    be another happening ("Later, a man was shot dead" after "Shootings in Belfast")."""
    if mention.refers_back:
        return named_alike(happening.lemmas, mention.lemma)
    return mention.lemma in happening.lemmas


def merge_mentions(mentions: list[Mention]) -> list[Event]:
    """Events from mentions in text order: a mention joins the latest event it may refer to,
    preferring one named by the same word ("the offensive" -> "a Syrian offensive"), or for a noun
    referring back by a word of its family ("the shooting" -> "was shot")."""
    happenings: list[Happening] = []
    where: dict[int | None, Happening] = {}
    for mention in mentions:
        target = referent(mention.about, where) if mention.about else None
        candidates = [
            h
            for h in reversed(happenings)
            if same_happening(h, mention) and not about_another(h, target)
        ]
        same_word = [h for h in candidates if named_by(h, mention)]
        chosen = same_word or candidates
        if chosen:
            fold(chosen[0], mention)
        elif mention.passing:
            continue
        else:
            happenings.append(
                Happening(mention.event, {mention.lemma}, mention.starts_campaign(), about=[])
            )
        joined = chosen[0] if chosen else happenings[-1]
        if target is not None:
            joined.about.append(target)
        where[trigger_start(mention)] = joined
    aim_at_doers(mentions, where)
    return [h.event for h in happenings]
