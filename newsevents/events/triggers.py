"""Trigger words: the lemmas that can head an event mention, and the types each can carry.

A trigger proposes a mention; the classifier (which reads the whole sentence) chooses among the
types listed here. Lemmas with several types ("strike": an attack or a walk-out) are resolved
by context; lemmas with one type are typed by the lexicon alone.
"""

from __future__ import annotations

_GROUPS: dict[str, str] = {
    "AGREE": """agree agreement deal truce ceasefire cease-fire armistice pact treaty
        settlement pledge promise commit commitment vow offer willing ready accept sign
        memorandum roadmap approve prepared consensus swap""",
    "CONSULT": """meet meeting talk talks discuss discussion consult consultation negotiate
        negotiation summit visit host call phone mediate mediation dialogue confer receive
        arrive""",
    "SUPPORT": """support praise endorse back backer welcome hail recognize recognise
        apologize apologise forgive defend commend congratulate establish upgrade""",
    "CONCEDE": """concede yield ease lift relax pardon amnesty resign step allow accept shorten""",
    "COOPERATE": """cooperate cooperation collaborate collaboration share extradite alliance
        partnership""",
    "AID": """aid assistance donate donation provide supply grant fund deliver relief
        shelter asylum give send hand contribute evacuate""",
    "RETREAT": """ceasefire cease-fire truce withdraw withdrawal retreat release free return
        surrender disarm demobilize demobilise evacuate pullout pull-out open resign pull
        handover hand-over""",
    "REQUEST": """demand urge call appeal request ask press plead seek insist order pressure""",
    "ACCUSE": """accuse accusation blame condemn criticize criticise denounce deplore
        allege investigate investigation probe charge sue lawsuit complain complaint
        disapprove protest slam indict hearing trial lodge exhume exhumation inquiry""",
    "REJECT": """reject refuse deny decline veto oppose rebuff dismiss renege boycott fail
        violate defy""",
    "THREATEN": """threaten threat warn warning ultimatum swear""",
    "PROTEST": """protest demonstration demonstrate rally march strike sit-in riot rioter
        protester demonstrator picket walkout walk-out uprising unrest block blockade boycott
        stoppage hunger-strike""",
    "SANCTION": """sanction embargo expel expulsion stop suspend sever recall cut downgrade
        verdict convict sentence
        halt prohibit cancel reduce suspension end""",
    "MOBILIZE": """mobilize mobilise deploy deployment mobilization reinforce alert
        build-up buildup patrol arrive dispatch strengthen train conscript recruit commission
        station establish merge merger splinter rename relocate defect defection""",
    "COERCE": """arrest detain detention seize confiscate raid ban curfew impose blockade
        besiege siege encircle surround occupy deport jail imprison crackdown round
        capture censor shut demolish outlaw hack deface bulldoze block prevent force hold
        regain recapture retake overrun coup dissolve loot raze vandalize vandalise destroy
        ransack pillage plunder arson torch burn jailbreak shutdown takeover take-over
        crack-down round-up""",
    "ASSAULT": """attack assault kill killing bomb bombing shell shelling fire shoot shooting
        strike airstrike air-strike raid fight fighting clash battle offensive advance
        capture recapture retake regain overrun
        ambush explode explosion blast massacre wound injure murder assassinate
        assassination behead execute torture rape kidnap abduct abduction hijack storm
        invade invasion bombard bombardment hit target stab stabbing lynch beat loot torch burn
        incursion skirmish gunfight firefight shoot-out detonate martyrdom blow abuse cleansing
        throw lob grenade""",
    "DISPLACEMENT": """displace displacement flee exodus uproot""",
    "DISASTER": """earthquake quake flood flooding cyclone hurricane typhoon storm drought
        wildfire landslide tsunami eruption outbreak epidemic collapse""",
    "CRIME": """smuggle smuggling traffick trafficking launder laundering extort extortion
        cartel narcotic""",
}


def _build() -> dict[str, tuple[str, ...]]:
    lexicon: dict[str, list[str]] = {}
    for event_type, words in _GROUPS.items():
        for word in words.split():
            lexicon.setdefault(word, []).append(event_type)
    return {lemma: tuple(types) for lemma, types in lexicon.items()}


TRIGGERS: dict[str, tuple[str, ...]] = _build()

# The types a verb carries when it acts on someone or something (a direct object, or a passive
# subject): "striking the boy", "was struck by a car" are blows, and a walk-out strikes nobody.
# Provenance: issue #11's review of every event of 16 GVA fit-half articles ("The firearm went
# off, striking the boy" typed PROTEST; docs/events.md, "a type of another family").
TYPES_ACTING_ON: dict[str, tuple[str, ...]] = {"strike": ("ASSAULT",)}

# Nouns that, used alone, name the event rather than an actor or an object ("the attack").
EVENT_NOUN_POS = frozenset({"NOUN"})
TRIGGER_POS = frozenset({"VERB", "NOUN"})
