"""The events stage: ontology tables, the shipped model, and readings of short news texts."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.events.model import load_models
from newsevents.events.ontology import ACLED_SUB_EVENTS, CAMEO_ROOT, PLOVER_TYPES
from newsevents.pipeline import Pipeline
from newsevents.records import Document, Event, InputError, Reading


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["nlp", "events"])


def read(pipeline: Pipeline, text: str, published: date | None = date(2024, 3, 12)) -> Reading:
    document = Document("test", text.encode(), "article", published=published)
    reading = pipeline.read(document)
    assert isinstance(reading, Reading), reading
    return reading


def stored(reading: Reading) -> list[Event]:
    return [e for e in reading.events if e.status != "hypothetical"]


def test_ontology_covers_acled_and_cameo() -> None:
    assert len(ACLED_SUB_EVENTS) == 25
    assert len({s.event_type for s in ACLED_SUB_EVENTS.values()}) == 6
    assert set(CAMEO_ROOT) == set(PLOVER_TYPES)
    assert all(s.plover_type in PLOVER_TYPES for s in ACLED_SUB_EVENTS.values())


def test_shipped_model_gives_probabilities() -> None:
    from newsevents.events.classify import read_sentence
    from newsevents.events.confidence import score_context
    from newsevents.nlp import load_language

    models = load_models()
    [sentence] = load_language()("Gunmen killed five villagers.").sents
    typing = read_sentence(sentence, models)
    probabilities = typing.probabilities
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert max(probabilities, key=probabilities.__getitem__) == "ASSAULT"
    context = score_context(sentence, typing.event_probability, sentence.text)
    assert 0.0 < models.calibration(0.9, context) <= 1.0


def test_attack_with_counts_actors_and_date(pipeline: Pipeline) -> None:
    reading = read(
        pipeline,
        "Al-Shabaab militants killed three soldiers and wounded a dozen more in an ambush "
        "near the town of Afgoye on Monday.",
    )
    [event] = stored(reading)
    assert event.type == "ASSAULT"
    assert (event.fatalities, event.injured) == (3, 12)
    assert event.date == date(2024, 3, 11) and event.date_precision == "day"
    assert event.actor and event.actor[0].sector in ("REB", "INS")
    text = reading.article.text
    assert event.trigger is not None
    assert text[event.trigger.start : event.trigger.end] == event.trigger.sentence
    assert event.acled_event_type in ("Battles", "Violence against civilians")
    assert event.cameo_root in ("18", "19")


def test_protest_dispersed_with_tear_gas(pipeline: Pipeline) -> None:
    reading = read(
        pipeline, "Police fired tear gas to disperse hundreds of protesters in Nairobi on Tuesday."
    )
    events = stored(reading)
    assert events
    assert events[0].acled_sub_event_type == "Protest with intervention"


def test_alternative_actors_and_air_strike(pipeline: Pipeline) -> None:
    reading = read(
        pipeline,
        "A convoy came under attack in an air raid conducted either by the Sudanese army "
        "or Ethiopian warplanes.",
    )
    [event] = stored(reading)
    assert event.acled_sub_event_type == "Air/drone strike"
    assert {a.country for a in event.actor} == {"SDN", "ETH"}
    assert all(a.alternative for a in event.actor)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Venezuelan President Nicolas Maduro survived an assassination attempt on Saturday.",
            "Venezuelan President Nicolas Maduro",
        ),
        ("Government troops repelled an attack on their base on Monday.", "Government troops"),
        ("The army suffered heavy attacks near Aleppo on Monday.", "The army"),
    ],
)
def test_the_subject_of_a_verb_that_undergoes_the_event_is_its_target(
    pipeline: Pipeline, text: str, target: str
) -> None:
    # events/data/undergoing_verbs.tsv: "survived an attack" makes the subject the recipient.
    [event] = [e for e in stored(read(pipeline, text)) if e.type == "ASSAULT"]
    assert target in [r.text for r in event.recipient]
    assert target not in [a.text for a in event.actor]


@pytest.mark.parametrize(
    ("text", "actors", "recipients"),
    [
        (
            "Opposition leader Job Mhlanga's arrest on Monday sparked protests in Harare.",
            [],
            ["Opposition leader Job Mhlanga"],
        ),
        ("Khashoggi's killing in Istanbul drew wide condemnation.", [], ["Khashoggi"]),
        ("Rights groups condemned Iran's arrest of the journalist on Monday.", ["Iran"], []),
    ],
)
def test_the_possessor_of_an_event_noun_without_of_undergoes_it(
    pipeline: Pipeline, text: str, actors: list[str], recipients: list[str]
) -> None:
    # events/data/undergone_nouns.tsv: "Mhlanga's arrest" is done to Mhlanga; with an "of"
    # object ("Iran's arrest of the journalist") the possessor is the doer.
    [event] = stored(read(pipeline, text))
    assert [r.text for r in event.recipient] == recipients
    assert set(actors) <= {a.text for a in event.actor}


def test_the_condemners_of_an_event_noun_are_not_its_doers(pipeline: Pipeline) -> None:
    # The condemners act in their statement, not in the arrest the sentence is typed by.
    [event] = stored(read(pipeline, "Rights groups condemned Iran's arrest of the journalist."))
    assert [a.text for a in event.actor] == ["Iran"]


def test_fear_is_hypothetical(pipeline: Pipeline) -> None:
    reading = read(
        pipeline, "Officials fear that an offensive by the army would send thousands fleeing."
    )
    assert not [e for e in stored(reading) if e.type == "ASSAULT"]


def test_what_begins_after_publication_is_not_reported(pipeline: Pipeline) -> None:
    """A date after the article was written (a misread year, a goal "by 2030") is no report."""
    text = "Gunmen attacked a police station in Zamfara on March 10, 2030."
    attacks = [e for e in read(pipeline, text).events if e.type == "ASSAULT"]
    assert attacks and all(e.status == "hypothetical" for e in attacks)
    earlier = read(pipeline, text.replace("2030", "2024"))
    assert [e.status for e in earlier.events if e.type == "ASSAULT"] == ["reported"]


def test_coreferent_mentions_merge(pipeline: Pipeline) -> None:
    reading = read(
        pipeline,
        "Gunmen attacked a police station in Zamfara on Sunday. "
        "The attack killed four officers, the police said.",
    )
    assaults = [e for e in stored(reading) if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].fatalities == 4 and len(assaults[0].evidence) == 2


def test_a_second_target_joined_to_the_event_noun_is_a_recipient(pipeline: Pipeline) -> None:
    reading = read(
        pipeline,
        "Islamic State has carried out attacks on Iraqi soldiers in Anbar, "
        "as well as the American Ain al-Asad air base using rockets.",
    )
    (event,) = stored(reading)
    recipients = {(r.country, r.sector) for r in event.recipient}
    assert recipients == {("IRQ", "MIL"), ("USA", "MIL")}


def test_the_displaced_are_recipients_and_their_refuge_is_not(pipeline: Pipeline) -> None:
    reading = read(pipeline, "Thousands of villagers fled to camps on the Kenyan border.")
    (event,) = stored(reading)
    assert event.type == "DISPLACEMENT"
    assert [r.text for r in event.recipient] == ["villagers"] and not event.actor


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Japan gave Kenya a loan of 50 million dollars on Monday.", {"KEN"}),
        ("Qatar mediated between Ethiopia and Eritrea in Doha.", {"ETH", "ERI"}),
        ("China demanded that the United States stop its arms sales.", {"USA"}),
        ("Germany promised to send humanitarian aid to Yemen.", {"YEM"}),
        ("Serbia lifted a night curfew in Montenegro on Sunday.", {"MNE"}),
        ("Brazil withdrew its troops from Haiti last year.", {"HTI"}),
    ],
)
def test_recipients_named_beyond_the_direct_object(
    pipeline: Pipeline, text: str, countries: set[str]
) -> None:
    events = stored(read(pipeline, text))
    assert events and {r.country for r in events[0].recipient} >= countries


def test_a_speaker_of_the_same_country_is_the_same_party(pipeline: Pipeline) -> None:
    reading = read(
        pipeline, "France is ready to send 2,000 troops to Mali, the French defence minister said."
    )
    (event,) = stored(reading)
    assert [a.country for a in event.actor] == ["FRA"]
    assert "MLI" in {r.country for r in event.recipient}


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("The activist was arrested in Manila on December 10.", "COERCE", "arrest"),
        ("Unknown men abducted a journalist in Lagos on Monday.", "ASSAULT", "abduct"),
        ("Teachers held a sit-in outside the ministry in Harare.", "PROTEST", "demo"),
    ],
)
def test_the_trigger_word_gives_a_mode(
    pipeline: Pipeline, text: str, event_type: str, mode: str
) -> None:
    events = stored(read(pipeline, text))
    assert [(e.type, e.mode) for e in events] == [(event_type, mode)]


def test_between_two_sides_the_first_acts_on_the_other(pipeline: Pipeline) -> None:
    reading = read(pipeline, "Heavy fighting between the Sudanese army and the RSF killed 12.")
    (event,) = stored(reading)
    assert [a.text for a in event.actor] == ["the Sudanese army"]
    assert [r.text for r in event.recipient] == ["the RSF"]


@pytest.mark.parametrize(
    ("text", "actors", "recipients"),
    [
        # events/data/occurring_verbs.tsv: the sides hang from the verb telling the clash
        # happened, or from its place phrase.
        (
            "Clashes erupted on Sunday in the west of the city between the army and the rebels.",
            ["the army"],
            ["the rebels"],
        ),
        (
            "Fighting took place between the police and a drug gang.",
            ["the police"],
            ["a drug gang"],
        ),
        # a "between" of the place phrase naming places names no side
        ("Fighting broke out on Friday on the road between Juba and Yei.", [], []),
        # what is fired is the means, not the target
        (
            "The army fired artillery at rebel positions overnight.",
            ["The army"],
            ["rebel positions"],
        ),
    ],
)
def test_the_sides_of_a_clash_told_by_the_verb_it_happened_with(
    pipeline: Pipeline, text: str, actors: list[str], recipients: list[str]
) -> None:
    (event,) = stored(read(pipeline, text))
    assert [a.text for a in event.actor] == actors
    assert [r.text for r in event.recipient] == recipients


def test_each_field_points_at_the_words_it_was_read_from(pipeline: Pipeline) -> None:
    text = "Last week an air raid killed three civilians and wounded 12 people near the town."
    reading = read(pipeline, text)
    (event,) = stored(reading)
    words = {name: text[e.start : e.end] for name, e in event.field_evidence.items()}
    assert words["date"] == "Last week"
    assert "three civilians" in words["fatalities"] and "12" in words["injured"]
    assert all(e.sentence == words[name] for name, e in event.field_evidence.items())


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "A car bomb exploded outside a hotel in Mogadishu on Friday. "
            "The death toll rose to 40 on Saturday.",
            "fatalities",
            40,
        ),
        (
            "An airstrike killed three civilians in the village. The death toll later rose to 11.",
            "fatalities",
            11,
        ),
        (
            "Floods swept through the valley last week. More than 300 people are now homeless.",
            "displaced",
            300,
        ),
    ],
)
def test_a_later_sentence_updates_the_events_count(
    pipeline: Pipeline, text: str, field: str, value: int
) -> None:
    events = stored(read(pipeline, text))
    assert [getattr(e, field) for e in events] == [value]


def test_a_reported_event_is_not_the_reporters(pipeline: Pipeline) -> None:
    reading = read(
        pipeline,
        "Gunmen stormed a church in Owo on Sunday. "
        "At least 22 people were confirmed dead, the governor said.",
    )
    events = stored(reading)
    assert [(e.type, e.fatalities) for e in events] == [("ASSAULT", 22)]
    assert all(a.text != "the governor" for a in events[0].actor)


@pytest.mark.parametrize(
    ("text", "teller", "trigger"),
    [
        # GVA (issue #11): "he" is the father the revealed information is about, not Deputies.
        (
            "Deputies said preliminary information revealed that as the father was attempting "
            "to clear the handgun, he accidentally discharged it, striking him in the hand.",
            "Deputies",
            "striking",
        ),
        # The parser hangs the participle on the telling verb.
        (
            "Witnesses reported gunfire near the school, injuring two students.",
            "Witnesses",
            "injuring",
        ),
        # GVA (issue #11): the finder of the wounded is not the one who shot.
        ("Deputies arrived and found Sanchez with a gunshot wound.", "Deputies", "wound"),
    ],
)
def test_the_teller_is_not_the_doer_of_what_is_told(
    pipeline: Pipeline, text: str, teller: str, trigger: str
) -> None:
    events = read(pipeline, text).events
    [event] = [e for e in events if e.trigger and e.trigger.sentence == trigger]
    assert teller not in [a.text for a in event.actor]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Deputies arrived and found Sanchez with a gunshot wound.", "Sanchez"),
        ("Deputies found the man dead from an apparent gunshot wound.", "the man"),
    ],
)
def test_the_one_found_with_a_wound_is_its_recipient(
    pipeline: Pipeline, text: str, found: str
) -> None:
    [event] = read(pipeline, text).events
    assert ([a.text for a in event.actor], [r.text for r in event.recipient]) == ([], [found])


def test_protesters_another_party_acts_on_are_their_protests_doers(pipeline: Pipeline) -> None:
    text = "Police dispersed the protesters in Nairobi on Monday."
    [event] = [e for e in read(pipeline, text).events if e.type == "PROTEST"]
    assert [a.text for a in event.actor] == ["the protesters"]


def test_a_gun_that_went_off_is_no_doer(pipeline: Pipeline) -> None:
    text = "The firearm went off, striking the boy, as the two played with it."
    [event] = read(pipeline, text).events
    assert ([a.text for a in event.actor], [r.text for r in event.recipient]) == ([], ["the boy"])


def test_a_pronoun_told_of_by_a_speaker_is_the_speaker(pipeline: Pipeline) -> None:
    [event] = read(pipeline, "Switzerland said it had expelled two Russian diplomats.").events
    assert [a.text for a in event.actor] == ["Switzerland"]


def test_one_person_told_of_by_many_is_not_the_speakers(pipeline: Pipeline) -> None:
    [event] = read(pipeline, "Police say he accidentally shot himself.").events
    assert [a.text for a in event.actor] == ["he"]
    [event] = read(pipeline, "The spokesman said he had ordered the arrests.").events
    assert [a.text for a in event.actor] == ["The spokesman"]


def test_those_ordered_to_attack_are_its_doers_not_its_targets(pipeline: Pipeline) -> None:
    text = "Soldiers were ordered to attack the village and they killed 12 civilians."
    [event] = [e for e in stored(read(pipeline, text)) if e.type == "ASSAULT"]
    assert event.trigger is not None and event.trigger.sentence == "attack"
    assert "Soldiers" in [a.text for a in event.actor]
    assert [r.text for r in event.recipient] == ["the village", "12 civilians"]


def test_an_order_to_attack_protesters_is_the_attack(pipeline: Pipeline) -> None:
    """The ACLED typer reads a "Violent demonstration", whose PROTEST neither "ordered" nor
    "attack" carries: the attack is the happening, of a type ACLED's Riots admit."""
    [event] = read(pipeline, "Soldiers were ordered to attack the protesters.").events
    assert (event.type, event.trigger and event.trigger.sentence) == ("ASSAULT", "attack")
    assert [a.text for a in event.actor] == ["Soldiers"]
    assert [r.text for r in event.recipient] == ["the protesters"]


