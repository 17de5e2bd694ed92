"""Sentence features shared by training and inference: one function, so the two never drift."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

import numpy as np
from spacy.attrs import (
    DEP,
    HEAD,
    IS_PUNCT,
    IS_QUOTE,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    SPACY,
)
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc, Span, Token

from newsevents.events.triggers import TRIGGER_POS, TRIGGERS, TYPES_ACTING_ON
from newsevents.nlp.text import span_text
from newsevents.screen import lowered_text, may_match
from newsevents.words import table_lines

# Stop words that still carry event meaning (modality, negation, direction).
_KEPT_STOP_WORDS = frozenset(
    [
        "not",
        "no",
        "never",
        "will",
        "would",
        "should",
        "must",
        "could",
        "might",
        "may",
        "can",
        "against",
        "by",
        "off",
        "out",
        "down",
        "up",
    ]
)
# Verbs that report an event rather than being one: the event is in their complement.
REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "report",
        "announce",
        "state",
        "add",
        "claim",
        "quote",
        "confirm",
        "declare",
        "insist",
        "write",
        "note",
    ]
)
# Verbs of finding out: what their clause tells is found, not done, by their subject ("Police
# found the child had been shot", GVA fit half; issue #11).
FINDING_VERBS = frozenset(["find", "discover", "learn", "realise", "realize"])
TELLING_OR_FINDING_VERBS = REPORTING_VERBS | FINDING_VERBS
MODALS = {
    "will": "will",
    "would": "will",
    "shall": "will",
    "'ll": "will",
    "must": "must",
    "should": "must",
    "may": "may",
    "might": "may",
    "could": "may",
    "can": "may",
}
# "plans to", "ready to", "willing to": what follows is intended, not done.
INTENT_HEADS = frozenset(
    ["plan", "intend", "prepare", "ready", "willing", "decide", "aim", "expect", "vow"]
)
# Trigger verbs that mostly carry an event noun: "held talks", "opened fire", "imposed sanctions",
# "a deal was struck".
LIGHT_TRIGGERS = frozenset({"hold", "open", "impose", "sign", "reach", "begin", "end", "strike"})
WORDS_KEY = "newsevents.words"  # where doc_words keeps its answer
# The dependency arcs walked, breadth first from the root, to find the main event predicate.
_WALK_DEPS = frozenset(
    [
        "ccomp",
        "xcomp",
        "conj",
        "dobj",
        "nsubj",
        "nsubjpass",
        "pobj",
        "prep",
        "advcl",
        "acomp",
        "attr",
        "dative",
        "agent",
        "pcomp",
        "oprd",
        "appos",
        "relcl",
        "acl",
        "npadvmod",
    ]
)


ACLED_CUES_FILE = Path(__file__).parent / "data" / "acled_cues.tsv"
FRAMES_FILE = Path(__file__).parent / "data" / "frames.tsv"
LEMMAS_FILE = Path(__file__).parent / "data" / "lemmas.tsv"


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line (``words.table_lines``), by column."""
    rows = csv.DictReader(table_lines(path), delimiter="\t")
    return [{key: value or "" for key, value in row.items()} for row in rows]


# Words whose event is about an earlier one (a vigil, a trial): ``data/frames.tsv``.
FRAMES = frozenset(row["lemma"] for row in read_table(FRAMES_FILE))
# Word forms (lower case) spaCy gives another word's lemma ("raped": "rap"): ``data/lemmas.tsv``.
LEMMAS = {row["word"]: row["lemma"] for row in read_table(LEMMAS_FILE)}


Cues = list[tuple[str, re.Pattern[str]]]


def load_cues(path: Path, key: str) -> Cues:
    """(name, pattern) rows of a cue table: the ``key`` column and the case-insensitive
    ``pattern`` column."""
    return [(row[key], re.compile(row["pattern"], re.I)) for row in read_table(path)]


def load_acled_cues(path: Path = ACLED_CUES_FILE) -> Cues:
    """(sub-event, pattern) rows of ``acled_cues.tsv``."""
    return load_cues(path, "sub_event")


ACLED_CUES = load_acled_cues()
CUE = "cue="  # the feature prefix of an ACLED cue


def cues_in(text: str, cues: Cues) -> list[str]:
    """The names of the cues whose pattern the text holds (a pattern none of whose words the
    text holds is not run: ``newsevents.screen``)."""
    lowered = lowered_text(text)
    return [name for name, pattern in cues if may_match(pattern, lowered) and pattern.search(text)]


