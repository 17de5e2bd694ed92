"""A weapon's ACLED sub-event needs its weapon (``events.classify.tells_weapon``,
``data/acled_weapons.tsv``): ACLED's codebook names each Explosions/Remote violence sub-event by
its weapon, so where the event's sentences tell none, the typer's reading of one gives way to
an attack or an armed clash. The sentences are written for these tests."""

from __future__ import annotations

from newsevents.events.actors import find_roles
from newsevents.events.classify import SentenceTyping, acled_sub_event, sides_of
from newsevents.nlp import load_language

IED = "Remote explosive/landmine/IED"


def reading(text: str, form: str, typer_says: str, plover_type: str = "ASSAULT") -> str | None:
    """The sub-event of the event told by ``form`` where the ACLED typer reads ``typer_says``,
    an attack its second choice and an abduction its third."""
    [trigger] = [t for t in load_language()(text) if t.text == form]
    second = {"Abduction/forced disappearance": 0.25, "Attack": 0.15, "NONE": 0.1}
    probabilities = {**second, typer_says: 0.5}
    typing = SentenceTyping(0.9, {}, probabilities, [trigger])
    return acled_sub_event(
        plover_type, typing, sides_of(trigger, find_roles(trigger, None), plover_type)
    )


def test_a_toll_with_no_weapon_told_is_no_explosion() -> None:
    # an attack, told by who acts, not the typer's next manner (an abduction)
    assert reading("Two police officers were killed near the border on Monday.", "killed", IED) == (
        "Attack"
    )
    assert reading("Gunmen shot dead a shopkeeper in the town.", "shot", IED) == "Attack"
    assert reading("Three people were injured in the firing, police said.", "injured", IED) == (
        "Attack"
    )
    strike = "A man was killed during the strike at the factory."
    assert reading(strike, "killed", "Air/drone strike") == "Attack"


def test_an_armed_side_on_another_with_no_weapon_is_an_armed_clash() -> None:
    text = "Soldiers killed four rebels in the hills."
    assert reading(text, "killed", "Shelling/artillery/missile attack") == "Armed clash"


def test_a_weapon_told_keeps_its_sub_event() -> None:
    assert reading("A roadside blast killed three soldiers.", "killed", IED) == IED
    assert reading(
        "Warplanes pounded the town for a second day.", "pounded", "Air/drone strike"
    ) == ("Air/drone strike")
    mortar = "Mortar rounds hit the market, killing two traders."
    assert reading(mortar, "hit", "Shelling/artillery/missile attack") == (
        "Shelling/artillery/missile attack"
    )
    suicide = "A suicide bomber blew himself up outside the mosque."
    assert reading(suicide, "blew", "Suicide bomb") == "Suicide bomb"
    assert reading("Militants blew up a school in the district.", "blew", IED) == IED
    assert reading("An UVIED planted by the militants detonated.", "detonated", IED) == IED


def test_air_strikes_named_by_their_striker_keep_their_sub_event() -> None:
    air = "Air/drone strike"
    assert reading("Israeli strikes on Gaza killed 20 people.", "killed", air) == air
    assert reading("US strikes hit militia sites, killing 12 fighters.", "hit", air) == air
    # a labour strike is no weapon, though its sentence opens on a capital
    assert reading("The strike at the plant ended after a man was killed.", "killed", air) == (
        "Attack"
    )


def test_a_weapon_told_beside_the_toll_keeps_its_sub_event() -> None:
    before = "A bomb went off at the bus station. Three people were killed."
    assert reading(before, "killed", IED) == IED
    after = "Two soldiers were killed on Monday. Their truck hit a landmine near the border."
    assert reading(after, "killed", IED) == IED


def test_no_other_reading_changes() -> None:
    # the test asks for a weapon only of a weapon's sub-event
    assert reading("Gunmen stabbed two engineers.", "stabbed", "Attack") == "Attack"
    protest = "Police fired tear gas at the marchers."
    assert reading(protest, "fired", "Protest with intervention", "PROTEST") == (
        "Protest with intervention"
    )
    # a weapon word in another sense keeps the typer's reading as it was
    sport = "The striker fired a rocket into the top corner."
    assert reading(sport, "fired", "Shelling/artillery/missile attack") == (
        "Shelling/artillery/missile attack"
    )
    wire = "KABUL - A car bomb exploded outside the ministry, killing five."
    assert reading(wire, "exploded", IED) == IED


def test_an_assault_is_never_a_peaceful_protest() -> None:
    # the typer read a vehicle that "struck" a bomb as a strike, and an assault took it; now
    # the typer's next reading that an assault can be (``reading``'s second choice)
    text = "Two soldiers died when their truck struck a motorcycle packed with explosives."
    assert reading(text, "struck", "Peaceful protest") == "Abduction/forced disappearance"
    marched = "Thousands marched through the capital on Sunday."
    assert reading(marched, "marched", "Peaceful protest", "PROTEST") == "Peaceful protest"
