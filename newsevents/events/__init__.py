"""events: who did what to whom, when, how many, with evidence.

For each sentence of a parsed article the component finds event mentions (a trigger word in a
clause), types them (PLOVER, ACLED, CAMEO), reads their actors, counts, date and status from
the parse, then merges the mentions of one happening into one :class:`Event`.

Reads the ``nlp`` stage's ``doc``, ``numbers`` and ``times`` of the :class:`Reading`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import partial

from spacy.tokens import Doc, Span, Token

from newsevents.events.actors import (
    child,
    find_roles,
    preposition,
    sentence_country,
    speaker_is_actor,
    statement_about,
)
from newsevents.events.article_counts import (
    Candidate,
    choose_counts,
    dead_among_retold,
    derived,
    give_counts,
    is_happening,
    load_count_model,
    main_happening,
    parse_titles,
    sentence_candidates,
    title_candidates,
)
from newsevents.events.article_dates import choose_date, date_candidates, give_date
from newsevents.events.classify import (
    SentenceTyping,
    acled_sub_event,
    happening_subject,
    heard_acled,
    principal_event,
    read_sentence,
    sides_of,
    type_trigger,
)
from newsevents.events.confidence import score_context
from newsevents.events.context import event_contexts
from newsevents.events.counts import (
    COUNTS_BY_TYPE,
    Count,
    count_evidence,
    find_counts,
    numbers_by_token,
    shot_survivors,
)
from newsevents.events.dates import Placed, date_by_article, event_date, in_subtree
from newsevents.events.features import candidate_types, event_root, lemma
from newsevents.events.furniture import page_furniture
from newsevents.events.merge import (
    Mention,
    Reference,
    add_actors,
    is_anaphoric,
    merge_mentions,
)
from newsevents.events.model import EventModels, load_models
from newsevents.events.ontology import (
    ACLED_SUB_EVENTS,
    CAMEO_ROOT,
    VERBAL_TYPES,
    trigger_mode,
)
from newsevents.events.senses import names_no_happening
from newsevents.events.status import event_status
from newsevents.events.triggers import TRIGGERS
from newsevents.nlp.dates import TimeMention
from newsevents.nlp.numbers import NumberMention
from newsevents.nlp.text import span_text
from newsevents.pipeline import StageError, call_safely
from newsevents.records import Event, Evidence, Reading
from newsevents.words import word_set

# Noun triggers worth a mention of their own besides the sentence's main event: they name
# happenings that later sentences refer back to and that carry dates, places and counts.
SECONDARY_NOUN_TYPES = frozenset({"ASSAULT", "AGREE", "PROTEST", "DISPLACEMENT", "DISASTER"})
SECONDARY_DISCOUNT = 0.7
# Means of crowd control: fired at people, they are force (COERCE), not an attack.
CROWD_CONTROL = ("tear gas", "teargas", "water cannon", "rubber bullet", "pepper spray", "stun")
MAX_SENTENCE_TOKENS = 150  # longer "sentences" are lists, tables or run-on chrome
# Giving words with words as their object ("deliver a ruling") name no aid.
GIVING_VERBS = frozenset({"give", "provide", "deliver", "send", "hand", "offer"})
WORDS_GIVEN = word_set(
    "ruling verdict judgment judgement speech statement address remark information detail "
    "evidence testimony interview lecture update opinion sermon account briefing message "
    "explanation reason answer response comment"
)
# What can physically collapse (a disaster), unlike talks, an economy or a government.
STRUCTURES = word_set(
    "building house home roof wall bridge mine dam tunnel school hospital factory tower block "
    "apartment stadium church mosque market hotel structure floor ceiling"
)
# Verbs whose subject, or object, is the start of what the noun names.
STARTED_BY_SUBJECT_OF = frozenset({"begin", "start", "commence"})
STARTED_AS_OBJECT_OF = frozenset({"launch", "begin", "start", "initiate", "unleash"})


@dataclass(frozen=True)
class ArticleContext:
    doc: Doc
    numbers: list[NumberMention]
    times: list[TimeMention]
    reading: Reading
    title_doc: Doc | None = None  # the title's parse, when parsed with the batch's others


def has_verb(sentence: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in sentence)


# "a flood of refugees", "a wave of arrests": with "of", the noun tells of what follows it.
QUANTITY_OF_NOUNS = frozenset({"flood", "storm", "wave", "outbreak", "deal"})


def is_figurative(trigger: Token) -> bool:
    """ "a flood of refugees", "Turkey is a major backer", "the economy collapsed": words that
    name no happening here; and the senses of ``data/senses.tsv`` ("the 1400 block of")."""
    if trigger.dep_ in ("attr", "acomp") and not is_existential(trigger):
        return True
    if names_no_happening(trigger):
        return True
    if lemma(trigger) == "collapse":
        return not collapses_a_structure(trigger)
    if lemma(trigger) in GIVING_VERBS:  # "deliver a ruling", "gave a speech": words, not aid
        given = child(trigger, "dobj")
        return given is not None and lemma(given) in WORDS_GIVEN
    return preposition(trigger, "of") is not None and lemma(trigger) in QUANTITY_OF_NOUNS


def is_existential(trigger: Token) -> bool:
    """ "There was an explosion", "there were clashes": the word "be" says happened, where
    "Turkey is a major backer" says what a subject is."""
    return child(trigger.head, "expl") is not None


def collapses_a_structure(trigger: Token) -> bool:
    """ "the building collapsed", "the collapse of a mine": not talks, an economy, a regime, nor
    a person ("He then collapsed, while investigators said the others ran from the house": a
    subject says what collapsed, and the words of other clauses do not)."""
    subject = child(trigger, "nsubj", "nsubjpass")
    near = [subject] if subject is not None else [*trigger.children, trigger.head]
    return any(lemma(t) in STRUCTURES for word in near for t in word.subtree if t.pos_ == "NOUN")


@dataclass
class Found:
    trigger: Token
    type: str
    score: float
    principal: bool
    # Other words of the sentence naming the same happening ("attack" ... "air raid").
    companions: list[Token] = field(default_factory=list)


def caused_by_nature(trigger: Token) -> bool:
    """A verb whose subject is a natural disaster: the disaster is the event."""
    subject = child(trigger, "nsubj")
    return subject is not None and TRIGGERS.get(lemma(subject)) == ("DISASTER",)


def controls_a_crowd(trigger: Token) -> bool:
    """ "fired tear gas", "used water cannon", "shot rubber bullets": crowd-control means."""
    means = child(trigger, "dobj")
    if means is None:
        return False
    words = " ".join(t.lower_ for t in means.subtree)
    return any(phrase in words for phrase in CROWD_CONTROL)


def mention_triggers(sentence: Span, typing: SentenceTyping) -> list[Found]:
    """The principal mention, then conjoined verbs and event nouns of other types or clauses."""
    literal = [t for t in typing.triggers if not is_figurative(t)]
    if typing.triggers and not literal:
        cued = cued_event(sentence, typing)
        return [] if cued is None else [Found(*cued, principal=True)]
    if len(literal) < len(typing.triggers):  # "the economy collapsed, and thousands were held"
        typing = replace(typing, triggers=literal)
    main = principal_event(sentence, typing)
    # The triggers left are literal (asked once each: is_figurative walks the parse).
    if main is None or (main[0] not in typing.triggers and is_figurative(main[0])):
        return []
    found = [Found(*main, principal=True)]
    if caused_by_nature(main[0]):  # "an earthquake struck", "floods forced 40,000 from homes"
        found[0].type = "DISASTER"
    elif found[0].type == "ASSAULT" and controls_a_crowd(main[0]):
        found[0].type = "COERCE"  # "police fired tear gas at protesters": force, not an attack
    for trigger in typing.triggers[1:]:
        if trigger.i == main[0].i:
            continue
        if trigger.dep_ == "compound" and lemma(trigger.head) in TRIGGERS:
            continue  # "truce deal": the head names it
        if happening_subject(trigger, typing.triggers) is not None:
            continue  # "and the strike shut three hospitals": the strike's effect
        # A word that can carry the type of a mention already found tells that happening
        # ("came under attack in an air raid"; "a shooting that left one dead and four
        # injured"): the sentence's type probabilities speak for the first such mention.
        told = next((f for f in found if f.type in candidate_types(trigger)), None)
        if told is not None and not tells_another(told, trigger):
            told.companions.append(trigger)
            continue
        event_type, probability = type_trigger(trigger, typing.probabilities)
        if trigger.pos_ == "VERB" and trigger.dep_ == "conj":
            pass  # "advanced ... and encircled a post": a second happening
        elif not (trigger.pos_ == "NOUN" and event_type in SECONDARY_NOUN_TYPES):
            continue
        single = len(TRIGGERS[lemma(trigger)]) == 1
        score = max(probability, 0.5 if single else 0.0) * typing.event_probability
        found.append(Found(trigger, event_type, score * SECONDARY_DISCOUNT, principal=False))
    return found


def cued_event(sentence: Span, typing: SentenceTyping) -> tuple[Token, str, float] | None:
    """The event of a sentence whose trigger words are all figurative ("Military forces defused
    an IED": "forces" is a body of troops): no word proposes a type, so the PLOVER typer is not
    heard; the ACLED typer is, as for a sentence with no trigger word (its root verb stands for
    the event), but only for a sub-event whose codebook cue words (``data/acled_cues.tsv``) the
    sentence holds: the typer alone made events of figurative sentences ("would take them to
    the nearest railway station" an arrest), the cue words say the happening."""
    cued = {s for s in typing.acled_cues if s in typing.acled_probabilities}
    main = heard_acled(None, event_root(sentence), typing, cued)
    if main is None or is_figurative(main[0]):
        return None
    return main[0], main[1], typing.event_probability * main[2]


def tells_another(found: Found, trigger: Token) -> bool:
    """Whether a word that can carry a found mention's type is a mention of its own, merging to
    decide whether the two tell one thing: a verbal act conjoined to the one found, with an
    object of its own ("condemned the attack and condemned the abduction"), and a noun naming
    back by a word of its own ("the attack and the abduction")."""
    if found.type in VERBAL_TYPES and trigger.pos_ == "VERB" and trigger.dep_ == "conj":
        return child(trigger, "dobj") is not None
    return (
        is_anaphoric(trigger)
        and is_anaphoric(found.trigger)
        and lemma(trigger) != lemma(found.trigger)
    )


def subject_of(trigger: Token, shared: bool = False) -> Token | None:
    """The trigger's subject; with ``shared``, a conjoined verb's is its first verb's ("The
    advance has exacerbated ... and threatened")."""
    subject = child(trigger, "nsubj", "nsubjpass")
    if subject is None and shared and trigger.dep_ == "conj":
        return subject_of(trigger.head, shared)
    return subject


def refers_back(trigger: Token) -> bool:
    """ "the attack", or a verb whose subject is such a noun ("The airstrike killed three")."""
    if is_anaphoric(trigger):
        return True
    subject = subject_of(trigger)
    return subject is not None and lemma(subject) in TRIGGERS and is_anaphoric(subject)


def names_start(trigger: Token) -> bool:
    """ "the offensive began in late April", "launched an offensive": its start, not its course."""
    if trigger.pos_ != "NOUN":
        return False
    head = lemma(trigger.head)
    return (trigger.dep_ == "nsubj" and head in STARTED_BY_SUBJECT_OF) or (
        trigger.dep_ == "dobj" and head in STARTED_AS_OBJECT_OF
    )


def done_by_a_happening(event: Event, trigger: Token) -> bool:
    """ "The advance threatened Turkey", "the offensive violates a truce": a threat, warning or
    refusal whose subject is a happening, not an actor, is no verbal act."""
    if event.type not in VERBAL_TYPES or event.actor:
        return False
    subject = subject_of(trigger, shared=True)
    types = TRIGGERS.get(lemma(subject), ()) if subject is not None else ()
    return bool(types) and not VERBAL_TYPES.intersection(types)


def act_about(event: Event, trigger: Token) -> Reference | None:
    """ "condemned the August 19 attack": the earlier happening a verbal act with no recipient
    is about."""
    if event.type not in VERBAL_TYPES or event.recipient:
        return None
    target = child(trigger, "dobj")
    if target is None or lemma(target) not in TRIGGERS or not is_anaphoric(target):
        return None
    return Reference(target.idx, frozenset(TRIGGERS[lemma(target)]), lemma(target))


def place_phrase(trigger: Token) -> str | None:
    """The place phrase of the trigger's clause ("in Idlib", "near the town of X")."""
    scopes = [trigger, trigger.head] if trigger.pos_ == "NOUN" else [trigger]
    for scope in scopes:
        for prep in scope.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "near", "at", "outside", "across"):
                continue
            obj = child(prep, "pobj")
            if obj is not None and any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in obj.subtree):
                return trigger.doc[obj.left_edge.i : obj.right_edge.i + 1].text
    return None


