"""Whether an event happened as told (reported), is old news restated (background), or did not
(yet) happen: feared, threatened, planned, denied, conditional, asked about (hypothetical).

The same signs, with the cue words of ``data/realis_cues.tsv`` and the sentence's place in its
article, are features of the event models (``realis_features``): whether a sentence tells an
event at all is the detector's to learn, not a rule's."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from spacy.tokens import Span, Token

from newsevents.events.actors import child
from newsevents.events.features import (
    ACTED_ON,
    FRAMES,
    REPORTING_VERBS,
    TELLING_OR_FINDING_VERBS,
    cues_in,
    lemma,
    load_cues,
    modality,
)
from newsevents.events.ontology import VERBAL_TYPES
from newsevents.events.triggers import TRIGGERS
from newsevents.nlp.dates import told_past
from newsevents.nlp.text import span_text
from newsevents.records import DatePrecision, EventStatus
from newsevents.words import word_set

# Governors that make what they govern unreal: "fears of an offensive", "plans to attack".
IRREALIS_HEADS = frozenset(
    [
        "fear",
        "concern",
        "worry",
        "threaten",
        "threat",
        "warn",
        "plan",
        "intend",
        "want",
        "hope",
        "seek",
        "expect",
        "aim",
        "try",
        "deny",
        "prepare",
        "propose",
        "consider",
        "call",
        "urge",
        "demand",
        "ask",
        "risk",
        "avoid",
        "prevent",
        "would",
        "could",
    ]
)
IRREALIS_MODIFIERS = frozenset(
    [
        "unfulfilled",
        "planned",
        "possible",
        "potential",
        "proposed",
        "expected",
        "future",
        "would-be",
        "looming",
        "imminent",
        "threatened",
        "feared",
    ]
)
CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether"})
# Events dated this long before publication are context, not news.
BACKGROUND_AFTER = timedelta(days=45)
# What begins after the article was written cannot have happened as told; a day's slack for a
# publication date given in another time zone than the event's.
PUBLICATION_SLACK = timedelta(days=1)


def is_hypothetical(trigger: Token, event_type: str, sentence: Span) -> bool:
    if span_text(sentence).rstrip().endswith("?") or is_denied(trigger):
        return True
    mood = modality(trigger)
    if mood is None and shares_a_subject(trigger):
        mood = modality(trigger.head)  # "will find us and kill us": the first verb's auxiliary
    if mood is not None and (event_type not in VERBAL_TYPES or mood == "may"):
        return True
    if any(c.dep_ in ("amod", "advmod") and is_irrealis(c.lower_) for c in trigger.children):
        return True
    for ancestor in (trigger, *trigger.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKERS for c in ancestor.children):
            return True
        if ancestor == trigger and told_as_a_past_relative(trigger):
            break
        if ancestor != trigger and lemma(ancestor) in IRREALIS_HEADS:
            return event_type not in VERBAL_TYPES or ancestor.dep_ != "ROOT"
        if ancestor != trigger and ancestor.pos_ in ("VERB", "AUX") and modality(ancestor):
            # "an offensive ... would send refugees": the noun's clause is unreal.
            return trigger.pos_ == "NOUN"
        if is_a_past_adjunct(ancestor) or (ancestor.pos_ == "VERB" and ancestor != trigger):
            break
    return False


# What introduces a clause or phrase telling when or why something else was done: "risked a
# spat after blocking two envoys", "warned of reprisals after the embassy was bombed".
FACT_LINKS = word_set("after since because following")


def is_a_past_adjunct(word: Token) -> bool:
    """Whether the word opens or heads a time or reason adjunct told in the past ("after he was
    attacked", "after blocking" on a past verb): what it tells happened, whatever the verb it
    hangs on fears, plans or asks. Not one on a present or modal verb ("plans to rebuild after
    the flood"), whose time may be to come."""
    if word.dep_ == "prep" and word.lower_ in FACT_LINKS:
        return told_past(word.head)
    if word.pos_ in ("VERB", "AUX") and word.dep_ == "advcl":
        marks = [c for c in word.children if c.dep_ == "mark"]
        return any(m.lower_ in FACT_LINKS for m in marks) and (
            told_past(word) or told_past(word.head)
        )
    return False


def is_irrealis(modifier: str) -> bool:
    """Whether a modifier makes its event unreal: a word of ``IRREALIS_MODIFIERS`` or one built
    on it ("potentially"), but not one negating it: "an unexpected attack", "an unplanned raid"
    happened, unforeseen. Not "alleged(ly)": ACLED and GVA code an alleged act as an act, the
    allegation being about who did it or why ("was shot dead allegedly by members of a rival
    group")."""
    return any(word in modifier and f"un{word}" not in modifier for word in IRREALIS_MODIFIERS)


# Heads of a relative clause that describe whoever might do it, not someone who did.
ANY_ONE = word_set("anyone anybody whoever any")


def told_as_a_past_relative(trigger: Token) -> bool:
    """A verb of a relative clause told in the past or perfect ("called for the release of
    protesters who were arrested", "that have been held since May"): the clause says what
    happened to the people it describes, whatever is asked or feared about them above it. Not
    one about anyone who might ("the punishment of anyone who attacked a journalist"); a present
    one ("anyone who protests") may be generic, and a modal one ("attacks that could kill") is
    read by ``modality``."""
    head = trigger.head
    if trigger.dep_ != "relcl" or lemma(head) in ANY_ONE:
        return False
    if any(c.dep_ == "det" and c.lower_ in ANY_ONE for c in head.children):
        return False
    return told_past(trigger) or any(
        c.dep_ == "aux" and lemma(c) == "have" for c in trigger.children
    )


def shares_a_subject(trigger: Token) -> bool:
    """A verb conjoined to another with no subject of its own ("will find us and kill us"); one
    with its own ("should have carried 7 years, but the judge gave him sixty") is a clause."""
    return (
        trigger.dep_ == "conj"
        and trigger.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)
    )


def is_denied(trigger: Token) -> bool:
    """ "No arrests were made", "no charges have been filed": an event noun whose determiner
    says none happened."""
    return trigger.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "no" for c in trigger.children
    )


