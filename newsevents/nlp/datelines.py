"""Wire-story datelines ("KHARTOUM, May 14 (Reuters) - Artillery shelling killed ...").

The parser reads the dateline into the first sentence and often makes the place its subject
("KHARTOUM ... killed"). The ``dateline_splitter`` component, placed before the parser, starts a
new sentence after the dateline so the story's first clause is parsed on its own.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.nlp.text import doc_text

# An upper-case place (words, hyphens, apostrophes, dots), an optional country or state and
# date after a comma, then a dash, an "(Agency)" or both ("SEVIERVILLE, Tenn. (AP) Police").
DATELINE_NAME = r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
DATELINE_TAIL = re.compile(
    r"(?:,[^\n\-–—()]{1,40})?\s*(?:\([^)\n]{1,40}\)\s*[-–—]*|[-–—]+)\s*(?=\S)"
)
DATELINE = re.compile(r"\A\s*" + DATELINE_NAME + DATELINE_TAIL.pattern)
# A dateline may also follow a headline or a line of page chrome ("Crash victim upgraded.
# MIDDLETOWN — ..."): its place opens a line or a sentence within the first DATELINE_CHARS.
DATELINE_CHARS = 600
DATELINE_PLACE = re.compile(
    r"(?:\A|(?<=\n)|(?<=[.!?] ))\s*(" + DATELINE_NAME + ")" + DATELINE_TAIL.pattern
)


def dateline_end(text: str) -> int | None:
    """Character offset where the story starts after a dateline, or None without one."""
    found = DATELINE.match(text)
    return found.end() if found else None


@Language.component("dateline_splitter")
def dateline_splitter(doc: Doc) -> Doc:
    end = dateline_end(doc_text(doc))
    if end is None:
        return doc
    for token in doc:
        if token.idx >= end:
            if token.i > 0:
                token.is_sent_start = True
            break
    return doc
