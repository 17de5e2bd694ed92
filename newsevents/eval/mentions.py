"""`newsevents eval mentions`: event mentions (triggers, types, arguments) against KAIROS gold.

The gold is WikiEvents-style JSON Lines: one document per line with ``doc_id``, ``tokens``,
``event_mentions`` (a trigger as a token range, a KAIROS type, arguments pointing at
``entity_mentions``) and optionally ``sentences`` (tokens with their original character offsets);
a ``coref/<name>.jsonlines`` file beside it (``{"doc_key", "clusters"}``) is read when present.
The text is rebuilt from the tokens, so every gold span gets character offsets in it.

Two levels of detection:

- ``trigger``: a gold trigger is found when the word of one of our event mentions
  (``Event.mentions``: every mention merged into an event) overlaps it (one to one). Precision is
  over our mentions.
- ``sentence``: a gold trigger is found when it lies in a sentence that is evidence of one of our
  events. Precision is the share of our evidence sentences holding at least one gold trigger.

Types go through :data:`KAIROS_TO_PLOVER`; gold mentions whose type has no PLOVER counterpart
are left out of the type score and counted. Arguments of matched mentions: KAIROS agent roles
against our ``actor``, patient roles against our ``recipient`` (span overlap, any mention of the
same entity counting when coreference is given), and ``Place`` against our place names.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sklearn.metrics import roc_auc_score

from newsevents.eval.gold import GoldError, LoadLog, read_json_lines
from newsevents.eval.metrics import (
    Counts,
    Span,
    calibration,
    confusion_matrix,
    f1,
    match_spans,
    overlaps,
    ratio,
)
from newsevents.eval.system import (
    Progress,
    Reader,
    article_document,
    no_progress,
    pipeline_reader,
)
from newsevents.events.features import is_trigger, lemma
from newsevents.events.ontology import VIOLENT_FAMILY
from newsevents.events.triggers import TRIGGERS
from newsevents.records import Event, InputError, Reading
from newsevents.tools.event_corpora import LabelMap

STAGES = ("nlp", "events", "geo")
SENTENCE_SEPARATOR = "\n"
LEVELS = ("trigger", "sentence")  # how a gold mention is found: see the module's docstring

# KAIROS type -> PLOVER type, looked up from the most specific name (Type.Subtype.Subsubtype)
# to the least (Type); None: no PLOVER counterpart (statements, movement, trials, damage...).
KAIROS_TO_PLOVER: dict[str, str | None] = {
    "Conflict.Attack": "ASSAULT",
    "Conflict.Demonstrate": "PROTEST",
    "Contact.Contact.Meet": "CONSULT",
    "Contact.Contact.Correspondence": "CONSULT",
    "Contact.Contact": None,  # Unspecified and Broadcast: someone said something
    "Contact.RequestCommand": "REQUEST",
    "Contact.ThreatenCoerce": "THREATEN",
    "Disaster": "DISASTER",
    "GenericCrime": "CRIME",
    "Justice.ArrestJailDetain": "COERCE",
    "Justice.Extradite": "COERCE",
    "Justice.ChargeIndict": "ACCUSE",
    "Justice.InvestigateCrime": "ACCUSE",
    "Justice.Sue": "ACCUSE",
    "Justice.ReleaseParole": "CONCEDE",
    "Justice.Pardon": "CONCEDE",
    "Movement.Transportation.Evacuation": "DISPLACEMENT",
    "Transaction.Donation": "AID",
    "Transaction.AidBetweenGovernments": "AID",
    "Justice": None,  # trial, conviction, sentence
    "Movement": None,
    "ArtifactExistence": None,
    "Control": None,
    "Cognitive": None,
    "Medical": None,
    "Personnel": None,
    "Transaction": None,
}
# A death or an injury is an ASSAULT when violence caused it: a killer, injurer, attacker or
# instrument argument, or an attack mention in the same sentence. Otherwise it has no type.
VIOLENT_IF_CAUSED = frozenset({"Life.Die", "Life.Injure"})
VIOLENT_CAUSE_ROLES = frozenset({"Killer", "Injurer", "Attacker", "Instrument"})
VIOLENT_KAIROS = frozenset({"Conflict.Attack", "Conflict.Demonstrate.DemonstrateWithViolence"})

# KAIROS roles scored against our actor (the one who acts) and recipient (the one acted on).
ACTOR_ROLES = frozenset(
    {
        "Attacker",
        "Killer",
        "Injurer",
        "Jailer",
        "Perpetrator",
        "Demonstrator",
        "Communicator",
        "Investigator",
        "Prosecutor",
        "Impeder",
        "Giver",
        "Agent",
    }
)
RECIPIENT_ROLES = frozenset({"Target", "Victim", "Detainee", "Defendant", "Recipient", "Patient"})
PLACE_ROLE = "Place"
# The statuses the store keeps as events (DESIGN.md: a hypothetical event is shown, not stored).
STORED_STATUSES = frozenset({"reported", "background"})
# WikiEvents' documents in two halves by a fixed rule (sha1 of the doc_id, even: "inspect"):
# errors are read and choices made on the inspect half; the report half is only reported.
HALVES = ("inspect", "report")


def half_of(doc_id: str) -> str:
    return HALVES[int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 2]


@dataclass(frozen=True)
class GoldArgument:
    role: str
    text: str
    spans: tuple[Span, ...]  # its own mention first, then the other mentions of its entity


@dataclass(frozen=True)
class GoldMention:
    id: str
    kairos_type: str
    trigger: Span
    sentence: int | None
    arguments: tuple[GoldArgument, ...]


@dataclass(frozen=True)
class MentionDoc:
    id: str
    text: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True)
class PredictedMention:
    """One event of a system, as far as this evaluation reads it."""

    type: str
    trigger: Span | None
    sentences: tuple[Span, ...]
    actors: tuple[Span, ...] = ()
    recipients: tuple[Span, ...] = ()
    places: tuple[str, ...] = ()


# --- the gold ----------------------------------------------------------------------------------


def rebuild_text(tokens: Sequence[str], sentences: Sequence[Any]) -> tuple[str, list[Span]]:
    """The text and each token's character span. Sentences go one per line, their tokens spaced
    as the original offsets say ("ez-Zor", "regime’s"); without usable ``sentences``, the tokens
    are joined by single spaces on one line."""
    spaced = spaced_sentences(tokens, sentences) or [[(token, True) for token in tokens]]
    parts: list[str] = []
    spans: list[Span] = []
    cursor = 0
    for number, sentence in enumerate(spaced):
        for position, (token, space_before) in enumerate(sentence):
            if position == 0:
                gap = SENTENCE_SEPARATOR if number else ""
            else:
                gap = " " if space_before else ""
            cursor += len(gap)
            parts += [gap, token]
            spans.append((cursor, cursor + len(token)))
            cursor += len(token)
    return "".join(parts), spans


def spaced_sentences(
    tokens: Sequence[str], sentences: Sequence[Any]
) -> list[list[tuple[str, bool]]] | None:
    """``sentences`` (WikiEvents: ``[[[token, start, end], ...], text]``) as (token, preceded by
    a space) lists when they hold exactly ``tokens``, else None."""
    try:
        offsets = [[(str(t), int(s), int(e)) for t, s, e in sentence[0]] for sentence in sentences]
    except (TypeError, ValueError, IndexError):
        return None
    if not offsets or [t for sentence in offsets for t, _, _ in sentence] != list(tokens):
        return None
    return [
        [
            (token, i > 0 and start > sentence[i - 1][2])
            for i, (token, start, _) in enumerate(sentence)
        ]
        for sentence in offsets
    ]


def coref_clusters(path: Path) -> dict[str, list[list[str]]]:
    """doc_key -> entity-mention id clusters, from ``coref/<name>.jsonlines`` beside the gold."""
    coref = path.parent / "coref" / f"{path.name.split('.')[0]}.jsonlines"
    if not coref.is_file():
        return {}
    clusters: dict[str, list[list[str]]] = {}
    for number, row in read_json_lines(coref):
        if not isinstance(row.get("doc_key"), str) or not isinstance(row.get("clusters"), list):
            raise GoldError(coref, f"line {number}", "needs a doc_key and a list of clusters")
        clusters[row["doc_key"]] = row["clusters"]
    return clusters


def token_range(value: Any, n_tokens: int) -> tuple[int, int] | None:
    """A mention's (start, end) token range when it lies within the document, else None."""
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= n_tokens:
        return None
    return start, end


