"""Article identity: the same story, however it arrived, gets the same id.

A story is its body, its headline and its outlet. The body alone does not tell two pages apart
when it is not the story: site chrome ("Sign in", "Subscribe"), a paywall notice or nothing
but a caption is the same around every headline of a site, and since the headline can carry the
event, one id for both would lose the second; and a wire story run by two outlets is two
reports of one event, which dedup groups, not one. The headline and the outlet are normalised as
the body is, so the same story read from a page, a text dump or a JSON line that give them alike
gets one id. A text with neither keeps the id of its text alone, the id every article had before
(``store/schema.py``, migration 6, keeps the stores written then readable without duplicates).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Typographic variants that differ between routes (a CMS, a feed, a copy from the browser).
UNIFIED_CHARACTERS = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\ufeff": None,  # byte-order mark
    }
)


def normalise_for_identity(text: str) -> str:
    """NFKC, quotes and dashes unified, whitespace collapsed, case folded."""
    text = unicodedata.normalize("NFKC", text).translate(UNIFIED_CHARACTERS)
    return re.sub(r"\s+", " ", text).strip().casefold()


def article_id(text: str, title: str | None = None, outlet: str | None = None) -> str:
    """sha256 (hex) of the normalised text, then each of the headline and the outlet given, on
    a line of its own after its name (a normalised text holds no line break)."""
    parts = [normalise_for_identity(text)]
    for name, value in (("title", title), ("outlet", outlet)):
        if value and (normal := normalise_for_identity(value)):
            parts.append(f"{name}: {normal}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
