"""Language identification, offline (py3langid ships its model in the wheel)."""

from __future__ import annotations

SAMPLE_CHARS = 600  # plenty for a confident guess; the cost grows with the length
MIN_LETTERS = 20


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    import py3langid  # loads its model (about a second) on first use

    language, _score = py3langid.classify(sample)
    return str(language)