def test_an_attack_on_protesters_is_acleds_excessive_force(pipeline: Pipeline) -> None:
    """ACLED's codebook: protesters targeted with violence, by anyone, whatever the weapon; the
    typer alone read "Violent demonstration", the demonstrators' own violence."""
    [event] = read(pipeline, "Soldiers were ordered to attack the protesters.").events
    assert event.acled_sub_event_type == "Excessive force against protesters"
    [riot] = read(pipeline, "Protesters attacked police officers with stones.").events
    assert riot.acled_sub_event_type != "Excessive force against protesters"


def test_people_who_bear_no_arms_and_struck_walked_out(pipeline: Pipeline) -> None:
    [walkout] = read(pipeline, "Teachers struck for a third day.").events
    assert walkout.type == "PROTEST"
    [attack] = read(pipeline, "The gunman struck again on Friday.").events
    assert attack.type == "ASSAULT"


def test_responders_are_not_the_doers_and_tell_the_same_shooting(pipeline: Pipeline) -> None:
    [event] = read(pipeline, "Officers responded to a shooting at a home on Main Street.").events
    assert event.actor == []
    text = "A man was shot dead on Saturday night. Officials said they responded to a shooting."
    [shooting] = read(pipeline, text).events
    assert shooting.trigger is not None and shooting.trigger.sentence == "shot"


