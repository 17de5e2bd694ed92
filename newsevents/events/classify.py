"""Typing a sentence's event mentions: PLOVER type from the trigger and the classifier,
ACLED sub-event from the classifier and the rules at ACLED's confusable boundaries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsevents.events.features import (
    candidate_types,
    event_root,
    sentence_features,
    triggers_by_salience,
)
from newsevents.events.model import EventModels
from newsevents.events.ontology import ACLED_CODED_TYPES, ACLED_SUB_EVENTS, acled_fits

NONE = "NONE"
# Below this the classifier's own top type, for a sentence without a known trigger, is noise.
UNTRIGGERED_MIN_PROBABILITY = 0.5
# How sure the ACLED classifier must be to propose an event the trigger words missed.
ACLED_OVERRIDE_PROBABILITY = 0.25


@dataclass(frozen=True)
class SentenceTyping:
    probabilities: dict[str, float]
    acled_probabilities: dict[str, float]
    triggers: list[Token]


def read_sentence(span: Span, models: EventModels) -> SentenceTyping:
    features = sentence_features(span)
    return SentenceTyping(
        probabilities=models.plover.probabilities(features),
        acled_probabilities=models.acled.probabilities(features),
        triggers=triggers_by_salience(span),
    )


def best_of(types: set[str], probabilities: dict[str, float]) -> tuple[str, float]:
    best = max(sorted(types), key=lambda t: probabilities.get(t, 0.0))
    return best, probabilities.get(best, 0.0)


def type_trigger(trigger: Token, probabilities: dict[str, float]) -> tuple[str, float]:
    """The trigger's type: the classifier's choice among the types the trigger can carry."""
    return best_of(candidate_types(trigger), probabilities)


def principal_event(span: Span, typing: SentenceTyping) -> tuple[Token, str, float] | None:
    """The sentence's main event (trigger, type, probability), or None when it has none.

    The trigger nearest the main predicate proposes the types; the PLOVER classifier picks one.
    When the ACLED classifier is surer of a sub-event whose PLOVER type differs (or there is no
    known trigger), that sub-event's type wins: ACLED's examples know violent news better.
    """
    main: tuple[Token, str, float] | None = None
    if typing.triggers:
        trigger = typing.triggers[0]
        main = (trigger, *type_trigger(trigger, typing.probabilities))
    else:
        event_types = {t for t in typing.probabilities if t != NONE}
        event_type, probability = best_of(event_types, typing.probabilities)
        root = event_root(span)
        if probability >= UNTRIGGERED_MIN_PROBABILITY and root.pos_ in ("VERB", "AUX"):
            main = (root, event_type, probability)
    sub_events = {s for s in typing.acled_probabilities if s in ACLED_SUB_EVENTS}
    if not sub_events:
        return main
    sub_event, acled_probability = best_of(sub_events, typing.acled_probabilities)
    if acled_probability < max(ACLED_OVERRIDE_PROBABILITY, typing.acled_probabilities[NONE]):
        return main
    acled_type = ACLED_SUB_EVENTS[sub_event].plover_type
    if main is None:
        root = event_root(span)
        return (root, acled_type, acled_probability) if root.pos_ == "VERB" else None
    if acled_fits(sub_event, main[1]):
        return main[0], main[1], max(main[2], acled_probability)
    if acled_probability > main[2]:
        return main[0], acled_type, acled_probability
    return main


def main_event_labels(span: Span, typing: SentenceTyping) -> tuple[str, float, str | None]:
    """PLOVER type, its probability and ACLED sub-event of a sentence's main event, as the
    pipeline reads them (the training script scores its cross-validation with this)."""
    main = principal_event(span, typing)
    if main is None:
        return NONE, typing.probabilities.get(NONE, 0.0), None
    _, event_type, probability = main
    sub_event = acled_sub_event(span.text, event_type, typing.acled_probabilities)
    return event_type, probability, sub_event


# Words that settle ACLED's confusable boundaries, tried in order, each for the PLOVER types
# it may accompany. Protest outcomes first (killing protesters is excessive force even where
# tear gas was fired too), then weapons, most specific first.
_PROTEST_TYPES = frozenset({"PROTEST", "ASSAULT", "COERCE"})
_VIOLENCE_TYPES = frozenset({"ASSAULT", "COERCE", "CRIME"})
ACLED_RULES: list[tuple[str, frozenset[str], re.Pattern[str]]] = [
    (
        "Excessive force against protesters",
        _PROTEST_TYPES,
        re.compile(
            r"(?:kill|shot|shoot|opened fire on|live (?:ammunition|rounds|fire))\w*\W+"
            r"(?:\w+\W+){0,4}(?:protesters|demonstrators|marchers|protest)",
            re.I,
        ),
    ),
    (
        "Protest with intervention",
        frozenset({"PROTEST", "COERCE"}),
        re.compile(
            r"tear ?gas|water cannon|rubber bullets|batons?|dispersed|broke up|"
            r"arrested (?:\w+\W+){0,3}(?:protesters|demonstrators)",
            re.I,
        ),
    ),
    ("Mob violence", _PROTEST_TYPES, re.compile(r"\bmobs?\b|lynch|vigilante", re.I)),
    (
        "Violent demonstration",
        frozenset({"PROTEST"}),
        re.compile(
            r"riot|stone-throwing|hurled stones|threw (?:stones|rocks|petrol)|torched", re.I
        ),
    ),
    (
        "Disrupted weapons use",
        _VIOLENCE_TYPES,
        re.compile(
            r"\b(?:cache|arsenal|(?:seiz|confiscat|found|discover|recover|defus|dismantl|"
            r"intercept|shot down|shoot down)\w*\W+(?:\w+\W+){0,4}(?:explosive|weapon|bomb|"
            r"ammunition|rifle|gun|grenade|mine|IED|drone|missile|rocket)s?)\b",
            re.I,
        ),
    ),
    (
        "Chemical weapon",
        _VIOLENCE_TYPES,
        re.compile(
            r"chemical|chlorine|chloropicrin|sarin|nerve agent|mustard (?:gas|agent)|"
            r"(?:toxic|poisonous|poison|irritant) (?:gas|substance|smoke)|"
            r"gas (?:grenade|canister|munition|shell)s?\b",
            re.I,
        ),
    ),
    ("Suicide bomb", _VIOLENCE_TYPES, re.compile(r"suicide (?:bomb|attack|car|vest)", re.I)),
    ("Grenade", _VIOLENCE_TYPES, re.compile(r"\bgrenade", re.I)),
    (
        "Remote explosive/landmine/IED",
        _VIOLENCE_TYPES,
        re.compile(
            r"\bIEDs?\b|landmine|land mine|roadside bomb|car bomb|improvised explosive|"
            r"explosive device|booby.trap|\bmines?\b(?! worker)",
            re.I,
        ),
    ),
    (
        "Air/drone strike",
        _VIOLENCE_TYPES,
        re.compile(
            r"air ?strike|air raid|drone|warplanes?|fighter jets?|helicopter gunship|"
            r"aerial (?:bombardment|attack)|bombed from the air",
            re.I,
        ),
    ),
    (
        "Shelling/artillery/missile attack",
        _VIOLENCE_TYPES,
        re.compile(r"\b(?:shell(?:ed|ing|s)|artillery|mortars?|rockets?|missiles?)\b", re.I),
    ),
    ("Sexual violence", _VIOLENCE_TYPES, re.compile(r"\brap(?:e|ed|es|ing)\b|\bsexual", re.I)),
    (
        "Abduction/forced disappearance",
        _VIOLENCE_TYPES,
        re.compile(r"kidnap|abduct|disappear|taken hostage|seized (?:\w+\W+){0,2}hostages?", re.I),
    ),
    (
        "Government regains territory",
        _VIOLENCE_TYPES,
        re.compile(r"\b(?:recaptur|retook|retake|regain|reclaim|liberat)\w*", re.I),
    ),
    (
        "Non-state actor overtakes territory",
        _VIOLENCE_TYPES,
        re.compile(r"\b(?:overran|overrun|seized control|took control|captured the)\b", re.I),
    ),
]


ACLED_FALLBACK_SHARE = 0.5  # a majority of the fitting mass, chosen a priori


def acled_sub_event(text: str, plover_type: str, probabilities: dict[str, float]) -> str | None:
    """ACLED's sub-event type for an event of this PLOVER type in this sentence, or None:
    the boundary rules first, then the classifier."""
    if plover_type not in ACLED_CODED_TYPES:
        return None
    for sub_event, plover_types, pattern in ACLED_RULES:
        if plover_type in plover_types and pattern.search(text):
            return sub_event
    fitting = {
        name
        for name in probabilities
        if name != NONE and name in ACLED_SUB_EVENTS and acled_fits(name, plover_type)
    }
    if not fitting:
        return None
    best, probability = best_of(fitting, probabilities)
    if probability >= probabilities.get(NONE, 0.0):
        return best
    # The model reads no ACLED event here. ASSAULT and PROTEST are ACLED's own ground, so the
    # best fitting sub-event still stands, but only where the model clearly prefers it among
    # them: a near-zero argmax ("Chemical weapon" at 0.007 for "an offensive") is noise.
    fitting_mass = sum(probabilities[name] for name in fitting)
    clearly_preferred = probability >= ACLED_FALLBACK_SHARE * fitting_mass
    return best if plover_type in ("ASSAULT", "PROTEST") and clearly_preferred else None
