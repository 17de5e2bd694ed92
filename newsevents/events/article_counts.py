"""The killed and injured of an article's main happening, chosen among every count it reads.

Local news tells one shooting several times ("a man was shot and killed"; later "the victim
died at the hospital"), and beside it other tallies ("the city's 12th homicide this year", a
shooting years before). Which of the article's counts is the main happening's is learned: each
count the article reads (:func:`newsevents.events.counts.find_counts`, every sentence) is a
candidate, and so is each count its title reads ("2 dead, 3 hurt in shooting": the figure is
often there alone); :func:`candidate_features` describes them, a logistic model scores each; the
best candidate of a field is taken when its probability reaches the field's threshold, else the
happening keeps the count its own sentences gave (the trainer scores that as GVA's 0). Weights
and thresholds are fitted on GVA's "fit" half of incidents by ``newsevents train counts``
(:mod:`newsevents.tools.train_counts`) and shipped as JSON (``data/count_model.json``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc, Span

from newsevents.events.counts import (
    HARM_WORDS,
    PEOPLE_NOUNS,
    Count,
    carried_counts,
    count_evidence,
    find_counts,
    numbers_by_token,
    survivors,
)
from newsevents.events.features import Cues, cues_in, load_cues, read_table
from newsevents.events.furniture import on_linked_line
from newsevents.nlp import load_language
from newsevents.nlp.number_words import WORD_NUMBER
from newsevents.nlp.numbers import FIGURE, NumberMention, find_numbers
from newsevents.nlp.text import doc_text, span_text
from newsevents.records import Event, EvidenceSource

T = TypeVar("T")
MODEL_FILE = Path(__file__).parent / "data" / "count_model.json"
# The sentence words the chooser reads, with where each came from: tallies ("cumulative") and
# a toll that rose ("toll_update").
COUNT_CUES_FILE = Path(__file__).parent / "data" / "count_cues.tsv"
CUES: Cues = load_cues(COUNT_CUES_FILE, "cue")
FEATURE_CUES: Cues = [
    (name, pattern) for name, pattern in CUES if name not in ("toll_update", "shooter_suicide")
]
CHOSEN_FIELDS = ("fatalities", "injured")
# The types whose counts the article's main happening carries (the violent ones).
HAPPENING_TYPES = frozenset({"ASSAULT", "CRIME"})
LEDE_CHARS = 400
# A word of shooting among the count's words (feature "shot"): a cue, as the sentence's are; a
# count of people shot is ``Count.shot``.
SHOT_WORDS = re.compile(r"\b(?:shot|shoot|shoots|shooting)\b", re.IGNORECASE)
OPENING_CHARS = 1200


@dataclass(frozen=True)
class Candidate:
    """A count read in the article, with the sentence it was read in; a title's count has its
    offsets in the title."""

    count: Count
    sentence: str
    words: str  # the count's own words
    source: EvidenceSource = "text"
    shooter: bool = False  # the killer who killed himself added (``with_shooter``)
    form: bool = False  # read from the title by a headline form (``headline_counts``)

    @property
    def position(self) -> tuple[bool, int]:
        """Where it stands in the article: the title first."""
        return self.source == "text", self.count.start


def sentence_candidates(
    sentence: Span,
    counts: list[Count],
    numbers: dict[int, NumberMention],
    source: EvidenceSource = "text",
) -> list[Candidate]:
    """The killed and injured of a sentence's counts (``find_counts``) and the people it carries
    to a hospital (``carried_counts``), as candidates; none from a linked story's headline.
    ``numbers``: the sentence's numbers by token, which ``find_counts`` read."""
    text = doc_text(sentence.doc)
    chosen = [
        count
        for count in counts + carried_counts(sentence, numbers, counts)
        if count.field in CHOSEN_FIELDS and not on_linked_line(text, count.start)
    ]
    if not chosen:
        return []
    return [
        Candidate(count, span_text(sentence), text[count.start : count.end], source)
        for count in chosen
    ]


def article_candidates(
    doc: Doc, numbers: list[NumberMention], source: EvidenceSource = "text"
) -> list[Candidate]:
    """The killed and injured counts of every sentence, in text order; for the text, with
    the figures they give together (``derived``)."""
    read = []
    for sentence in doc.sents:
        by_token = numbers_by_token(sentence, numbers)
        counts = find_counts(sentence, by_token, headline=source == "title")
        read += sentence_candidates(sentence, counts, by_token, source)
    return read + derived(read) if source == "text" else read