def char_span(token_spans: Sequence[Span], tokens: tuple[int, int]) -> Span:
    return token_spans[tokens[0]][0], token_spans[tokens[1] - 1][1]


def entity_spans(
    row: Mapping[str, Any], token_spans: Sequence[Span], clusters: Iterable[list[str]]
) -> dict[str, tuple[Span, ...]]:
    """Entity-mention id -> its character span, then those of its coreferent mentions."""
    own: dict[str, Span] = {}
    for entity in row.get("entity_mentions") or []:
        tokens = token_range(entity, len(token_spans)) if isinstance(entity, dict) else None
        if tokens and isinstance(entity.get("id"), str):
            own[entity["id"]] = char_span(token_spans, tokens)
    spans: dict[str, tuple[Span, ...]] = {key: (span,) for key, span in own.items()}
    for cluster in clusters:
        members = [own[key] for key in cluster if key in own]
        for key in cluster:
            if key in own:
                spans[key] = (own[key], *(s for s in members if s != own[key]))
    return spans


def read_mention(
    value: Any,
    token_spans: Sequence[Span],
    entities: Mapping[str, tuple[Span, ...]],
    log: LoadLog,
    where: str,
    path: Path,
) -> GoldMention | None:
    if not isinstance(value, dict) or not isinstance(value.get("event_type"), str):
        raise GoldError(path, where, "each event mention needs an event_type")
    trigger = value.get("trigger")
    if not isinstance(trigger, dict):
        raise GoldError(path, where, f"event mention {value.get('id')!r} has no trigger")
    tokens = token_range(trigger, len(token_spans))
    if tokens is None:
        log.skip("trigger outside the document's tokens")
        return None
    arguments = []
    for argument in value.get("arguments") or []:
        spans = entities.get(str(argument.get("entity_id"))) if isinstance(argument, dict) else None
        if not spans or not isinstance(argument.get("role"), str):
            log.skip("argument without a role or a known entity mention")
            continue
        arguments.append(GoldArgument(argument["role"], str(argument.get("text", "")), spans))
    sentence = trigger.get("sent_idx")
    return GoldMention(
        id=str(value.get("id", where)),
        kairos_type=value["event_type"],
        trigger=char_span(token_spans, tokens),
        sentence=sentence if isinstance(sentence, int) else None,
        arguments=tuple(arguments),
    )


