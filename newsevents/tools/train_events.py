"""Train the event models and write ``newsevents/events/data/model.json``.

    newsevents train events --shared ../shared

Three logistic regressions over the binary sentence features of ``events/features.py`` (words,
the parse's main predicate and modality, trigger words and their types, ACLED cue words):

- the detector: is a real event of a coded type told here (EVENT / NONE);
- the PLOVER typer: which type, were it an event;
- the ACLED typer: which of ACLED's 25 sub-event types (NONE: one ACLED would not code).

They learn from the sets of ``events/data/training/sources.tsv``, read into our labels by
``label_map.tsv`` (:mod:`newsevents.tools.event_corpora`). Each "train" set is split by
document: ``fit`` (70%) trains, ``select`` (15%) chooses the regularisation, fits the isotonic
calibration of the confidence and the confidence threshold, ``test`` (15%) is only reported.
Supplements (synthetic stories, our own examples) go to ``fit`` only and are never measured;
"heldout" sets are never trained on, only reported. A negative from a set that labels only some
types ("no police action") is a non-event only when it names no trigger word of another type.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import normalize
from spacy.tokens import Doc, DocBin, Span

from newsevents.eval.metrics import calibration as calibration_table
from newsevents.events.classify import EVENT, NONE, main_event_labels, read_sentence
from newsevents.events.confidence import score_context
from newsevents.events.features import (
    dense_features,
    lemma,
    sentence_features,
    triggers_by_salience,
)
from newsevents.events.model import (
    MODEL_FILE,
    Calibration,
    DenseWeights,
    EventModels,
    LinearModel,
    ScoreContext,
    load_models,
    logit,
    model_inputs,
)
from newsevents.events.ontology import (
    ACLED_CODED_TYPES,
    ACLED_SUB_EVENTS,
    PLOVER_TYPES,
    VIOLENT_FAMILY,
)
from newsevents.events.status import realis_features
from newsevents.events.triggers import TRIGGERS
from newsevents.nlp import load_language
from newsevents.tools.event_corpora import (
    ACLED_CODED,
    LabelledText,
    Source,
    load_source,
    load_sources,
    split_of,
)

MIN_FEATURE_COUNT = 3
MIN_WEIGHT = 0.02  # smaller weights are dropped from the shipped file
# Regularisation grids, chosen on the select split.
C_GRID = (2.0, 8.0, 32.0)
# The weight of the tok2vec vectors beside the binary features (0: not read), chosen with C.
DENSE_GRID = (0.0, 0.3, 1.0)
# Whether the detector reads the realis features (``status.realis_features``), chosen with C
# and the vectors' weight; the typers do not (they answer which type, not whether).
REALIS_GRID = (False, True)
# The ACLED typer: binary features seen twice (what the cross-validation of our examples chose
# when they were its only labels); its C by the select split's real ACLED labels
# (IndiaPoliceEvents' arrests, SATP, HRDsAttack: label_map.tsv).
C_GRID_ACLED = (8.0, 32.0, 128.0)
ACLED_MIN_COUNT = 2
THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(1, 19))
# The calibration's candidates: the isotonic curve alone (None), or with a logistic over its
# logit and these context inputs (``ScoreContext.inputs``), chosen out of fold on the select
# split (``choose_calibration``). The curve alone unless asked (``--context-calibration``): the
# context candidates, chosen so, lost calibration on held-apart IndiaPoliceEvents and CEHA
# (docs/model-card.md, "A confidence that knows the genre").
CURVE_ONLY: dict[str, tuple[str, ...] | None] = {"curve": None}
CALIBRATION_CANDIDATES: dict[str, tuple[str, ...] | None] = {
    **CURVE_ONLY,
    "curve+length": ("log_words",),
    "curve+genre": ("sports", "markets"),
    "curve+length+genre": ("log_words", "sports", "markets"),
    "curve+length+genre+shape": ("log_words", "sports", "markets", "quoted", "question"),
    "curve+detector": ("detector",),
    "curve+detector+length+genre": ("detector", "log_words", "sports", "markets"),
    "curve+detector+length+genre+shape": (
        "detector",
        "log_words",
        "sports",
        "markets",
        "quoted",
        "question",
    ),
}
CALIBRATION_FOLDS = 5
CONTEXT_C = 100.0
# The PLOVER types whose events ACLED codes as violence, demonstrations or arrests.
ACLED_FAMILIES = frozenset({"ASSAULT", "PROTEST", "COERCE"})


@dataclass
class Example:
    item: LabelledText
    split: str
    doc: Doc
    features: list[str]
    realis: list[str]  # status.realis_features
    vector: np.ndarray  # features.dense_features
    trigger_types: frozenset[str]

    def label(self, field: str) -> str | None:
        return getattr(self.item, field)


def parse(texts: list[str], cache: Path | None) -> list[Doc]:
    """The texts parsed (no NER: no feature reads it), from a cache keyed by the texts. A
    DocBin keeps no ``doc.tensor``: the tok2vec vectors are cached beside it."""
    nlp = load_language()
    key = hashlib.sha1("\n\x00".join(texts).encode()).hexdigest()[:16]
    path = cache / f"events-{key}.spacy" if cache else None
    vectors = cache / f"events-{key}.tensors.npy" if cache else None
    if path is not None and vectors is not None and path.exists() and vectors.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        rows = np.load(vectors)
        ends = np.cumsum([len(doc) for doc in docs])
        for doc, tensor in zip(docs, np.split(rows, ends[:-1]), strict=True):
            doc.tensor = tensor.astype(np.float32)
        return docs
    with nlp.select_pipes(disable=["ner"]):
        docs = list(nlp.pipe(texts, batch_size=128))
    if path is not None and vectors is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(path)
        np.save(vectors, np.concatenate([doc.tensor for doc in docs]).astype(np.float16))
    return docs


def load_examples(
    shared: Path, cache: Path | None, only: Sequence[str] | None = None
) -> tuple[list[Example], dict[str, Source]]:
    """Every source's texts parsed and featurised (``only``: those sources')."""
    sources = load_sources()
    chosen = [source for source in sources.values() if only is None or source.name in only]
    items = [(item, source) for source in chosen for item in load_source(source, shared)]
    # Parsed set by set, so that one set's new labels leave the others' parses in the cache.
    texts = [[item.text for item, s in items if s is source] for source in chosen]
    docs = [doc for group in texts if group for doc in parse(group, cache)]
    examples = []
    for (item, source), doc in zip(items, docs, strict=True):
        triggers = triggers_by_salience(doc[:])
        types = frozenset(t for token in triggers for t in TRIGGERS[lemma(token)])
        features = sentence_features(doc[:], triggers)
        realis = realis_features(doc[:], triggers[0] if triggers else None)
        vector = dense_features(doc[:], triggers)
        split = split_of(item, source)
        examples.append(Example(item, split, doc, features, realis, vector, types))
    return examples, sources


def event_label(example: Example, sources: dict[str, Source]) -> bool | None:
    """Whether a real event is told, where the example's set settles it."""
    event = example.item.event
    if event is False and not sources[example.item.source].covers_all(set(example.trigger_types)):
        return None  # "no police action" may still be a riot
    return event


