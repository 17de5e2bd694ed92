"""News outlets: names, the aliases they go by on their pages, and their domains.

``outlets.json`` lists major outlets and agencies (one object a line: ``name``, ``aliases``,
``domains``). Aliases that are common words ("Nation", "Time") are left out on purpose: they
would name an outlet wherever the word appears.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from newsevents.words import alternation

OUTLETS_FILE = Path(__file__).with_name("outlets.json")

# Photo credits name agencies ("Image: Getty Images/AFP"), not the outlet that published.
CREDIT_LINE = re.compile(r"\b(?:image|photo|picture|credit|getty|pictured)\b|/", re.IGNORECASE)


# A copy kept by a web archive, and the URL of the original inside its address: the Wayback
# Machine (web.archive.org/web/<timestamp><flags>/<url>) and Archive-It collections.
ARCHIVED_COPY = re.compile(
    r"https?://(?:web\.archive\.org/web|wayback\.archive-it\.org/\d+)/\d{4,14}[a-z_]*/(?P<url>.+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@cache
def outlets() -> tuple[Outlet, ...]:
    rows = json.loads(OUTLETS_FILE.read_text(encoding="utf-8"))
    return tuple(Outlet(r["name"], tuple(r["aliases"]), tuple(r["domains"])) for r in rows)


@cache
def _alias_index() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {alias: outlet.name for outlet in outlets() for alias in outlet.aliases}
    alternatives = alternation(names)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), names


def original_url(url: str | None) -> str | None:
    """The address of the page an archive copied (``https://web.archive.org/web/2017.../
    http://www.nbc12.com/story/1`` -> ``http://www.nbc12.com/story/1``); other URLs unchanged."""
    match = ARCHIVED_COPY.match(url or "")
    if match is None:
        return url
    inner = match.group("url")
    if not re.match(r"https?://", inner, re.IGNORECASE):  # "http:/host" or a bare "host/path"
        inner = "http://" + re.sub(r"^https?:/*", "", inner, flags=re.IGNORECASE)
    return inner


def hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.") or None


def outlet_for_url(url: str | None) -> str | None:
    """The outlet whose domain serves ``url`` (``https://www.dw.com/en/...`` -> DW), or None."""
    host = hostname(url)
    if host is None:
        return None
    matches = [
        (len(domain), outlet.name)
        for outlet in outlets()
        for domain in outlet.domains
        if host == domain or host.endswith(f".{domain}")
    ]
    return max(matches)[1] if matches else None


def canonical_name(name: str) -> str:
    """A site name as the outlet list spells it ("Deutsche Welle" -> "DW"), else unchanged."""
    name = name.strip()
    folded = name.casefold()
    for outlet in outlets():
        spellings = (outlet.name, *outlet.aliases, *outlet.domains)
        if any(folded == spelling.casefold() for spelling in spellings):
            return outlet.name
    return name


def outlet_in_chrome(lines: Iterable[str]) -> str | None:
    """The outlet the page chrome names most often ("Skip to more DW sites", "© Reuters")."""
    pattern, names = _alias_index()
    counts: Counter[str] = Counter()
    for line in lines:
        if CREDIT_LINE.search(line):
            continue
        counts.update(names[match] for match in pattern.findall(line))
    return counts.most_common(1)[0][0] if counts else None