def load_mentions_gold(
    path: Path, limit: int | None = None, half: str | None = None
) -> tuple[list[MentionDoc], LoadLog]:
    """The gold documents (``half``: only that half's, see :func:`half_of`)."""
    log = LoadLog()
    clusters = coref_clusters(path)
    docs = []
    for number, row in read_json_lines(path):
        where = f"line {number}"
        tokens, mentions = row.get("tokens"), row.get("event_mentions")
        if not isinstance(row.get("doc_id"), str) or not isinstance(tokens, list) or not tokens:
            raise GoldError(path, where, "needs a doc_id and a non-empty list of tokens")
        if not isinstance(mentions, list):
            raise GoldError(path, where, "needs a list of event_mentions")
        if half is not None and half_of(row["doc_id"]) != half:
            continue
        if spaced_sentences(tokens, row.get("sentences") or []) is None:
            log.adjust("no sentences matching the tokens: tokens joined by spaces")
        text, token_spans = rebuild_text(tokens, row.get("sentences") or [])
        entities = entity_spans(row, token_spans, clusters.get(row["doc_id"], []))
        read = [read_mention(m, token_spans, entities, log, where, path) for m in mentions]
        docs.append(MentionDoc(row["doc_id"], text, tuple(m for m in read if m)))
        if limit and len(docs) >= limit:
            break
    return docs, log


def kairos_names(kairos_type: str) -> list[str]:
    """``A.B.C`` -> ``["A.B.C", "A.B", "A"]``."""
    parts = kairos_type.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 0, -1)]


def plover_type(mention: GoldMention, violent_sentences: frozenset[int]) -> str | None:
    """The PLOVER type of a gold mention (see KAIROS_TO_PLOVER), or None."""
    names = kairos_names(mention.kairos_type)
    if VIOLENT_IF_CAUSED.intersection(names):
        violent = mention.sentence in violent_sentences or any(
            a.role in VIOLENT_CAUSE_ROLES for a in mention.arguments
        )
        return "ASSAULT" if violent else None
    return next((KAIROS_TO_PLOVER[n] for n in names if n in KAIROS_TO_PLOVER), None)


def gold_plover_types(doc: MentionDoc) -> list[str | None]:
    violent = frozenset(
        m.sentence
        for m in doc.mentions
        if m.sentence is not None and VIOLENT_KAIROS.intersection(kairos_names(m.kairos_type))
    )
    return [plover_type(m, violent) for m in doc.mentions]


