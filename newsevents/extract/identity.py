"""Article identity: the same text, however it arrived, gets the same id."""

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


def article_id(text: str) -> str:
    """sha256 (hex) of the normalised text."""
    return hashlib.sha256(normalise_for_identity(text).encode("utf-8")).hexdigest()