def acled_label(example: Example, sources: dict[str, Source]) -> str | None:
    """The set's ACLED sub-event, or NONE for a real set's event of a type ACLED never codes
    (not a supplement's: 3,000 synthetic NONE rows would teach the typer to code nothing)."""
    if example.item.acled is not None:
        return example.item.acled if example.item.acled != ACLED_CODED else None
    plover = example.item.plover
    real = sources[example.item.source].role == "train"
    return NONE if real and plover is not None and plover not in ACLED_CODED_TYPES else None


Labelled = list[tuple[Example, str]]


def fit(
    rows: Labelled,
    c: float,
    min_count: int = MIN_FEATURE_COUNT,
    dense: float = 0.0,
    realis: bool = False,
) -> LinearModel:
    """A logistic regression over the features (with ``realis``, the realis features too) seen
    at least ``min_count`` times and, where ``dense`` (their weight) is not 0, the examples'
    tok2vec vectors, as JSON-ready weights."""
    inputs = [model_inputs(e.features, e.realis, realis) for e, _ in rows]
    frequency = Counter(f for features in inputs for f in features)
    dicts = [{f: 1 for f in features if frequency[f] >= min_count} for features in inputs]
    vectorizer = DictVectorizer()
    x = normalize(vectorizer.fit_transform(dicts))
    standard = None
    if dense:
        vectors = np.array([e.vector for e, _ in rows], dtype=np.float64)
        mean = vectors.mean(axis=0)
        # Standardised and shrunk by the root of the dimensions (at weight 1 the dense part
        # weighs about as much as the L2-normalised binary part), then weighed.
        scale = dense / (vectors.std(axis=0) + 1e-6) / np.sqrt(vectors.shape[1])
        standard = (mean, scale)
        x = sparse.hstack([x, sparse.csr_matrix((vectors - mean) * scale)]).tocsr()
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, [label for _, label in rows], sample_weight=[e.item.weight for e, _ in rows])
    return replace(to_linear_model(model, vectorizer, standard), reads_realis=realis)


