"""The context the event confidence reads beside the models' score (``model.ScoreContext``).

The same score does not mean the same in every text: in a long sports or business story, the
sentences with an event word ("shot", "attack", "raid") seldom tell a coded event, where in a
police brief nearly all do. The calibration (``model.Calibration``) weighs what is read here,
each input known at run time from the article's text and the sentence alone, and computed the
same way for the training sets' documents (``tools/event_corpora.py``: a set's document where
it gives one, else the text itself, which is all the pipeline would read of a snippet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span

from newsevents.events.features import read_table, shape_features
from newsevents.events.model import ScoreContext

GENRE_WORDS_FILE = Path(__file__).parent / "data" / "genre_words.tsv"
GENRE_WORDS = {row["word"]: row["genre"] for row in read_table(GENRE_WORDS_FILE)}
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Genre:
    """An article's length in words and the shares of its words in each genre's list."""

    words: int
    sports: float
    markets: float


@lru_cache(maxsize=16)
def article_genre(text: str) -> Genre:
    """The genre of an article's text (cached: every sentence of an article asks)."""
    words = [word.lower() for word in WORD.findall(text)]
    genres = [GENRE_WORDS.get(word) for word in words]
    total = max(1, len(words))
    return Genre(len(words), genres.count("sports") / total, genres.count("markets") / total)


def score_context(sentence: Span, event_probability: float, article_text: str) -> ScoreContext:
    """The context of a score read in ``sentence`` (the detector's probability for it given) of
    an article whose text is given."""
    genre = article_genre(article_text)
    shape = shape_features(sentence)
    return ScoreContext(
        event_probability=event_probability,
        words=genre.words,
        sports=genre.sports,
        markets=genre.markets,
        quoted="quote" in shape,
        question="question" in shape,
    )