REALIS_CUES = load_cues(Path(__file__).parent / "data" / "realis_cues.tsv", "name")
# Children that make a plural noun one happening ("the two attacks", "Monday's protests").
SPECIFIERS = frozenset({"det", "nummod", "poss", "compound", "npadvmod"})


def realis_features(sentence: Span, main: Token | None) -> list[str]:
    """How a sentence tells its event: the cue words of ``realis_cues.tsv``; for its main
    trigger, whether it is told as unreal (``is_hypothetical``), as a past before the story's,
    inside a quotation, as someone's words, or as a class of events (a bare plural).

    Not the sentence's place in its article: the sets that give it (IndiaPoliceEvents, GLOCON)
    are the ones with few events per sentence, so a depth feature learnt their share of events
    rather than the role of a sentence (docs/model-card.md)."""
    found = [f"realis={name}" for name in cues_in(span_text(sentence), REALIS_CUES)]
    if main is None:
        return found
    signs = {
        "unreal": is_hypothetical(main, TRIGGERS[lemma(main)][0], sentence),
        "pluperfect": is_past_perfect(main),
        "quoted": sum(t.is_quote for t in sentence if t.i < main.i) % 2 == 1,
        "said": any(lemma(a) in REPORTING_VERBS for a in main.ancestors),
        "plural": main.tag_ == "NNS" and not any(c.dep_ in SPECIFIERS for c in main.children),
    }
    return found + [f"realis={name}" for name, present in signs.items() if present]


# The arcs inside a noun phrase and its modifiers: "the funeral [of [the soldiers [killed [in
# [the ambush]]]]]"; a clause of its own (a ccomp, an advcl) tells its own event.
_PHRASE_ARCS = frozenset({"pobj", "prep", "acl", "relcl", "compound", "poss", "nmod", "appos"})
# "attended a vigil for the victims", "opened an inquiry into the attack": the parser often
# hangs the frame's own preposition on the verb; these name what the frame is about.
_ABOUT = frozenset({"for", "of", "into", "over"})


