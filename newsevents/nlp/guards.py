"""What the English models can be given: not empty, not too long, English.

``checked_text(article)`` returns the text to parse and the warnings to add to the reading, or
raises :class:`~newsevents.pipeline.StageError` with the reason:

- empty or blank text: an error ("empty text");
- text longer than ``MAX_CHARS``: the first ``MAX_CHARS`` characters are kept, cut at the last
  paragraph, sentence or word boundary before the limit, with a warning. Offsets stay valid
  because the kept text is a prefix of the article text;
- text that is not English: :class:`~newsevents.pipeline.NotCodable` naming the language (the
  article is kept, uncoded). English is judged on the first
  ``SAMPLE_WORDS`` words by the share of English stopwords (news English runs at 20-55%,
  lower in name-dense short texts) against the share of the function words of other Latin-
  script languages (German, French, Spanish, Portuguese, Italian, Dutch, Indonesian, Turkish):
  a text is not English when the foreign share is the larger and the English share under
  ``MAX_FOREIGN_ENGLISH_SHARE``, or when hardly any word is an English stopword (other
  scripts). A language identifier's label is only quoted in the message, so that a short
  English text it mislabels is still read.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from newsevents.pipeline import NotCodable, StageError
from newsevents.records import Article

MAX_CHARS = 50_000  # about 8,000 words: longer than almost any news article
SAMPLE_WORDS = 300
MIN_WORDS_TO_JUDGE = 12
MIN_STOPWORD_SHARE = 0.08
MAX_FOREIGN_ENGLISH_SHARE = 0.3
FOREIGN_FUNCTION_WORDS = frozenset(
    " ".join(
        [
            "der die das und ist nicht mit den von zu dem des ein eine sich auf für auch wird sind",
            "le la les des et est une du pour que dans pas sur au aux avec qui il elle ont été",
            "el los las del y en una por para con que se su al lo como más fue han",
            "o os da dos das um uma não com para são foi pelo pela",
            "il di che e della delle gli non sono per una nel alla",
            "het een en van de dat niet zijn op voor met wordt",
            "yang dan di ini itu dengan untuk dari pada akan tidak",
            "ve bir bu da ile için olarak olan çok",
        ]
    ).split()
).difference(STOP_WORDS)
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"[.!?][\"')\]]?\s"), re.compile(r"\s"))


def checked_text(article: Article) -> tuple[str, list[str]]:
    text = article.text
    if not text.strip():
        raise StageError("empty text")
    warnings = []
    if len(text) > MAX_CHARS:
        text = prefix_at_boundary(text, MAX_CHARS)
        warnings.append(
            f"nlp: text of {len(article.text):,} characters read up to character {len(text):,}"
        )
    shares = word_shares(text)
    if shares is not None and not looks_english(*shares):
        language = article.language if article.language and article.language != "en" else None
        named = f" (looks like {language!r})" if language else ""
        raise NotCodable(
            f"not English text{named}: {shares[0]:.0%} English stopwords; "
            "the models read English only"
        )
    return text, warnings


def looks_english(english: float, foreign: float) -> bool:
    if english < MIN_STOPWORD_SHARE:
        return False
    return not (foreign > english and english < MAX_FOREIGN_ENGLISH_SHARE)


def prefix_at_boundary(text: str, limit: int) -> str:
    """The longest prefix of ``text`` up to ``limit`` characters that ends at a boundary."""
    head = text[:limit]
    for boundary in BOUNDARIES:
        ends = [m.end() for m in boundary.finditer(head, limit // 2)]
        if ends:
            return head[: ends[-1]].rstrip()
    return head


def word_shares(text: str) -> tuple[float, float] | None:
    """Shares of English stopwords and of foreign function words among the first words."""
    words = [w.lower() for w in WORD.findall(text[: SAMPLE_WORDS * 12])][:SAMPLE_WORDS]
    if len(words) < MIN_WORDS_TO_JUDGE:
        return None
    english = sum(w in STOP_WORDS for w in words) / len(words)
    foreign = sum(w in FOREIGN_FUNCTION_WORDS for w in words) / len(words)
    return english, foreign