def has_arguments(
    event: Event, words: list[Token], times: list[TimeMention], counts: list[Count]
) -> bool:
    """Whether a noun mention (its words: the trigger and its companions) says who, when or how
    many (else it is a passing reference); its own words ("protesters who marched") are not its
    actors. A count it governs makes it an event of its own beside the sentence's ("charged in
    the fatal shooting of a toddler", "investigating a shooting that left one dead"): as the
    PLOVER codebook codes them, the attack is an event and the charge or investigation another."""
    others = [a for a in event.actor if not any(a.start <= w.idx < a.end for w in words)]
    told: list[Placed] = [
        *times,
        *(c for c in counts if c.field in COUNTS_BY_TYPE.get(event.type, ())),
    ]
    return bool(others or event.recipient) or any(in_subtree(t, w) for t in told for w in words)


def word_evidence(word: Token) -> Evidence:
    return Evidence(word.text, word.idx, word.idx + len(word))


def confidence(
    score: float,
    sentence: Span,
    typing: SentenceTyping,
    context: ArticleContext,
    models: EventModels,
) -> float:
    """The calibrated confidence of a mention's score (detector x typer), as its event has it:
    read with the detector's probability, the genre of its article and the shape of its
    sentence (``events/confidence``) where the calibration weighs them."""
    calibration = models.calibration
    if not calibration.context:
        return round(calibration.curve(score), 3)
    text = context.reading.article.text
    scored = score_context(sentence, typing.event_probability, text)
    return round(calibration(score, scored), 3)