def derived(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The figures the text's counts give with what their sentences add (``with_shooter``)."""
    return with_shooter(candidates)


def with_shooter(candidates: Sequence[Candidate]) -> list[Candidate]:
    """For each count of people killed by someone ("killed her daughter", not "a boy died")
    whose sentence says the killer then killed himself ("... before turning the gun on
    herself": the cue ``shooter_suicide``), the same count with the killer: GVA counts him
    among the killed. A candidate of its own (feature ``with_shooter``), for the chooser to
    weigh."""
    return [
        replace(c, count=replace(c.count, value=c.count.value + 1), shooter=True)
        for c in candidates
        if c.count.field == "fatalities"
        and c.count.object
        and "shooter_suicide" in cues_in(c.sentence, CUES)
    ]


def title_candidates(title: str | None, doc: Doc | None = None) -> list[Candidate]:
    """The killed and injured counts the title reads, parsed as a text of its own (the body's
    parse never holds it: extraction keeps the headline apart), and those its headline forms
    read (``headline_counts``) where the parse gives no such figure; ``doc``, its parse by
    :func:`parse_titles` when it was parsed with others."""
    if not title:
        return []
    read = []
    if HARM_WORDS.search(title):
        if doc is None:
            [doc] = parse_headlines([title])
        read = [
            replace(c, words=title[c.count.start : c.count.end])
            for c in article_candidates(doc, find_numbers(title), "title")
        ]
    forms = headline_counts(title)
    # a list's sum tells its parts again: "3 adults, 5 minors shot" is 8 shot, not 3 nor 5
    sums = [count for count, summed in forms if summed]
    read = [c for c in read if not any(is_part(c.count, whole) for whole in sums)]
    known = {(c.count.field, c.count.value) for c in read}
    for count, _ in forms:
        if any(is_part(count, whole) for whole in sums):
            continue
        if (count.field, count.value) not in known:
            known.add((count.field, count.value))
            read.append(Candidate(count, title, title[count.start : count.end], "title", form=True))
    return read


# Headline forms the parse misreads ("4 Shot, 2 Killed", "Boy, 14, fatally shot"), with where
# each was met; "{person}" is one person (a noun of counts.PEOPLE_NOUNS or an age, with a word
# or two before it, a name after it, an age between commas; not after "and": ``JOINED``),
# "{number}" a number, the count; "{listed}" people listed by kind, whose numbers the group
# "numbers" sums, a part of one person counting 1 ("3 adults, 5 minors shot": 8; "4 women, man
# shot": 5).
HEADLINE_COUNTS_FILE = Path(__file__).parent / "data" / "headline_counts.tsv"
PERSON_NOUN = "|".join(sorted(PEOPLE_NOUNS, key=lambda noun: (-len(noun), noun)))  # longest first
ONE_PERSON = (
    r"(?<![\w-])(?P<person>(?:(?!and )[\w'-]+ ){0,2}(?:"
    + PERSON_NOUN
    + r"|\w+-year-old)(?: (?-i:[A-Z])[\w'-]+){0,2}(?:, \d+,)?)"
)
ONE_OF_LIST = rf"\b(?:(?:an?|\w+-year-old) )?(?:{PERSON_NOUN})\b"
LIST_PARTS = re.compile(r",\s*|\s+and\s+", re.IGNORECASE)
# A person after "and" and a word or two is one of the people of a group, which the parse
# sums: "Husband and wife dead", "2 men and a woman shot" (read as 1 shot).
JOINED = re.compile(r"\band (?:[\w'-]+ ){0,2}$", re.IGNORECASE)
A_FIGURE = rf"\b(?:{FIGURE}|{WORD_NUMBER})"
A_NUMBER = rf"(?P<number>{A_FIGURE})"
LISTED_KIND = (
    r"(?:adults?|minors?|juveniles?|child(?:ren)?|kids?|teens?|teenagers?|m[ae]n|wom[ae]n"
    r"|boys?|girls?|people|person|students?|others?)"
)
LIST_PART = rf"(?:{A_FIGURE} {LISTED_KIND}|{ONE_OF_LIST})"
LISTED = rf"(?P<numbers>{LIST_PART}(?:(?:,| and) {LIST_PART})+)"


@dataclass(frozen=True)
class HeadlineForm:
    field: str
    pattern: re.Pattern[str]

    @property
    def summed(self) -> bool:
        return "numbers" in self.pattern.groupindex


def load_headline_forms(path: Path = HEADLINE_COUNTS_FILE) -> list[HeadlineForm]:
    return [
        HeadlineForm(
            row["field"],
            re.compile(
                row["form"]
                .replace("{person}", ONE_PERSON)
                .replace("{number}", A_NUMBER)
                .replace("{listed}", LISTED),
                re.I,
            ),
        )
        for row in read_table(path)
    ]


HEADLINE_FORMS = load_headline_forms()


def headline_counts(title: str) -> list[tuple[Count, bool]]:
    """The counts the headline forms read in a title, each with whether it sums a list: the
    number's value (a count, not an age or a time), the sum of the list's, or 1 for one person;
    of people shot where the form's "shot" matched."""
    numbers = {n.start: n for n in find_numbers(title) if n.kind == "count"}
    counts = []
    for form in HEADLINE_FORMS:
        for match in form.pattern.finditer(title):
            shot = match.groupdict().get("shot") is not None
            if form.summed:
                start, end = match.span("numbers")
                listed = [n for at, n in numbers.items() if start <= at < end]
                # a part without a count is one person: "4 women, man shot"
                alone = len(LIST_PARTS.split(title[start:end])) - len(listed)
                value = sum(int(n.value) for n in listed) + alone
                qualifier = next((n.qualifier for n in listed if n.qualifier), None)
                counts.append((Count(form.field, value, qualifier, *match.span(), shot=shot), True))
            elif "number" not in form.pattern.groupindex:
                if JOINED.search(title, 0, match.start("person")):
                    continue
                counts.append((Count(form.field, 1, None, *match.span(), shot=shot), False))
            elif (number := numbers.get(match.start("number"))) is not None:
                value = int(number.value)
                count = Count(form.field, value, number.qualifier, *match.span(), shot=shot)
                counts.append((count, False))
    return counts


def is_part(count: Count, whole: Count) -> bool:
    """Whether a count is one part of a list a headline form summed: its field, in its words."""
    return count != whole and count.field == whole.field and whole.start <= count.start < whole.end


def parse_titles(titles: Sequence[str | None]) -> list[Doc | None]:
    """The parses ``title_candidates`` reads, in one batch (spaCy costs less per text on
    several texts at once); None for a title without a word of harm, which is not parsed."""
    read = [title if title and HARM_WORDS.search(title) else None for title in titles]
    docs = iter(parse_headlines([title for title in read if title]))
    return [next(docs) if title else None for title in read]


def parse_headlines(titles: list[str]) -> list[Doc]:
    # Without entities: their model costs as much as the rest of a headline's parse; a named
    # victim is then not one person (GVA's fit half: 4 of 201 right killed figures lost).
    return list(load_language().pipe([sentence_case(t) for t in titles], disable=["ner"]))


CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def sentence_case(title: str) -> str:
    """A Title Case headline in sentence case, as the parser was trained on ("6 People Shot in
    Indio" -> "6 people shot in indio": a verb it would read as a name), of the same length."""
    headline = re.split(r" [-|:] ", title)[0]  # not the site's name after it
    words = re.findall(r"\b[A-Za-z][a-z]{3,}\b", headline)
    if len([w for w in words if w[0].isupper()]) < max(2, 0.75 * len(words)):
        return title
    head = 1 if title[:1].isalpha() else 0  # the first word keeps its capital
    return title[:head] + CAPITALISED.sub(lambda m: m[0].lower(), title[head:])


def candidate_features(candidate: Candidate, others: Sequence[Candidate]) -> dict[str, float]:
    """What tells the main happening's figure from the rest: its size, where it stands in the
    article and among the field's other counts, how many of them agree, and its sentence's
    words. ``others`` are the article's candidates of the same field, in text order."""
    count = candidate.count
    values = [other.count.value for other in others]
    rank = others.index(candidate)
    value = count.value
    in_title = candidate.source == "title"
    features = {
        "bias": 1.0,
        f"value={min(value, 3)}": 1.0,
        "log_value": math.log1p(value),
        f"rank={min(rank, 2)}": 1.0,
        "lede": float(count.start < LEDE_CHARS and not in_title),
        "opening": float(count.start < OPENING_CHARS and not in_title),
        "title": float(in_title),
        # the title and the body give the same figure
        "title_agrees": float(
            any(o.count.value == value and (o.source == "title") != in_title for o in others)
        ),
        "agreeing": values.count(value) / len(values),
        "largest": float(value == max(values)),
        "qualified": float(count.qualifier is not None),
        "shot": float(bool(SHOT_WORDS.search(candidate.words))),
        "with_shooter": float(candidate.shooter),
        "headline_form": float(candidate.form),
    }
    features.update(dict.fromkeys(cues_in(candidate.sentence, FEATURE_CUES), 1.0))
    return features


def described(
    candidates: Sequence[Candidate], field: str
) -> list[tuple[dict[str, float], Candidate]]:
    """The field's candidates, each with its features."""
    own = of_field(candidates, field)
    return [(candidate_features(c, own), c) for c in own]


@dataclass(frozen=True)
class FieldModel:
    weights: dict[str, float]
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        score = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1 / (1 + math.exp(-score))

    def best(self, described: Sequence[tuple[dict[str, float], T]]) -> T | None:
        """The most probable of the described items, if probable enough."""
        scored = [(self.probability(features), item) for features, item in described]
        top = max(scored, key=lambda pair: pair[0], default=None)
        return top[1] if top is not None and top[0] >= self.threshold else None


def of_field(candidates: Sequence[Candidate], field: str) -> list[Candidate]:
    return sorted((c for c in candidates if c.count.field == field), key=lambda c: c.position)


def choose(candidates: Sequence[Candidate], field: str, model: FieldModel) -> Candidate | None:
    """The field's most probable candidate, if probable enough; a larger figure after it that
    says the toll rose ("the death toll later rose to 11") updates it."""
    chosen = model.best(described(candidates, field))
    if chosen is None:
        return None
    updates = [
        c
        for c in of_field(candidates, field)
        if c.position > chosen.position
        and c.count.value > chosen.count.value
        and "toll_update" in cues_in(c.sentence, CUES)
    ]
    return updates[-1] if updates else chosen


@lru_cache(maxsize=1)
def load_count_model(path: Path = MODEL_FILE) -> dict[str, FieldModel]:
    """The chooser of each field (killed, injured, and the date of ``article_dates``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: FieldModel(entry["weights"], entry["threshold"])
        for name, entry in data.items()
        if name != "provenance"
    }


def choose_counts(
    candidates: Sequence[Candidate], model: dict[str, FieldModel]
) -> dict[str, Candidate | None]:
    return {field: choose(candidates, field, model[field]) for field in CHOSEN_FIELDS}


def tells(event: Event, candidate: Candidate) -> bool:
    return candidate.source == "text" and any(
        e.start <= candidate.count.start < e.end for e in event.evidence
    )


def is_happening(event: Event) -> bool:
    """A violent event told as real (not hypothetical): what the article's counts are of."""
    return event.type in HAPPENING_TYPES and event.status != "hypothetical"


def main_happening(events: Sequence[Event], chosen: dict[str, Candidate | None]) -> Event | None:
    """The violent event whose sentences tell the chosen counts, else the article's first
    reported violent event."""
    violent = [e for e in events if is_happening(e)]
    told = [c for c in chosen.values() if c is not None]
    return next(
        (e for e in violent if any(tells(e, c) for c in told)),
        next((e for e in violent if e.status == "reported"), None),
    )


def give_counts(event: Event, chosen: dict[str, Candidate | None]) -> None:
    """The chosen killed and injured become the event's; where none was chosen it keeps the
    count its own sentences gave."""
    for field, candidate in chosen.items():
        if candidate is None:
            continue
        count = candidate.count
        setattr(event, field, count.value)
        event.field_evidence[field] = count_evidence(count, candidate.words, candidate.source)
        event.count_qualifiers.pop(field, None)
        if count.qualifier:
            event.count_qualifiers[field] = count.qualifier


def dead_among_retold(main: Event, events: Sequence[Event]) -> None:
    """The people shot that another reported violent event tells, with no dead of its own, in an
    article whose main happening has dead, are taken as that happening's shot told again (a
    retelling merge left apart: "killed her" ... "Bargman was shot"): the dead among them, as
    ``counts.shot_survivors`` takes them off the main happening's own. Background events (an
    earlier shooting the article recalls) keep theirs."""
    if not main.fatalities:
        return
    for event in events:
        words = event.field_evidence.get("injured")
        if (
            event is not main
            and is_happening(event)
            and event.status == "reported"
            and not event.fatalities
            and event.injured
            and words is not None
            and words.shot
        ):
            event.injured = survivors(event.injured, main.fatalities, shot=True)
