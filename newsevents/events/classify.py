"""Reading a sentence's event: whether it tells a real event (the detector), its PLOVER type
(the typer, among the types its trigger word can carry) and its ACLED sub-event (the ACLED
typer, whose features include the cue words of ``data/acled_cues.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsevents.events.actors import ACTOR_NOUNS, Roles, child, find_roles
from newsevents.events.counts import is_passive
from newsevents.events.features import (
    CUE,
    acled_cues,
    acts_on_something,
    candidate_types,
    cues_in,
    dense_features,
    event_root,
    lemma,
    load_cues,
    sentence_features,
    triggers_by_salience,
)
from newsevents.events.model import EventModels, LinearModel
from newsevents.events.ontology import (
    ACLED_CODED_TYPES,
    ACLED_SUB_EVENTS,
    CIVILIANS,
    COMPATIBLE_PLOVER,
    EXCESSIVE_FORCE,
    PROTESTER_NOUNS,
    PROTESTS,
    REMOTE,
    RIOTS,
    acled_fits,
)
from newsevents.events.status import is_hypothetical, realis_features
from newsevents.nlp.entities import LOCATIVE_PREPOSITIONS
from newsevents.nlp.text import span_text
from newsevents.records import EventActor
from newsevents.words import tsv_rows, word_lists

NONE = "NONE"
EVENT = "EVENT"  # the detector's class for "a real event is told here"
# A sentence with no known trigger word tells an event only where the detector says so.
UNTRIGGERED_MIN_PROBABILITY = 0.5
# How sure the ACLED classifier must be to propose an event the trigger words missed.
ACLED_OVERRIDE_PROBABILITY = 0.25


@dataclass(frozen=True)
class SentenceTyping:
    event_probability: float  # the detector's
    probabilities: dict[str, float]  # PLOVER type, were it an event
    acled_probabilities: dict[str, float]
    triggers: list[Token]
    # The ACLED sub-events whose codebook cue words (``data/acled_cues.tsv``) the sentence holds.
    acled_cues: frozenset[str] = frozenset()


def read_sentence(span: Span, models: EventModels) -> SentenceTyping:
    """The three models' reading of a sentence; a sentence with no trigger word that the
    detector reads as no event is not typed (nothing could make it one)."""
    triggers = triggers_by_salience(span)
    features = sentence_features(span, triggers)
    vector = dense_features(span, triggers) if models.reads_vectors else None
    main = triggers[0] if triggers else None
    realis = realis_features(span, main) if models.reads_realis else []

    def probabilities(model: LinearModel) -> dict[str, float]:
        return model.probabilities(model.inputs(features, realis), vector)

    event_probability = probabilities(models.detector)[EVENT]
    if not triggers and event_probability < UNTRIGGERED_MIN_PROBABILITY:
        return SentenceTyping(event_probability, {}, {}, [])
    return SentenceTyping(
        event_probability=event_probability,
        probabilities=probabilities(models.plover),
        acled_probabilities=probabilities(models.acled),
        triggers=triggers,
        acled_cues=frozenset(
            [f.removeprefix(CUE) for f in features if f.startswith(CUE)]
            if triggers
            # the features hold the cues only beside a trigger word; the sentence still says them
            else acled_cues(span_text(span))
        ),
    )


def best_of(types: set[str], probabilities: dict[str, float]) -> tuple[str, float]:
    best = max(sorted(types), key=lambda t: probabilities.get(t, 0.0))
    return best, probabilities.get(best, 0.0)


# The types a trigger that acts on nothing (no object, no passive subject:
# ``triggers.TYPES_ACTING_ON`` reads those) cannot carry when its doers are people who bear no arms
# ("cannot" rows of data/walkouts.tsv: "Teachers struck for a third day" walked out, "The gunman
# struck again" attacked). The doers are the event's actors as its roles read them, for a verb its
# subject and for a noun the subject of the verb it is done by, its agent or its possessor ("a
# strike by doctors", "the doctors' strike"). Their sector is the actor knowledge base's
# (CAMEO/PLOVER agent codes, newsevents/actors): workers, teachers and students, doctors and
# nurses, civilians, businesses.
WALKOUTS = tsv_rows(resources.files("newsevents.events") / "data" / "walkouts.tsv")
TYPES_UNARMED_CANNOT_DO: dict[str, frozenset[str]] = {
    word: frozenset(t for name, w, t, _ in WALKOUTS if name == "cannot" and w == word)
    for name, word, _, _ in WALKOUTS
    if name == "cannot"
}
UNARMED_SECTORS = frozenset({"LAB", "EDU", "MED", "CVL", "BUS"})
# Verbs of stopping work or a service ("stopping" rows of data/walkouts.tsv), whose subject may be
# a happening: a strike named with no doers and no arms is a walk-out told by its effect ("The
# strike closed the port"; an attack's effect is harm, "the strike hit a school"), and the verb
# tells the effect of the happening, not a closure of its own (``happening_subject``).
STOPPING_VERBS = frozenset(word for name, word, _, _ in WALKOUTS if name == "stopping")
# ACLED's sub-events whose codebook cue words name the arms of a strike ("air strike", "drone",
# "missile"): a strike told with one is an attack whatever it stopped.
ARMED_STRIKE_CUES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def ruled_out(trigger: Token) -> frozenset[str]:
    """The types the trigger's doers rule out (``TYPES_UNARMED_CANNOT_DO``), when every doer is
    of a sector that bears no arms, or none is named, the trigger is the subject of a verb of
    stopping work or a service (``STOPPING_VERBS``) and its sentence names no arms."""
    types = TYPES_UNARMED_CANNOT_DO.get(lemma(trigger))
    if types is None or acts_on_something(trigger):
        return frozenset()
    doers = find_roles(trigger, None).actors
    if not doers:
        stops = trigger.dep_ == "nsubj" and lemma(trigger.head) in STOPPING_VERBS
        armed = stops and ARMED_STRIKE_CUES.intersection(acled_cues(span_text(trigger.sent)))
        return types if stops and not armed else frozenset()
    return types if all(doer.sector in UNARMED_SECTORS for doer in doers) else frozenset()


def type_trigger(trigger: Token, probabilities: dict[str, float]) -> tuple[str, float]:
    """The trigger's type: the classifier's choice among the types the trigger can carry and
    its doers do not rule out."""
    types = candidate_types(trigger)
    return best_of(types - ruled_out(trigger) or types, probabilities)


def telling_word(trigger: Token, triggers: list[Token]) -> Token:
    """The word that tells the sentence's happening, where the trigger nearest the predicate
    names its people or its effect: a headline's participle the parse hangs under its people
    noun ("Two hundred protesters jailed in Minsk": the jailing, not a protest), and a
    ``happening_subject``."""
    if lemma(trigger) in ACTOR_NOUNS:
        told = (t for t in triggers if t.head == trigger and t.dep_ in ("acl", "relcl"))
        return next(told, trigger)
    return happening_subject(trigger, triggers) or trigger


def happening_subject(trigger: Token, triggers: list[Token]) -> Token | None:
    """The subject of a verb of stopping (``STOPPING_VERBS``) that tells its effect, where the
    subject is a trigger word naming a happening of other types than the verb's ("The strike
    shut three schools", "Protests paralysed the capital": a strike and a protest, not a closure
    by nobody)."""
    subject = child(trigger, "nsubj")
    if (
        lemma(trigger) in STOPPING_VERBS
        and subject is not None
        and subject in triggers
        and lemma(subject) not in ACTOR_NOUNS
        and not candidate_types(subject) & candidate_types(trigger)
    ):
        return subject
    return None


def principal_event(span: Span, typing: SentenceTyping) -> tuple[Token, str, float] | None:
    """The sentence's main event (trigger, type, score), or None when it has none. The score
    is the detector's probability times the type's; the calibration turns it into a confidence.

    The trigger nearest the main predicate proposes the types; the PLOVER typer picks one.
    When the ACLED typer is surer of a sub-event whose PLOVER type differs (or there is no
    known trigger), that sub-event's type wins: ACLED's examples know violent news better.
    """
    main: tuple[Token, str, float] | None = None
    root = event_root(span)
    if typing.triggers:
        trigger = telling_word(typing.triggers[0], typing.triggers)
        main = (trigger, *type_trigger(trigger, typing.probabilities))
    elif typing.event_probability >= UNTRIGGERED_MIN_PROBABILITY and root.pos_ in ("VERB", "AUX"):
        main = (root, *best_of(set(typing.probabilities), typing.probabilities))
    sub_events = {s for s in typing.acled_probabilities if s in ACLED_SUB_EVENTS}
    main = heard_acled(main, root, typing, sub_events)
    if main is None:
        return None
    return main[0], main[1], typing.event_probability * main[2]


def heard_acled(
    main: tuple[Token, str, float] | None,
    root: Token,
    typing: SentenceTyping,
    sub_events: set[str],
) -> tuple[Token, str, float] | None:
    """The main event once the ACLED typer's surest of these sub-events is heard, where it is
    sure enough (``ACLED_OVERRIDE_PROBABILITY``) and surer than of no ACLED event."""
    if not sub_events:
        return main
    sub_event, probability = best_of(sub_events, typing.acled_probabilities)
    if probability < max(ACLED_OVERRIDE_PROBABILITY, typing.acled_probabilities[NONE]):
        return main
    return with_acled(main, root, typing, sub_event, probability)


def with_acled(
    main: tuple[Token, str, float] | None,
    root: Token,
    typing: SentenceTyping,
    sub_event: str,
    probability: float,
) -> tuple[Token, str, float] | None:
    """The main event once the ACLED typer's reading is heard."""
    acled_type = ACLED_SUB_EVENTS[sub_event].plover_type
    if main is None:
        told = typing.event_probability >= UNTRIGGERED_MIN_PROBABILITY and root.pos_ == "VERB"
        return (root, acled_type, probability) if told else None
    if acled_fits(sub_event, main[1]):
        return main[0], main[1], max(main[2], probability)
    if probability > main[2] and acled_type not in ruled_out(main[0]):
        return (*told_by_complement(main[0], typing, sub_event), probability)
    return main