def build_event(
    found: Found,
    sentence: Span,
    typing: SentenceTyping,
    context: ArticleContext,
    calibrated: float,
) -> Event:
    """The event a mention tells, at its ``calibrated`` confidence (``confidence``)."""
    article = context.reading.article
    trigger, event_type = found.trigger, found.type
    dated = event_date(trigger, sentence, context.times, article.published)
    when, precision = dated.date, dated.precision
    country = sentence_country(trigger)
    roles = find_roles(statement_about(trigger, event_type) or trigger, country)
    if event_type not in TRIGGERS.get(lemma(trigger), ()) and event_type in VERBAL_TYPES:
        speaker_is_actor(roles, trigger, country)
    for companion in found.companions:
        more = find_roles(companion, country)
        add_actors(roles.actors, more.actors)
        add_actors(roles.recipients, more.recipients)
    sub_event = acled_sub_event(event_type, typing, sides_of(trigger, roles, event_type))
    acled = ACLED_SUB_EVENTS[sub_event] if sub_event else None
    key = f"{article.id}:{trigger.idx}:{event_type}"
    event = Event(
        id=hashlib.sha1(key.encode()).hexdigest()[:16],
        type=event_type,
        status=event_status(trigger, event_type, sentence, when, precision, article.published),
        evidence=[Evidence(span_text(sentence), sentence.start_char, sentence.end_char)],
        trigger=word_evidence(trigger),
        mentions=[word_evidence(word) for word in sorted([trigger, *found.companions])],
        mode=(acled.mode if acled else None)
        or trigger_mode(event_type, [lemma(w) for w in (trigger, *found.companions)]),
        acled_event_type=acled.event_type if acled else None,
        acled_sub_event_type=sub_event,
        cameo_root=acled.cameo_root if acled else CAMEO_ROOT[event_type],
        context=event_contexts(sentence, event_type, [*roles.actors, *roles.recipients]),
        actor=roles.actors,
        recipient=roles.recipients,
        claimed_by=roles.claimed_by,
        date=when,
        date_precision=precision,
        place_text=place_phrase(trigger),
        confidence=calibrated,
    )
    if dated.words is not None:
        words = dated.words
        event.field_evidence["date"] = Evidence(words.text, words.start, words.end)
    return event


