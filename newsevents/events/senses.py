"""Trigger words used in a sense that names no happening (``data/senses.tsv``): "the 1400 block
of Orchard Avenue", "said in a news release", "security forces", "a group called X".

The trigger lexicon lists words by lemma; these rows say, by part of speech, arc and the words
around, when such a word is an address, a document, a body of troops or a name instead."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from newsevents.events.features import lemma, read_table
from newsevents.nlp.text import span_text

SENSES_FILE = Path(__file__).parent / "data" / "senses.tsv"
ANY = "*"
CHILD = ">"  # an arc prefixed so is a child's, not the trigger's own


@dataclass(frozen=True)
class Sense:
    lemma: str
    pos: str  # a coarse part of speech (NOUN) or a fine tag (NNS), or ANY
    arc: str  # the trigger's dependency label, CHILD + a child's, or "" for any
    pattern: re.Pattern[str] | None  # over the sentence, the trigger word replaced by MARK

    def holds(self, trigger: Token) -> bool:
        if self.pos != ANY and self.pos not in (trigger.pos_, trigger.tag_):
            return False
        if self.arc.startswith(CHILD):
            if not any(c.dep_ == self.arc.removeprefix(CHILD) for c in trigger.children):
                return False
        elif self.arc and trigger.dep_ != self.arc:
            return False
        if self.pattern is None:
            return True
        return self.pattern.search(marked_sentence(trigger)) is not None


# The trigger word's stand-in: "{w}" in a pattern matches the trigger and no other word.
MARK = "zzTRIGGERzz"


def marked_sentence(trigger: Token) -> str:
    sentence = trigger.sent
    at = trigger.idx - sentence.start_char
    text = span_text(sentence)
    return text[:at] + MARK + text[at + len(trigger.text) :]


def compile_pattern(pattern: str) -> re.Pattern[str] | None:
    if not pattern:
        return None
    return re.compile(pattern.replace("{w}", MARK), re.I)


def load_senses(path: Path = SENSES_FILE) -> dict[str, list[Sense]]:
    senses: dict[str, list[Sense]] = {}
    for row in read_table(path):
        sense = Sense(row["lemma"], row["pos"], row["arc"], compile_pattern(row["pattern"]))
        senses.setdefault(sense.lemma, []).append(sense)
    return senses


SENSES = load_senses()


def names_no_happening(trigger: Token) -> bool:
    """Whether the trigger word is used in one of ``senses.tsv``'s senses."""
    return any(sense.holds(trigger) for sense in SENSES.get(lemma(trigger), ()))