def told_by_complement(trigger: Token, typing: SentenceTyping, sub_event: str) -> tuple[Token, str]:
    """The word telling a happening of the ACLED sub-event where the trigger cannot carry its
    type, and that word's type: the trigger word of its complement that carries the type ACLED
    gives ("Soldiers were ordered to attack": the attack is told by "attack", and the soldiers
    ordered are its doers, not its targets), else one that carries another type ACLED's event
    type admits ("ordered to attack the protesters", a "Violent demonstration" to the typer:
    the attack, an ASSAULT, as ACLED's Riots admit), else the nearest trigger word under it that
    carries the type ACLED gives and is told as real ("was charged in the shooting death of": the
    shooting is the attack, the charge a charge), else the trigger with ACLED's type."""
    acled_type = ACLED_SUB_EVENTS[sub_event].plover_type
    told = [t for t in typing.triggers if t.head == trigger and t.dep_ == "xcomp"]
    carrying = [(t, candidate_types(t)) for t in told]
    for complement, types in carrying:
        if acled_type in types:
            return complement, acled_type
    for complement, types in carrying:
        if fitting := {t for t in types if acled_fits(sub_event, t)}:
            return complement, best_of(fitting, typing.probabilities)[0]
    under = (t for t in typing.triggers if trigger.is_ancestor(t))
    happening = next((t for t in under if tells_as_real(t, acled_type)), trigger)
    return happening, acled_type