def told_for_a_frame(trigger: Token) -> bool:
    """Whether the trigger's event is retold inside the phrase of a word about an earlier event
    (``data/frames.tsv``: a vigil, a funeral, a trial, a sentence)."""
    token = trigger
    while token.dep_ in _PHRASE_ARCS:
        via, token = token, token.head
        if lemma(token) in FRAMES:
            return True
        if via.dep_ == "prep" and via.lower_ in _ABOUT and token.pos_ in ("VERB", "AUX"):
            objects = [c for c in token.children if c.dep_ in ACTED_ON]
            if any(lemma(c) in FRAMES for c in objects):
                return True
    return False


def is_past_perfect(trigger: Token) -> bool:
    """'had set up': a past before the story's past, restated as context; not in the clause of a
    past verb of telling or finding, whose past it may be, shifted back ("found the child had
    been shot", "said he had been arrested"): English sequence of tenses, so the tense alone
    says nothing of how long before (issue #11: GVA's "Police say they responded and found the
    child had been shot" stood apart from the shooting as background). Nor in a relative clause
    under a past verb, which tells a participant's past within the story ("deputies were called
    to a clinic for a teenager who had been shot"; GVA fit half: such a mention, merged into the
    story's shooting, made it background)."""
    auxes = [c for c in trigger.children if c.dep_ == "aux"]
    if not (any(a.lower_ == "had" for a in auxes) and trigger.tag_ == "VBN"):
        return False
    head = trigger.head
    if trigger.dep_ == "relcl":
        verb = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return verb is None or not told_past(verb)
    return not (
        trigger.dep_ == "ccomp" and head.tag_ == "VBD" and lemma(head) in TELLING_OR_FINDING_VERBS
    )


# What a legal text says, provides or allows, told in the present, is a norm that may apply, not
# a happening: "Section-21 says that if any person ... spreads propaganda ..., such action will
# be considered a crime", "Section-43 of the act gives the police unlimited powers to ... seize
# everything" (issue #11, leftovers read: 3 of one hrdsattack article's 12 stored events, the
# kind "a law or a principle" the first read counted 40 times in 290). The texts by their head
# noun, numbered or not ("Section-31"); not "article", also a name ("Article 19, a media
# watchdog, said"). The verbs by which a text provides (what a past verb did, "the decree
# imposed a curfew", is the act).
LEGAL_TEXT = re.compile(
    r"(?:act|law|section|clause|provision|constitution|statute|ordinance|decree)"
    r"(?:[-\s]?\d+\w*)?",
    re.I,
)
PROVIDING_VERBS = word_set(
    "say state provide allow permit give empower authorise authorize stipulate prescribe "
    "require prohibit forbid mandate guarantee define punish criminalise criminalize"
)


def names_a_legal_text(word: Token) -> bool:
    """ "Section-21", "the law", "Section-43 of the act"."""
    if LEGAL_TEXT.fullmatch(word.text) or LEGAL_TEXT.fullmatch(lemma(word)):
        return True
    of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    text = child(of, "pobj") if of is not None else None
    return text is not None and LEGAL_TEXT.fullmatch(lemma(text)) is not None


def is_provision(trigger: Token) -> bool:
    """Whether the trigger's event is what a legal text provides (``LEGAL_TEXT``): the trigger or
    a verb above it is a present-tense verb of ``PROVIDING_VERBS`` whose subject names one."""
    for verb in (trigger, *trigger.ancestors):
        if lemma(verb) not in PROVIDING_VERBS or verb.tag_ not in ("VBZ", "VBP"):
            continue
        subject = child(verb, "nsubj")
        if subject is not None and names_a_legal_text(subject):
            return True
    return False


def event_status(
    trigger: Token,
    event_type: str,
    sentence: Span,
    event_date: date | None,
    precision: DatePrecision,
    published: date | None,
) -> EventStatus:
    if is_hypothetical(trigger, event_type, sentence) or is_provision(trigger):
        return "hypothetical"
    if is_past_perfect(trigger) or told_for_a_frame(trigger):
        return "background"
    if event_date is None or published is None or precision == "unknown":
        return "reported"
    if event_date - published > PUBLICATION_SLACK:  # "a world leader by 2030": not yet
        return "hypothetical"
    return "background" if published - event_date > BACKGROUND_AFTER else "reported"
