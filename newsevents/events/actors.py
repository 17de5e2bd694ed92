"""Who did it and to whom: actor and recipient phrases from the dependency parse.

Resolution to a country and sector is the actor knowledge base's job
(:func:`newsevents.actors.resolve_actor`); this module finds the phrases and their roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from spacy.tokens import Doc, Token

from newsevents.actors import resolve_actor
from newsevents.events.features import (
    FINDING_VERBS,
    REPORTING_VERBS,
    TELLING_OR_FINDING_VERBS,
    lemma,
)
from newsevents.events.ontology import VERBAL_TYPES
from newsevents.events.triggers import TRIGGERS
from newsevents.nlp.text import span_text
from newsevents.records import EventActor
from newsevents.words import tsv_rows, word_set

PLACES_KEY = "newsevents.places_and_nationalities"  # where that list is kept

# Verbs whose object names the event ("carried out attacks", "signed a deal"): their subject
# is the event's actor.
LIGHT_VERBS = frozenset(
    [
        "open",
        "hold",
        "carry",
        "launch",
        "conduct",
        "stage",
        "mount",
        "hold",
        "make",
        "wage",
        "sign",
        "reach",
        "strike",
        "stage",
        "begin",
        "continue",
        "start",
        "undertake",
        "commit",
        "perpetrate",
        "claim",
        "impose",
        "announce",
        "declare",
        "order",
    ]
)
RECIPIENT_PREPOSITIONS = frozenset({"against", "on", "upon", "at", "into", "with", "to", "between"})
# "aid for Romania", "support for the rebels": who an act of giving is for.
BENEFICIARY_TYPES = frozenset({"AID", "SUPPORT", "COOPERATE"})
# "demanded that the US cancel": who is asked, warned or blamed is the clause's subject.
ADDRESSEE_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE"})
# Places an act lands in: their country is its target when no recipient names one.
LANDING_PREPOSITIONS = frozenset({"in", "to", "into", "inside", "from"})
# Where people flee to is a destination, not a recipient ("fled to crowded camps").
DESTINATION_PREPOSITIONS = frozenset({"to", "into", "toward", "towards"})
# A gun or what it fires: an attack's means, neither its recipient (INSTRUMENTS) nor its doer
# ("The firearm went off, striking the boy"; events/merge.py, NOBODY_WORDS).
GUN_WORDS = word_set("weapon gun firearm handgun rifle pistol revolver shotgun bullet round")
# What is fired, thrown or dropped: the means of an attack, not its recipient.
INSTRUMENTS = GUN_WORDS | word_set(
    "gas teargas cannon shot grenade rocket missile shell mortar projectile canister bomb drone "
    "artillery "
    "spray stone rock brick molotov"
)
# A photo credit glued to the lede ("(Photo: Michael Anthony Adams / IndyStar)Buy Photo  A
# 2-year-old child died ...", GVA fit half; issue #11): its photographer is nobody in the event.
PHOTO_CREDIT = re.compile(
    r"\((?:photo|image|picture)s?(?: by)?\s*:[^)]*\)(?:\s*buy photo\b)?|\bbuy photo\b", re.I
)
# The complement a verb of finding tells the state of the one found in: "found him dead",
# "found a man suffering from".
FOUND_STATES = ("ccomp", "oprd", "xcomp")
# Verbs whose subject meets a happening rather than does it: police and medics called to a
# scene ("they responded to a shooting incident": not the shooters; issue #11, leftovers read,
# a GVA fit-half shooting told twice, its retelling given the responders as doers).
RESPONDING_VERBS = word_set("respond react")
# Trigger nouns that name people, not happenings.
ACTOR_NOUNS = frozenset({"protester", "demonstrator", "rioter", "backer", "cartel", "force"})
# "Maduro survived an assassination attempt": the subject undergoes the event its object names.
UNDERGOING_VERBS = frozenset(
    verb
    for verb, _provenance in tsv_rows(
        resources.files("newsevents.events") / "data" / "undergoing_verbs.tsv"
    )
)
# "Mhlanga's arrest", "Khashoggi's killing": the possessor, with no "of" object, undergoes it.
UNDERGONE_NOUNS = frozenset(
    noun
    for noun, _provenance in tsv_rows(
        resources.files("newsevents.events") / "data" / "undergone_nouns.tsv"
    )
)
# "Clashes broke out between X and Y": verbs telling only that their event-noun subject
# happened, whose "between" phrase names the event's sides. Not "with": "clashes broke out with
# police" leaves the other side (often protesters) to the context.
OCCURRING_VERBS = frozenset(
    verb
    for verb, _provenance in tsv_rows(
        resources.files("newsevents.events") / "data" / "occurring_verbs.tsv"
    )
)
# Deps by which a "between" phrase hangs from a place phrase of the verb ("broke out in the
# north of the town between X and Y").
_PLACE_CHAIN_DEPS = frozenset({"prep", "pobj"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
# "Israel is opposed to", "Vietnam is committed to": the subject holds the stance.
STATIVE_PASSIVES = frozenset({"oppose", "commit", "determine", "prepare", "resolve", "dedicate"})
QUANTITY_NOUNS = frozenset(
    [
        "group",
        "number",
        "thousand",
        "hundred",
        "dozen",
        "ten",
        "third",
        "half",
        "quarter",
        "majority",
        "some",
        "many",
        "most",
        "crowd",
        "band",
    ]
)
SPONSOR_LEMMAS = frozenset({"back", "support", "sponsor", "arm", "fund", "aid"})
# Parts of a noun phrase that are not the actor's name.
_TRIMMED_DEPS = frozenset(
    {"relcl", "acl", "appos", "cc", "conj", "punct", "prep", "advcl", "case"}  # "case": 's
)
_PHRASE_MAX_TOKENS = 12


@dataclass
class Roles:
    actors: list[EventActor] = field(default_factory=list)
    recipients: list[EventActor] = field(default_factory=list)
    claimed_by: list[EventActor] = field(default_factory=list)


def phrase_tokens(head: Token) -> list[Token]:
    """The head's noun phrase without clauses, appositions, conjuncts or sponsors, at any depth;
    "of" phrases stay ("the province of Idlib")."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in _TRIMMED_DEPS and not (child.dep_ == "prep" and child.lower_ == "of"):
            continue
        if child.dep_ == "amod" and lemma(child) in SPONSOR_LEMMAS:
            continue
        tokens += phrase_tokens(child)
    tokens.sort(key=lambda t: t.i)
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].dep_ == "preconj"):
        tokens.pop(0)  # the head itself stays, whatever the parser made of it
    return tokens[:_PHRASE_MAX_TOKENS]