def attach_counts(
    events: list[Event], counts: list[Count], text: str, follow_up: bool = False
) -> list[Count]:
    """Each count of a sentence goes to its first event (the principal first) that takes it;
    returns the counts no event takes. A ``follow_up`` count, from a later sentence with no
    event of its own ("The death toll rose to 40"), replaces a smaller figure."""
    left = []
    for count in counts:
        event = next((e for e in events if count.field in COUNTS_BY_TYPE.get(e.type, ())), None)
        if event is None:
            left.append(count)
            continue
        known = getattr(event, count.field)
        if known is None or (follow_up and count.value > known):
            setattr(event, count.field, count.value)
            event.count_qualifiers.pop(count.field, None)
            if count.qualifier:
                event.count_qualifiers[count.field] = count.qualifier
            words = text[count.start : count.end]
            event.field_evidence[count.field] = count_evidence(count, words)
    return left


def read_events(context: ArticleContext, models: EventModels) -> list[Event]:
    mentions: list[Mention] = []
    previous: list[Event] = []  # the events of the sentence before
    candidates: list[Candidate] = []  # every killed and injured count, for choose_counts
    for sentence in context.doc.sents:
        numbers = numbers_by_token(sentence, context.numbers)
        counts = find_counts(sentence, numbers)
        candidates += sentence_candidates(sentence, counts, numbers)
        if (
            len(sentence) > MAX_SENTENCE_TOKENS
            or not has_verb(sentence)
            or page_furniture(sentence) is not None
        ):
            previous = []
            continue
        typing = read_sentence(sentence, models)
        calibrated = [
            (found, confidence(found.score, sentence, typing, context, models))
            for found in mention_triggers(sentence, typing)
        ]
        built = [
            (build_event(found, sentence, typing, context, sure), found)
            for found, sure in calibrated
            # an event under the cut would be dropped below: its roles, date, status not read
            if sure >= models.min_confidence
        ]
        # A secondary noun that says nothing of its own is dropped, unless it refers back
        # ("after the explosion"): then it is evidence of the happening it names.
        said: list[tuple[Event, Found]] = []
        passing: list[tuple[Event, Found]] = []
        for event, found in built:
            if done_by_a_happening(event, found.trigger):
                continue
            words = [found.trigger, *found.companions]
            if found.principal or has_arguments(event, words, context.times, counts):
                said.append((event, found))
            elif refers_back(found.trigger):
                passing.append((event, found))
        built = said
        events = [event for event, _ in built]
        text = context.reading.article.text
        left = attach_counts(events, counts, text)
        if left and not events:
            earlier = [e for e in previous if e.status != "hypothetical"]
            attach_counts(earlier, left, text, follow_up=True)
        mentions += [
            Mention(
                event,
                lemma(found.trigger),
                refers_back(found.trigger),
                continues=not event.actor and event.type in {e.type for e in previous},
                starts=names_start(found.trigger),
                about=act_about(event, found.trigger),
            )
            for event, found in built
        ]
        mentions += [
            Mention(event, lemma(found.trigger), refers_back=True, passing=True)
            for event, found in passing
        ]
        previous = events
    events = merge_mentions(mentions)
    title = context.reading.article.title
    title_doc = context.title_doc if context.title_doc is not None else parse_titles([title])[0]
    if title_doc is not None and not any(is_happening(e) for e in events):
        events += headline_events(title_doc, context, models)
    date_by_article(events, context.times, context.reading.article.published)
    model = load_count_model()
    chosen = choose_counts(
        title_candidates(title, title_doc) + candidates + derived(candidates), model
    )
    main = main_happening(events, chosen)
    if main is not None:
        main.main = True
        give_counts(main, chosen)
        days = date_candidates(context.doc, context.times)
        give_date(main, choose_date(days, context.reading.article.published, model["date"]))
        dead_among_retold(main, events)
    shot_survivors(events)
    return events


