"""The actor knowledge base: who an actor phrase refers to, as an ISO3 country and a sector.

Public API (the ``events`` stage depends on it)::

    from newsevents.actors import resolve_actor, find_actor_mentions, lookup

    resolve_actor("Turkish President Recep Tayyip Erdogan")
    # Actor(name='Recep Tayyip Erdogan', country='TUR', sector='GOV')
    resolve_actor("Russian warplanes")          # Actor('Russian warplanes', 'RUS', 'MIL')
    resolve_actor("Ankara")                     # Actor('Turkey', 'TUR', 'GOV')
    resolve_actor("pro-government forces", context_country="SYR")  # ('...', 'SYR', 'MIL')
    resolve_actor("the weather")                # None
    find_actor_mentions(sentence)   # every KB phrase in a text, with offsets and entries
    lookup("Hama")                  # the KB entry whose whole text is this name, or None

``resolve_actor(text, context_country=None)`` reads an actor phrase (a noun phrase, an entity):

- A named entry (a person or an organisation) gives the name, country and sector:
  "Hezbollah fighters" is Hezbollah (LBN, REB); "Putin's spokesman" is Putin (RUS, GOV).
- Otherwise the country comes from the first country name, demonym ("Syrian", "Syrians"),
  seat of government ("Ankara", "the Kremlin") or region ("Darfur rebels", "Tigrayan
  forces", "Idlib residents") that is not a "-backed"/"-led" modifier, and
  the sector from the head sector word: the last one before a preposition ("troops of the
  Syrian government" is MIL), skipping generic words such as "leader" or "officials" when a
  more telling one is there ("leader of the opposition" is OPP, "Afghan rebel leaders" REB).
  A seat of government alone is GOV; a people ("Syrians", "Palestinians") CVL; a country
  name or adjective alone has no sector. "pro-Russian" and "Russian-backed" are sponsors,
  not the actor's country; "Vietnamese-led forces" are Vietnam's unless another country is
  named.
- ``context_country`` fills the country of an actor that has none ("pro-government forces",
  "gunmen", a transnational group such as Islamic State), except international and
  non-governmental organisations.
- An organisation's aliases in context (``organisations.tsv``'s fifth column) name it only
  where the phrase or ``context_country`` is its country: "SNA" is the Somali National Army
  in a Somali sentence and the Syrian National Army elsewhere; "NAS" is South Sudan's National
  Salvation Front beside a South Sudanese place and nothing elsewhere (a US Naval Air Station).
- Result: ``Actor(name, country, sector)``; None when nothing in the text is known.

Sectors follow CAMEO/PLOVER agent codes: GOV, MIL, COP (police, security forces), JUD, LEG,
REB, INS, OPP, CVL, MED, BUS, NGO, IGO, PKO, REF, EDU, LAB, CRM, SPY, UAF. Conventions chosen:

- Ministries, ministers and defence ministries are GOV (as CAMEO codes "Defence Secretary"):
  "the Turkish Defense Ministry" is TUR GOV. State armed forces and their equipment are MIL.
- Armed groups: REB for armed opposition fighting a state for territory or power (Hayat
  Tahrir al-Sham is SYR REB, as are the Taliban, the Houthis, Hamas, the SDF, M23, RSF);
  INS for groups of the Islamic State and al-Qaida networks and other terrorist networks
  (ISIS, al-Shabaab, Boko Haram, JNIM, TTP); CRM for cartels and gangs; UAF for
  unidentified gunmen and militias.
- Protesters and activists are OPP; police and security forces COP.
- A named peacekeeping mission (AMISOM, ATMIS, MONUSCO, UNMISS; CAMEO's PKO) is PKO: an
  international body's armed force, of no country as an IGO is; unnamed "peacekeepers" are MIL
  of the phrase's or the sentence's country ("Kenyan peacekeepers").

The data are TSV files in ``newsevents/actors/data`` (see its README): countries (names,
demonyms, seats of government), regions (a country hint only), people (heads of state and
government, ministers), organisations (armed groups, IGOs, NGOs) and sector words. Matching
is a dict of token n-grams built once, accent-insensitive; names of several words and common
nouns match in any case, one-word names only as written ("Turkey" but not "turkey", "US" but
not "us", "Putin" but not "putin").
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from newsevents.records import Actor
from newsevents.words import fold, strip_accents, word_set

DATA = Path(__file__).parent / "data"

EntryKind = Literal["person", "organisation", "country", "demonym", "seat", "region", "sector"]
NAMED_KINDS = ("person", "organisation")
COUNTRY_KINDS = ("country", "demonym", "seat", "region")
NO_CONTEXT_SECTORS = ("IGO", "NGO", "PKO")

TOKEN = re.compile(r"[^\W_]+")


# "Russian-backed Syrian troops": the Russian is a sponsor, not the actor's country.
MODIFIER_WORDS = word_set(
    "backed led allied aligned sponsored supported funded controlled held armed trained based born"
)
BARE_NAME = re.compile(r"^(?:the|The)\s+|['\u2019]s?$|[\s.,]+$")
# Capitalised words that may stand beside a person's name without being part of another name
HONORIFICS = word_set(
    "Mr Mrs Ms Dr Sir Dame Lord Lady Sheikh Shaikh Prince Princess Crown Gen General Col "
    "Colonel Lt Field Marshal Ayatollah Grand Imam Mullah Maulana Archbishop Pope Saint Senator "
    "Sen Rep Judge Justice Chairman Secretary Defence Defense Foreign Interior Prime Vice Deputy "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December"
)
PREPOSITIONS = word_set("of for from in at with to against by on near under")
# Surnames that are common words, first names or shared by many stay out of the surname index.
COMMON_SURNAMES = word_set(
    "may hunt henry pierre gang michel mustafa garland waltz castro store long young king "
    "ahmed ahmad ali khan hassan hussein hussain mohammed muhammad mohamed kim lee park wang "
    "zhang li liu chen singh kumar sharif johnson jones smith brown williams wilson taylor "
    "martin thomas white davis miller moore garcia rodriguez lopez gonzalez fernandez perez "
    "sanchez silva santos abdullah abdallah salman khalifa hamad bin ibn mohammad rahman "
    "said saeed yusuf omar umar musa ibrahim ismail"
)


@dataclass(frozen=True)
class KBEntry:
    """One thing the knowledge base knows: its kind, canonical name, country and sector."""

    kind: EntryKind
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    generic: bool = False


@dataclass(frozen=True)
class ActorMention:
    """A knowledge-base phrase found in a text (character offsets into that text)."""

    start: int
    end: int
    text: str
    entry: KBEntry
    modifier: str | None = None  # "backed" in "Russian-backed", "pro" in "pro-Russian"


class KnowledgeBase:
    """Token n-gram dictionaries over every name in the data files."""

    def __init__(self) -> None:
        self.folded: dict[tuple[str, ...], KBEntry] = {}
        self.exact: dict[tuple[str, ...], KBEntry] = {}
        self.first_tokens: set[str] = set()
        # By a phrase's first word (folded), the most words of a phrase it opens.
        self.longest: dict[str, int] = {}
        # By an alias in context (``alias_key``), the organisation it names in each country.
        self.in_context: dict[tuple[str, ...], dict[str, KBEntry]] = {}

    @classmethod
    def load(cls, data: Path = DATA) -> KnowledgeBase:
        kb = cls()
        kb.load_countries(data / "countries.tsv")
        kb.load_organisations(data / "organisations.tsv")
        kb.load_regions(data / "regions.tsv")
        surnames = kb.load_people(data / "people.tsv")
        kb.load_sectors(data / "sectors.tsv")
        for surname, entry in surnames.items():
            kb.add_surname(surname, entry)
        kb.load_aliases_in_context(data / "organisations.tsv")
        return kb

    def add(self, alias: str, entry: KBEntry) -> None:
        tokens = TOKEN.findall(alias)
        if tokens and fold(tokens[0]) == "the" and len(tokens) > 1:
            tokens = tokens[1:]
        if not tokens:
            return
        if len(tokens) == 1 and tokens[0][0].isupper():
            self.add_exact(tokens[0], entry)  # "Turkey", not "turkey"; "US", not "us"
        else:
            key = tuple(fold(t) for t in tokens)
            self.folded.setdefault(key, entry)
            self.first_tokens.add(key[0])
            self.longest[key[0]] = max(self.longest.get(key[0], 1), len(key))

    def add_exact(self, token: str, entry: KBEntry) -> None:
        """A one-word name matched only as written (accents aside): "US" but not "us"."""
        key = strip_accents(token)
        self.exact.setdefault((key,), entry)
        self.first_tokens.add(key)

    def add_surname(self, surname: str, entry: KBEntry) -> None:
        """ "Putin" for Vladimir Putin: only capitalised, and only where nothing else is meant."""
        if (fold(surname),) not in self.folded and (strip_accents(surname),) not in self.exact:
            self.add_exact(surname, entry)

    def load_countries(self, path: Path) -> None:
        for iso3, names, demonyms, seats in read_tsv(path, 4):
            canonical = names.split("|")[0]
            for name in split(names):
                self.add(name, KBEntry("country", canonical, iso3))
            for seat in split(seats):
                self.add(seat, KBEntry("seat", canonical, iso3, "GOV"))
            for demonym in split(demonyms):
                entry = KBEntry("demonym", canonical, iso3)
                self.add(demonym, entry)
                if not demonym.isupper() and not re.search(r"(?:s|sh|ch|ese)$", demonym):
                    # "Syrians": the people of a country, civilians unless a sector word says more
                    self.add(demonym + "s", KBEntry("demonym", canonical, iso3, "CVL"))

    def load_regions(self, path: Path) -> None:
        for names, iso3 in read_tsv(path, 2):
            for name in split(names):
                self.add(name, KBEntry("region", name, iso3))

    def load_organisations(self, path: Path) -> None:
        for name, aliases, country, sector, _ in read_tsv(path, 5):
            entry = KBEntry("organisation", name, country or None, sector or None)
            for alias in [name, *split(aliases)]:
                self.add(alias, entry)

    def load_aliases_in_context(self, path: Path) -> None:
        """Loaded last: an alias that another entry holds outright stays that entry's
        out of context ("SNA" is the Syrian National Army unless the sentence is Somali)."""
        for name, _, country, sector, in_context in read_tsv(path, 5):
            entry = KBEntry("organisation", name, country or None, sector or None)
            for alias in split(in_context):
                self.add(alias, entry)
                self.in_context.setdefault(alias_key(alias), {})[country] = entry

    def in_its_country(self, mention: ActorMention, country: str | None) -> KBEntry | None:
        """The entry a named mention stands for where ``country`` is the phrase's or its
        sentence's: for an alias in context, its organisation of that country, else the
        entry that holds the alias outright, else none."""
        by_country = self.in_context.get(alias_key(mention.text))
        if by_country is None:
            return mention.entry
        if country in by_country:
            return by_country[country]
        return None if mention.entry in by_country.values() else mention.entry

    def load_people(self, path: Path) -> dict[str, KBEntry]:
        """Adds every person's names; returns the distinctive surnames to add last."""
        surnames: dict[str, KBEntry] = {}
        shared: set[str] = set()
        for name, aliases, country, sector, role in read_tsv(path, 5):
            entry = KBEntry("person", name, country or None, sector or None, role or None)
            for alias in [name, *split(aliases)]:
                self.add(alias, entry)
            surname = TOKEN.findall(name)[-1]
            if surname in surnames:
                shared.add(surname)
            if len(surname) >= 4 and fold(surname) not in COMMON_SURNAMES:
                surnames[surname] = entry
        return {surname: e for surname, e in surnames.items() if surname not in shared}

    def load_sectors(self, path: Path) -> None:
        for phrase, sector, generic in read_tsv(path, 3):
            self.add(phrase, KBEntry("sector", phrase, None, sector, generic=generic == "yes"))

    def find(self, text: str) -> list[ActorMention]:
        """Every KB phrase in ``text``, longest match first, left to right, no overlaps."""
        # Built by map and zip, not a loop over the words: this runs on every article's text.
        matches = list(TOKEN.finditer(text))
        words = list(map(re.Match.group, matches))
        starts, ends = map(re.Match.start, matches), map(re.Match.end, matches)
        tokens = list(zip(starts, ends, words, strict=True))
        folds = {word: fold(word) for word in words}  # each distinct word folded once
        folded = list(map(folds.__getitem__, words))
        first = self.first_tokens
        opening = {
            w for w, folded_w in folds.items() if folded_w in first or strip_accents(w) in first
        }
        mentions = []
        after = 0  # the first token after the last phrase read
        for i in [i for i, word in enumerate(words) if word in opening]:
            if i < after:
                continue
            match = self.longest_match(tokens, folded, i)
            if match is None:
                continue
            length, entry = match
            after = i + length
            if (entry.kind == "person" and self.inside_other_name(text, tokens, i, after)) or (
                length == 1 and self.in_capitals_run(tokens, i)
            ):
                continue
            start, end = tokens[i][0], tokens[after - 1][1]
            modifier = modifier_word(text, tokens, i, after)
            mentions.append(ActorMention(start, end, text[start:end], entry, modifier))
        return mentions

    def inside_other_name(
        self, text: str, tokens: list[tuple[int, int, str]], first: int, after: int
    ) -> bool:
        """ "Hunter Biden", "Maher al-Assad", "Marcos Silva": a capitalised word that the KB
        does not know, right before or after the name, makes it someone else's name."""
        neighbours = []
        if first > 0 and text[tokens[first - 1][1] : tokens[first][0]] == " ":
            neighbours.append(tokens[first - 1][2])
        if after < len(tokens) and text[tokens[after - 1][1] : tokens[after][0]] == " ":
            neighbours.append(tokens[after][2])
        return any(
            word[0].isupper()
            and word not in HONORIFICS
            and fold(word) not in self.first_tokens
            and strip_accents(word) not in self.first_tokens
            for word in neighbours
        )

    def in_capitals_run(self, tokens: list[tuple[int, int, str]], i: int) -> bool:
        """ "IS" in "THIS IS HOW": an acronym among words in capitals is just a word."""
        word = tokens[i][2]
        if not (word.isupper() and len(word) > 1):
            return False
        return any(
            other.isupper() and len(other) > 1 and other not in self.first_tokens
            for other in (tokens[j][2] for j in (i - 1, i + 1) if 0 <= j < len(tokens))
        )

    def longest_match(
        self, tokens: list[tuple[int, int, str]], folded: list[str], i: int
    ) -> tuple[int, KBEntry] | None:
        """The longest KB phrase from the ``i``-th token, which opens one (``find``)."""
        for length in range(min(self.longest.get(folded[i], 1), len(tokens) - i), 0, -1):
            exact = self.exact.get((strip_accents(tokens[i][2]),)) if length == 1 else None
            entry = exact or self.folded.get(tuple(folded[i : i + length]))
            if entry is not None:
                return length, entry
        return None

    def resolve(self, text: str, context_country: str | None = None) -> Actor | None:
        mentions = self.find(text)
        if not mentions:
            return None
        countries = [m for m in mentions if m.entry.kind in COUNTRY_KINDS and not m.modifier]
        leaders = [m for m in mentions if m.entry.kind in COUNTRY_KINDS and m.modifier == "led"]
        # "Vietnamese-led forces" are Vietnam's when no other country is named
        country = (countries or leaders)[0].entry.country if countries or leaders else None
        named = [
            entry
            for m in mentions
            if m.entry.kind in NAMED_KINDS
            and (entry := self.in_its_country(m, country or context_country)) is not None
        ]
        if named:
            entry = named[0]
            name, country, sector = entry.name, entry.country or country, entry.sector
        else:
            sector = head_sector(text, mentions)
            if sector is None:  # a seat of government is GOV, a people ("Syrians") CVL
                sector = next((m.entry.sector for m in countries if m.entry.sector), None)
            if country is None and sector is None:
                return None
            relevant = [m for m in mentions if not m.modifier]
            if sector is None or not relevant:
                name = countries[0].entry.name if countries else text.strip()
            else:
                name = text[relevant[0].start : relevant[-1].end]
                name = name.split("(")[0].strip() if name.count("(") > name.count(")") else name
        if country is None and sector not in NO_CONTEXT_SECTORS:
            country = context_country
        return Actor(name=name, country=country, sector=sector)


