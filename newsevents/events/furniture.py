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


def on_linked_line(text: str, offset: int) -> bool:
    """Whether the line of the text holding an offset is a linked story's headline ("Previous
    Story 4/3/17: One Dead, Four Injured ..."): another story, or an earlier one of this, whose
    counts are not this one's. A line, not a sentence: the parser may join the paragraph after
    it ("MORE: 4 shot, 1 killed in SE DC shooting" / "Three other males were also shot.")."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return "linked" in cues_in(text[start : end if end >= 0 else len(text)], FURNITURE)