def test_a_person_who_collapsed_is_no_disaster(pipeline: Pipeline) -> None:
    text = "He collapsed, while investigators said the others ran from the house."
    assert not read(pipeline, text).events
    [disaster] = read(pipeline, "The roof of the school collapsed after heavy rain.").events
    assert disaster.type == "DISASTER"


def test_a_strike_told_by_a_noun_whose_doers_bear_no_arms_is_a_walkout(pipeline: Pipeline) -> None:
    """The noun's doers are the subject of the verb it is done by, its agent or possessor."""
    for text in ("Doctors went on strike.", "A strike by doctors paralysed hospitals."):
        [walkout] = read(pipeline, text).events
        assert walkout.type == "PROTEST", text
    [attack] = read(pipeline, "An Israeli strike hit the school.").events
    assert attack.type == "ASSAULT"


def test_a_nations_general_strike_that_stopped_something_is_a_walkout(pipeline: Pipeline) -> None:
    """A nationality alone names no armed side: "a Greek general strike" walked out, whatever it
    shut (fb4031c read a state's strike as an attack and was reverted for this)."""
    text = "A Greek general strike shut down Athens on Wednesday, halting ferries and trains."
    assert [e.type for e in read(pipeline, text).events] == ["PROTEST"]


def test_a_strike_named_by_what_it_stopped_is_a_walkout(pipeline: Pipeline) -> None:
    """With no doers named, a strike that closed or halted something stopped work; the
    verb tells the strike's effect, not a closure of its own."""
    for text in (
        "Bus drivers stayed home on Friday. The strike closed every depot in the city.",
        "The strike halted production at the car plant.",
        "The strike shut schools across the region for a week.",
        "Nurses began a strike on Tuesday in Leeds, and the strike shut three hospitals.",
    ):
        assert [e.type for e in read(pipeline, text).events] == ["PROTEST"], text
    for text in ("The strike hit a school in the north.", "A drone strike closed the border road."):
        [attack] = read(pipeline, text).events
        assert attack.type == "ASSAULT", text