def head_sector(text: str, mentions: list[ActorMention]) -> str | None:
    """The sector of the phrase's head: the last sector word before a preposition."""
    sectors = [m for m in mentions if m.entry.kind == "sector"]
    if not sectors:
        return None
    boundary = next(
        (m.start() for m in TOKEN.finditer(text) if m.group().lower() in PREPOSITIONS),
        len(text),
    )
    head = ([m for m in sectors if m.end <= boundary] or sectors)[-1]
    if head.entry.generic:
        specific = [m for m in sectors if not m.entry.generic]
        head = specific[-1] if specific else head
    return head.entry.sector


def modifier_word(
    text: str, tokens: list[tuple[int, int, str]], first_index: int, next_index: int
) -> str | None:
    """The word that makes a phrase a modifier: "backed" in "Russian-backed", "pro" in
    "pro-Russian" (those are sponsors, not the actor's country), or None."""
    if first_index > 0 and text[tokens[first_index][0] - 1 : tokens[first_index][0]] == "-":
        word = tokens[first_index - 1][2].lower()
        if word in ("pro", "anti"):
            return word
    if next_index < len(tokens):
        start, _, word = tokens[next_index]
        if text[start - 1 : start] == "-" and word.lower() in MODIFIER_WORDS:
            return word.lower()
    return None


