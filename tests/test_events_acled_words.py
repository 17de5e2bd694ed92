"""ACLED sub-events read after the typer from the event's own words and sides
(``events.classify``: ``named_sub_event``, ``armed_on_armed``). The sentences are written for
these tests, in the manner of ACLED's event notes."""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.events.actors import find_roles
from newsevents.events.classify import (
    SentenceTyping,
    acled_sub_event,
    armed_on_armed,
    sides_of,
)
from newsevents.nlp import load_language


def word(text: str, form: str) -> Token:
    [found] = [t for t in load_language()(text) if t.text == form]
    return found


def sub_event(text: str, form: str, plover_type: str, typer_says: str) -> str | None:
    """The sub-event of the event told by ``form`` where the ACLED typer reads ``typer_says``."""
    trigger = word(text, form)
    typing = SentenceTyping(0.9, {}, {typer_says: 0.8, "NONE": 0.2}, [trigger])
    return acled_sub_event(
        plover_type, typing, sides_of(trigger, find_roles(trigger, None), plover_type)
    )


def test_the_trigger_word_or_its_manner_names_the_sub_event_over_the_typer() -> None:
    assert sub_event("Two armed men raped a girl near the well.", "raped", "ASSAULT", "Attack") == (
        "Sexual violence"
    )
    assert sub_event("Villagers lynched a suspected thief.", "lynched", "ASSAULT", "Attack") == (
        "Mob violence"
    )
    violent = "Traders violently protested against the new market fees."
    assert sub_event(violent, "protested", "PROTEST", "Peaceful protest") == (
        "Violent demonstration"
    )
    # Only for an event of the sub-event's PLOVER type, and only where the words say it.
    assert sub_event(violent, "protested", "ASSAULT", "Attack") == "Attack"
    calm = "Traders protested against the new market fees."
    assert sub_event(calm, "protested", "PROTEST", "Peaceful protest") == "Peaceful protest"


def test_the_place_a_fight_happened_is_no_side_of_it() -> None:
    # Clan militias are armed sides (data/acled_sides.tsv); the village is where they clashed.
    at_village = word("Clan militias clashed at the village over a plot of land.", "clashed")
    assert armed_on_armed(at_village, find_roles(at_village, None))
    with_herders = word("Clan militias clashed with herders over a plot of land.", "clashed")
    assert not armed_on_armed(with_herders, find_roles(with_herders, None))


def test_an_armed_side_intervening_after_a_protest_makes_it_one_with_intervention() -> None:
    told = "Traders protested against the new market fees in the town. Police intervened."
    assert sub_event(told, "protested", "PROTEST", "Peaceful protest") == (
        "Protest with intervention"
    )
    # Unarmed people stepping in, or nobody, leave it a peaceful protest.
    elders = "Traders protested against the new market fees in the town. Elders intervened."
    calm = "Traders protested against the new market fees in the town. It rained later."
    for text in (elders, calm):
        assert sub_event(text, "protested", "PROTEST", "Peaceful protest") == "Peaceful protest"