def tells_as_real(word: Token, event_type: str) -> bool:
    """Whether a word can carry the type and the status reader does not read it as unreal: a
    word under a charge that the reader takes for a hypothesis ("charged after he threatened to
    shoot") would drop the happening the charge tells of, which the charge word keeps."""
    return event_type in candidate_types(word) and not is_hypothetical(word, event_type, word.sent)


def main_event_labels(span: Span, typing: SentenceTyping) -> tuple[str, float, str | None]:
    """PLOVER type, score and ACLED sub-event of a sentence's main event, as the pipeline
    reads them (the training script scores its held-apart splits with this)."""
    main = principal_event(span, typing)
    if main is None:
        return NONE, 0.0, None
    _, event_type, score = main
    return event_type, score, acled_sub_event(event_type, typing)


ACLED_FALLBACK_SHARE = 0.5  # a majority of the fitting mass, chosen a priori


def names_protesters(actor: EventActor, doc: Doc) -> bool:
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(lemma(word) in PROTESTER_NOUNS for word in span)


def attacks_protesters(roles: Roles, doc: Doc) -> bool:
    """Whether the event's targets are protesters and its doers are not (``PROTESTER_NOUNS``;
    protesters attacking others are a violent demonstration)."""
    return any(names_protesters(r, doc) for r in roles.recipients) and not any(
        names_protesters(a, doc) for a in roles.actors
    )