def test_a_headline_whose_predicate_is_a_participle_tells_what_its_people_underwent(
    pipeline: Pipeline,
) -> None:
    """The parse hangs the participle under the people noun; the jailing is the event."""
    [jailing] = read(pipeline, "Two hundred protesters jailed in Minsk after rally").events
    assert jailing.type == "COERCE"
    [protest] = read(pipeline, "Protesters marched through Minsk on Sunday.").events
    assert protest.type == "PROTEST"


def test_a_figure_two_sentences_later_is_not_taken(pipeline: Pipeline) -> None:
    reading = read(
        pipeline,
        "Gunmen attacked a police station in Zamfara on Sunday. "
        "Nobody was allowed into the area, residents said. "
        "The death toll of the ten-year conflict stands at 40,000.",
    )
    assert all(e.fatalities is None for e in reading.events)


def test_context_figures_are_not_counts(pipeline: Pipeline) -> None:
    reading = read(pipeline, "The province is home to about 3 million people.")
    assert all(e.displaced is None and e.fatalities is None for e in reading.events)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "word " * 100_000, "Die Polizei nahm am Montag drei Verdächtige fest."],
)
def test_bad_input_never_crashes(pipeline: Pipeline, text: str) -> None:
    result = pipeline.read(Document("bad", text.encode(), "article"))
    assert isinstance(result, Reading | InputError)


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of protesters gathered outside parliament in Accra.",
        "Crowds rushed to the border as the government vowed to reopen it.",
        "Ministers convened on Friday and pledged support for the truce.",
    ],
)
def test_verbs_outside_the_lexicon_keep_their_trigger(pipeline: Pipeline, text: str) -> None:
    reading = read(pipeline, text)
    assert reading.events
    for event in reading.events:
        assert event.trigger is not None
        assert text[event.trigger.start : event.trigger.end] == event.trigger.sentence


