"""Toponym recognition: the place names of a parsed text, with demonyms and metonyms set apart.

Its sources, merged:

- spaCy's named entities: GPE and LOC always (a name the gazetteer lacks is still a place,
  left unresolved); FAC when the gazetteer knows it; and the small model's slips on known
  places: an ORG that is a country or division, a NORP that is a large or curated place
  ("Aleppo", "Hmeimim"), a one-word PERSON that is no one's surname in the text and a
  plausible place (a smaller town will do in a place's position: "in Hama", "Aleppo and Hama"),
  an ORG that is a plausible town modifying a common noun ("a Gainesville man");
- the gazetteer itself, for capitalised names the model missed, with guards against common
  words: not a stopword, a month or a weekday, not a single word at the start of a sentence
  (unless in capitals, as datelines are), the place's own name rather than an alternate one,
  and either a country, division or curated place, a large town (100,000 people), or a town
  in a country the text is about (named, by a demonym, by one of its divisions or by a town
  no other country has, or its outlet's country-code domain); a known
  place opening a run of names before an office word ("Huntsville Fire Chief Tom Grisham");
- a dateline's place near the top, after a headline too ("HARTFORD —"), and a legislator's
  home after the party ("Rep. Torrey Westrom, R-Elbow Lake"), by name whatever its size;
- the names the text calls settlements ("the village of Cellardyke", "the towns of Maliuc and
  Caraorman"), whatever their size, known to the gazetteer or not;
- every other occurrence of a name the model called a place somewhere in the text (one sense
  per text), unless a capitalised word other than an office word follows it;
- a known place opening an organisation's or a building's name, or after its "of" ("Richmond
  Police Department", "University of Kentucky"), as gold toponym sets (LGL, GeoWebNews)
  count them; not a newspaper's nameplate ("The Washington Post"); in an institution's name,
  by its own name whatever its size ("Belchertown State School").

Never a place: a word of a person's name the text gives in full ("Julian" after "Julian
Assange", "Fairfield" after "Elizabeth Fairfield") that names no country, division, curated
place or capital, where the model calls it a place; a lower-case word,
an acronym that names no country or division ("ALMA"; datelines apart), a division abroad
that only the gazetteer found in a text about other countries (Bar of "Reba's Bar and Grill"),
the known place inside a natural feature's name ("Farallon" of "Farallon Islands": the feature
is the mention, unresolved when unknown), the town a people's name opening a longer name would
be ("Canadian Lottery": a demonym), a word of a kind of institution ("Superior" of "Superior
Court", "Commerce" of "Chamber of Commerce": the `kind` list of `data/recognition_words.tsv`;
"Russia" of the party "United Russia": its `organisation` list),
a one-word name after a title or between a quote and a verb of saying ("Mrs. Parsons",
'," Walker said') that names no country, division, curated place or capital.

A name followed by "province", "governorate", "district", ... takes that word into its span
("Idlib province"), so it resolves to the division; a direction before a name joins it when
the gazetteer knows the region ("northwestern Syria"). A name followed by "virus" or "fever"
names a disease ("West Nile virus") and is dropped. Demonyms ("Syrian") and a state's people
("Minnesotans") are never places; :func:`demonym_mentions` lists them apart, as the toponyms
the gold sets count them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial

from spacy.attrs import IDX, IS_TITLE, ORTH
from spacy.lexeme import Lexeme
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span, Token

from newsevents.geo.gazetteer import DIVISION_WORDS, Gazetteer, GazetteerEntry, name_key
from newsevents.geo.resolve import (
    DIVISION_LIST,
    FEATURE_WORDS,
    LIST_NAME,
    RECOGNITION_WORDS,
    Mention,
)
from newsevents.geo.streets import street_mentions
from newsevents.nlp import load_language
from newsevents.nlp.datelines import DATELINE_CHARS, DATELINE_PLACE
from newsevents.nlp.entities import SPEECH_VERBS, is_title
from newsevents.nlp.text import doc_text, span_text

PLACE_LABELS = frozenset({"GPE", "LOC"})
# The labels of the entities that may be places (entity_mention: others never are)
ENTITY_PLACE_LABELS = PLACE_LABELS | {"FAC", "ORG", "NORP", "PERSON"}
LARGE_TOWN = 100_000
CONTEXT_TOWN = 5_000
MAX_WORDS = 4
# The word lists, with where each word came from: ``data/recognition_words.tsv``.
_WORDS = RECOGNITION_WORDS
CALENDAR_WORDS = _WORDS["calendar"]
# Capitalised words that name places only as parts of longer names.
GENERIC_WORDS = _WORDS["generic"]
# The last words of newspaper nameplates: their place names the paper, not a place in the news.
NAMEPLATE_WORDS = _WORDS["nameplate"]
# Words that, after a place name, make an office or body of that place: "Huntsville Fire Chief".
OFFICE_WORDS = _WORDS["office"]
# Nouns that head an institution's name. A place the gazetteer knows by its own name opening
# such a name, or after its "of", "in" or "on", is a toponym whatever its size ("Belchertown
# State School", "Canaan Board of Finance", "Sheldon Peck Homestead in Lombard"), as LGL and
# GeoWebNews count them (GeoWebNews' "embedded literal"); the word alone is never the place
# ("University", Florida).
INSTITUTION_WORDS = _WORDS["institution"]
AFFIX_WORDS = GENERIC_WORDS | OFFICE_WORDS | INSTITUTION_WORDS
LOCATIVE_WORDS = _WORDS["locative"]
# Nouns of people their names follow: "Twin sisters Lindsay and Charlotte" are no towns.
PEOPLE_WORDS = _WORDS["people"]
# "Superior Court", "Chamber of Commerce": kinds of institution, and "United Russia": a party,
# whose words are no place there
_KIND = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _WORDS["kind"] | _WORDS["organisation"]))) + r")\b",
    re.IGNORECASE,
)
_DIRECTION_BEFORE = re.compile(
    r"\b(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central)\s+$",
    re.IGNORECASE,
)
# "West Nile virus", "Rift Valley fever", "Spanish flu": a disease named after a place.
# A capitalised word right after: the name is part of a longer one ("Paris Hilton").
_NAME_AFTER = re.compile(r" [A-Z]")
_WORD_AFTER = re.compile(r" ([\w']+)")
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}$")  # "U.S." of "U.S. Department of Education"
_ACRONYM = re.compile(r"[A-Z]{2,4}|(?:[A-Z]\.){2,4}")
_DISEASE_AFTER = re.compile(
    r"\s+(?:virus|viruses|fever|flu|influenza|disease|encephalitis)\b", re.IGNORECASE
)
_DIVISION_AFTER = re.compile(r"\s+(?:" + "|".join(DIVISION_WORDS) + r")\b", re.IGNORECASE)
# "the village of Cellardyke", "the villages of Ceamurlia de Jos, Maliuc and Caraorman": the
# names after a settlement's noun in lower case ("the Town of" is a name's own), each a run of
# capitalised words, "de", "al-" and the like inside, "St." opening it.
_SETTLEMENT_NAME = (
    r"(?:(?:St|Ste|Ft|Mt)\. )?[A-Z](?:[a-z]\w*|['’][A-Z]\w*)(?:-\w+)*"
    r"(?: (?:(?:de|del|la|al|el)[ -])?[A-Z](?:[a-z]\w*|['’][A-Z]\w*)(?:-\w+)*)*"
)
_SETTLEMENT_OF = re.compile(
    r"\b(?:" + "|".join(sorted(_WORDS["settlement"])) + rf") of ({_SETTLEMENT_NAME})"
)
_LIST_NEXT = re.compile(rf"(?:, and |, | and )({_SETTLEMENT_NAME})")
# ", R-Marshall", "(DFL-Cook)", ", D-S.C.": a legislator's party and home, one or two words.
_PARTY_HOME = re.compile(r"[,(]\s?(?:D|R|I|DFL)-([A-Z][\w.']*)((?: [A-Z][\w.']*)?)")


def recognise(doc: Doc, gazetteer: Gazetteer, countries: Iterable[str] = ()) -> list[Mention]:
    """The place names of ``doc``, in text order, without overlaps.

    ``countries`` are ISO3 codes the text is about (from its demonyms, say); the countries
    named in the text itself are added here.
    """
    ents = doc.ents  # spaCy makes every entity anew at each read of doc.ents: read once here
    # each entity without its "the" or possessive, trimmed once for the three readings below
    entities = [(ent, trimmed(ent)) for ent in ents]
    context = set(countries) | named_countries(ents, gazetteer)
    text = doc_text(doc)
    taken = [False] * len(text)
    mentions: list[Mention] = []

    def claim(found: Iterable[Mention]) -> None:
        """Keep ``found`` and mark its characters taken, one mention after another."""
        for mention in found:
            mentions.append(mention)
            mark(taken, mention)

    # Streets first: "Augusta" of "420 Augusta St." is no town.
    claim(street_mentions(text, taken))
    datelines = dateline_mentions(text, gazetteer, taken)
    claim(datelines)
    claim(party_home_mentions(text, gazetteer, taken))
    claim(listed_divisions(text, gazetteer, taken))
    claim(settlement_mentions(text, gazetteer, taken))
    # "Clinton said" after "Hillary Clinton", "Lindsay" of "sisters Lindsay and Charlotte": a
    # person, whatever the gazetteer says.
    surnames = {ent[-1].text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
    for person in named_people(doc):
        surnames.add(span_text(person))
        mark(taken, Mention(span_text(person), person.start_char, person.end_char))
    # "Julian woke up" after "Julian Assange": a word of a person's name the model calls a
    # place alone is the person, unless it is a country, division or capital ("Jordan").
    persons = {
        word.text
        for ent, name in entities
        if ent.label_ == "PERSON" and name is not None and own_person_name(name, gazetteer)
        for word in name
        if not names_area(word.text, gazetteer, context)
    }
    # "Mrs. Parsons", '," Walker said': a person the text names by one word, as above.
    persons |= {
        word.text for word in speakers(doc) if not names_area(word.text, gazetteer, context)
    }
    for ent, name in entities:
        span = entity_mention(ent, name, gazetteer, context, surnames | persons, persons)
        if span is not None and not any(taken[span.start : span.end]):
            claim([span])
    claim(gazetteer_matches(doc, gazetteer, context, taken))
    claim(embedded_mentions(entities, gazetteer, context, taken))
    # Names the model itself called places, and the gazetteer knows, count wherever they recur.
    sure = {
        span_text(ent)
        for ent in ents
        if ent.label_ in PLACE_LABELS and gazetteer.has_name(span_text(ent))
    }
    mentions += repeated_mentions(text, sure - surnames - persons, taken, gazetteer)
    # "West Nile virus" is a disease; "the Northwest Side", "Southwest D.C." no region abroad;
    # "Superior" of "Superior Court" no town ("Bridgeport" of "Bridgeport Superior Court" is).
    kinds = [kind.span() for kind in _KIND.finditer(text)]
    mentions = [
        m
        for m in mentions
        if not _DISEASE_AFTER.match(text, m.end)
        and not any(start <= m.start and m.end <= end for start, end in kinds)
        and name_key(m.text) not in GENERIC_WORDS
        and m.text[0].isupper()  # "the gulf in graduation rates", "necked swan"
        and (m in datelines or not stray_acronym(m.text, gazetteer))
    ]
    widened = (
        with_direction_word(text, with_division_word(text, m, gazetteer), gazetteer)
        for m in mentions
    )
    return sorted(widened, key=start_of)


def own_person_name(name: Span, gazetteer: Gazetteer) -> bool:
    """Two or three name words, ending on no word of the English lexicon, that name no place:
    "Julian Assange"; not "Belchertown Police Chief Tom Grisham", "Greer Station" or
    "Avondale Estates" (the model's PERSON), whose towns stay places."""
    return (
        1 < len(name) <= 3
        and all(is_name_word(word) and word.lower_ not in AFFIX_WORDS for word in name)
        and name[-1].lower_ not in lexicon_words()
        and not gazetteer.has_name(span_text(name))
    )


def speakers(doc: Doc) -> Iterator[Token]:
    """One-word names of people: the last word after a title ("Mrs. Parsons", "Chief Myers";
    not "Edward" of "Prince Edward Island") and a name between a quote and a verb of saying
    ('," Walker said'), where no place speaks."""
    for word in doc[1:-1]:
        before, after = doc[word.i - 1], doc[word.i + 1]
        if not is_name_word(word) or is_name_word(after):
            continue
        if is_title(before) or (before.is_quote and after.lower_ in SPEECH_VERBS):
            yield word


def named_people(doc: Doc) -> Iterator[Span]:
    """The names listed right after a noun of people ("sisters Lindsay and Charlotte", "his
    sons Austin and Tyler", "the victims, Lindsay and Warren,", "coach Ripley"): people,
    however the model labels them. After a comma only a list the parse makes the noun's
    apposition; a list runs to the name after its "and" ("his son Austin, Texas police said":
    Austin alone)."""
    for noun in doc[:-1]:
        if noun.lower_ not in PEOPLE_WORDS or (noun.is_title and not noun.is_sent_start):
            continue  # not "Sisters of Mercy"
        if noun.pos_ == "VERB" and any(child.dep_ == "dobj" for child in noun.children):
            continue  # "will coach Texas" (a tagger's VERB of "cousins Dillon" stays a noun)
        start = noun.i + 1
        if doc[start].text == ",":
            start += 1
            if start == len(doc) or doc[start].head != noun or doc[start].dep_ != "appos":
                continue
        runs: list[Span] = []
        end = start
        while end < len(doc) and is_name_word(doc[end]):
            run_start = end
            while end < len(doc) and is_name_word(doc[end]):
                end += 1
            runs.append(doc[run_start:end])
            if runs[-1].start > start and doc[runs[-1].start - 1].lower_ == "and":
                break  # the list's last name
            if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "and":
                end += 1  # "Lindsay, Charlotte, and Warren"
            if end + 1 < len(doc) and doc[end].text in (",", "and"):
                end += 1
        if len(runs) > 1 and doc[runs[-1].start - 1].lower_ != "and":
            runs = runs[:1]  # names after commas without an "and": no list
        yield from runs


def dateline_mentions(text: str, gazetteer: Gazetteer, taken: list[bool]) -> list[Mention]:
    """The place of the dateline near the top ("HARTFORD —", "SEVIERVILLE, Tenn. (AP)", after
    a headline too), by its own name whatever its size: the model often calls it an
    organisation, or nothing."""
    # Searched up to a dateline's length past its last possible start, not the whole text.
    for match in DATELINE_PLACE.finditer(text, 0, DATELINE_CHARS + 200):
        if match.start() >= DATELINE_CHARS:
            break
        start, end = match.span(1)
        if not any(taken[start:end]) and own_name(match.group(1), gazetteer):
            return [Mention(match.group(1), start, end)]
    return []


def party_home_mentions(text: str, gazetteer: Gazetteer, taken: list[bool]) -> list[Mention]:
    """The home of a legislator after the party, as AP style writes it: "Rep. Torrey Westrom,
    R-Elbow Lake", "James Clyburn, D-S.C.", "Sen. Tom Bakk (DFL-Cook)"."""
    found = []
    for match in _PARTY_HOME.finditer(text):
        for end in (match.end(2), match.end(1)):  # the longer name first
            start, name = match.start(1), text[match.start(1) : end]
            if end > start and not any(taken[start:end]) and gazetteer.has_name(name):
                found.append(Mention(name, start, end))
                break
    return found


def settlement_mentions(text: str, gazetteer: Gazetteer, taken: list[bool]) -> list[Mention]:
    """The names the text calls settlements or local divisions: "the village of Cellardyke",
    "the town of Akuressa", "the villages of Maliuc and Caraorman" (the `settlement` list of
    `data/recognition_words.tsv`), whatever their size and whether or not the gazetteer knows
    them. Not a name of an office or institution ("the town of Canaan Board of Finance": a
    body, whose place the other readings find) nor a people's ("communities of Hmong")."""
    found = []
    for match in _SETTLEMENT_OF.finditer(text):
        item: re.Match[str] | None = match
        while item is not None:
            start, end = item.span(1)
            name = item.group(1)
            words = {word.lower() for word in name.split()}
            if words & AFFIX_WORDS or gazetteer.demonym(name) or any(taken[start:end]):
                break
            found.append(Mention(name, start, end))
            item = _LIST_NEXT.match(text, end)
    return found


def demonym_mentions(
    doc: Doc, gazetteer: Gazetteer, places: Iterable[Mention] = ()
) -> list[tuple[Mention, GazetteerEntry | None]]:
    """The demonyms of the text ("Sudanese", "Sri Lankan", "Palestinians", "American" of
    "American Electric Power", "the Lebanese Army"), each with the country, state or continent
    it stands for (None where the gazetteer has no entry for it): not places, but toponyms as
    LGL and GeoWebNews count them; not inside a place's name ("Indian Ocean", ``places``
    found: "French Guiana")."""
    inside_place: set[int] = set()
    for ent in doc.ents:
        span = trimmed(ent)
        if (
            ent.label_ in PLACE_LABELS
            and not gazetteer.demonym(span_text(ent))
            and not (span is not None and peoples_thing(span, gazetteer))
        ):
            inside_place.update(range(ent.start, ent.end))
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        inside_place.update(range(span.start, span.end) if span is not None else ())
    text = doc_text(doc)
    found = []
    for run in title_runs(doc, inside_place):
        k = 0
        while k < len(run):
            width, stands_for = people_at(text, run[k : k + 3], gazetteer)
            if width:
                start, end = run[k].idx, run[k + width - 1].idx + len(run[k + width - 1])
                found.append((Mention(text[start:end], start, end), stands_for))
            k += width or 1
    return found


def peoples_thing(span: Span, gazetteer: Gazetteer) -> bool:
    """A longer name the gazetteer lacks opening on a people's name, not inside a natural
    feature's: "Canadian Lottery", "the Palestinian Authority" (the model's LOC and GPE) are
    that people's lottery and authority, their first word a demonym as LGL counts it, no town
    Canadian, Texas. The peoples are the gazetteer's demonyms (countryinfo's, and
    ``data/countries.tsv``'s with their sources) and the states' people by the English
    suffixes (:func:`resident_of`)."""
    if len(span) < 2 or names_feature(span) or gazetteer.has_name(span_text(span)):
        return False
    width, _ = people_at(doc_text(span.doc), list(span[:-1]), gazetteer)
    return width > 0


def title_runs(doc: Doc, skip: set[int]) -> list[list[Token]]:
    """The runs of capitalised words of ``doc``, leaving out the tokens in ``skip``."""
    runs: list[list[Token]] = [[]]
    for i, title in enumerate(doc.to_array(IS_TITLE).tolist()):
        if title and i not in skip:
            runs[-1].append(doc[i])
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def people_at(
    text: str, words: list[Token], gazetteer: Gazetteer
) -> tuple[int, GazetteerEntry | None]:
    """How many of the first capitalised ``words`` name a people or a person by their country
    or state ("South Sudanese", "Minnesotans"), the most first, and that country or state; or
    (0, None)."""
    if words[0].is_stop:
        return 0, None
    for n in range(len(words), 0, -1):
        name = text[words[0].idx : words[n - 1].idx + len(words[n - 1])]
        if demonym := gazetteer.demonym(name):
            return n, gazetteer.country(demonym) or resident_of(name, gazetteer)
        if resident := resident_of(name, gazetteer):
            return n, resident
    return 0, None


def resident_of(word: str, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """The country, state or continent whose people (or person) ``word`` names, by the English
    suffixes: "Minnesotans", "Ohioans", "Texan", "Ontarians", "Floridians", "New Yorkers",
    "Michiganders", "European"; None for a word that is a place name itself."""
    if not word.endswith(("n", "ns", "er", "ers")):
        return None
    base = name_key(word).removesuffix("s")
    stems = (base[:-1], base[:-2], base[:-1] + "s", base[:-3] + "io", base[:-3] + "a", base[:-3])
    for stem in stems:
        if len(stem) < 4 or not gazetteer.is_area_key(stem) or gazetteer.has_name(word):
            continue
        entries = gazetteer.lookup(stem)
        # The stem's main sense, by its own name: not Gaza, Mozambique, for "Gazans"
        main = entries[0] if entries else None
        if (
            main
            and main.precision in ("country", "admin1")
            and name_key(main.name) == name_key(stem)
        ):
            return main
    return None


def listed_divisions(text: str, gazetteer: Gazetteer, taken: list[bool]) -> list[Mention]:
    """The names of a list of counties: "Becker, Clay and Wilkin counties", "Anderson and
    Cherokee counties" (each a county the gazetteer knows by "X County")."""
    found = []
    for match in DIVISION_LIST.finditer(text):
        for item in re.finditer(LIST_NAME, match.group(1)):
            start, end = match.start(1) + item.start(), match.start(1) + item.end()
            name = item.group()
            if not gazetteer.has_name(f"{name} County") and " " in name:  # "Small Hitchcock"
                start += name.index(" ") + 1
                name = text[start:end]
            if gazetteer.has_name(f"{name} County") and not any(taken[start:end]):
                found.append(Mention(name, start, end))
    return found


def repeated_mentions(
    text: str, names: set[str], taken: list[bool], gazetteer: Gazetteer
) -> list[Mention]:
    """Other occurrences of names known to be places here (one sense per text): the model
    tags "Alexandria" a person in one sentence and a place in the next."""
    found = []
    for name in sorted(names):
        for start, end in whole_word_spans(text, name):
            if any(taken[start:end]) or (
                _NAME_AFTER.match(text, end) and not office_word_at(text, start, end, gazetteer)
            ):
                continue
            found.append(Mention(name, start, end))
            mark(taken, found[-1])
    return found


def whole_word_spans(text: str, name: str) -> Iterator[tuple[int, int]]:
    r"""Where ``name`` (not empty) stands in ``text`` with no word character or hyphen beside
    it, left to right, not overlapping: ``re.finditer`` of ``(?<![\w-])NAME(?![\w-])``, by
    ``str.find`` (a pattern per name, compiled anew for each text's names and tried at every
    position, cost 0.1 ms a name)."""
    start = text.find(name)
    while start >= 0 and name:
        end = start + len(name)
        before, after = text[start - 1 : start], text[end : end + 1]
        if not (before and word_or_hyphen(before)) and not (after and word_or_hyphen(after)):
            yield start, end
            start = text.find(name, end)
        else:
            start = text.find(name, start + 1)


def word_or_hyphen(char: str) -> bool:
    r"""A word character (as ``\w`` reads one) or a hyphen."""
    return char.isalnum() or char in "_-"


def office_word_at(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """An office word right after the name at ``start:end`` ("Huntsville" of "Huntsville Fire
    Chief"), not one that makes a longer name ("Kansas City")."""
    match = _WORD_AFTER.match(text, end)
    return (
        match is not None
        and match.group(1).lower() in OFFICE_WORDS
        and not gazetteer.has_name(text[start : match.end()])
    )


def stray_acronym(name: str, gazetteer: Gazetteer) -> bool:
    """An acronym ("ALMA", "SAN", "D.A.", "U.N.") that names no country or division: news
    writes those in capitals ("UK", "B.C.", "NSW"), towns only in datelines ("HUME —")."""
    return bool(_ACRONYM.fullmatch(name)) and not any(
        e.precision in ("country", "admin1") for e in gazetteer.lookup(name)
    )


def start_of(mention: Mention) -> int:
    return mention.start


def named_countries(ents: Iterable[Span], gazetteer: Gazetteer) -> set[str]:
    found = set()
    for ent in ents:
        if ent.label_ in PLACE_LABELS:
            entries = gazetteer.lookup(span_text(ent))
            # A division named outright ("Illinois", "Ill.") puts its country in the text too,
            # and so does a town no other country has a namesake of ("Cuyahoga Falls").
            countries = {e.country for e in entries}
            area = bool(entries) and entries[0].precision in ("country", "admin1")
            if (area or len(countries) == 1) and entries[0].country:
                found.add(entries[0].country)
        demonym = gazetteer.demonym(span_text(ent))
        if demonym:
            found.add(demonym)
    return found


def entity_mention(
    ent: Span,
    span: Span | None,
    gazetteer: Gazetteer,
    context: set[str],
    surnames: set[str],
    persons: set[str],
) -> Mention | None:
    """The place ``ent`` (``span``: its :func:`trimmed` span) names, if any. ``surnames`` are
    words of people's names here, never a one-word "person" read as a place; ``persons`` those
    no place of note is named by, never a place alone whatever the model calls them."""
    if ent.label_ not in ENTITY_PLACE_LABELS:  # a date, a number: no gazetteer query
        return None
    if span is not None and ent.label_ in PLACE_LABELS | {"NORP", "PERSON"}:
        span = longer_name(span, gazetteer) or span
    if span is None:
        return None
    name = span_text(span)
    if gazetteer.demonym(name):
        return None
    mention = Mention(name, span.start_char, span.end_char)
    entries = gazetteer.lookup(name)
    if ent.label_ in PLACE_LABELS:
        if len(span) == 1 and name in persons:
            return None  # "Julian" after "Julian Assange"
        # "Lamar County Commissioners", "Henderson County Jail": the place in a body's or a
        # building's name the model took for a place, by its own name whatever its size
        own = partial(own_name, gazetteer=gazetteer)
        inside = not entries and len(span) > 1 and not names_feature(span)
        if inside and peoples_thing(span, gazetteer):
            return None  # its people's name is listed apart (demonym_mentions)
        part = opening_place(span, own) if inside else None
        return (
            Mention(span_text(part), part.start_char, part.end_char, inside=True)
            if part
            else mention
        )
    if ent.label_ == "FAC":
        return mention if entries else None
    if ent.label_ == "ORG":  # a sports team or a university is often just "Texas"
        if any(e.precision in ("country", "admin1") for e in entries):
            return mention
        town = (modifies_noun(span) or reads_as_place(span)) and not name.isupper()
        return mention if town and known_place(name, gazetteer, context) else None
    if ent.label_ == "NORP":
        return mention if any(plausible(e, context, LARGE_TOWN) for e in entries) else None
    if ent.label_ != "PERSON" or len(span) != 1 or name in surnames:
        return None
    town_size = CONTEXT_TOWN if reads_as_place(span) else CONTEXT_TOWN * 4
    return mention if any(plausible(e, context, town_size) for e in entries) else None


def longer_name(span: Span, gazetteer: Gazetteer) -> Span | None:
    """The longest place the gazetteer knows that the entity and up to two names (or "and" and
    one) either side of it make: the model cut "French Guiana", "Goz Beida" and "Jammu and
    Kashmir" into pieces that name other places or none."""
    doc = span.doc
    if (span.start == 0 or not is_name_word(doc[span.start - 1])) and (
        span.end == len(doc) or not (is_name_word(doc[span.end]) or doc[span.end].lower_ == "and")
    ):
        return None

    def name(token: Token) -> bool:  # not "Dublin City" of "Dublin City Schools"
        return is_name_word(token) and not token.is_stop and token.lower_ not in AFFIX_WORDS

    def joins(token: Token) -> bool:
        return name(token) or token.lower_ == "and"

    before = range(max(0, span.start - 2), span.start)
    starts = [s for s in before if all(map(name, doc[s : span.start]))] + [span.start]
    after = range(span.end + 1, min(len(doc), span.end + 2) + 1)
    ends = [span.end] + [
        e for e in after if all(map(joins, doc[span.end : e])) and name(doc[e - 1])
    ]
    known = [
        doc[s:e]
        for s in starts
        for e in ends
        if (s, e) != (span.start, span.end)
        and (
            own_name(span_text(doc[s:e]), gazetteer)
            or any(map(is_landmark, gazetteer.lookup(span_text(doc[s:e]))))
        )
    ]
    return max(known, key=len, default=None)


def modifies_noun(span: Span) -> bool:
    """A name the model called an organisation, modifying a common noun as towns do: "a
    Gainesville man", "Huntsville residents"."""
    head = span.root.head
    return (
        span.root.dep_ == "compound"
        and head.pos_ == "NOUN"
        and head.is_lower
        and head.i == span.end
    )


def reads_as_place(span: Span) -> bool:
    """A one-word "person" in a place's position: after "in"/"near", or listed with places."""
    token = span.root
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_WORDS:
        return True
    neighbours = [token.head] if token.dep_ == "conj" else []
    neighbours += [child for child in token.children if child.dep_ == "conj"]
    return any(n.ent_type_ in PLACE_LABELS or n.ent_type_ == "NORP" for n in neighbours)


def trimmed(ent: Span) -> Span | None:
    """The entity without a leading "the" or a trailing possessive."""
    start, end = ent.start, ent.end
    if ent[0].lower_ == "the":
        start += 1
    if end > start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return ent.doc[start:end] if end > start else None


def names_area(name: str, gazetteer: Gazetteer, context: set[str]) -> bool:
    """A country, a division, a curated place or a capital the text may mean by ``name``: a
    person's name word that names one stays a place ("Jordan"; '," London said': a metonym);
    a town's name is the person ("Fairfield" after "Elizabeth Fairfield", "Lincoln" after
    "Mrs. Lincoln")."""
    return any(
        (is_landmark(e) or e.feature_code == "PPLC") and plausible(e, context, LARGE_TOWN)
        for e in gazetteer.lookup(name)
    )


def is_landmark(entry: GazetteerEntry) -> bool:
    """A country, a division or a curated place: safe to take from a bare capitalised name."""
    return entry.precision in ("country", "admin1") or not entry.source.startswith(
        ("geonames", "derived")
    )


def plausible(entry: GazetteerEntry, context: set[str], town_size: int) -> bool:
    # A division abroad named by a word the model did not call a place is most often an
    # English word: Bar of "Reba's Bar and Grill" (Montenegro), "Federal" (Brazil's district).
    if entry.precision == "admin1" and context and entry.country not in context:
        return not entry.source.startswith(("geonames", "derived"))
    if is_landmark(entry):
        return True
    return entry.population >= LARGE_TOWN or (
        entry.country in context and entry.population >= town_size
    )


def gazetteer_matches(
    doc: Doc, gazetteer: Gazetteer, context: set[str], taken: list[bool]
) -> list[Mention]:
    """Whole runs of capitalised words that name a plausible place and no entity took.

    Only whole runs: "Washington" in "Washington Post" or "Gun" in "Gun Barrel City" is part
    of another name.
    """
    found = []
    orths, starts = doc.to_array([ORTH, IDX]).T.tolist()
    names = [
        is_name_orth(doc, orth) and not taken[start]
        for orth, start in zip(orths, starts, strict=True)
    ]
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and names[end]:
            end += 1
        if end == i:
            i += 1
            continue
        span = doc[i:end]
        if doc[i].is_stop and len(span) > 1 and not gazetteer.has_name(span_text(span)):
            span = span[1:]  # "A Gainesville man", "The Woodstock mayor"
        if len(span) <= MAX_WORDS and accept(span, gazetteer, context, taken):
            found.append(Mention(span_text(span), span.start_char, span.end_char))
        elif (part := office_place(span, gazetteer, context)) is not None:
            found.append(Mention(span_text(part), part.start_char, part.end_char))
        i = end
    return found


def office_place(span: Span, gazetteer: Gazetteer, context: set[str]) -> Span | None:
    """The known place opening a run of names before an office word: "Huntsville" of
    "Huntsville Fire Chief Tom Grisham"."""
    for k in range(min(MAX_WORDS, len(span) - 1), 0, -1):
        part = span[:k]
        if span[k].lower_ not in OFFICE_WORDS or (k == 1 and not name_like(part[0])):
            continue
        if gazetteer.has_name(span[: k + 1].text):  # "Kansas City Power & Light"
            return None
        if known_place(span_text(part), gazetteer, context):  # else "Manchester" of "Manchester
            return part  # Memorial High School" may still come
    return None


def is_name_word(word: Token | Lexeme) -> bool:
    """A capitalised word of letters, not a day or month: what a place's name is made of."""
    return word.is_alpha and word.orth_[0].isupper() and word.lower_ not in CALENDAR_WORDS


# is_name_word by word (all it reads is the word's), for a whole document without a Token per
# word: gazetteer_matches asked it of every token.
_NAME_ORTHS: dict[int, bool] = {}
MAX_NAME_ORTHS = 200_000


def is_name_orth(doc: Doc, orth: int) -> bool:
    """:func:`is_name_word` of a token whose word's hash is ``orth``."""
    known = _NAME_ORTHS.get(orth)
    if known is None:
        if len(_NAME_ORTHS) >= MAX_NAME_ORTHS:
            _NAME_ORTHS.clear()
        known = _NAME_ORTHS[orth] = is_name_word(doc.vocab[orth])
    return known


def accept(span: Span, gazetteer: Gazetteer, context: set[str], taken: list[bool]) -> bool:
    first = span[0]
    if any(taken[t.idx] for t in span) or gazetteer.demonym(span_text(span)):
        return False
    if first.ent_type_ in ("PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
        return False
    if len(span) == 1 and not name_like(first):
        return False
    # A capital at a sentence start is usually just a capital: unless it is a dateline (ALL CAPS)
    # or a town modifying a common noun ("Roselle police ticketed ...").
    opening = first.is_sent_start and (len(span) == 1 or first.is_stop) and not first.is_upper
    if opening and (first.is_stop or not modifies_noun(span)):
        return False
    return known_place(span_text(span), gazetteer, context)


def name_like(word: Token) -> bool:
    """A single word that may be a name on its own: no stopword, initials or generic word."""
    return not (word.is_stop or len(word) < 3 or word.lower_ in GENERIC_WORDS)


def known_place(name: str, gazetteer: Gazetteer, context: set[str]) -> bool:
    """A plausible place by its own name: alternate names of small places ("We", "Titan") are
    too often words."""
    key = name_key(name)
    return any(
        plausible(e, context, CONTEXT_TOWN) and (name_key(e.name) == key or is_landmark(e))
        for e in gazetteer.lookup(name)
    )


def own_name(name: str, gazetteer: Gazetteer) -> bool:
    key = name_key(name)
    return any(name_key(e.name) == key for e in gazetteer.lookup(name))


@lru_cache(maxsize=1)
def lexicon_words() -> frozenset[str]:
    """The words spaCy's English lemmatizer lists (WordNet's nouns, verbs, adjectives and
    adverbs, lower case): common words ("station", "smith"), and well-known places."""
    nlp = load_language()
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.component_names else None
    if not isinstance(lemmatizer, Lemmatizer):
        return frozenset()
    index = lemmatizer.lookups.get_table("lemma_index", {})
    return frozenset().union(*index.values())


def embedded_mentions(
    entities: Iterable[tuple[Span, Span | None]],
    gazetteer: Gazetteer,
    context: set[str],
    taken: list[bool],
) -> list[Mention]:
    """Places named inside an organisation's or a building's name: "Richmond Police
    Department", "Henderson County Crimestoppers", "University of Kentucky", "Texas Water
    Development Board". ``entities``: each entity with its :func:`trimmed` span."""
    found = []
    for ent, span in entities:
        if (
            ent.label_ in PLACE_LABELS
            or span is None
            or len(span) < 2
            or any(taken[t.idx] for t in span)
        ):
            continue
        if span[-1].lower_ in NAMEPLATE_WORDS:
            continue
        part = None
        if any(t.lower_ in INSTITUTION_WORDS for t in span):
            part = institution_place(span, partial(own_name, gazetteer=gazetteer))
        if part is not None:
            found.append(Mention(span_text(part), part.start_char, part.end_char))
        elif ent.label_ in ("ORG", "FAC") and not names_feature(span):
            part = opening_place(span, partial(known_place, gazetteer=gazetteer, context=context))
            if part is not None:
                found.append(Mention(span_text(part), part.start_char, part.end_char, inside=True))
    return found


def institution_place(span: Span, known: Callable[[str], bool]) -> Span | None:
    """The longest ``known`` place among the runs of names in an institution's name that
    follow its "of", "in" or "on", or open it: "Hartford" of "University of Hartford",
    "Lombard" of "Sheldon Peck Homestead in Lombard", "Middletown" of "Middletown High
    School". Never a run ending on the institution's word, and the opening words of a run only
    before an office word ("Belchertown State School", not "Sheldon" of "Sheldon Peck")."""
    doc = span.doc
    starts = [t.i + 1 for t in span[:-1] if t.lower_ in ("of", "in", "on")] + [span.start]
    for start in starts:
        start += doc[start].lower_ == "the"
        run = start
        while run < span.end and run - start < MAX_WORDS and is_name_word(doc[run]):
            run += 1
        for end in range(run, start, -1):
            part = doc[start:end]
            if part[-1].lower_ in INSTITUTION_WORDS or (len(part) == 1 and not name_like(part[0])):
                continue
            if end < run and doc[end].lower_ not in OFFICE_WORDS | INSTITUTION_WORDS:
                continue
            if known(span_text(part)):
                return part
    return None


def opening_place(span: Span, known: Callable[[str], bool]) -> Span | None:
    """The longest ``known`` place that the first words of a longer name, or its words after
    "of", make: "Henderson County" of "Henderson County Jail", "Ontario" of "Province of
    Ontario"."""
    doc = span.doc
    leading = range(min(MAX_WORDS, len(span) - 1), 0, -1)
    after_of = [t.i + 1 for t in span[:-1] if t.lower_ in ("of", "in")]
    parts = [
        *(doc[span.start : span.start + k] for k in leading),
        *(doc[i : span.end] for i in after_of[:1] if span.end - i <= MAX_WORDS),
    ]
    for part in parts:
        if len(part) == 1 and not name_like(part[0]):
            continue
        words = all(is_name_word(t) or _INITIALISM.match(t.text) for t in part)
        if words and known(span_text(part)):
            return part
    return None


def names_feature(span: Span) -> bool:
    """A name headed by a natural feature's word: "Farallon Islands", "Islington Bay", "Gulf of
    Alaska" name that feature, not the place "Farallon", "Islington" or "Alaska" (1,000 km
    from the gulf's point) inside them."""
    opens = span[0].lower_ in FEATURE_WORDS and len(span) > 2 and span[1].lower_ == "of"
    return opens or span[-1].lower_ in FEATURE_WORDS


def with_division_word(text: str, mention: Mention, gazetteer: Gazetteer) -> Mention:
    """ "Idlib" followed by " province" becomes "Idlib province" when that names a division."""
    match = _DIVISION_AFTER.match(text, mention.end)
    if not match:
        return mention
    longer = text[mention.start : match.end()]
    if not gazetteer.lookup(longer):
        return mention
    return Mention(longer, mention.start, match.end())


def with_direction_word(text: str, mention: Mention, gazetteer: Gazetteer) -> Mention:
    """ "northwestern Syria" is a region the gazetteer may know, not the whole country. Not
    "central Africa" or "southeast Asia": a part of a continent spanning countries is the
    continent with a modifier, as GeoVirus annotates it (its fit half: all five such wrong)."""
    match = _DIRECTION_BEFORE.search(text, max(0, mention.start - 20), mention.start)
    if not match:
        return mention
    longer = text[match.start() : mention.end]
    if not any(entry.country for entry in gazetteer.lookup(longer)):
        return mention
    return Mention(longer, match.start(), mention.end)


def mark(taken: list[bool], mention: Mention) -> None:
    for i in range(mention.start, mention.end):
        taken[i] = True
