"""Casualty and other counts: numbers attached to the verbs that say what happened to whom.

"killed three civilians", "3 people died", "wounded a dozen more", "nearly a half million
people have been displaced" are counts; "Idlib is home to about 3 million people" is not,
because no such verb governs it.

Victims are also counted without numerals when such a word governs them: one for a single
person ("a man was shot and killed", "the victim died", "Jane Doe was wounded", "another was
hurt"), the sum of a coordinated group ("two men and a woman were injured": 3), and zero for
"no one was hurt", "nobody was injured", "no injuries were reported".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.tokens import Span, Token

from newsevents.events.actors import child, preposition
from newsevents.events.features import Cues, cues_in, doc_words, lemma, load_cues
from newsevents.nlp.numbers import NumberMention
from newsevents.records import Event, Evidence, EvidenceSource
from newsevents.words import alternation, tsv_rows, word_lists

# The words of harm and loss, the count each gives and how each is written: one table.
HARM_TABLE = tsv_rows(resources.files("newsevents.events") / "data" / "harm_words.tsv")
COUNT_LEMMAS: dict[str, str] = {word: field for word, field, *_ in HARM_TABLE if field != "-"}
# The only words harm_field reads a count from (a screen: most words are none of them).
HARM_LEMMAS = frozenset(word for word, *_ in HARM_TABLE)
# "double", "triple": how many people one killing or shooting had.
MULTIPLES: dict[str, int] = {
    word: int(figure)
    for word, figure, _ in tsv_rows(resources.files("newsevents.events") / "data" / "multiples.tsv")
}
# The words of a killed or injured count, "shoot", and how many ("a triple homicide"), as they
# are written: a headline with none is not parsed (article_counts.title_candidates).
HARM_WORDS = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(
            {
                begins
                for _, field, written, _ in HARM_TABLE
                if field in ("fatalities", "injured", "-")
                for begins in written.split()
            }
            | MULTIPLES.keys()
        )
    )
    + ")",
    re.IGNORECASE,
)
# Phrases that make a count a period's tally ("this year", "so far", "since January"), and the
# counts they make one of: a toll's; the arrested "so far" are the happening's own.
TALLIES: Cues = load_cues(Path(__file__).parent / "data" / "tallies.tsv", "name")
TALLIED_FIELDS = frozenset({"fatalities", "injured"})
# Verbs that count the displaced when they drive people from their homes.
UPROOTING_VERBS = frozenset({"force", "drive", "chase", "push"})
HOMES = frozenset({"home", "house", "village", "land"})
# Which counts an event of each type may carry.
COUNTS_BY_TYPE: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset({"fatalities", "injured"}),
    "PROTEST": frozenset({"fatalities", "injured", "arrested"}),
    "COERCE": frozenset({"fatalities", "injured", "arrested", "displaced"}),
    "DISASTER": frozenset({"fatalities", "injured", "displaced"}),
    "CRIME": frozenset({"fatalities", "injured", "arrested"}),
    "DISPLACEMENT": frozenset({"displaced"}),
}


@dataclass(frozen=True)
class Count:
    field: str
    value: int
    qualifier: str | None
    start: int
    end: int
    # The people are the object of someone else's act ("killed her daughter"; not "a man
    # died", "killed himself"): a killer told beside them is another person
    # (``article_counts.with_shooter``).
    object: bool = False
    # Read from "shoot" (or "taken to a hospital": ``care_counts``): its people were shot, the
    # dead among them (``survivors``); not people told besides others ("two others were shot").
    shot: bool = False


# Things a number may count beside a count word, which are not people: "executed 44 search
# warrants", "shot three more times", "faces 17 counts of murder"; "sustained one gunshot
# wound", "suffering from several gunshot wounds", "youths ages 15 and under" (GVA fit-half
# errors).
NOT_PEOPLE = frozenset({
    "warrant", "time", "round", "shot", "bullet", "shell", "casing", "count", "charge", "gun",
    "weapon", "firearm", "search", "year", "hour", "minute", "block", "wound", "injury", "age",
})  # fmt: skip


def governing_word(number: Token, span: Span) -> Token | None:
    """The verb or adjective a number (or the noun it counts) depends on; None when the noun
    it counts is a thing (``NOT_PEOPLE``)."""
    counted = number
    while counted.dep_ in ("nummod", "quantmod", "compound", "npadvmod") and counted.head in span:
        if counted.head == counted:
            break
        counted = counted.head
    # the noun the number counts, also as an adjective ("several gunshot wounds")
    thing = counted.head if counted is number and counted.dep_ == "amod" else counted
    if thing is not number and lemma(thing) in NOT_PEOPLE:
        return None
    for neighbour in (*counted.children, counted):
        if (
            neighbour.dep_ in ("amod", "acomp", "oprd")
            and lemma(neighbour) in COUNT_LEMMAS
            and own_number(neighbour) in (None, number)
        ):
            return neighbour
    if lemma(counted) in COUNT_LEMMAS:  # "the death toll", "14 dead"
        return counted
    if counted.dep_ == "conj" and (own := elliptic_word(counted)) is not None:
        return own
    head = counted.head
    if counted.dep_ == "pobj":  # "the deaths of 5 people", "the toll rose to 40"
        head = head.head
    if head == counted:
        return None
    if is_doer(counted, head):
        return None
    return head if lemma(head) in COUNT_LEMMAS else count_word_beside(head, counted) or head


def own_number(word: Token) -> Token | None:
    """The number right before a count word that qualifies a later number: a comma-less
    headline's "2 dead 4 wounded", where "2" and "dead" are both parsed as words on "4" (read as
    4 dead too; a form met in the lead's review, not on GVA's fit half)."""
    before = word.doc[word.i - 1] if word.i > 0 else None
    return before if before is not None and before.tag_ == "CD" and word.i < word.head.i else None


def is_doer(counted: Token, verb: Token) -> bool:
    """Whether the people a number counts did the killing or wounding: the subject of such a verb
    with an object ("Two gunmen killed a man"; a page's "Two men charged after baby girl
    accidentally shot, killed Posted: ...", GVA fit half: 2 dead); not a bare number, a
    headline's "1 killed 3 injured"."""
    return (
        counted.dep_ == "nsubj"
        and counted.tag_ != "CD"
        and COUNT_LEMMAS.get(lemma(verb)) in TALLIED_FIELDS
        and child(verb, "dobj") is not None
    )


def elliptic_word(counted: Token) -> Token | None:
    """The count word right after a coordinated number, its conjunct's verb left out: "left one
    man dead and four seriously wounded" ("four" is parsed as a conjunct of "left", whose "dead"
    is the other conjunct's; GVA fit half: read as 4 dead)."""
    for token in counted.doc[counted.right_edge.i + 1 :]:
        if token.pos_ != "ADV":
            return token if lemma(token) in COUNT_LEMMAS else None
    return None


def count_word_beside(verb: Token, counted: Token) -> Token | None:
    """The count word a linking verb joins the number to: "the death toll rose to 40",
    "22 people were confirmed dead", "300 people are now homeless"."""
    for word in verb.children:
        if word == counted or lemma(word) not in COUNT_LEMMAS:
            continue
        if word.dep_ in ("acomp", "oprd", "xcomp") or (
            word.dep_ == "nsubj" and counted.dep_ in ("pobj", "attr", "dobj")
        ):
            return word
    return None


# Single people a count word may govern ("a man was killed", "the victim died"): nouns (which
# the headline forms of article_counts name too) and pronouns.
PEOPLE_NOUNS = frozenset({
    "man", "woman", "boy", "girl", "teen", "teenager", "child", "toddler", "infant", "baby",
    "kid", "youth", "juvenile", "adult", "person", "individual", "victim", "someone",
    "somebody", "male", "female", "student", "officer", "deputy", "trooper", "policeman",
    "policewoman", "soldier", "civilian", "guard", "driver", "passenger", "pedestrian",
    "bystander", "resident", "neighbor", "neighbour", "homeowner", "tenant", "roommate",
    "employee", "worker", "clerk", "customer", "owner", "father", "mother", "son", "daughter",
    "brother", "sister", "husband", "wife", "boyfriend", "girlfriend", "friend", "cousin",
    "uncle", "aunt", "grandfather", "grandmother", "nephew", "niece", "relative", "suspect",
    "gunman", "shooter", "robber", "journalist",
})  # fmt: skip
REFLEXIVES = frozenset({"himself", "herself", "itself"})  # "accidentally shot himself in the leg"
PERSON_NOUNS = PEOPLE_NOUNS | REFLEXIVES | {
    "he", "she", "him", "her", "his",  # "He was pronounced dead", "shot him", "his death"
}  # fmt: skip
# Nouns of one person's violent death, whose "of" names the dead: "the shooting death of a
# toddler", "the deaths of two men", "the murder of Jane Doe".
DEATH_NOUNS = frozenset({"death", "murder", "killing", "slaying", "homicide", "shooting"})
NO_ONE = frozenset({"nobody", "none", "noone"})
# Words whose subject is the victim: "a man died", "two people were injured".
VICTIM_SUBJECT = ("nsubjpass", "nsubj")
PEOPLE_POS = frozenset({"NOUN", "PROPN", "PRON"})
INTRANSITIVE = frozenset({"die", "perish", "dead", "injured", "wounded", "hurt"})
Group = tuple[int, str | None, list[Token]]  # size, qualifier, the number tokens it used


def numbers_by_token(span: Span, numbers: list[NumberMention]) -> dict[int, NumberMention]:
    """Count numbers of the span by their last token's index ("at least 40" -> "40")."""
    found = {}
    for number in numbers:
        if number.kind != "count" or not (span.start_char <= number.start < span.end_char):
            continue
        tokens = span.doc.char_span(number.start, number.end, alignment_mode="expand")
        if tokens is not None:
            found[tokens[-1].i] = number
    return found


def is_no_one(token: Token) -> bool:
    """ "nobody", "no one", "no injuries"."""
    return token.lower_ in NO_ONE or any(
        child.dep_ == "det" and child.lower_ == "no" for child in token.children
    )


def is_single_person(token: Token) -> bool:
    """ "a man", "the victim", "another", "a 23-year-old", "Jane Doe"."""
    if token.lower_ == "another":
        return True
    if token.tag_ in ("NNS", "NNPS"):
        return False
    if token.lower_ in ("old", "year-old"):  # "a 23-year-old was killed"
        return any(child.lower_ == "year" for child in token.subtree) or token.lower_ != "old"
    return lemma(token) in PERSON_NOUNS or token.ent_type_ == "PERSON"


def member_size(member: Token, numbers: dict[int, NumberMention]) -> Group | None:
    """How many people one conjunct names; None when it does not say (plural, not a person)."""
    counted = [member, *(c for c in member.children if c.dep_ in ("nummod", "quantmod"))]
    number = next(((t, numbers[t.i]) for t in counted if t.i in numbers), None)
    if number is not None:
        return int(number[1].value), number[1].qualifier, [number[0]]
    if is_no_one(member):
        return 0, None, []
    return (1, None, []) if is_single_person(member) else None


# Nouns that say nothing of who the people were, so a breakdown may follow them.
ANYONE = frozenset({"person", "people", "victim", "other", "individual"})


def names_anyone(head: Token) -> bool:
    """Whether a group's head says nothing of who they were: "six people", "the victims", or a
    number of them ("Three of the victims, two males and a female": a breakdown of three, not 6;
    issue #11, counts3's lead)."""
    of = preposition(head, "of") if head.tag_ == "CD" else None
    people = child(of, "pobj") if of is not None else head
    return people is not None and lemma(people) in ANYONE


def coordinated(head: Token) -> list[Token]:
    """The head and the words coordinated in its phrase ("two men and a woman", "six and
    himself"), not those of an apposition or numbers coordinated ("two men, ages 28 and 22");
    the first two people of a list the parse reads as an apposition count apart (``is_listed``)."""
    return [
        head,
        *(
            t
            for t in head.subtree
            if (t.dep_ == "conj" or is_listed(t))
            and t != head  # itself a conjunct: "One person is dead and four others injured"
            and (t.head.dep_ != "appos" or is_listed(t.head))
            and not (t.tag_ == "CD" and t.head.tag_ == "CD")
        ),
    ]


def is_listed(word: Token) -> bool:
    """Whether an apposition is the second person of a list of three or more: "A, B and C
    were shot" is parsed with B an apposition of A and C a conjunct of B (issue #11: read as
    1 shot). Not a renaming: one person, a comma and another who is one too, of the same kind
    (two names, or two nouns: not "a man, John Smith and his wife"), after no word that says
    nothing of who they were ("the victim, a 23-year-old man and ...")."""
    first = word.head
    return (
        word.dep_ == "appos"
        and is_after_comma(word)
        and any(c.dep_ == "conj" and c.pos_ in PEOPLE_POS for c in word.children)
        and is_single_person(first)
        and is_single_person(word)
        and lemma(first) not in ANYONE
        and (first.pos_ == "PROPN") == (word.pos_ == "PROPN")
    )


def group_size(
    head: Token, numbers: dict[int, NumberMention], told_by: Token | None = None
) -> Group | None:
    """The sum over a coordinated group ("two men and a woman": 3); None when any member's size
    is unknown. A breakdown of people, victims or others after a comma that adds up to them
    tells them again: "six people, three men and three women" is 6. An adjective ``told_by``
    after the group's head tells of the members before it alone: "left a man dead and a girl and
    a woman wounded" has one dead (issue #11: read as 3)."""
    members = [
        m
        for m in coordinated(head)
        if m.pos_ != "VERB" and (told_by is None or told_by.i < head.i or m.i < told_by.i)
    ]
    sizes = [member_size(m, numbers) for m in members]
    if not sizes or any(size is None for size in sizes):
        return None
    known = [size for size in sizes if size is not None]
    first, rest = known[0][0], sum(n for n, _, _ in known[1:])
    if names_anyone(head) and len(known) > 2 and rest == first and is_after_comma(members[1]):
        known = known[:1]
    qualifier = next((q for _, q, _ in known if q), None)
    return sum(n for n, _, _ in known), qualifier, [t for _, _, used in known for t in used]


# Words that tell people besides those told before: "two others", "another", "two more people".
BESIDES = frozenset({"other", "others", "another", "more", "additional"})


QUALIFYING = frozenset({"det", "amod", "nummod", "quantmod", "advmod"})


def told_besides(people: Token, act: Token) -> bool:
    """Whether a phrase names people besides those told before ("a man was shot and killed and
    two others were shot", "two more were shot"): its head or a word qualifying it (not one of
    its conjuncts: "a man and another person") is one of ``BESIDES``, or the act they underwent
    is told with "also" ("Her mother was also shot"; not "also shot himself": a shooter who shot
    himself may be among the dead)."""
    if people.lower_ not in REFLEXIVES and any(
        c.dep_ == "advmod" and c.lower_ == "also" for c in act.children
    ):
        return True
    words = [people]
    while words:
        word = words.pop()
        if word.lower_ in BESIDES:
            return True
        words += [c for c in word.children if c.dep_ in QUALIFYING]
    return False


def is_after_comma(member: Token) -> bool:
    start = member.left_edge.i
    return start > 0 and member.doc[start - 1].text == ","


def subject_of(word: Token) -> Token | None:
    """The subject of a verb, or of the verb it is coordinated with or complements ("a man was
    shot and killed", "a man was shot dead")."""
    while True:
        subject = child(word, *VICTIM_SUBJECT)
        if subject is not None:
            return subject
        if word.dep_ == "pcomp" and is_passive(word):  # "a boy is recovering after being shot"
            word = word.head.head
        elif word.dep_ in ("conj", "acomp", "oprd", "xcomp"):
            word = word.head
        else:
            return None


def is_passive(word: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in word.children)


def victim_of(word: Token, headline: bool = False) -> Token | None:
    """The phrase naming whom a count word happened to: the object of an active verb ("killing a
    man") or of the verb an adjective completes ("left a man dead"), else the subject of a
    passive, intransitive or adjective ("a man was killed", "a woman died", "a man is dead"),
    the noun an adjective or participle qualifies ("the wounded man", "five officers killed
    by a gunman"), or the noun a relative clause tells of ("Anderson, who died"). A
    ``headline`` drops the passive's "was": "Man shot in head", "Four shot outside bar"."""
    if word.dep_ == "amod" and word.pos_ == "ADJ":
        return word.head
    if word.dep_ == "acl" and (word.tag_ == "VBN" or (headline and is_headline_passive(word))):
        return first_conjunct(word.head) if headline else word.head
    obj = child(word.head if word.dep_ == "oprd" else word, "dobj")
    if obj is not None:
        return obj
    passive = is_passive(word) or word.tag_ == "VBN"
    passive = passive or (headline and is_headline_passive(word))
    if passive or lemma(word) in INTRANSITIVE or word.dep_ in ("acomp", "oprd"):
        subject = subject_of(word)
        # "Anderson, who died", "a man who was shot and killed"
        if subject is not None and subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
            return subject.head.head
        if subject is not None and (
            subject.dep_ == "nsubjpass"
            or is_passive(word)  # "he fled and was shot", "recovering after being shot"
            or lemma(word) in INTRANSITIVE
            or headline
        ):
            return subject
    return None


def is_headline_passive(word: Token) -> bool:
    """A headline's passive, its "was" left out, tagged as a past tense: "2 men and a woman shot
    outside a club", whose "shot" qualifies "woman" (not "Man fatally shot brother")."""
    return word.tag_ == "VBD" and not has_aux(word) and child(word, "dobj") is None


def first_conjunct(noun: Token) -> Token:
    """The first of the people coordinated with a noun, which a participle after the last one
    tells of with it: a headline's "2 men and a woman shot" hangs "shot" on "woman" (read as 1
    shot). Not in a text, where the parse joins a clause's people to others ("charged a suspect
    in a shooting that left one man dead and a girl injured": "girl" a conjunct of "suspect")."""
    while noun.dep_ == "conj" and noun.head.pos_ in PEOPLE_POS:
        noun = noun.head
    return noun


FATAL_MODIFIERS = frozenset({"fatally", "mortally", "dead", "fatal", "deadly"})


def dead_of(noun: Token) -> Token | None:
    """Whom a death noun names as dead: the object of its "of", else its possessor ("the boy's
    death", "his death")."""
    of = preposition(noun, "of")
    return child(of, "pobj") if of is not None else child(noun, "poss")


def is_fatal(word: Token) -> bool:
    """ "fatally shot", "shot dead", "shot to death", "the fatal shooting"."""
    return any(
        child.lower_ in FATAL_MODIFIERS
        or (child.dep_ == "prep" and child.lower_ == "to" and has_death(child))
        for child in word.children
    )


def has_death(preposition: Token) -> bool:
    return any(lemma(obj) == "death" for obj in preposition.children)


def has_aux(word: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in word.children)


def is_kill_word(token: Token) -> bool:
    return COUNT_LEMMAS.get(lemma(token)) == "fatalities"


def has_subject(token: Token) -> bool:
    return any(child.dep_ in VICTIM_SUBJECT for child in token.children)


def shooting_field(shot: Token) -> str | None:
    """Whom "shoot" counts: the dead when fatal ("fatally shot", "shot dead"), else the
    injured; None when a kill word beside it counts them ("shot and killed")."""
    joined = [t for t in shot.children if t.dep_ == "conj"]
    if shot.dep_ == "conj":
        joined.append(shot.head)
    if any(is_kill_word(t) and not has_subject(t) for t in joined):
        return None
    return "fatalities" if is_fatal(shot) else "injured"


def harm_field(word: Token) -> str | None:
    """The count a word of harm gives: "shoot" as ``shooting_field`` says, a wound that was
    fatal ("was fatally injured") the dead, else its lemma's."""
    if lemma(word) == "shoot":
        return shooting_field(word)
    if lemma(word) == "shooting":  # "the fatal shooting of a woman"; else the event's name
        return "fatalities" if word.pos_ == "NOUN" and is_fatal(word) else None
    field = COUNT_LEMMAS.get(lemma(word))
    return "fatalities" if field == "injured" and is_fatal(word) else field


# How badly, which a denial leaves standing: "was not seriously hurt" was hurt.
DEGREES = frozenset({"seriously", "critically", "severely", "badly", "gravely", "fatally"})


def is_denied(word: Token, victim: Token) -> bool:
    """Whether the people a count word names are said to have been spared: "the driver and two
    other children were not injured", "Neither of the brothers ... were injured" (GVA fit half:
    read as 3 and 2 injured). They are no count, not even a zero: others may have been hurt
    ("no one was hurt" is the zero, ``is_no_one``)."""
    if victim.lower_ == "neither" or any(
        c.dep_ == "det" and c.lower_ == "neither" for c in victim.children
    ):
        return True
    children = list(word.children)
    return (
        lemma(word) != "hospitalize"  # "One victim was not hospitalized": hurt, not taken in
        and any(c.dep_ == "neg" for c in children)
        and not any(c.lower_ in DEGREES for c in children)
    )


def bare_conjunct(word: Token, victim: Token) -> Token | None:
    """The people a count word counts in a phrase whose first number has a count word of its
    own: "left one dead and four wounded", "One dead and four wounded in shooting": "wounded"
    governs "one dead and four" and counts "four" (GVA fit half: read as 1 injured); None when
    no number is left bare, as in a headline's "1 killed 3 injured", where "3 injured" is
    parsed as the object of "killed" (read as 3 dead)."""
    if victim.tag_ != "CD" or not any(
        c.dep_ in ("amod", "acl") and c != word and lemma(c) in COUNT_LEMMAS
        for c in victim.children
    ):
        return victim
    bare = [t for t in victim.children if t.dep_ == "conj" and t.tag_ == "CD"]
    return bare[-1] if bare else None


def phrase_text(token: Token) -> str:
    return token.doc[token.left_edge.i : token.right_edge.i + 1].text


# The dependants a period is told by: "shot in Chicago this year", "so far", "since January",
# "This year has seen 130 shooting deaths".
PERIOD_DEPS = frozenset({"npadvmod", "advmod", "prep", "nsubj", "tmod"})


def is_tally(word: Token) -> bool:
    """Whether a count word, or the verb of its clause, has a phrase of a period's total
    (``TALLIES``): "More than 4,230 people have been shot in Chicago this year" counts no
    happening's people. Only for more than one: the parser hangs an apposition's period on the
    verb ("A man was killed on Friday, the city's 12th homicide this year")."""
    clause = word
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
        clause = clause.head
    return any(
        phrase.dep_ in PERIOD_DEPS and cues_in(phrase_text(phrase), TALLIES)
        for holder in {word, clause}
        for phrase in holder.children
    )


def count_words(word: Token, victim: Token) -> tuple[int, int]:
    """The offsets of a count's words: the count word and the phrase naming the people, not what
    hangs on the count word inside that phrase ("four others injured after a shooting": not the
    shooting, which would read as the people shot: ``shot_survivors``)."""
    inside = victim in word.ancestors  # "four others injured", "the wounded man"
    words = [word, *(t for t in victim.subtree if not (inside and word in t.ancestors))]
    return min(t.idx for t in words), max(t.idx + len(t) for t in words)


def victim_counts(
    span: Span, numbers: dict[int, NumberMention], headline: bool = False
) -> tuple[list[Count], set[int]]:
    """Counts read from the people a count word governs, and the number tokens they used."""
    counts: list[Count] = []
    used: set[int] = set()
    lemmas = doc_words(span.doc).lemmas
    for i in range(span.start, span.end):
        if lemmas[i] not in HARM_LEMMAS:
            continue
        word = span.doc[i]
        field = harm_field(word)
        if field is None:
            continue
        if word.pos_ == "NOUN" and is_no_one(word):  # "no injuries were reported"
            counts.append(Count(field, 0, None, word.idx, word.idx + len(word)))
            continue
        if word.pos_ in ("VERB", "ADJ"):
            victim = victim_of(word, headline)
        else:
            victim = dead_of(word) if word.pos_ == "NOUN" and lemma(word) in DEATH_NOUNS else None
        # a count word parsed as the people of another is a count of its own: a comma-less
        # headline's "2 killed 5 hurt", whose "5 hurt" is parsed as the object of "killed"
        if victim is None or lemma(victim) in NOT_PEOPLE or lemma(victim) in COUNT_LEMMAS:
            continue
        # An adjective on a bare number counts that number only: "one dead and three injured";
        # none with a number of its own ("2 dead 4 wounded": ``own_number``).
        alone = word.dep_ == "amod" and victim.tag_ == "CD"
        if alone and own_number(word) is not None:
            continue
        people = victim if alone else bare_conjunct(word, victim)
        if people is None:
            continue
        # an adjective after its people ("left a man dead and ...") tells of those before it
        told_by = word if word.dep_ == "amod" else None
        group = member_size(people, numbers) if alone else group_size(people, numbers, told_by)
        if group is None:
            continue
        victim = people
        value, qualifier, tokens = group
        used.update(t.i for t in tokens)
        if is_denied(word, victim) or (value > 1 and field in TALLIED_FIELDS and is_tally(word)):
            continue
        # "killed three civilians", "a man was shot"; "one dead" alone of "one dead and four"
        start, end = (
            (min(t.idx for t in (word, victim)), max(t.idx + len(t) for t in (word, victim)))
            if alone
            else count_words(word, victim)
        )
        done_to = victim.dep_ == "dobj" and victim.head == word and victim.lower_ not in REFLEXIVES
        # the dead are among the people shot, unless these are others than the dead
        shot = lemma(word) == "shoot" and not told_besides(victim, word)
        counts.append(Count(field, value, qualifier, start, end, done_to, shot))
    return counts, used


# A wounded person's state as hospitals give it: "is in critical condition".
WOUNDED_STATES = frozenset({
    "critical", "serious", "stable", "fair", "good", "grave", "guarded", "satisfactory", "poor",
    "life-threatening",
})  # fmt: skip


def in_condition(noun: Token) -> Token | None:
    """Whom "in critical condition" tells of: the subject of the verb it completes ("a man is in
    serious condition", "was listed in stable condition"), or the noun it qualifies."""
    if noun.head.lower_ != "in" or not any(c.lower_ in WOUNDED_STATES for c in noun.children):
        return None
    holder = noun.head.head
    return holder if holder.pos_ in ("NOUN", "PROPN", "PRON") else child(holder, *VICTIM_SUBJECT)


def condition_counts(span: Span, numbers: dict[int, NumberMention]) -> list[Count]:
    """The injured a wounded state tells ("two men are in critical condition": 2)."""
    counts = []
    lemmas = doc_words(span.doc).lemmas
    for i in range(span.start, span.end):
        if lemmas[i] != "condition" or (victim := in_condition(word := span.doc[i])) is None:
            continue
        group = group_size(victim, numbers) if lemma(victim) not in NOT_PEOPLE else None
        if group is not None:
            counts.append(Count("injured", group[0], group[1], *count_words(word, victim)))
    return counts


# Passive verbs that carry people to a place of care, and the words that name one ("were
# taken to a hospital"): data/care_words.tsv.
CARE_WORDS = word_lists(resources.files("newsevents.events") / "data" / "care_words.tsv")
CARE_PLACE = re.compile(rf"\b(?:{alternation(CARE_WORDS['place'])})\b", re.IGNORECASE)


def is_carried_to_care(word: Token) -> bool:
    """ "were taken to a hospital", "was shot and rushed to Ryder Trauma Center": a passive verb
    of carrying (or a participle joined to one) whose "to" names a place of care."""
    return (
        lemma(word) in CARE_WORDS["verb"]
        and (is_passive(word) or (word.tag_ == "VBN" and not has_aux(word)))
        and any(
            prep.dep_ == "prep" and prep.lower_ == "to" and CARE_PLACE.search(phrase_text(prep))
            for prep in word.children
        )
    )


def care_counts(span: Span, numbers: dict[int, NumberMention]) -> list[Count]:
    """The hurt a sentence tells by carrying them to a hospital ("two men were taken to a
    hospital": 2). Those carried may have died there, so the dead are among them as among people
    shot (``survivors``), unless they are told as others ("two other victims were rushed to the
    hospital")."""
    counts = []
    for word in span:
        victim = subject_of(word) if is_carried_to_care(word) else None
        if victim is None or is_denied(word, victim):  # "was not taken to a hospital"
            continue
        group = group_size(victim, numbers) if lemma(victim) not in NOT_PEOPLE else None
        if group is not None:
            shot = not told_besides(victim, word)
            counts.append(
                Count("injured", group[0], group[1], *count_words(word, victim), shot=shot)
            )
    return counts


def count_field(word: Token) -> str | None:
    """The count a governing word gives: its lemma's, or "displaced" for a verb that drives
    people from their homes ("floods forced 40,000 people from their homes")."""
    if lemma(word) in COUNT_LEMMAS:
        return COUNT_LEMMAS[lemma(word)]
    if lemma(word) in UPROOTING_VERBS and any(
        prep.dep_ == "prep"
        and prep.lower_ in ("from", "out")
        and any(lemma(obj) in HOMES for obj in prep.subtree)
        for prep in word.children
    ):
        return "displaced"
    return None


def fatal_share(number: Token) -> str | None:
    """ "fatalities" for the dead among the shot: "two men were shot, one fatally", "shot six
    people, one fatally" (the shot are then injured less the dead, as ``shot_survivors`` does)."""
    shooting = any(lemma(t) == "shoot" for t in (number.head, number.head.head))
    return "fatalities" if shooting and is_fatal(number) else None


def multiple_counts(span: Span) -> list[Count]:
    """The people a killing or shooting named by how many it had: "a double homicide" is two
    dead, "a triple shooting" (fatal or not) three people shot, the dead among them
    (``survivors``)."""
    counts = []
    for word in span:
        figure = MULTIPLES.get(word.lower_)
        noun = word.head
        if (
            figure is None
            or word.dep_ not in ("amod", "compound")
            or lemma(noun) not in DEATH_NOUNS
        ):
            continue
        shot = lemma(noun) == "shooting"
        field = "injured" if shot else "fatalities"
        counts.append(Count(field, figure, None, word.idx, noun.idx + len(noun), shot=shot))
    return counts


def across_paragraphs(word: Token, number: Token) -> bool:
    """Whether a blank line lies between a number and the word it was parsed to: the parser
    joined a title to the paragraph after it ("Star Killed in Shooting", then "Hundreds of
    students released balloons": not 100 dead; GVA fit half)."""
    first, last = sorted((word.i, number.i))
    return "\n\n" in word.doc[first:last].text


def find_counts(
    span: Span, numbers: dict[int, NumberMention], headline: bool = False
) -> list[Count]:
    """The counts a span reads, given its count numbers by token (``numbers_by_token``, which
    ``carried_counts`` reads too); a ``headline`` writes the passive without "was"
    (``victim_of``)."""
    counts, used = victim_counts(span, numbers, headline)
    for index, number in numbers.items():
        if index in used:
            continue
        word = governing_word(span.doc[index], span)
        if word is not None and across_paragraphs(word, span.doc[index]):
            continue
        field = fatal_share(span.doc[index]) or (count_field(word) if word is not None else None)
        if field is None or (
            word is not None and field in TALLIED_FIELDS and number.value > 1 and is_tally(word)
        ):
            continue
        counts.append(
            Count(
                field=field,
                value=int(number.value),
                qualifier=number.qualifier,
                start=number.start,
                end=number.end,
            )
        )
    counts += multiple_counts(span)
    # a state that tells again the wounded a count word gave ("was shot and is in critical
    # condition") is not a count of its own
    counts += told_anew(condition_counts(span, numbers), counts)
    return sorted(counts, key=lambda count: count.start)


def carried_counts(
    span: Span, numbers: dict[int, NumberMention], counts: list[Count]
) -> list[Count]:
    """The injured a span carries to a hospital (``care_counts``) that its ``counts``
    (``find_counts``) do not already tell. A ride names no happening of its own, so these are
    candidates of the article's count chooser (``article_counts.sentence_candidates``), not
    counts of the events of their sentence, where "the boy was taken to a hospital" would make
    an aside's event the article's most harmful one."""
    return told_anew(care_counts(span, numbers), counts)


def told_anew(injured: list[Count], counts: list[Count]) -> list[Count]:
    """The injured counts whose words overlap no injured count among ``counts``."""
    return [
        new
        for new in injured
        if not any(c.field == "injured" and c.start < new.end and new.start < c.end for c in counts)
    ]


def count_evidence(count: Count, words: str, source: EvidenceSource = "text") -> Evidence:
    """The words a count was read from, as an event's ``field_evidence``, marked when shot."""
    return Evidence(words, count.start, count.end, source, shot=count.shot)


def survivors(injured: int, fatalities: int, shot: bool) -> int:
    """The injured as the Gun Violence Archive codes them: of people shot ("four people were
    shot"), only those who did not die."""
    return max(injured - fatalities, 0) if shot else injured


def shot_survivors(events: Sequence[Event]) -> None:
    """An event whose injured count was read from people shot and that also counts deaths
    keeps as injured only the shot who lived (``survivors``). Chosen on GVA's even half of
    incidents (main event injured 0.467 -> 0.505 there, simulated)."""
    for event in events:
        words = event.field_evidence.get("injured")
        if words is not None and event.fatalities and event.injured:
            event.injured = survivors(event.injured, event.fatalities, words.shot)