SIDES = word_lists(resources.files("newsevents.events") / "data" / "acled_sides.tsv")


def is_armed(actor: EventActor) -> bool:
    return actor.sector in SIDES["armed"]


def armed_on_armed(trigger: Token, roles: Roles) -> bool:
    """Whether the event sets two organised armed sides against each other, as ACLED's actor
    columns would (``data/acled_sides.tsv``): armed doers on an armed target ("troops attacked
    rebel positions"), or a fight whose every side named is armed ("two militias clashed",
    "fighting between two clan militias")."""
    doers, targets = roles.actors, roles.recipients
    if lemma(trigger) in SIDES["fighting"]:
        sides = [*doers, *(t for t in targets if not names_where(t, trigger.doc))]
        return bool(sides) and all(map(is_armed, sides))
    return any(map(is_armed, doers)) and any(map(is_armed, targets))


def names_where(actor: EventActor, doc: Doc) -> bool:
    """Whether the phrase tells where the event happened ("clashed at the village"), not a
    side of it: its head word hangs from a locative preposition."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    head = span.root.head if span is not None else None
    return head is not None and head.dep_ == "prep" and head.lower_ in LOCATIVE_PREPOSITIONS


# Who an unorganised group is and what makes a demonstration violent (``data/acled_crowds.tsv``).
CROWDS = word_lists(resources.files("newsevents.events") / "data" / "acled_crowds.tsv")
MOB_VIOLENCE = "Mob violence"
VIOLENT_DEMONSTRATION = "Violent demonstration"
# A word hanging from another as its modifier names a kind of thing, not the thing ("a stone
# quarrying company", "a rock concert").
NOUN_MODIFIER_DEPS = frozenset({"compound", "npadvmod", "amod", "nmod"})


def names_crowd(actor: EventActor, doc: Doc) -> bool:
    """Whether the phrase names an unorganised group: a mob, a crowd, or people of a crowd noun
    in the plural ("locals", "a group of youths"; one "student" is not a mob)."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    plural = CROWDS["crowd"]
    return span is not None and any(
        lemma(word) in CROWDS["collective"] or (lemma(word) in plural and word.tag_ == "NNS")
        for word in span
    )