def test_acled_sub_event_needs_a_clear_preference_when_the_model_reads_no_acled_event() -> None:
    from newsevents.events.classify import SentenceTyping, acled_sub_event

    def typing(probabilities: dict[str, float], *cues: str) -> SentenceTyping:
        return SentenceTyping(0.9, {}, probabilities, [], frozenset(cues))

    noise = {"NONE": 0.92, "Chemical weapon": 0.007, "Armed clash": 0.005, "Attack": 0.004}
    assert acled_sub_event("ASSAULT", typing(noise)) is None
    clear = {"NONE": 0.6, "Armed clash": 0.3, "Attack": 0.05, "Chemical weapon": 0.01}
    assert acled_sub_event("ASSAULT", typing(clear)) == "Armed clash"
    assert acled_sub_event("CONSULT", typing(clear)) is None


def test_a_codebook_cue_gives_the_acled_sub_event_the_typer_read_as_none() -> None:
    from newsevents.events.classify import SentenceTyping, acled_sub_event

    unsure = {"NONE": 0.7, "Arrests": 0.1, "Looting/property destruction": 0.12, "Attack": 0.08}
    assert acled_sub_event("COERCE", SentenceTyping(0.9, {}, unsure, [])) is None
    cued = SentenceTyping(0.9, {}, unsure, [], frozenset({"Arrests", "Grenade"}))
    assert acled_sub_event("COERCE", cued) == "Arrests"  # a cue of a sub-event that fits
    assert acled_sub_event("CONSULT", cued) is None  # ACLED codes no consultations


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "An earthquake of magnitude 5.9 struck eastern Turkey on Wednesday, injuring at "
            "least 23 people.",
            "injured",
            23,
        ),
        pytest.param(
            "Flash floods have forced more than 40,000 people from their homes in Bangladesh.",
            "displaced",
            40_000,
            # The detector of 2026-12-06 evening is confident 0.26 here, under the threshold
            # its select split chose (0.35, from 0.25): a displacement lost (docs/model-card.md).
            marks=pytest.mark.xfail(strict=True, reason="confidence under the threshold"),
        ),
    ],
)
def test_a_disaster_that_strikes_is_a_disaster_not_an_attack(
    pipeline: Pipeline, text: str, field: str, value: int
) -> None:
    events = stored(read(pipeline, text))
    assert [(e.type, e.mode, getattr(e, field)) for e in events] == [("DISASTER", "natural", value)]


