"""Absolute calendar dates written in a line of page text ("August 27, 2019", "27.08.2019").

Only dates that stand on their own are read: "Published 3 hours ago" or "Tuesday" say nothing
without the moment the page was saved, so they give None rather than a guess.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "januar", "jänner"),
            ("february", "feb", "februar"),
            ("march", "mar", "märz", "maerz"),
            ("april", "apr"),
            ("may", "mai"),
            ("june", "jun", "juni"),
            ("july", "jul", "juli"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct", "oktober", "okt"),
            ("november", "nov"),
            ("december", "dec", "dezember", "dez"),
        ),
        start=1,
    )
    for name in names
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",  # August 27, 2019
        rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",  # 27 August 2019, 27. August 2019
        # 2019-08-27
        r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)",
        r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b",  # 27.08.2019
        r"\b(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d\d)\b",  # 08/27/2019
    )
)


def find_date(text: str) -> date | None:
    """The first absolute date written in ``text``, or None."""
    found: list[tuple[int, date]] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match.groupdict())
            if parsed is not None:
                found.append((match.start(), parsed))
                break
    return min(found)[1] if found else None


def _to_date(parts: dict[str, str | None]) -> date | None:
    year = int(parts["year"] or 0)
    if parts.get("first"):
        # Slashes: month first (US usage) unless that cannot be a month.
        first, second = int(parts["first"] or 0), int(parts["second"] or 0)
        month, day = (second, first) if first > 12 else (first, second)
    else:
        month_text = (parts["month"] or "").lower()
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text, 0)
        day = int(parts["day"] or 0)
    try:
        return date(year, month, day)
    except ValueError:
        return None