def to_linear_model(
    model: LogisticRegression,
    vectorizer: DictVectorizer,
    standard: tuple[np.ndarray, np.ndarray] | None = None,
) -> LinearModel:
    classes = tuple(str(c) for c in model.classes_)
    coef = model.coef_
    bias = tuple(float(b) for b in model.intercept_)
    if len(classes) == 2:  # sklearn keeps one row for two classes
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        bias = (-bias[0] / 2, bias[0] / 2)
    weights = {}
    for name, column in vectorizer.vocabulary_.items():
        row = {
            i: float(coef[i, column])
            for i in range(len(classes))
            if abs(coef[i, column]) > MIN_WEIGHT
        }
        if row:
            weights[name] = row
    dense = None
    if standard is not None:
        width = len(vectorizer.vocabulary_)
        dense = DenseWeights(
            mean=standard[0].astype(np.float32),
            scale=standard[1].astype(np.float32),
            weights=coef[:, width:].astype(np.float32),
        )
    return LinearModel(classes, bias, weights, dense)


def choose(
    train: Labelled,
    select: Labelled,
    quality: Callable[[LinearModel, Labelled], float],
    realis_grid: Sequence[bool] = (False,),
    c_grid: Sequence[float] = C_GRID,
    dense_grid: Sequence[float] = DENSE_GRID,
    min_count: int = MIN_FEATURE_COUNT,
) -> tuple[LinearModel, dict[str, object]]:
    """The regularisation, the dense vectors' weight and (``realis_grid``) whether the realis
    features are read, by quality on ``select``; returns the model and every candidate's
    quality (stored in the metrics)."""
    candidates = [(c, d, r) for r in realis_grid for d in dense_grid for c in c_grid]
    fitted = [fit(train, c, min_count, dense=d, realis=r) for c, d, r in candidates]
    qualities = [round(quality(model, select), 4) for model in fitted]
    best = int(np.argmax(qualities))
    c, dense, realis = candidates[best]
    tried = {
        f"C={c},dense={d}{',realis' if r else ''}": q
        for (c, d, r), q in zip(candidates, qualities, strict=True)
    }
    choice = {"c": c, "dense": dense, "realis": realis, "select_log_likelihood": tried}
    return fitted[best], choice


def log_likelihood(model: LinearModel, rows: Labelled) -> float:
    return float(
        np.mean(
            [
                np.log(model.probabilities(model.inputs(e.features, e.realis), e.vector)[y] + 1e-9)
                for e, y in rows
            ]
        )
    )


@dataclass
class Reading:
    """The pipeline's reading of one example's text: its best sentence's main event, and the
    context its confidence reads (that sentence's, in the example's document)."""

    example: Example
    event_type: str
    score: float
    acled: str | None
    context: ScoreContext

    def confidence(self, calibration: Calibration) -> float:
        return calibration(self.score, self.context) if self.event_type != NONE else 0.0


def read(example: Example, models: EventModels) -> Reading:
    best: tuple[str, float, str | None, Span, float] = (NONE, 0.0, None, example.doc[:], 0.0)
    for sentence in example.doc.sents:
        typing = read_sentence(sentence, models)
        event_type, score, acled = main_event_labels(sentence, typing)
        if event_type != NONE and score > best[1]:
            best = (event_type, score, acled, sentence, typing.event_probability)
    event_type, score, acled, sentence, event_probability = best
    context = score_context(sentence, event_probability, example.item.document)
    return Reading(example, event_type, score, acled, context)


def is_right(reading: Reading, gold_event: bool) -> bool:
    """A found event is right when the set says an event is told and, where it names the
    type, the type agrees."""
    gold_type = reading.example.item.plover
    return gold_event and (gold_type is None or gold_type == reading.event_type)