def alias_key(alias: str) -> tuple[str, ...]:
    """An alias as ``KnowledgeBase.in_context`` keys it: its words folded, "the" aside."""
    words = [fold(t) for t in TOKEN.findall(alias)]
    return tuple(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def read_tsv(path: Path, columns: int) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#"):
                continue
            yield [cell.strip() for cell in row] + [""] * (columns - len(row))


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The knowledge base, loaded once per process."""
    return KnowledgeBase.load()


def resolve_actor(text: str, context_country: str | None = None) -> Actor | None:
    """The actor an actor phrase refers to (see the module docstring), or None."""
    actor = cached_resolve(text, context_country)
    return dataclasses.replace(actor) if actor else None  # a copy the caller may change


@lru_cache(maxsize=65536)
def cached_resolve(text: str, context_country: str | None) -> Actor | None:
    return knowledge_base().resolve(text, context_country)


def find_actor_mentions(text: str) -> list[ActorMention]:
    """Every knowledge-base phrase in ``text`` with its offsets and entry."""
    return knowledge_base().find(text)


@lru_cache(maxsize=65536)  # entities ask for each name in every pass; news repeats its names
def lookup(name: str) -> KBEntry | None:
    """The entry whose name is the whole of ``name``, give or take "the" and a possessive:
    "Putin", "the Kremlin", "al-Qaida's" are found; "Putin and Erdogan", "Hama air base" not."""
    bare = BARE_NAME.sub("", name.strip())
    kb = knowledge_base()
    mentions = kb.find(bare)
    if len(mentions) == 1 and mentions[0].text == bare:
        return kb.in_its_country(mentions[0], None)
    return None