def test_tear_gas_at_protesters_is_force_not_an_attack_and_no_recipient(
    pipeline: Pipeline,
) -> None:
    text = "Police fired tear gas and water cannon at protesters in Nairobi on Tuesday."
    (event,) = stored(read(pipeline, text))
    assert (event.type, event.acled_sub_event_type) == ("COERCE", "Protest with intervention")
    assert all("gas" not in r.text for r in event.recipient)


def test_protesters_named_as_the_event_are_its_actors(pipeline: Pipeline) -> None:
    reading = read(pipeline, "Demonstrators chanted slogans against the bill outside parliament.")
    (event,) = stored(reading)
    assert event.type == "PROTEST" and [a.text for a in event.actor] == ["Demonstrators"]


def test_an_actor_phrase_always_keeps_its_head() -> None:
    """A parser may make punctuation the head of a subject; the phrase is then that token."""
    from spacy.tokens import Doc

    from newsevents.events.actors import phrase_tokens
    from newsevents.nlp import load_language

    vocab = load_language().vocab
    doc = Doc(vocab, words=[",", "Rebels"], heads=[0, 0], deps=["ROOT", "appos"])
    assert doc[0].is_punct
    assert [t.text for t in phrase_tokens(doc[0])] == [","]


@pytest.mark.parametrize(
    "text",
    [
        "Police detained three homosexual men at a market in Kampala.",
        "Police arrested traders as food prices skyrockets in the capital.",
    ],
)
def test_acled_cues_match_whole_words(text: str) -> None:
    from newsevents.events.features import acled_cues

    assert not {"Sexual violence", "Shelling/artillery/missile attack"} & set(acled_cues(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A five-storey building collapsed in Lagos on Monday, killing 12 people.", ["DISASTER"]),
        ("The economy collapsed after the coup, and thousands were detained.", ["COERCE"]),
    ],
)
def test_only_a_structure_collapses_as_a_disaster(
    pipeline: Pipeline, text: str, expected: list[str]
) -> None:
    assert [e.type for e in stored(read(pipeline, text))] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The judges are scheduled to deliver a ruling on Wednesday.",
        "The minister gave a speech in parliament on Monday.",
    ],
)
def test_words_given_are_no_aid(pipeline: Pipeline, text: str) -> None:
    assert not stored(read(pipeline, text))