def tells_violence(sentence: Span) -> bool:
    """Whether the sentence tells an act of demonstrators' violence (``CROWDS``: stones,
    burning tyres, torching) that no organised armed side does; one told in the passive is
    done to the protesters or before their protest ("after their school was vandalised")."""
    return any(
        (
            (lemma(word) in CROWDS["act"] and word.dep_ not in NOUN_MODIFIER_DEPS)
            or (lemma(word) in CROWDS["act-verb"] and word.pos_ == "VERB")
        )
        and not is_passive(word)
        and not is_passive(word.head)
        and not any(map(is_armed, find_roles(word, None).actors))
        for word in sentence
    )


def crowd_riot(trigger: Token, roles: Roles, plover_type: str) -> str | None:
    """ACLED's Riots sub-event the event's doers make, read by who acts (codebook 2019-2023):
    where no doer is an organised armed side, an attack by demonstrators is a violent
    demonstration and one by an unorganised group (``names_crowd``) mob violence; a protest
    whose sentence tells demonstrators' violence (``tells_violence``) is a violent one."""
    doers, doc = roles.actors, trigger.doc
    if any(map(is_armed, doers)):
        return None
    if is_of_type(MOB_VIOLENCE, plover_type):
        if any(names_protesters(doer, doc) for doer in doers):
            return VIOLENT_DEMONSTRATION
        return MOB_VIOLENCE if any(names_crowd(doer, doc) for doer in doers) else None
    if is_of_type(VIOLENT_DEMONSTRATION, plover_type) and tells_violence(trigger.sent):
        return VIOLENT_DEMONSTRATION
    return None


# What an event's own words say of its ACLED sub-event (``data/acled_words.tsv``): its trigger
# word ("raped") or a word telling the manner of it ("violently demonstrated").
NAMED_SUB_EVENTS = word_lists(resources.files("newsevents.events") / "data" / "acled_words.tsv")


def named_sub_event(trigger: Token) -> str | None:
    manner = [lemma(word) for word in trigger.children if word.dep_ == "advmod"]
    words = {lemma(trigger), *manner}
    return next((sub for sub, named in NAMED_SUB_EVENTS.items() if words & named), None)


# The sentences after an event's own that may tell how it ended ("Police intervened.").
TOLD_AFTER = 2


def armed_intervene(trigger: Token) -> bool:
    """Whether an armed side intervenes (``data/acled_sides.tsv``: "Police dispersed the
    crowd", "Soldiers detained some of them") in the event's sentence or the ``TOLD_AFTER``
    next: how ACLED's notes tell a protest's intervention, often after the protest."""
    sentences, doc = [trigger.sent], trigger.doc
    while len(sentences) <= TOLD_AFTER and sentences[-1].end < len(doc):
        sentences.append(doc[sentences[-1].end].sent)
    return any(
        any(map(is_armed, find_roles(word, None).actors))
        for sentence in sentences
        for word in sentence
        if lemma(word) in SIDES["intervening"] and word.pos_ == "VERB"
    )


# Words that tell an explosive or remote weapon beside the codebook cues
# (``data/acled_weapons.tsv``; not classifier features).
WEAPON_WORDS = load_cues(Path(__file__).parent / "data" / "acled_weapons.tsv", "sub_event")


def is_weapon(sub_event: str) -> bool:
    """Whether ACLED's codebook names the sub-event by its weapon (Explosions/Remote violence)."""
    return ACLED_SUB_EVENTS[sub_event].event_type == REMOTE


def tells_weapon(trigger: Token) -> bool:
    """Whether the event's sentence, or the one before or after it (a toll told beside its
    blast: "A bomb went off at the market. Three people were killed."), tells an explosive or
    remote weapon: a codebook cue of such a sub-event or a word of ``WEAPON_WORDS``."""
    sentence, doc = trigger.sent, trigger.doc
    first = doc[sentence.start - 1].sent if sentence.start > 0 else sentence
    last = doc[sentence.end].sent if sentence.end < len(doc) else sentence
    text = doc[first.start : last.end].text  # not ``doc.text``: it joins the whole doc
    return any(map(is_weapon, acled_cues(text))) or bool(cues_in(text, WEAPON_WORDS))