def kairos_family(kairos_type: str) -> str:
    """``Conflict.Attack.DetonateExplode`` -> ``Conflict.Attack``."""
    return kairos_names(kairos_type)[-2] if "." in kairos_type else kairos_type


# --- the systems -------------------------------------------------------------------------------


def event_mentions(event: Event) -> list[PredictedMention]:
    """One predicted mention per word of the event (``Event.mentions``), sharing its fields."""
    places = [event.place_text, event.location.name if event.location else None]
    words = event.mentions or ([event.trigger] if event.trigger else [])
    return [
        PredictedMention(
            type=event.type,
            trigger=(word.start, word.end),
            sentences=tuple((e.start, e.end) for e in event.evidence),
            actors=tuple((a.start, a.end) for a in event.actor),
            recipients=tuple((r.start, r.end) for r in event.recipient),
            places=tuple(p for p in places if p),
        )
        for word in words
    ]


def system_mentions(reading: Reading) -> list[PredictedMention]:
    """Every mention of every event of ours, whatever its status (KAIROS annotates unreal
    events too)."""
    return [mention for event in reading.events for mention in event_mentions(event)]


def lexicon_mentions(reading: Reading) -> list[PredictedMention]:
    """The baseline: every verb or noun of the trigger lexicon is a mention of its first type."""
    doc = reading.doc
    if doc is None:
        return []
    return [
        PredictedMention(
            type=TRIGGERS[lemma(token)][0],
            trigger=(token.idx, token.idx + len(token)),
            sentences=((token.sent.start_char, token.sent.end_char),),
        )
        for token in doc
        if is_trigger(token) and lemma(token) in TRIGGERS
    ]


SYSTEMS = {"system": system_mentions, "lexicon_baseline": lexicon_mentions}


# --- scoring -----------------------------------------------------------------------------------


def trigger_matches(
    gold: Sequence[GoldMention], predicted: Sequence[PredictedMention]
) -> dict[int, int]:
    """Gold index -> predicted index, one to one, by overlapping triggers."""
    triggers = [(i, p.trigger) for i, p in enumerate(predicted) if p.trigger]
    matches = match_spans([g.trigger for g in gold], [span for _, span in triggers], strict=False)
    return {g: triggers[p][0] for g, p in matches.items()}


def sentence_matches(
    gold: Sequence[GoldMention],
    predicted: Sequence[PredictedMention],
    types: Sequence[str | None],
    by_trigger: Mapping[int, int],
) -> dict[int, int]:
    """Gold index -> the predicted mention with an evidence sentence holding its trigger: its
    trigger match if any, else one of the gold's type if any, else the first."""
    matches = dict(by_trigger)
    for g, mention in enumerate(gold):
        if g in matches:
            continue
        covering = [
            p
            for p, m in enumerate(predicted)
            if any(overlaps(mention.trigger, s) for s in m.sentences)
        ]
        if not covering:
            continue
        typed = [p for p in covering if predicted[p].type == types[g]]
        matches[g] = (typed or covering)[0]
    return matches


def sentence_detection(
    gold: Sequence[GoldMention], predicted: Sequence[PredictedMention]
) -> tuple[int, int]:
    """(our evidence sentences holding a gold trigger, all our evidence sentences)."""
    sentences = {s for m in predicted for s in m.sentences}
    holding = sum(any(overlaps(g.trigger, s) for g in gold) for s in sentences)
    return holding, len(sentences)


def argument_counts(
    gold: Sequence[GoldArgument], roles: frozenset[str], predicted: Sequence[Span]
) -> Counts:
    """One-to-one: a gold argument is found by the first unused predicted span that overlaps
    any mention of it."""
    wanted = [a for a in gold if a.role in roles]
    used: set[int] = set()
    for argument in wanted:
        for p, span in enumerate(predicted):
            if p not in used and any(overlaps(span, s) for s in argument.spans):
                used.add(p)
                break
    return Counts(tp=len(used), fp=len(predicted) - len(used), fn=len(wanted) - len(used))


def place_right(gold: Sequence[GoldArgument], places: Sequence[str], text: str) -> bool:
    """A place name of ours names a gold Place (any mention of it), one containing the other."""
    names = {text[s[0] : s[1]].lower() for a in gold if a.role == PLACE_ROLE for s in a.spans}
    return any(p.lower() in n or n in p.lower() for p in places for n in names)


