"""PLOVER context: the domains an event belongs to ("military", "diplomatic", "legal", ...).

Contexts are labels for searching and counting events by domain, not types: one event may have
several ("the army arrested opposition leaders before the election": military, political,
election). They are read from the words of the event's sentence and from who takes part:

- a cue word of the domain in the sentence (``CONTEXT_CUES``, matched on lower-cased words and
  lemmas, "human rights" as a phrase);
- a military actor or recipient (sector MIL) makes it military;
- an act between parties of two countries (talks, deals, demands, aid, sanctions ...) makes
  it diplomatic.

The names follow the context vocabulary PLOVER's coders use in plover-gsr (military, diplomatic,
legal, economic, political, terrorism, election, refugee, resource, cbrn, rights, cyber), plus
humanitarian, health and disaster for crisis news.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span

from newsevents.events.features import doc_words
from newsevents.events.ontology import PLOVER_TYPES
from newsevents.nlp.text import span_text
from newsevents.records import EventActor
from newsevents.words import word_set

CONTEXT_CUES: dict[str, frozenset[str]] = {
    "military": word_set(
        "army military troop soldier armed airforce navy naval warplane warship jet fighter "
        "missile artillery tank weapon arms offensive deploy deployment garrison militia "
        "paramilitary airstrike air-strike shelling battalion brigade peacekeeper peacekeeping"
    ),
    "terrorism": word_set(
        "terrorist terrorism terror bomber hijack hijacker hostage extremist jihadist "
        "suicide al-qaeda qaeda isis"
    ),
    "legal": word_set(
        "court judge trial law legal lawsuit sue indict indictment prosecutor prosecute "
        "prosecution verdict tribunal constitution constitutional amnesty pardon extradite "
        "extradition lawyer justice jail imprison sentence convict acquit"
    ),
    "economic": word_set(
        "economy economic trade tariff loan debt investment investor bank dollar euro budget "
        "export import market business company grant finance financial tax price currency "
        "free-trade subsidy"
    ),
    "political": word_set(
        "party opposition parliament parliamentary political politician coalition coup "
        "reform democracy democratize democratic dissident regime"
    ),
    "diplomatic": word_set(
        "diplomat diplomatic diplomacy ambassador embassy envoy summit consulate foreign"
    ),
    "election": word_set("election electoral vote voter ballot poll candidate referendum"),
    "refugee": word_set("refugee asylum displace displaced migrant evacuee exodus"),
    "resource": word_set(
        "oil gas energy water land fishery fisheries fishing mining mineral settlement pipeline"
    ),
    "cbrn": word_set(
        "chemical nuclear biological radiological uranium enrichment chlorine sarin nerve"
    ),
    "rights": word_set("rights freedom activist abuse torture discrimination persecution"),
    "cyber": word_set("cyber cyberattack hack hacker internet online website computer ransomware"),
    "humanitarian": word_set("humanitarian relief food famine shelter"),
    "health": word_set(
        "outbreak epidemic pandemic virus disease cholera ebola measles vaccine vaccination"
    ),
}
# Acts that, between two countries, are diplomacy (not fighting, protest or arrests).
DIPLOMATIC_TYPES = frozenset(PLOVER_TYPES) - {"PROTEST", "MOBILIZE", "COERCE", "ASSAULT"}
TYPE_CONTEXTS = {"DISASTER": "disaster", "DISPLACEMENT": "refugee"}


def sentence_words(sentence: Span) -> set[str]:
    read = doc_words(sentence.doc)  # once per document, not a Token per word for each event
    start, end = sentence.start, sentence.end
    words = set(read.lowers[start:end]) | set(read.spacy_lemmas[start:end])
    if "human rights" in span_text(sentence).lower():
        words.add("rights")
    return words


def event_contexts(sentence: Span, event_type: str, sides: Iterable[EventActor]) -> list[str]:
    """The event's contexts, in ``CONTEXT_CUES`` order then those read from its sides."""
    words = sentence_words(sentence)
    found = [context for context, cues in CONTEXT_CUES.items() if words & cues]
    sides = list(sides)
    if any(side.sector == "MIL" for side in sides) and "military" not in found:
        found.append("military")
    countries = {side.country for side in sides if side.country}
    if event_type in DIPLOMATIC_TYPES and len(countries) >= 2 and "diplomatic" not in found:
        found.append("diplomatic")
    if event_type in TYPE_CONTEXTS and TYPE_CONTEXTS[event_type] not in found:
        found.append(TYPE_CONTEXTS[event_type])
    return found
