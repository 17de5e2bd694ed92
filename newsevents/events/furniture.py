"""Lines of a news page that tell no event of their own (``data/furniture.tsv``): credits, share
buttons, newsletter boxes, photo captions. Page extraction keeps some of them, and gold texts
(GVA's, hrdsattack's) hold them as given."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Span

from newsevents.events.features import cues_in, load_cues
from newsevents.nlp.text import span_text

FURNITURE = load_cues(Path(__file__).parent / "data" / "furniture.tsv", "name")


def page_furniture(sentence: Span) -> str | None:
    """The kind of page furniture the sentence holds (a row's name), or None."""
    # The first of the rows found (cues_in runs only the rows whose words the text holds).
    return next(iter(cues_in(span_text(sentence), FURNITURE)), None)
