"""The text a ``Doc`` was made from, kept with it: ``doc.text`` joins every token's text anew
at each access (about half a millisecond for a news article), and several stages read it.

:func:`keep_text` makes a pipeline keep each text it tokenises in ``doc.user_data``;
:func:`doc_text` reads it there, or joins it for a ``Doc`` made elsewhere. spaCy's tokenizer
loses no character, so the kept text is ``doc.text``. :func:`span_text` slices a span's text
out of it: ``span.text`` joins the span's tokens anew (about 20 us for a sentence), and the
events stage reads its sentences' texts a few times each.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

TEXT_KEY = "newsevents.text"


def keep_text(nlp: Language) -> None:
    """Every ``Doc`` this pipeline makes from a text (``nlp(text)``, ``nlp.pipe``) keeps it."""
    make_doc = nlp.make_doc

    def make_doc_keeping_text(text: str) -> Doc:
        doc = make_doc(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    nlp.make_doc = make_doc_keeping_text  # type: ignore[method-assign]


def doc_text(doc: Doc) -> str:
    """``doc.text``, without joining it again where the pipeline kept it."""
    text: str | None = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text


def span_text(span: Span) -> str:
    """``span.text``, sliced out of the text its document kept (joined where it kept none)."""
    text: str | None = span.doc.user_data.get(TEXT_KEY)
    return span.text if text is None else text[span.start_char : span.end_char]