@dataclass(frozen=True)
class Sides:
    """Who an event's doers and targets are, and the sub-event its own words name, as far as
    ACLED's sub-event follows from them."""

    on_protesters: bool = False  # ``attacks_protesters``
    armed_on_armed: bool = False  # ``armed_on_armed``
    named: str | None = None  # ``named_sub_event``
    riot: str | None = None  # ``crowd_riot``
    # read for an intervention (``armed_intervene``, three sentences) only when asked
    protest: Token | None = None
    # read for a weapon told (``tells_weapon``, three sentences) only when asked
    weapon_event: Token | None = None

    @property
    def intervened(self) -> bool:
        return self.protest is not None and armed_intervene(self.protest)

    @property
    def weapon_told(self) -> bool:
        return self.weapon_event is None or tells_weapon(self.weapon_event)


def is_of_type(sub_event: str, plover_type: str) -> bool:
    """Whether the ACLED sub-event is the one PLOVER type's own (``ontology.ACLED_SUB_EVENTS``),
    narrower than ``acled_fits``: the sides' readings apply to their sub-event's own type only."""
    return ACLED_SUB_EVENTS[sub_event].plover_type == plover_type


def sides_of(trigger: Token, roles: Roles, plover_type: str) -> Sides:
    """What ``acled_sub_event`` reads for an event of this PLOVER type, and only that; the
    intervention, three sentences ahead, is read only where the typer reads a peaceful protest."""
    if plover_type not in ACLED_CODED_TYPES:
        return Sides()
    return Sides(
        is_of_type(EXCESSIVE_FORCE, plover_type) and attacks_protesters(roles, trigger.doc),
        is_of_type(ARMED_CLASH, plover_type) and armed_on_armed(trigger, roles),
        named_sub_event(trigger),
        crowd_riot(trigger, roles, plover_type),
        trigger if acled_fits(PEACEFUL_PROTEST, plover_type) else None,
        trigger if plover_type in COMPATIBLE_PLOVER[REMOTE] else None,
    )


# The ACLED event types an armed side's violence on another armed side is never (its target is
# neither a civilian, nor a rioter, nor a protester): the typer's reading of one of their
# sub-events there ("Attack": violence on the ground) is ACLED's ground fighting, an armed clash.
NOT_BETWEEN_ARMED_SIDES = frozenset({CIVILIANS, RIOTS, PROTESTS})
ARMED_CLASH = "Armed clash"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_WITH_INTERVENTION = "Protest with intervention"
# The sub-events of other event types than Riots that ACLED's codebook tells apart from a riot
# by who acts (an organised armed side, peaceful protesters), which a riot's doers
# (``crowd_riot``) decide; the others tell the manner (a bomb, a rape, an abduction), which the
# typer's reading keeps. So does its reading of a riot: the doers tell the event type, the
# sentence which riot ("youths attacked a police station" in a demonstration or not).
READ_BY_WHO_ACTS = frozenset(
    {"Attack", ARMED_CLASH, PEACEFUL_PROTEST, PROTEST_WITH_INTERVENTION, EXCESSIVE_FORCE}
)

# What a weapon's sub-event with no weapon told gives way to (``typed_sub_event``): the readings
# ACLED tells by who acts, less excessive force, told by its target (``attacks_protesters``); not
# a manner sub-event, which needs words of its own (an abduction, a rape).
TOLD_BY_SIDES = READ_BY_WHO_ACTS - {EXCESSIVE_FORCE}