def acled_cues(text: str) -> list[str]:
    """The ACLED sub-event types whose cue words the text holds."""
    return cues_in(text, ACLED_CUES)


def hyphen_compounds(doc: Doc, hyphens: list[int]) -> dict[int, str]:
    """The known hyphenated triggers of a document, by the index of their right word: spaCy
    splits "sit-in" into "sit", "-", "in", and the right word heads the compound. ``hyphens``
    are the indices of the document's "-" tokens with no space after them."""
    found = {}
    for i in hyphens:
        if 0 < i < len(doc) - 1:
            left, right = doc[i - 1], doc[i + 1]
            compound = f"{left.lower_}-{right.lemma_.lower()}"
            if left.is_alpha and not left.whitespace_ and compound in TRIGGERS:
                found[right.i] = compound
    return found


def event_root(span: Span) -> Token:
    """The sentence's main verb, or for a report ("22 were killed, police said") the verb of
    what is reported."""
    root = span.root
    if lemma(root) in REPORTING_VERBS:
        complements = [c for c in root.children if c.dep_ in ("ccomp", "xcomp")]
        return complements[0] if complements else root
    return root


@dataclass(frozen=True)
class DocWords:
    """What the features read of each token of a document, found once per document from its
    arrays (``lemma`` is asked about every token many times; a sentence's features are read
    by three models)."""

    lemmas: list[str]  # as ``lemma`` reads them
    lowers: list[str]  # as ``Token.lower_``
    spacy_lemmas: list[str]  # as ``Token.lemma_.lower()`` (no compounds)
    quotes: list[bool]  # as ``Token.is_quote``
    verbal: list[bool]  # a VERB or an AUX
    triggers: list[bool]  # as ``is_trigger`` reads them
    content: list[str | None]  # the word ``content_lemmas`` keeps, or None
    # The children on the arcs ``triggers_by_salience`` walks, by parent then position: token
    # i's are walked[bounds[i] : bounds[i + 1]] (no list per token: a thousand lists an article
    # cost more in the garbage collector's passes than the rest of this reading).
    walked: list[int]
    bounds: list[int]

    def children(self, i: int) -> list[int]:
        return self.walked[self.bounds[i] : self.bounds[i + 1]]


def doc_words(doc: Doc) -> DocWords:
    found: DocWords | None = doc.user_data.get(WORDS_KEY)
    if found is None:
        found = read_words(doc)
        doc.user_data[WORDS_KEY] = found
    return found


def read_words(doc: Doc) -> DocWords:
    strings = doc.vocab.strings
    columns = doc.to_array(
        [LEMMA, POS, DEP, HEAD, LOWER, ORTH, SPACY, IS_PUNCT, IS_SPACE, IS_STOP, LIKE_NUM, IS_QUOTE]
    )
    lemma_ids, pos, dep, head, lower, orth, spaced = columns[:, :7].T
    punct, space, stop, number, quote = columns[:, 7:].T.astype(bool)
    compounds = hyphen_compounds(
        doc, np.flatnonzero((orth == strings["-"]) & (spaced == 0)).tolist()
    )
    lemma_hashes, by_lemma = np.unique(lemma_ids, return_inverse=True)
    distinct = [strings[int(h)].lower() for h in lemma_hashes]
    spacy_lemmas = [distinct[j] for j in by_lemma.tolist()]
    lemmas = list(spacy_lemmas)
    lower_hashes, by_lower = np.unique(lower, return_inverse=True)
    lowers = [strings[int(h)] for h in lower_hashes]
    misread = [j for j, word in enumerate(lowers) if word in LEMMAS]
    relemmatized = np.flatnonzero(np.isin(by_lower, misread)).tolist()
    for i in relemmatized:
        lemmas[i] = LEMMAS[lowers[by_lower[i]]]
    for i, compound in compounds.items():
        lemmas[i] = compound
    index = np.arange(len(doc))
    in_compound = np.isin(index, list(compounds))
    # The left word of a known compound ("cease" of "cease-fire") is read on its right word.
    part = np.isin(index + 2, list(compounds))
    trigger_word = np.array([word in TRIGGERS for word in distinct], dtype=bool)[by_lemma]
    trigger_word[relemmatized] = [lemmas[i] in TRIGGERS for i in relemmatized]
    trigger_pos = np.isin(pos, [IDS[name] for name in TRIGGER_POS])
    triggers = ~part & (in_compound | (trigger_pos & trigger_word))
    kept_stop = np.isin(lower, [strings[word] for word in _KEPT_STOP_WORDS])
    kept = ~(punct | space | part | (stop & ~kept_stop & ~in_compound))
    content = [
        ("#" if numeric else word) if keep else None
        for word, keep, numeric in zip(lemmas, kept.tolist(), number.tolist(), strict=True)
    ]
    arcs = np.flatnonzero(np.isin(dep, [strings[name] for name in _WALK_DEPS]) & (head != 0))
    parents = head[arcs].astype(np.int64) + arcs
    by_parent = np.argsort(parents, kind="stable")  # stable: each parent's children in order
    bounds = np.searchsorted(parents[by_parent], np.arange(len(doc) + 1))
    walked = arcs[by_parent].tolist()
    return DocWords(
        lemmas,
        [lowers[j] for j in by_lower.tolist()],
        spacy_lemmas,
        quote.tolist(),
        np.isin(pos, [IDS["VERB"], IDS["AUX"]]).tolist(),
        triggers.tolist(),
        content,
        walked,
        bounds.tolist(),
    )