def source_weights(readings: Sequence[tuple[Reading, bool]]) -> list[float]:
    """Each set weighs the same in total, so that the largest (IndiaPoliceEvents, one month of
    one newspaper) does not decide alone what a score means."""
    sizes = Counter(r.example.item.source for r, _ in readings)
    return [1.0 / sizes[r.example.item.source] for r, _ in readings]


def fit_calibration(
    readings: Sequence[tuple[Reading, bool]], inputs: Sequence[str] | None = None
) -> Calibration:
    """The isotonic curve of the found events' scores and, with ``inputs`` (names of
    ``ScoreContext.inputs``), the logistic over its logit and those inputs; each set weighs
    the same in both."""
    found = [(r, gold) for r, gold in readings if r.event_type != NONE]
    scores = np.array([r.score for r, _ in found])
    right = np.array([is_right(r, gold) for r, gold in found], dtype=float)
    weights = np.array(source_weights(found))
    isotonic = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    isotonic.fit(scores, right, sample_weight=weights)
    knots = np.unique(np.quantile(scores, np.linspace(0, 1, 41)))
    curve = Calibration(
        tuple(float(k) for k in knots), tuple(float(p) for p in isotonic.predict(knots))
    )
    if inputs is None:
        return curve
    x = np.array([context_row(curve, r, inputs) for r, _ in found])
    # Weak regularisation over weights that average 1: the context's weights are what the
    # select split says, not shrunk towards the curve alone.
    model = LogisticRegression(C=CONTEXT_C, max_iter=3000)
    model.fit(x, right, sample_weight=weights * len(found) / weights.sum())
    names = ("curve", *inputs)
    context = {"bias": float(model.intercept_[0])}
    context.update({name: float(w) for name, w in zip(names, model.coef_[0], strict=True)})
    if context["curve"] <= 0:
        raise ValueError(f"the context calibration lost the score's order: {context}")
    return replace(curve, context=context)


def context_row(curve: Calibration, reading: Reading, inputs: Sequence[str]) -> list[float]:
    named = reading.context.inputs()
    return [logit(curve.curve(reading.score)), *(named[name] for name in inputs)]


def choose_calibration(
    readings: Sequence[tuple[Reading, bool]], candidates: dict[str, tuple[str, ...] | None]
) -> tuple[Calibration, dict[str, object]]:
    """The calibration whose inputs (of ``candidates``) give the best mean log-likelihood of
    "real, and its type right" on the select split's found events, each set weighing the
    same, out of fold (five folds by document); then fitted on all of it."""
    found = [(r, gold) for r, gold in readings if r.event_type != NONE]
    folds = [int(digest_bucket(r.example.item.group)) % CALIBRATION_FOLDS for r, _ in found]
    tried: dict[str, dict[str, float]] = {}
    for name, inputs in candidates.items():
        confidences = np.zeros(len(found))
        for fold in range(CALIBRATION_FOLDS):
            apart = [i for i, f in enumerate(folds) if f == fold]
            fitted = fit_calibration([found[i] for i, f in enumerate(folds) if f != fold], inputs)
            for i in apart:
                confidences[i] = found[i][0].confidence(fitted)
        tried[name] = out_of_fold(found, confidences)
    best = max(candidates, key=lambda name: tried[name]["log_likelihood"])
    return fit_calibration(found, candidates[best]), {"chosen": best, "tried": tried}


def digest_bucket(group: str) -> int:
    return int(hashlib.sha1(f"calibration:{group}".encode()).hexdigest()[:8], 16)


def out_of_fold(found: Sequence[tuple[Reading, bool]], confidences: np.ndarray) -> dict[str, float]:
    """Mean log-likelihood and ECE of out-of-fold confidences, set by set, then averaged with
    each set weighing the same."""
    by_source: dict[str, list[int]] = {}
    for i, (reading, _) in enumerate(found):
        by_source.setdefault(reading.example.item.source, []).append(i)
    likelihoods, eces = [], []
    for rows in by_source.values():
        right = [is_right(*found[i]) for i in rows]
        p = np.clip(confidences[rows], 1e-4, 1 - 1e-4)
        likelihoods.append(float(np.mean(np.where(right, np.log(p), np.log(1 - p)))))
        eces.append(calibration_table(list(confidences[rows]), right)["ece"])
    return {
        "log_likelihood": round(float(np.mean(likelihoods)), 4),
        "ece": round(float(np.mean(eces)), 4),
    }