@dataclass
class Tally:
    """Running counts of one system at one matching level."""

    found: int = 0
    typed: int = 0
    typed_right: int = 0
    actor: Counts = Counts()
    recipient: Counts = Counts()
    places: int = 0
    places_given: int = 0
    places_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    found_by_family: Counter[str] = field(default_factory=Counter)

    def add(
        self,
        doc: MentionDoc,
        predicted: Sequence[PredictedMention],
        types: Sequence[str | None],
        matches: Mapping[int, int],
    ) -> None:
        self.found += len(matches)
        for g, p in matches.items():
            gold, ours, gold_type = doc.mentions[g], predicted[p], types[g]
            self.found_by_family[kairos_family(gold.kairos_type)] += 1
            if gold_type is not None:
                self.typed += 1
                self.typed_right += ours.type == gold_type
                self.confusion[gold_type, ours.type] += 1
            self.actor += argument_counts(gold.arguments, ACTOR_ROLES, ours.actors)
            self.recipient += argument_counts(gold.arguments, RECIPIENT_ROLES, ours.recipients)
            if any(a.role == PLACE_ROLE for a in gold.arguments):
                self.places += 1
                self.places_given += bool(ours.places)
                self.places_right += place_right(gold.arguments, ours.places, doc.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "type_accuracy": round(ratio(self.typed_right, self.typed), 4),
            "typed": self.typed,
            "actor_f1": round(self.actor.f1, 4),
            "recipient_f1": round(self.recipient.f1, 4),
            "place_accuracy": round(ratio(self.places_right, self.places), 4),
            "place_given": round(ratio(self.places_given, self.places), 4),
        }


@dataclass
class SystemScore:
    """Everything one system gets over the whole gold."""

    trigger: Counts = Counts()
    sentences_holding: int = 0
    sentences: int = 0
    levels: dict[str, Tally] = field(default_factory=lambda: {level: Tally() for level in LEVELS})

    def add(self, doc: MentionDoc, predicted: Sequence[PredictedMention]) -> None:
        types = gold_plover_types(doc)
        by_trigger = trigger_matches(doc.mentions, predicted)
        by_sentence = sentence_matches(doc.mentions, predicted, types, by_trigger)
        self.trigger += Counts(
            tp=len(by_trigger),
            fp=len(predicted) - len(by_trigger),
            fn=len(doc.mentions) - len(by_trigger),
        )
        holding, sentences = sentence_detection(doc.mentions, predicted)
        self.sentences_holding += holding
        self.sentences += sentences
        self.levels["trigger"].add(doc, predicted, types, by_trigger)
        self.levels["sentence"].add(doc, predicted, types, by_sentence)

    def detection(self, n_gold: int, n_typed: int) -> dict[str, Any]:
        """Precision, recall and F1 at both levels, and recall over the gold mentions that have a
        PLOVER type (the only ones our events are meant to find)."""
        trigger, sentence = self.levels["trigger"], self.levels["sentence"]
        precision = ratio(self.sentences_holding, self.sentences)
        recall = ratio(sentence.found, n_gold)
        return {
            "trigger_p": round(self.trigger.precision, 4),
            "trigger_r": round(self.trigger.recall, 4),
            "trigger_f1": round(self.trigger.f1, 4),
            "trigger_r_typed": round(ratio(trigger.typed, n_typed), 4),
            "predicted": self.trigger.tp + self.trigger.fp,
            "sentence_p": round(precision, 4),
            "sentence_r": round(recall, 4),
            "sentence_f1": round(f1(precision, recall), 4),
            "sentence_r_typed": round(ratio(sentence.typed, n_typed), 4),
            "sentences": self.sentences,
        }


