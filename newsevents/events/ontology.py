"""The event ontologies newsevents codes into: PLOVER types, ACLED (sub-)event types, CAMEO roots.

One table per fact, so that the classifier, the rules and the JSON all agree:

- ``PLOVER_TYPES``: PLOVER's 16 types plus DISPLACEMENT, DISASTER and CRIME.
- ``ACLED_SUB_EVENTS``: each of ACLED's 25 sub-event types with its ACLED event type and the
  PLOVER type, mode and CAMEO root a sub-event of that kind gets.
- ``CAMEO_ROOT``: the CAMEO root code of each PLOVER type when ACLED says nothing finer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsevents.words import word_set

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "DISPLACEMENT",
    "DISASTER",
    "CRIME",
)

# Names used by PLOVER 0.5 (the CAMEO gold standard) for what PLOVER 2021 calls otherwise.
OLD_PLOVER_NAMES: dict[str, str] = {
    "FIGHT": "ASSAULT",
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
}
# PLOVER 0.5 FIGHT coded with mode "deport" is CAMEO 174, "expel or deport individuals": COERCE.
OLD_PLOVER_MODES: dict[tuple[str, str | None], str] = {("FIGHT", "deport"): "COERCE"}


def current_plover_type(name: str, mode: str | None = None) -> str:
    """A PLOVER 0.5 type name (as the CAMEO gold standard codes it) in today's PLOVER."""
    return OLD_PLOVER_MODES.get((name, mode), OLD_PLOVER_NAMES.get(name, name))


# Each PLOVER type's CAMEO root, as PLOVER's own CAMEO2PLOVER-2021.txt (openeventdata/PLOVER)
# maps the roots. AGREE is all of 03, "express intent to cooperate" (the NGEC codebook: "agree
# to, offer, promise ... to cooperate, including promises to sign or ratify agreements"); 057,
# "sign formal agreement", is SUPPORT there, and PLOVER's gold standard (PLOVER_GSR_CAMEO, the
# CAMEO manual's examples) codes "signed a treaty" SUPPORT, so AGREE is never 05.
CAMEO_ROOT: dict[str, str] = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",
    "ACCUSE": "11",
    "REQUEST": "10",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "19",
    # Not CAMEO types: the closest root by who acts how.
    "DISPLACEMENT": "20",
    "DISASTER": "20",
    "CRIME": "18",
}

# Types whose event is a statement of intent, so "X will provide aid" is itself a reported
# AGREE, and a modal verb does not make it hypothetical.
VERBAL_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT"})
# The event families the maintainers' precision is measured on (violent, coercive, protest,
# crime and disaster events).
VIOLENT_FAMILY = frozenset({"ASSAULT", "COERCE", "PROTEST", "CRIME", "DISASTER"})