def detection(
    readings: Sequence[tuple[Reading, bool]], calibration: Calibration, threshold: float
) -> dict[str, float]:
    """Precision, recall and F1 of "an event is told", AUC of the confidence for it."""
    confidences = [r.confidence(calibration) for r, _ in readings]
    said = [c >= threshold for c in confidences]
    gold = [g for _, g in readings]
    hits = sum(s and g for s, g in zip(said, gold, strict=True))
    precision = hits / max(1, sum(said))
    recall = hits / max(1, sum(gold))
    scores = {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(2 * precision * recall / max(1e-9, precision + recall), 3),
    }
    if 0 < sum(gold) < len(gold):
        scores["auc"] = round(float(roc_auc_score(gold, confidences)), 3)
    return scores


def choose_threshold(readings: Sequence[tuple[Reading, bool]], calibration: Calibration) -> float:
    """The threshold with the best detection F1, averaged over the sets. (Keeping their mean
    recall at 0.80 instead chose 0.65, which lost seed events and gained no precision on the
    held-out WikiEvents: its spurious events are confident ones.)"""
    by_source: dict[str, list[tuple[Reading, bool]]] = {}
    for reading, gold in readings:
        by_source.setdefault(reading.example.item.source, []).append((reading, gold))

    def mean_f1(threshold: float) -> float:
        scores = [detection(rows, calibration, threshold)["f1"] for rows in by_source.values()]
        return sum(scores) / len(scores)

    return max(THRESHOLD_GRID, key=mean_f1)


def report(
    readings: Sequence[tuple[Reading, bool | None]], models: EventModels
) -> dict[str, object]:
    """Detection, type and ACLED accuracy and calibration of one set's readings."""
    known = [(r, g) for r, g in readings if g is not None]
    scores: dict[str, object] = {"n": len(readings)}
    if known:
        scores["detection"] = detection(known, models.calibration, models.min_confidence)

    def told(reading: Reading, types: frozenset[str] | None = None) -> bool:
        return (reading.event_type in types if types else reading.event_type != NONE) and (
            reading.confidence(models.calibration) >= models.min_confidence
        )

    said = [(r, g) for r, g in known if told(r)]
    if said:
        table = calibration_table(
            [r.confidence(models.calibration) for r, _ in said], [is_right(r, g) for r, g in said]
        )
        scores["ece"] = round(table["ece"], 3)
    violent = [g for r, g in known if told(r, VIOLENT_FAMILY)]
    if violent:
        found = [told(r, VIOLENT_FAMILY) for r, g in known if g]
        scores["violent"] = {
            "n": len(violent),
            "precision": round(sum(violent) / len(violent), 3),
            "sentence_recall": round(sum(found) / max(1, len(found)), 3),
        }
    typed = [r for r, _ in readings if r.example.item.plover in PLOVER_TYPES]
    if typed:
        right = sum(r.event_type == r.example.item.plover for r in typed)
        scores["plover_accuracy"] = {"n": len(typed), "accuracy": round(right / len(typed), 3)}
    coded = [r for r, _ in readings if r.example.item.acled in ACLED_SUB_EVENTS]
    if coded:
        right = sum(r.acled == r.example.item.acled for r in coded)
        scores["acled_accuracy"] = {"n": len(coded), "accuracy": round(right / len(coded), 3)}
    scores.update(acled_coverage(readings, told))
    return scores


