"""Word helpers every stage shares: word lists written as one string, accent folding.

Word lists themselves live beside the stage that reads them, as data (``*/data/*.tsv``) or as a
``word_set`` constant with a comment saying what it is for; the helpers that build and compare
them live here, once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources.abc import Traversable


def word_set(words: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(words.split())


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, each escaped, the longest first (so that a word is not
    matched as the start of a longer one)."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def table_lines(path: Traversable) -> list[str]:
    """The lines of a data table written as TSV, header first: blank lines and lines starting
    with # (comments: what the table is, where its rows came from) left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def tsv_rows(path: Traversable) -> list[list[str]]:
    """The rows of a word table written as TSV (``table_lines``), the header left out."""
    return [line.split("\t") for line in table_lines(path)][1:]


def word_lists(path: Traversable) -> dict[str, frozenset[str]]:
    """The word lists of a TSV whose rows are a list's name, a word and the word's source (where
    it came from)."""
    lists: dict[str, set[str]] = {}
    for name, word, _source in tsv_rows(path):
        lists.setdefault(name, set()).add(word)
    return {name: frozenset(words) for name, words in lists.items()}


# Both run on every token the actor knowledge base looks at; news repeats its words.
@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case without accents: "Erdoğan" -> "erdogan"."""
    return strip_accents(word).lower()


@lru_cache(maxsize=1 << 16)
def strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