def to_event_actor(head: Token, alternative: bool, context_country: str | None) -> EventActor:
    tokens = phrase_tokens(head)
    doc = head.doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = span_text(doc[tokens[0].i : tokens[-1].i + 1])
    resolved = resolve_actor(text, context_country)
    if resolved is None or resolved.country is None:  # "Rebels in the Ivory Coast"
        # The knowledge base reads the whole phrase ("forces allied to the Syrian government").
        wide = span_text(doc[head.left_edge.i : head.right_edge.i + 1])
        wider = resolve_actor(wide, context_country)
        if wider is not None and (resolved is None or wider.sector in (None, resolved.sector)):
            resolved = wider
    return EventActor(
        text=text,
        start=start,
        end=end,
        country=resolved.country if resolved else None,
        sector=resolved.sector if resolved else None,
        alternative=alternative,
    )


def coordinated(head: Token) -> tuple[list[Token], bool]:
    """The head and its conjuncts, and whether they are alternatives ("either X or Y")."""
    heads = [head, *head.conjuncts]
    words = {t.lower_ for h in heads for t in h.children if t.dep_ in ("cc", "preconj")}
    alternative = len(heads) > 1 and bool(words & {"or", "either", "nor"})
    return sorted(heads, key=lambda t: t.i), alternative