@dataclass
class FamilyScore:
    """Our events of the violent, coercive, protest, crime and disaster families
    (``VIOLENT_FAMILY``) against the gold triggers of those families, as the training reads
    WikiEvents (``label_map.tsv``: attacks, demonstrations, deaths, injuries, arrests, crime,
    disasters, damage, threats). Sentence precision: our such events' evidence sentences that
    hold such a gold trigger; sentence recall: the gold sentences holding one that are evidence
    of such an event of ours. An event is real when one of its evidence sentences holds one;
    its confidence is scored against that (ECE) and for ranking real above spurious (AUC)."""

    sentences: int = 0
    holding: int = 0
    gold_sentences: int = 0
    found: int = 0
    confidences: list[float] = field(default_factory=list)
    real: list[bool] = field(default_factory=list)

    def add(self, doc: MentionDoc, events: Sequence[Event]) -> None:
        triggers = [m for m in doc.mentions if is_family(m.kairos_type)]
        ours = [e for e in events if e.type in VIOLENT_FAMILY]
        spans = {(e.start, e.end) for event in ours for e in event.evidence}
        self.sentences += len(spans)
        self.holding += sum(any(overlaps(g.trigger, s) for g in triggers) for s in spans)
        by_sentence: dict[int | Span, list[GoldMention]] = {}
        for g in triggers:
            by_sentence.setdefault(g.trigger if g.sentence is None else g.sentence, []).append(g)
        self.gold_sentences += len(by_sentence)
        self.found += sum(
            any(overlaps(g.trigger, s) for g in told for s in spans)
            for told in by_sentence.values()
        )
        for event in ours:
            self.confidences.append(event.confidence)
            self.real.append(
                any(overlaps(g.trigger, (e.start, e.end)) for g in triggers for e in event.evidence)
            )

    def to_json(self) -> dict[str, Any]:
        precision = ratio(self.holding, self.sentences)
        recall = ratio(self.found, self.gold_sentences)
        scores = {
            "sentence_p": round(precision, 4),
            "sentence_r": round(recall, 4),
            "sentence_f1": round(f1(precision, recall), 4),
            "sentences": self.sentences,
            "events": len(self.real),
            "event_p": round(ratio(sum(self.real), len(self.real)), 4),
            "ece": calibration(self.confidences, self.real)["ece"],
        }
        if 0 < sum(self.real) < len(self.real):
            scores["auc"] = round(float(roc_auc_score(self.real, self.confidences)), 4)
        return scores


def is_family(kairos_type: str) -> bool:
    """Whether a KAIROS type is of the measured families: an event in the training's map."""
    return family_map()(kairos_type).event is True


@lru_cache(maxsize=1)
def family_map() -> LabelMap:
    return LabelMap("wikievents")


def evaluate_mentions(
    path: Path,
    limit: int | None = None,
    read: Reader | None = None,
    progress: Progress = no_progress,
    half: str | None = None,
) -> dict[str, Any]:
    """Score our events and the lexicon baseline as event mentions of a KAIROS gold file
    (``half``: only that half of its documents, :func:`half_of`)."""
    docs, log = load_mentions_gold(path, limit, half)
    if not docs:
        raise GoldError(path, "documents", "no gold documents to score")
    reader = read or pipeline_reader(STAGES)
    scores = {name: SystemScore() for name in SYSTEMS}
    # Every event, and the events the store keeps (a hypothetical one is shown, not stored).
    families = {"all": FamilyScore(), "stored": FamilyScore()}
    errors = 0
    for doc in progress(docs, "mentions"):
        result = reader(article_document(doc.id, doc.text))
        errors += isinstance(result, InputError)
        for name, mentions_of in SYSTEMS.items():
            predicted = [] if isinstance(result, InputError) else mentions_of(result)
            scores[name].add(doc, predicted)
        events = [] if isinstance(result, InputError) else result.events
        families["all"].add(doc, events)
        families["stored"].add(doc, [e for e in events if e.status in STORED_STATUSES])
    gold = [
        (m, t) for doc in docs for m, t in zip(doc.mentions, gold_plover_types(doc), strict=True)
    ]
    kairos_families = Counter(kairos_family(m.kairos_type) for m, _ in gold)
    n_typed = sum(t is not None for _, t in gold)
    system = scores["system"]
    return {
        "task": "mentions",
        "gold": str(path),
        "half": half or "all",
        "documents": len(docs),
        "mentions": len(gold),
        "mentions_typed": n_typed,
        **log.to_json(),
        "errors": errors,
        "stages": list(STAGES),
        "detection": {name: score.detection(len(gold), n_typed) for name, score in scores.items()},
        "violent_family": {name: score.to_json() for name, score in families.items()},
        **{
            f"matched_by_{level}": {
                name: score.levels[level].to_json() for name, score in scores.items()
            }
            for level in LEVELS
        },
        "untyped_gold": dict(Counter(m.kairos_type for m, t in gold if t is None).most_common()),
        "recall_by_kairos_type": {
            family: {
                "n": n,
                **{
                    level: round(ratio(tally.found_by_family[family], n), 4)
                    for level, tally in system.levels.items()
                },
            }
            for family, n in kairos_families.most_common()
        },
        **{
            f"type_confusion_by_{level}": confusion_matrix(tally.confusion)
            for level, tally in system.levels.items()
        },
    }