def headline_events(title_doc: Doc, context: ArticleContext, models: EventModels) -> list[Event]:
    """The violent happening the title tells, for an article whose body tells none (a page of
    site chrome around "Man shot, killed by friend"): read as a sentence is, its evidence,
    trigger and mentions pointing into the title (``source`` "title"). It carries no actors:
    their offsets would be read as the body's; its date, counts and place come later, from
    the article, as the main happening's do."""
    title_context = replace(context, doc=title_doc, numbers=[], times=[], title_doc=None)
    events = []
    for sentence in title_doc.sents:
        typing = read_sentence(sentence, models)
        for found in mention_triggers(sentence, typing):
            sure = confidence(found.score, sentence, typing, title_context, models)
            if sure < models.min_confidence:
                continue
            event = build_event(found, sentence, typing, title_context, sure)
            if not is_happening(event):
                continue
            event.id = hashlib.sha1(f"{event.id}:title".encode()).hexdigest()[:16]
            event.evidence = [replace(e, source="title") for e in event.evidence]
            event.mentions = [replace(e, source="title") for e in event.mentions]
            event.trigger = replace(word_evidence(found.trigger), source="title")
            event.actor, event.recipient, event.claimed_by = [], [], []
            event.field_evidence = {}
            events.append(event)
    return events


class EventsComponent:
    """Pipeline stage "events": fills ``reading.events``."""

    def __init__(self) -> None:
        self.models = load_models()

    def __call__(self, reading: Reading, title_doc: Doc | None = None) -> None:
        if reading.doc is None:
            raise StageError("events needs the nlp stage first (no parsed document)")
        context = ArticleContext(
            doc=reading.doc,
            numbers=reading.numbers,
            times=reading.times,
            reading=reading,
            title_doc=title_doc,
        )
        reading.events = read_events(context, self.models)

    def pipe(self, readings: list[Reading]) -> list[Exception | None]:
        """Several readings at once: their titles are parsed in one batch (one at a time, a
        title cost a third of this stage on short local news)."""
        try:
            title_docs = parse_titles([reading.article.title for reading in readings])
        except Exception:  # one title broke the batch: each reading parses its own
            title_docs = [None] * len(readings)
        return [
            call_safely(partial(self, title_doc=title_doc), reading)
            for reading, title_doc in zip(readings, title_docs, strict=True)
        ]