def sponsors(head: Token) -> list[Token]:
    """Who backs an actor: "troops backed by Russian airpower", "Russian-backed forces"."""
    found = []
    for child in head.children:
        if lemma(child) not in SPONSOR_LEMMAS:
            continue
        for grandchild in child.children:
            if grandchild.dep_ == "agent":
                found += [t for t in grandchild.children if t.dep_ == "pobj"]
            elif grandchild.dep_ in ("npadvmod", "compound", "amod", "nmod"):
                found.append(grandchild)
    return found


def counted_head(head: Token) -> Token:
    """ "Thousands of Iraqi Kurds", "a group of Yoruba leaders": the people, not the number."""
    while head.pos_ == "NUM" or lemma(head) in QUANTITY_NOUNS:
        of = preposition(head, "of")
        counted = child(of, "pobj") if of is not None else None
        if counted is None:
            break
        head = counted
    return head


def is_event_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and lemma(token) in TRIGGERS and lemma(token) not in ACTOR_NOUNS


def in_photo_credit(token: Token) -> bool:
    sentence = token.sent
    at = token.idx - sentence.start_char
    return any(m.start() <= at < m.end() for m in PHOTO_CREDIT.finditer(span_text(sentence)))


def add_phrases(target: list[EventActor], head: Token | None, context_country: str | None) -> None:
    if head is None or in_photo_credit(head):
        return
    head = counted_head(head)
    if head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return
    if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY"):
        return
    if is_event_noun(head):
        return  # an event noun ("the airstrike killed") is not an actor
    if head.pos_ == "PRON" and head.lower_ not in ("they", "he", "she", "we"):
        return
    heads, alternative = coordinated(head)
    for each in heads:
        if is_event_noun(each) or any(a.start <= each.idx < a.end for a in target):
            continue
        target.append(to_event_actor(each, alternative, context_country))
        for sponsor in sponsors(each):
            target.append(to_event_actor(sponsor, False, context_country))


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def preposition(token: Token, word: str) -> Token | None:
    """The ``word`` preposition under a token: "of" in "the arrest of the journalist"."""
    return next((c for c in token.children if c.dep_ == "prep" and c.lower_ == word), None)