def acled_coverage(
    readings: Sequence[tuple[Reading, bool | None]], told: Callable[[Reading], bool]
) -> dict[str, object]:
    """How often an event that ACLED would code gets no ACLED sub-event: of the texts ACLED
    coded (``ACLED_CODED``), the share read with one; of the events said of ACLED's own
    families (violence, protest, coercion), the share given none."""
    scores: dict[str, object] = {}
    coded = [r for r, _ in readings if r.example.item.acled == ACLED_CODED]
    if coded:
        given = sum(told(r) and r.acled is not None for r in coded)
        scores["acled_coded"] = {"n": len(coded), "given_a_sub_event": round(given / len(coded), 3)}
    said = [r for r, _ in readings if told(r) and r.event_type in ACLED_FAMILIES]
    if said:
        none = sum(r.acled is None for r in said)
        scores["acled_none"] = {"n": len(said), "share": round(none / len(said), 3)}
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="newsevents train events",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    parser.add_argument("--cache", type=Path, default=Path(".cache"), help="parsed texts")
    kept = parser.add_mutually_exclusive_group()
    kept.add_argument(
        "--acled-only",
        action="store_true",
        help="fit the ACLED typer only, beside the detector and PLOVER typer of the file at "
        "--output (the calibration and threshold are fitted again to the three)",
    )
    kept.add_argument(
        "--calibration-only",
        action="store_true",
        help="keep the three models of the file at --output, fit the calibration and the "
        "threshold again (minutes with the parses cached)",
    )
    parser.add_argument(
        "--context-calibration",
        action="store_true",
        help="let the select split choose a calibration that reads the score's context (the "
        "detector's probability, the article's length and genre, the sentence's shape)",
    )
    args = parser.parse_args(argv)

    examples, sources = load_examples(args.shared, args.cache)
    by_split: dict[str, list[Example]] = {}
    for example in examples:
        by_split.setdefault(example.split, []).append(example)
    print({name: len(rows) for name, rows in by_split.items()})

    def rows(split: str, label: Callable[[Example], str | None]) -> Labelled:
        return [(e, y) for e in by_split[split] if (y := label(e)) is not None]

    def detected(example: Example) -> str | None:
        event = event_label(example, sources)
        return None if event is None else (EVENT if event else NONE)

    def plover(example: Example) -> str | None:
        return example.item.plover if example.item.plover in PLOVER_TYPES else None

    selection: dict[str, object]
    if args.calibration_only:
        acled = load_models(args.output).acled
        acled_choice = json.loads(args.output.read_text(encoding="utf-8"))["metrics"]["selection"][
            "acled"
        ]
    else:
        acled, acled_choice = choose(
            rows("fit", lambda e: acled_label(e, sources)),
            rows("select", lambda e: acled_label(e, sources)),
            log_likelihood,
            c_grid=C_GRID_ACLED,
            dense_grid=(0.0,),
            min_count=ACLED_MIN_COUNT,
        )
        print(f"acled {acled_choice}")
    if args.acled_only or args.calibration_only:
        file = load_models(args.output)
        detector, typer = file.detector, file.plover
        selection = json.loads(args.output.read_text(encoding="utf-8"))["metrics"]["selection"]
    else:
        detector, detector_choice = choose(
            rows("fit", detected), rows("select", detected), log_likelihood, REALIS_GRID
        )
        typer, typer_choice = choose(rows("fit", plover), rows("select", plover), log_likelihood)
        print(f"detector {detector_choice}\ntyper {typer_choice}")
        selection = {"detector": detector_choice, "typer": typer_choice}

    # The ACLED typer's reading enters the score (classify.principal_event): the calibration
    # and threshold are fitted to the three models together, whichever were refitted.
    unset = EventModels(detector, typer, acled, Calibration((0.0, 1.0), (0.0, 1.0)), 0.0)
    select = [(read(e, unset), event_label(e, sources)) for e in by_split["select"]]
    known = [(r, g) for r, g in select if g is not None]
    candidates = CALIBRATION_CANDIDATES if args.context_calibration else CURVE_ONLY
    calibration, calibration_choice = choose_calibration(known, candidates)
    print(f"calibration {calibration_choice}")
    threshold = choose_threshold(known, calibration)
    models = EventModels(detector, typer, acled, calibration, threshold)
    print(f"confidence threshold {threshold}")
    selection.update(acled=acled_choice, calibration=calibration_choice, threshold=threshold)

    metrics: dict[str, object] = {
        "selection": selection,
        "select_in_sample": report(select, models),
    }
    for split in ("test", "heldout"):
        for name in sorted({e.item.source for e in by_split[split]}):
            readings = [
                (read(e, models), event_label(e, sources))
                for e in by_split[split]
                if e.item.source == name
            ]
            metrics[f"{split}/{name}"] = report(readings, models)
            print(f"{split}/{name}: {json.dumps(metrics[f'{split}/{name}'])}")

    payload = {
        "detector": detector.to_json(),
        "plover": typer.to_json(),
        "acled": acled.to_json(),
        "calibration": calibration.to_json(),
        "min_confidence": threshold,
        "metrics": metrics,
    }
    args.output.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.output} ({args.output.stat().st_size // 1024} KB)")
    return 0
