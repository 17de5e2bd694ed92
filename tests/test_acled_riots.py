"""ACLED's Riots read by who acts (``events.classify.crowd_riot``, ``data/acled_crowds.tsv``):
an unorganised group's attack is mob violence, demonstrators' own violence a violent
demonstration. The sentences are written for these tests."""

from __future__ import annotations

from newsevents.events.actors import find_roles
from newsevents.events.classify import SentenceTyping, acled_sub_event, sides_of
from newsevents.nlp import load_language


def riot_reading(text: str, form: str, plover_type: str, typer_says: str) -> str | None:
    """The sub-event of the event told by ``form`` where the ACLED typer reads ``typer_says``
    (``NONE``: no ACLED event)."""
    [trigger] = [t for t in load_language()(text) if t.text == form]
    typing = SentenceTyping(0.9, {}, {typer_says: 0.8, "NONE": 0.2}, [trigger])
    return acled_sub_event(
        plover_type, typing, sides_of(trigger, find_roles(trigger, None), plover_type)
    )


def attack(text: str, form: str) -> str | None:
    return riot_reading(text, form, "ASSAULT", "Attack")


def protest(text: str, form: str, typer_says: str = "Peaceful protest") -> str | None:
    return riot_reading(text, form, "PROTEST", typer_says)


def test_an_unorganised_group_attacking_is_mob_violence() -> None:
    assert attack("Residents beat a suspected thief to death near the market.", "beat") == (
        "Mob violence"
    )
    assert attack("A mob torched the house of a local councillor.", "torched") == "Mob violence"
    assert attack("Villagers attacked two policemen at the checkpoint.", "attacked") == (
        "Mob violence"
    )


def test_demonstrators_attacking_is_a_violent_demonstration() -> None:
    assert attack("Demonstrators attacked a police station in the town.", "attacked") == (
        "Violent demonstration"
    )


def test_doers_alone_make_no_acled_event_of_what_the_typer_reads_as_none() -> None:
    pitch = "Fans stormed the pitch after the final whistle."
    assert riot_reading(pitch, "stormed", "ASSAULT", "NONE") is None
    # the codebook's manner sub-events stay the typer's, and so does its riot
    bomb = "Youths threw a bomb at the bus station."
    assert riot_reading(bomb, "threw", "ASSAULT", "Grenade") == "Grenade"
    marching = "Youths marching against the fuel prices attacked a police station."
    assert riot_reading(marching, "attacked", "ASSAULT", "Violent demonstration") == (
        "Violent demonstration"
    )


def test_one_person_or_an_armed_side_is_no_mob() -> None:
    assert attack("A man stabbed his neighbour during a quarrel.", "stabbed") == "Attack"
    assert attack("A student stabbed a classmate at the school.", "stabbed") == "Attack"
    assert attack("Soldiers and residents attacked the camp.", "attacked") == "Attack"
    # protesters that others beat stay excessive force against them
    assert attack("Residents beat the protesters outside the court.", "beat") == (
        "Excessive force against protesters"
    )


def test_a_protest_telling_its_doers_violence_is_a_violent_demonstration() -> None:
    stones = "Traders protested the market fees, throwing stones at the council offices."
    assert protest(stones, "protested") == "Violent demonstration"
    tyres = "Residents blocked the highway with burning tyres over the power cuts."
    assert protest(tyres, "blocked", "NONE") == "Violent demonstration"
    # police intervening in it leave it what it was
    intervened = "Youths protested, torching a bus in the town centre. Police intervened."
    assert protest(intervened, "protested") == "Violent demonstration"


def test_the_same_words_in_other_senses_leave_a_protest_peaceful() -> None:
    for text in (
        "Residents protested against a stone quarrying company near the river.",
        "Fans protested the ticket prices outside the rock concert.",
        "Hundreds protested, marching with torches through the old town.",
        "Students protested after their school was vandalised overnight.",
        "Residents protested after soldiers torched their market.",
        "Workers protested the tire company's plan to close the plant.",
    ):
        assert protest(text, "protested") == "Peaceful protest", text