# Types ACLED would code (political violence, demonstrations, strategic developments).
ACLED_CODED_TYPES = frozenset(
    {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT", "AGREE", "CRIME", "CONCEDE"}
)


@dataclass(frozen=True)
class AcledSubEvent:
    name: str
    event_type: str
    plover_type: str
    mode: str | None
    cameo_root: str


BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# ACLED's codebook (Protests, "Excessive force against protesters"): peaceful protesters
# targeted with violence, by state forces or anyone else and whatever the weapon, are that
# sub-event; a "Violent demonstration" (Riots) is the demonstrators' own violence. The ACLED
# typer reads a sentence's words, not who acts on whom: "Soldiers were ordered to attack
# protesters" was a Violent demonstration (issue #11). The nouns naming people who protest
# peacefully (not "rioters": state force against a riot is coded as the riot).
EXCESSIVE_FORCE = "Excessive force against protesters"
PROTESTER_NOUNS = word_set("protester demonstrator marcher")

ACLED_SUB_EVENTS: dict[str, AcledSubEvent] = {
    sub.name: sub
    for sub in (
        AcledSubEvent("Armed clash", BATTLES, "ASSAULT", "firearms", "19"),
        AcledSubEvent("Government regains territory", BATTLES, "ASSAULT", "ground", "19"),
        AcledSubEvent("Non-state actor overtakes territory", BATTLES, "ASSAULT", "ground", "19"),
        AcledSubEvent("Chemical weapon", REMOTE, "ASSAULT", "cbrn", "20"),
        AcledSubEvent("Air/drone strike", REMOTE, "ASSAULT", "aerial", "19"),
        AcledSubEvent("Suicide bomb", REMOTE, "ASSAULT", "suicide-attack", "18"),
        AcledSubEvent(
            "Shelling/artillery/missile attack", REMOTE, "ASSAULT", "heavy-weapons", "19"
        ),
        AcledSubEvent("Remote explosive/landmine/IED", REMOTE, "ASSAULT", "explosives", "18"),
        AcledSubEvent("Grenade", REMOTE, "ASSAULT", "explosives", "18"),
        AcledSubEvent("Sexual violence", CIVILIANS, "ASSAULT", "sexual", "18"),
        AcledSubEvent("Attack", CIVILIANS, "ASSAULT", None, "18"),
        AcledSubEvent("Abduction/forced disappearance", CIVILIANS, "ASSAULT", "abduct", "18"),
        AcledSubEvent("Peaceful protest", PROTESTS, "PROTEST", "demo", "14"),
        AcledSubEvent("Protest with intervention", PROTESTS, "PROTEST", "demo", "14"),
        AcledSubEvent(EXCESSIVE_FORCE, PROTESTS, "ASSAULT", "beat", "18"),
        AcledSubEvent("Violent demonstration", RIOTS, "PROTEST", "riot", "14"),
        AcledSubEvent("Mob violence", RIOTS, "ASSAULT", "beat", "18"),
        AcledSubEvent("Agreement", STRATEGIC, "AGREE", None, "03"),
        AcledSubEvent("Arrests", STRATEGIC, "COERCE", "arrest", "17"),
        AcledSubEvent("Change to group/activity", STRATEGIC, "MOBILIZE", None, "15"),
        AcledSubEvent("Disrupted weapons use", STRATEGIC, "COERCE", "seize", "17"),
        AcledSubEvent("Headquarters or base established", STRATEGIC, "MOBILIZE", "troops", "15"),
        AcledSubEvent("Looting/property destruction", STRATEGIC, "COERCE", "seize", "17"),
        AcledSubEvent("Non-violent transfer of territory", STRATEGIC, "RETREAT", "withdraw", "08"),
        AcledSubEvent("Other", STRATEGIC, "COERCE", None, "17"),
    )
}

# Which PLOVER types a sub-event may accompany; a sub-event outside them is dropped.
COMPATIBLE_PLOVER: dict[str, frozenset[str]] = {
    BATTLES: frozenset({"ASSAULT", "COERCE", "MOBILIZE"}),
    REMOTE: frozenset({"ASSAULT", "DISASTER"}),
    CIVILIANS: frozenset({"ASSAULT", "COERCE", "CRIME"}),
    PROTESTS: frozenset({"PROTEST", "ASSAULT", "COERCE"}),
    RIOTS: frozenset({"PROTEST", "ASSAULT"}),
    STRATEGIC: frozenset(
        {"AGREE", "COERCE", "MOBILIZE", "RETREAT", "CONCEDE", "SUPPORT", "COOPERATE", "CRIME"}
    ),
}


def _modes(table: dict[tuple[str, str], str]) -> dict[str, tuple[str, str]]:
    return {word: key for key, words in table.items() for word in words.split()}


# PLOVER modes the trigger word itself says, for an event of that type that ACLED's sub-event
# gives no mode ("was arrested" is COERCE/arrest whether or not ACLED would code it).
TRIGGER_MODES: dict[str, tuple[str, str]] = _modes(
    {
        ("COERCE", "arrest"): "arrest detain detention jail imprison apprehend custody round-up",
        ("COERCE", "seize"): "seize confiscate",
        ("COERCE", "deport"): "deport",
        ("ASSAULT", "abduct"): "kidnap abduct abduction hostage",
        ("ASSAULT", "torture"): "torture",
        ("ASSAULT", "sexual"): "rape",
        ("ASSAULT", "beat"): "beat lynch",
        ("ASSAULT", "firearms"): "shoot shooting gunfire gunfight firefight",
        ("ASSAULT", "explosives"): "bomb bombing explosion blast explode detonate",
        ("ASSAULT", "aerial"): "airstrike air-strike",
        ("ASSAULT", "heavy-weapons"): "shell shelling bombard bombardment",
        ("PROTEST", "demo"): "protest demonstration demonstrate rally march sit-in",
        ("PROTEST", "riot"): "riot",
        ("RETREAT", "withdraw"): "withdraw withdrawal retreat pullout pull-out",
        ("MOBILIZE", "troops"): "deploy deployment",
        ("DISASTER", "natural"): "earthquake quake flood flooding cyclone hurricane typhoon "
        "storm drought wildfire landslide tsunami eruption",
        ("DISASTER", "man-made"): "collapse",
    }
)


def trigger_mode(event_type: str, words: Sequence[str]) -> str | None:
    """The mode the first of the event's words that names one gives, for this type."""
    for word in words:
        found = TRIGGER_MODES.get(word)
        if found is not None and found[0] == event_type:
            return found[1]
    return None


# A peaceful protest is one whose participants do no violence (codebook, Protests): no assault
# is one, though an assault may be another Protests sub-event (force against protesters).
NEVER_WITH: dict[str, frozenset[str]] = {"Peaceful protest": frozenset({"ASSAULT"})}


def acled_fits(sub_event: str, plover_type: str) -> bool:
    sub = ACLED_SUB_EVENTS[sub_event]
    return plover_type in COMPATIBLE_PLOVER[sub.event_type] and plover_type not in NEVER_WITH.get(
        sub_event, frozenset()
    )