def lemma(token: Token) -> str:
    """The token's lemma in lower case; for the right word of a known hyphenated trigger, the
    compound ("sit-in")."""
    words: DocWords = token.doc.user_data.get(WORDS_KEY) or doc_words(token.doc)
    return words.lemmas[token.i]


def is_trigger(token: Token) -> bool:
    """A trigger word that is not the left word of a known compound; a known compound is an
    event word whatever spaCy tags its right word ("in" of "sit-in")."""
    return doc_words(token.doc).triggers[token.i]


def triggers_by_salience(span: Span) -> list[Token]:
    """Trigger tokens of a sentence, nearest the main predicate first (breadth-first walk);
    a light verb yields to the event noun it governs ("held talks", "opened an inquiry")."""
    words = doc_words(span.doc)
    if not any(words.triggers[span.start : span.end]):
        return []
    queue = [span.root.i]
    ordered = []
    while queue:
        i = queue.pop(0)
        ordered.append(i)
        queue.extend(words.children(i))
    seen = set(ordered)
    ordered += [i for i in range(span.start, span.end) if i not in seen]
    triggers = [span.doc[i] for i in ordered if words.triggers[i]]
    if triggers and lemma(triggers[0]) in LIGHT_TRIGGERS:
        objects = [c for c in triggers[0].children if c.dep_ in ACTED_ON]
        nouns = [c for c in objects if is_trigger(c)]
        if nouns:
            triggers.remove(nouns[0])
            triggers.insert(0, nouns[0])
        elif any(lemma(c) in FRAMES for c in objects):
            triggers.pop(0)  # "held a vigil": a commemoration, not a detention
    return triggers


def modality(token: Token) -> str | None:
    """'will', 'must', 'may', 'not' or None: the modality of a predicate or its governors
    (for an event noun, of the verb it is the object of: "will extend the curfew")."""
    if token.pos_ == "NOUN" and token.dep_ in ACTED_ON:
        token = token.head
    for current in chain([token], islice(token.ancestors, 2)):  # read only while needed
        modal = None  # the first modal auxiliary; a negation anywhere among them wins
        for child in current.children:
            dep = child.dep_
            if dep == "neg":
                return "not"
            if modal is None and dep == "aux" and child.lower_ in MODALS:
                modal = MODALS[child.lower_]
        if modal is not None:
            return modal
        if current.dep_ == "xcomp" and lemma(current.head) in INTENT_HEADS:
            return "will"
        if current.dep_ not in ("xcomp", "ccomp"):
            break
    return None


CONFLICTUAL = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE", "REJECT"})
COOPERATIVE = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE", "CONSULT", "SUPPORT", "AGREE"})


# What a verb acts on: its object, or its subject when passive ("was struck by a car").
ACTED_ON = ("dobj", "nsubjpass")


def acts_on_something(word: Token) -> bool:
    """A verb with an object or a passive subject ("striking the boy", "was struck")."""
    return word.pos_ == "VERB" and any(c.dep_ in ACTED_ON for c in word.children)