def acled_sub_event(plover_type: str, typing: SentenceTyping, sides: Sides = Sides()) -> str | None:
    """ACLED's sub-event type for an event of this PLOVER type, or None: an attack on
    protesters is ACLED's excessive force against them (``ontology.EXCESSIVE_FORCE``), else
    the ACLED typer's best among the sub-events that fit the type, where it is likelier
    than no ACLED event or where the sentence holds that sub-event's codebook cue (an event
    ACLED's codebook names is one ACLED codes: the typer's NONE learnt from other types'
    events, not from these). An attack between armed ``sides`` that the typer reads as violence
    against civilians, a riot, a protest or none of ACLED's is an armed clash. A sub-event the
    event's own words name (``sides.named``) is taken where the event is of its PLOVER type. A
    riot its unarmed doers make (``sides.riot``) replaces a reading that ACLED tells apart by
    who acts (``READ_BY_WHO_ACTS``). A protest the typer reads as peaceful where an armed side
    intervenes is one with intervention."""
    if plover_type not in ACLED_CODED_TYPES:
        return None
    if sides.on_protesters and is_of_type(EXCESSIVE_FORCE, plover_type):
        return EXCESSIVE_FORCE
    if sides.named and is_of_type(sides.named, plover_type):
        return sides.named
    best = typed_sub_event(plover_type, typing, sides)
    battle = sides.armed_on_armed and is_of_type(ARMED_CLASH, plover_type)
    if battle and (best is None or ACLED_SUB_EVENTS[best].event_type in NOT_BETWEEN_ARMED_SIDES):
        return ARMED_CLASH
    # A protest's riot rests on the violence its sentence tells, a cue as the codebook's are
    # (``typed_sub_event``), and stands where the typer reads no ACLED event; an attack's rests
    # on its doers alone, which make no ACLED event of one the typer reads as none ("Fans
    # stormed the pitch").
    protest_riot = best is None and is_of_type(VIOLENT_DEMONSTRATION, plover_type)
    if sides.riot and (best in READ_BY_WHO_ACTS or protest_riot):
        return sides.riot
    if best == PEACEFUL_PROTEST and sides.intervened:
        return PROTEST_WITH_INTERVENTION
    return best


def typed_sub_event(plover_type: str, typing: SentenceTyping, sides: Sides = Sides()) -> str | None:
    """The ACLED typer's sub-event for an event of an ACLED-coded PLOVER type
    (``acled_sub_event``). ACLED's codebook names an Explosions/Remote violence sub-event by its
    weapon: where the event's sentences tell none (``sides.weapon_told``), the typer's reading
    of one ("Two police officers were killed" as an IED) gives way to its best fitting sub-event
    of ``TOLD_BY_SIDES`` (an attack, an armed clash), the typer having read an event ACLED
    codes."""
    probabilities = typing.acled_probabilities
    fitting = {
        name
        for name in probabilities
        if name != NONE and name in ACLED_SUB_EVENTS and acled_fits(name, plover_type)
    }
    best = typer_reading(plover_type, typing, fitting)
    if best is None or not is_weapon(best) or sides.weapon_told:
        return best
    by_sides = fitting & TOLD_BY_SIDES
    return best_of(by_sides, probabilities)[0] if by_sides else None


def typer_reading(plover_type: str, typing: SentenceTyping, fitting: set[str]) -> str | None:
    """The typer's best of the ``fitting`` sub-events, where it reads an ACLED event or, for
    ASSAULT and PROTEST, clearly prefers it, or where the sentence holds its codebook cue."""
    if not fitting:
        return None
    probabilities = typing.acled_probabilities
    best, probability = best_of(fitting, probabilities)
    if probability >= probabilities.get(NONE, 0.0):
        return best
    # The typer reads no ACLED event here. ASSAULT and PROTEST are ACLED's own ground, so the
    # best fitting sub-event still stands, but only where the typer clearly prefers it among
    # them: a near-zero argmax ("Chemical weapon" at 0.007 for "an offensive") is noise.
    fitting_mass = sum(probabilities[name] for name in fitting)
    clearly_preferred = probability >= ACLED_FALLBACK_SHARE * fitting_mass
    if plover_type in ("ASSAULT", "PROTEST") and clearly_preferred:
        return best
    cued = fitting & typing.acled_cues
    return best_of(cued, probabilities)[0] if cued else None
