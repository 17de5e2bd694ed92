"""Casualty and other counts: numbers attached to the verbs that say what happened to whom.

"killed three civilians", "3 people died", "wounded a dozen more", "nearly a half million
people have been displaced" are counts; "Idlib is home to about 3 million people" is not,
because no such verb governs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsevents.events.features import lemma
from newsevents.nlp.numbers import NumberMention

COUNT_LEMMAS: dict[str, str] = {
    **dict.fromkeys(
        [
            "kill",
            "die",
            "dead",
            "slay",
            "massacre",
            "execute",
            "behead",
            "murder",
            "perish",
            "death",
            "fatality",
            "toll",
        ],
        "fatalities",
    ),
    **dict.fromkeys(
        ["wound", "injure", "hurt", "injured", "wounded", "injury", "casualty"], "injured"
    ),
    **dict.fromkeys(
        ["displace", "flee", "uproot", "evacuate", "displaced", "homeless"], "displaced"
    ),
    **dict.fromkeys(["arrest", "detain", "jail", "imprison", "apprehend", "round"], "arrested"),
}
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


def governing_word(number: Token, span: Span) -> Token | None:
    """The verb or adjective a number (or the noun it counts) depends on."""
    counted = number
    while counted.dep_ in ("nummod", "quantmod", "compound", "npadvmod") and counted.head in span:
        if counted.head == counted:
            break
        counted = counted.head
    for neighbour in (*counted.children, counted):
        if neighbour.dep_ in ("amod", "acomp", "oprd") and lemma(neighbour) in COUNT_LEMMAS:
            return neighbour
    if lemma(counted) in COUNT_LEMMAS:  # "the death toll", "14 dead"
        return counted
    head = counted.head
    if counted.dep_ == "pobj":  # "the deaths of 5 people", "the toll rose to 40"
        head = head.head
    if head == counted:
        return None
    return head if lemma(head) in COUNT_LEMMAS else count_word_beside(head, counted) or head


def count_word_beside(verb: Token, counted: Token) -> Token | None:
    """The count word a linking verb joins the number to: "the death toll rose to 40",
    "22 people were confirmed dead", "300 people are now homeless"."""
    for child in verb.children:
        if child == counted or lemma(child) not in COUNT_LEMMAS:
            continue
        if child.dep_ in ("acomp", "oprd", "xcomp") or (
            child.dep_ == "nsubj" and counted.dep_ in ("pobj", "attr", "dobj")
        ):
            return child
    return None


def find_counts(span: Span, numbers: list[NumberMention]) -> list[Count]:
    counts = []
    for number in numbers:
        if number.kind != "count" or not (span.start_char <= number.start < span.end_char):
            continue
        tokens = span.doc.char_span(number.start, number.end, alignment_mode="expand")
        if tokens is None:
            continue
        word = governing_word(tokens[-1], span)
        if word is None or lemma(word) not in COUNT_LEMMAS:
            continue
        counts.append(
            Count(
                field=COUNT_LEMMAS[lemma(word)],
                value=int(number.value),
                qualifier=number.qualifier,
                start=number.start,
                end=number.end,
            )
        )
    return counts