def candidate_types(trigger: Token) -> set[str]:
    """The types a trigger may carry: its own, or CAMEO's reading of its modality.

    "will shell" is a THREATEN, "will provide aid" an AGREE, "must release" a REQUEST and
    "will not accept" a REJECT: the statement of intent is the event that happened.
    """
    own = set(TRIGGERS[lemma(trigger)])
    if acts_on_something(trigger):
        own = set(TYPES_ACTING_ON.get(lemma(trigger), own))  # "striking the boy": a blow
    mood = modality(trigger)
    intent = set()
    if mood in ("will", "may"):
        if own & (CONFLICTUAL - {"REJECT"}):
            intent.add("THREATEN")
        if own & COOPERATIVE:
            intent.add("AGREE")
    elif mood == "must":
        intent.add("REQUEST")
    elif mood == "not" and own & COOPERATIVE:
        intent.add("REJECT")
    return intent or own


def content_lemmas(span: Span) -> list[str]:
    return [word for word in doc_words(span.doc).content[span.start : span.end] if word is not None]


def sentence_features(span: Span, triggers: list[Token] | None = None) -> list[str]:
    """Binary features of a sentence: lemmas, bigrams, trigger words and their types, the main
    predicate and its modality; for a sentence with a trigger (``triggers_by_salience``, given
    when known), how its main trigger is told and the ACLED cue words."""
    lemmas = content_lemmas(span)
    features = [f"w={word}" for word in lemmas]
    features += [f"b={a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    if triggers is None:
        triggers = triggers_by_salience(span)
    for token in triggers:
        features.append(f"t={lemma(token)}")
        features += [f"tt={event_type}" for event_type in TRIGGERS[lemma(token)]]
    root = event_root(span)
    features.append(f"root={lemma(root)}")
    mood = modality(root)
    if mood:
        features.append(f"mood={mood}")
    if triggers:
        main = triggers[0]
        mood = modality(main)
        features.append(f"main={lemma(main)}")
        for event_type in TRIGGERS[lemma(main)]:
            features.append(f"mtt={event_type}")
            features.append(f"mtt={event_type}|{mood}")
        features += clause_features(main)
        features += [f"{CUE}{sub_event}" for sub_event in acled_cues(span_text(span))]
    features += shape_features(span)
    return sorted(set(features))


# Dependency arcs that give a trigger a participant: who acted, on whom.
_PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "poss"})


def clause_features(trigger: Token) -> list[str]:
    """How the main trigger is told: its tag (tense, noun or verb), its arc, whether it has
    participants and a number: an event told happens to someone, at some time, in a clause."""
    arcs = {child.dep_ for child in trigger.children}
    features = [f"mtag={trigger.tag_}", f"mdep={trigger.dep_}"]
    features += [f"marg={dep}" for dep in sorted(arcs & _PARTICIPANT_DEPS)]
    if not arcs & _PARTICIPANT_DEPS:
        features.append("marg=none")
    if any(t.like_num for t in trigger.subtree):
        features.append("mnum")
    return features


def dense_features(span: Span, triggers: list[Token]) -> np.ndarray:
    """spaCy's contextual token vectors (the tok2vec output the tagger and parser read, in
    ``doc.tensor``) averaged over the sentence, then the main trigger's own vector (zeros
    without one): what the words mean in their context, which the binary features cannot
    see. Free at run time: the nlp stage has computed them."""
    tensor = span.doc.tensor
    if tensor.shape[0] != len(span.doc):
        raise ValueError("the event models read doc.tensor: the spaCy pipeline needs its tok2vec")
    sentence = tensor[span.start : span.end].sum(axis=0) / len(span)  # np.mean's floats
    trigger = tensor[triggers[0].i] if triggers else np.zeros_like(sentence)
    return np.concatenate([sentence, trigger]).astype(np.float32)


def shape_features(span: Span) -> list[str]:
    """The sentence's shape: length, quotation, a question, a headline without a verb."""
    features = [f"len={min(len(span) // 10, 5)}"]
    words = doc_words(span.doc)
    if any(words.quotes[span.start : span.end]):
        features.append("quote")
    # The last word that is not white space, not span.text: spaCy joins the text anew.
    if next((t.text for t in reversed(span) if not t.is_space), "").endswith("?"):
        features.append("question")
    if not any(words.verbal[span.start : span.end]):
        features.append("verbless")
    return features