def agent_of(token: Token) -> Token | None:
    """The object of an agentive "by" under a token ("conducted by X", "attack by X")."""
    for by in token.children:
        if by.dep_ == "agent" or (by.dep_ == "prep" and by.lower_ == "by"):
            return child(by, "pobj")
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the verb it is conjoined to or depends on ("X is
    willing to withdraw", "Soldiers were ordered to attack"), and read through pronouns:
    "Switzerland said it had expelled" is Switzerland's act, "militants who attacked" the
    militants'. A teller or finder lends none to a clause the parser hangs on its verb
    ("Witnesses reported gunfire ..., injuring two")."""
    current = verb
    for _ in range(4):
        subject = child(current, "nsubj")
        if subject is not None:
            return antecedent(subject, current)
        if current.dep_ not in ("conj", "xcomp", "advcl", "acomp") or current.head == current:
            return None
        if current.dep_ == "advcl" and lemma(current.head) in TELLING_OR_FINDING_VERBS:
            return None
        controller = child(current.head, "nsubjpass") if current.dep_ == "xcomp" else None
        if controller is not None:  # "Soldiers were ordered to attack": the soldiers attack
            return antecedent(controller, current.head)
        current = current.head
    return None


# Pronouns that stand for one person, never for a plural or coordinated speaker: "Police say he
# accidentally shot himself" is his act, not the police's (issue #11: a retelling kept apart).
ONE_PERSON_PRONOUNS = frozenset({"he", "she"})


def is_plural(token: Token) -> bool:
    """ "Police", "officials", "Smith and Jones"."""
    return (
        token.tag_ in ("NNS", "NNPS")
        or "Plur" in token.morph.get("Number", [])
        or any(c.dep_ == "conj" for c in token.children)
    )


def antecedent(subject: Token, verb: Token) -> Token:
    """What a pronoun subject stands for, when the sentence says; else the pronoun."""
    if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        return verb.head
    if subject.lower_ not in ("it", "they", "he", "she", "we"):
        return subject
    for ancestor in verb.ancestors:
        if lemma(ancestor) in REPORTING_VERBS:
            speaker = child(ancestor, "nsubj")
            if speaker is None or speaker.pos_ == "PRON":
                break
            if subject.lower_ in ONE_PERSON_PRONOUNS and is_plural(speaker):
                break
            return speaker
        if child(ancestor, "nsubj", "nsubjpass") is not None:
            break  # "Deputies said information revealed he fired": someone nearer is told of
    return subject


def is_displacement(trigger: Token) -> bool:
    return TRIGGERS.get(lemma(trigger)) == ("DISPLACEMENT",)


def verb_roles(trigger: Token, roles: Roles, country: str | None) -> None:
    if is_displacement(trigger) and child(trigger, "nsubjpass", "auxpass") is None:
        add_phrases(roles.recipients, subject_of(trigger), country)  # "thousands fled": the
        return  # displaced, whose destination ("fled to camps") is no recipient either
    if lemma(trigger) in STATIVE_PASSIVES and agent_of(trigger) is None:
        add_phrases(roles.actors, child(trigger, "nsubjpass", "nsubj"), country)
    elif child(trigger, "nsubjpass") is not None or child(trigger, "auxpass") is not None:
        add_phrases(roles.actors, agent_of(trigger), country)
        add_phrases(roles.recipients, child(trigger, "nsubjpass"), country)
    else:
        subject = subject_of(trigger)
        if subject is None or lemma(subject) not in GUN_WORDS:  # "The gun went off": no doer
            add_phrases(roles.actors, subject, country)
    target = child(trigger, "dobj")
    if target is not None and lemma(target) not in INSTRUMENTS:  # "fired tear gas at them"
        add_phrases(roles.recipients, target, country)
    recipient_phrases(trigger, roles, country)  # "gave Tanzania a grant", "talks with Iran"


def undergoer(trigger: Token) -> Token | None:
    """The possessor an event noun happens to: "Mhlanga" of "Mhlanga's arrest", not "Iran" of
    "Iran's arrest of the journalist" (``UNDERGONE_NOUNS``)."""
    if lemma(trigger) not in UNDERGONE_NOUNS or preposition(trigger, "of") is not None:
        return None
    return child(trigger, "poss")


def modifier_actor(
    trigger: Token, undergoing: Token | None, country: str | None
) -> EventActor | None:
    """The actor named by the modifiers before an event noun ("a Syrian military offensive"),
    other than the one ``undergoing`` it."""
    modifiers = [
        c
        for c in trigger.lefts
        if c.dep_ in ("amod", "compound", "nmod", "poss")
        and c != undergoing
        and lemma(c) not in SPONSOR_LEMMAS
        and resolve_actor(c.text) is not None
    ]
    if not modifiers:
        return None
    doc = trigger.doc
    first, last = modifiers[0], modifiers[-1]
    start = first.left_edge.idx
    text = doc[first.left_edge.i : last.i + 1].text.removesuffix("'s").removesuffix("’s")
    resolved = resolve_actor(text, country)
    return EventActor(
        text=text,
        start=start,
        end=start + len(text),
        country=resolved.country if resolved else None,
        sector=resolved.sector if resolved else None,
    )


def noun_roles(trigger: Token, roles: Roles, country: str | None) -> None:
    undergoing = undergoer(trigger)
    named = modifier_actor(trigger, undergoing, country)
    if named is not None:
        roles.actors.append(named)
    add_phrases(roles.recipients, undergoing, country)
    for modifier in trigger.children:
        if modifier.dep_ == "amod" and lemma(modifier) in SPONSOR_LEMMAS:
            for sponsor in modifier.children:  # "Russian-backed"
                add_phrases(roles.actors, sponsor, country)
        if modifier.dep_ == "prep" and modifier.lower_ in RECIPIENT_PREPOSITIONS:
            add_phrases(roles.recipients, child(modifier, "pobj"), country)
            # "attacks on forces ..., as well as the air base": the parser often joins the
            # second target to the event noun itself.
            for other in trigger.conjuncts:
                if other.pos_ in ("NOUN", "PROPN") and not is_event_noun(other):
                    add_phrases(roles.recipients, other, country)
        if modifier.dep_ == "acl":  # "an air raid conducted by X"
            add_phrases(roles.actors, agent_of(modifier), country)
    add_phrases(roles.actors, agent_of(trigger), country)
    verb = happening_verb(trigger)
    if verb is not None:
        for prep in side_prepositions(verb):
            add_phrases(roles.recipients, child(prep, "pobj"), country)
    phrase = trigger.head if trigger.dep_ == "compound" else trigger  # "a mediation effort"
    head = phrase.head
    if phrase.dep_ == "pobj" and head.lower_ == "under":  # "X came under attack"
        add_phrases(roles.recipients, subject_of(head.head), country)
        return
    if phrase.dep_ == "dobj" and lemma(head) in UNDERGOING_VERBS:  # "X survived an attack"
        add_phrases(roles.recipients, subject_of(head), country)
        return
    if phrase.dep_ == "pobj":  # "troops remained on alert"
        phrase, head = head, head.head
    finder = finding_verb(head) if phrase.dep_ == "prep" else None
    if finder is not None:
        add_phrases(roles.recipients, found_one(finder), country)  # not the finder: no doer
        return
    # "staged demonstrations", "reimposed blockades": the subject acts; not so for the object
    # of a verb that is an event itself ("condemned the attack"), nor for what a finder
    # names ("Deputies found a gunshot wound": no shooter) or a responder meets ("Officers
    # responded to a shooting"), nor for a noun naming the doers themselves ("Police dispersed
    # the protesters": the protesters protest).
    neutral = (
        lemma(head) not in TRIGGERS
        and lemma(head) not in FINDING_VERBS | RESPONDING_VERBS
        and not roles.actors
    )
    names_doers = lemma(trigger) in ACTOR_NOUNS
    if (
        phrase.dep_ in ("dobj", "prep")
        and not names_doers
        and (lemma(head) in LIGHT_VERBS or neutral)
    ):
        add_phrases(roles.actors, subject_of(head), country)


def statement_about(trigger: Token, event_type: str) -> Token | None:
    """The event noun a verb of statement is typed by: "Rights groups condemned Iran's arrest of
    the journalist" read as an arrest is the arrest's roles alone; the condemners act in the
    statement, not in the arrest."""
    types = TRIGGERS.get(lemma(trigger), ())
    if trigger.pos_ != "VERB" or not types or event_type in types:
        return None
    if not set(types) <= VERBAL_TYPES:
        return None
    noun = child(trigger, "dobj")
    if noun is not None and is_event_noun(noun) and event_type in TRIGGERS[lemma(noun)]:
        return noun
    return None


def finding_verb(word: Token) -> Token | None:
    """The verb of finding a word is, or heads as its complement ("found him dead from")."""
    if lemma(word) in FINDING_VERBS:
        return word
    if word.dep_ in FOUND_STATES and lemma(word.head) in FINDING_VERBS:
        return word.head
    return None


def found_one(verb: Token) -> Token | None:
    """Whom a verb of finding found: its object ("found Sanchez with a gunshot wound"), or the
    first noun before its complement's head ("found the man dead from a gunshot wound")."""
    found = child(verb, "dobj")
    clause = child(verb, *FOUND_STATES)
    if found is None and clause is not None:
        found = next((t for t in clause.lefts if t.pos_ in ("NOUN", "PROPN")), None)
    return found


def claimant(trigger: Token, country: str | None) -> list[EventActor]:
    """The party whose statement the event is known through ("the ministry said")."""
    claimed: list[EventActor] = []
    for ancestor in trigger.ancestors:
        if ancestor.pos_ == "VERB" and lemma(ancestor) in REPORTING_VERBS | {"accuse"}:
            add_phrases(claimed, subject_of(ancestor), country)
            break
    return claimed


def speaker_is_actor(roles: Roles, trigger: Token, country: str | None) -> None:
    """ "Russia said Sudan must return the helicopter": a demand (or threat, or promise) read
    from a modal is the speaker's act, addressed to the clause's subject."""
    speakers = claimant(trigger, country)
    own = {a.country for a in roles.actors if a.country}
    if own and {s.country for s in speakers} <= own:
        return  # "France is ready to send troops, its minister said": one party
    if speakers and not any(s.start == a.start for s in speakers for a in roles.actors):
        roles.recipients = roles.actors + roles.recipients
        roles.actors = speakers


def sentence_country(trigger: Token) -> str | None:
    """The country a sentence is about, from its first place or nationality that resolves:
    the country an actor without one of its own most likely belongs to."""
    sentence = trigger.sent
    for start, end, text in places_and_nationalities(trigger.doc):
        if start >= sentence.end:
            break
        if start >= sentence.start and end <= sentence.end:
            actor = resolve_actor(text)
            if actor is not None and actor.country:
                return actor.country
    return None


def places_and_nationalities(doc: Doc) -> list[tuple[int, int, str]]:
    """Token start, end and text of the document's GPE, LOC and NORP entities (a region the
    parser reads as LOC, "in Lower Shabelle", tells a country as a city does), found once per
    document: ``doc.ents`` builds every entity afresh each time it is read, and
    ``sentence_country`` is asked once per event."""
    found: list[tuple[int, int, str]] | None = doc.user_data.get(PLACES_KEY)
    if found is None:
        labels = ("GPE", "LOC", "NORP")
        found = [(e.start, e.end, e.text) for e in doc.ents if e.label_ in labels]
        doc.user_data[PLACES_KEY] = found
    return found


def recipient_phrases(word: Token, roles: Roles, country: str | None) -> None:
    """Recipients a word names through its dative and its "to", "with", "against"... phrases
    (and "for" after a word of giving)."""
    add_phrases(roles.recipients, child(word, "dative"), country)
    giving = BENEFICIARY_TYPES.intersection(TRIGGERS.get(lemma(word), ()))
    for prep in word.children:
        if prep.dep_ == "prep" and (
            prep.lower_ in RECIPIENT_PREPOSITIONS or (giving and prep.lower_ == "for")
        ):
            add_phrases(roles.recipients, child(prep, "pobj"), country)


def addressee(trigger: Token, roles: Roles, country: str | None) -> None:
    """ "demanded that the US cancel the sale", "warned that Iran would pay": the subject of
    the clause a demand, warning or accusation is about."""
    if not ADDRESSEE_TYPES.intersection(TRIGGERS.get(lemma(trigger), ())):
        return
    clause = child(trigger, "ccomp")
    if clause is not None:
        add_phrases(roles.recipients, child(clause, "nsubj", "nsubjpass"), country)


def complement_recipients(trigger: Token, roles: Roles, country: str | None) -> None:
    """ "offered to hand over two suspects to Britain", "promised to continue military aid to
    Mozambique": the recipient is named in the verb's complement, or its event noun."""
    verbs = [trigger]
    for _ in range(2):
        verbs = [c for v in verbs for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        for verb in verbs:
            recipient_phrases(verb, roles, country)
            for noun in verb.children:
                if noun.dep_ == "dobj" and is_event_noun(noun):
                    recipient_phrases(noun, roles, country)


def place_recipient(trigger: Token, country: str | None) -> EventActor | None:
    """The country an act lands in, as PLOVER codes a target: "lifted a curfew in Montenegro",
    "arrived in Amman", "evacuated the wounded from Gorazde"."""
    for scope in (trigger, trigger.head):
        for prep in scope.children:
            if prep.dep_ != "prep" or prep.lower_ not in LANDING_PREPOSITIONS:
                continue
            phrase = child(prep, "pobj")
            if phrase is None:
                continue
            # "in Montenegro", "from the besieged Bosnian town of Gorazde"
            place = next((t for t in phrase.subtree if t.ent_type_ in ("GPE", "LOC")), None)
            if place is not None:
                found = to_event_actor(place, False, country)
                if found.country:
                    return found
    return None


def happening_verb(trigger: Token) -> Token | None:
    """The verb an event noun is the subject of where it tells only that the event happened
    ("clashes broke out", ``OCCURRING_VERBS``)."""
    verb = trigger.head
    if trigger.dep_ == "nsubj" and verb.pos_ == "VERB" and lemma(verb) in OCCURRING_VERBS:
        return verb
    return None


def side_prepositions(verb: Token) -> list[Token]:
    """The "between" phrases of a happening verb that name its sides: its own, and one hanging
    from its place phrases ("broke out in the town between X and Y") unless it names places
    ("on the road between Juba and Yei")."""
    found = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "between"]
    chain = [c for c in verb.children if c.dep_ == "prep" and c not in found]
    while chain:
        word = chain.pop(0)
        for below in word.children:
            if below.dep_ not in _PLACE_CHAIN_DEPS:
                continue
            side = child(below, "pobj")
            if below.lower_ == "between" and side is not None:
                if side.ent_type_ not in PLACE_ENTITIES:
                    found.append(below)
            else:
                chain.append(below)
    return found


def first_side_acts(trigger: Token, roles: Roles) -> None:
    """ "fighting between the army and the RSF", "talks between Ethiopia and Eritrea", "clashes
    broke out between the army and the RSF": with no actor named otherwise, the first side is
    the actor and the others its recipients."""
    verb = happening_verb(trigger)
    candidates = [*trigger.children, *(side_prepositions(verb) if verb is not None else ())]
    between = next((c for c in candidates if c.dep_ == "prep" and c.lower_ == "between"), None)
    if between is None or roles.actors:
        return
    start, end = between.left_edge.idx, between.right_edge.idx + len(between.right_edge)
    sides = [r for r in roles.recipients if start <= r.start < end]
    if len(sides) >= 2:
        roles.recipients.remove(sides[0])
        roles.actors.append(sides[0])


def names_a_country(actor: EventActor) -> bool:
    """Whether the phrase itself says whose it is ("Syrian troops"), not only the sentence
    ("its troops", "material")."""
    own = resolve_actor(actor.text)
    return own is not None and own.country is not None


def find_roles(trigger: Token, context_country: str | None) -> Roles:
    roles = Roles()
    if trigger.pos_ == "VERB":
        verb_roles(trigger, roles, context_country)
    else:
        noun_roles(trigger, roles, context_country)
        first_side_acts(trigger, roles)
        if lemma(trigger) in ACTOR_NOUNS and not roles.actors:  # "Demonstrators chanted ..."
            roles.actors.append(to_event_actor(trigger, False, context_country))
    if not any(names_a_country(r) for r in roles.recipients):
        addressee(trigger, roles, context_country)
        complement_recipients(trigger, roles, context_country)
    # Verbs only: a place must not make a passing event noun ("as battles raged in Baghdad")
    # look like an event with arguments of its own.
    lands = trigger.pos_ == "VERB" and not is_displacement(trigger)
    if lands and not any(names_a_country(r) for r in roles.recipients):
        place = place_recipient(trigger, context_country)
        if place is not None:
            roles.recipients.append(place)
    actor_spans = {(a.start, a.end) for a in roles.actors}
    roles.recipients = [r for r in roles.recipients if (r.start, r.end) not in actor_spans]
    roles.claimed_by = claimant(trigger, context_country)
    return roles
