from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

from newsevents.nlp import NlpComponent, load_language
from newsevents.nlp.entities import correct_entities
from newsevents.nlp.guards import MAX_CHARS
from newsevents.pipeline import Pipeline, StageError
from newsevents.records import Article, Document, Reading

TEXT = (
    "Turkish President Recep Tayyip Erdogan met his Russian counterpart Vladimir Putin in "
    "Moscow on Tuesday. Last week an air raid killed three civilians and wounded about a dozen "
    "people near the town. Nearly half a million people have fled since late April."
)


@pytest.fixture(scope="module")
def nlp() -> NlpComponent:
    return NlpComponent()


def read(nlp: NlpComponent, text: str, published: date | None = date(2019, 8, 27)) -> Reading:
    reading = Reading(Article(id="a", input_id="a", text=text, published=published))
    nlp(reading)
    return reading


def parsed(reading: Reading) -> Doc:
    assert reading.doc is not None
    return reading.doc


def test_the_stage_fills_doc_entities_numbers_and_times(nlp: NlpComponent) -> None:
    reading = read(nlp, TEXT)
    assert parsed(reading).text == TEXT
    actors = {e.text: e.actor for e in reading.entities if e.actor}
    assert actors["Recep Tayyip Erdogan"].country == "TUR"
    assert actors["Vladimir Putin"].sector == "GOV"
    counts = [(n.text, n.value) for n in reading.numbers if n.kind == "count"]
    assert counts == [("three", 3), ("about a dozen", 12), ("Nearly half a million", 500_000)]
    times = {t.text: t.date for t in reading.times}
    assert times["on Tuesday"] == date(2019, 8, 27)
    assert times["Last week"] == date(2019, 8, 20)
    assert times["since late April"] == date(2019, 4, 21)
    spans = [(e.start, e.end, e.text) for e in reading.entities]
    spans += [(n.start, n.end, n.text) for n in reading.numbers]
    spans += [(t.start, t.end, t.text) for t in reading.times]
    assert all(TEXT[start:end] == text for start, end, text in spans)


def parsed_with_entities(text: str, ents: list[tuple[int, int, str]]) -> Doc:
    """A Doc of the space-separated words of ``text`` with the entities a model might give."""
    doc = Doc(load_language().vocab, words=text.split(" "))
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def test_places_the_model_takes_for_people_or_groups_are_relabelled() -> None:
    doc = parsed_with_entities(
        "Jets hit Hama , Idlib and Aleppo and shelled the Hmeimim air base . Fighters left "
        "for Homs , Erdogan said .",
        [(2, 3, "PERSON"), (4, 5, "GPE"), (6, 7, "NORP"), (10, 11, "NORP"), (17, 18, "PERSON")]
        + [(19, 20, "GPE")],
    )
    correct_entities(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Hama", "GPE"),
        ("Idlib", "GPE"),
        ("Aleppo", "GPE"),
        ("Hmeimim air base", "FAC"),
        ("Homs", "GPE"),
        ("Erdogan", "PERSON"),
    ]


def test_a_town_name_with_nothing_placing_it_keeps_its_label() -> None:
    doc = parsed_with_entities("Aleppo won the match .", [(0, 1, "PERSON")])
    correct_entities(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Aleppo", "PERSON")]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Jackson said the march would go on .", (0, 1)),
        ("Mr Jackson left .", (1, 2)),
        ("Andrew Jackson arrived . Later Jackson left .", (5, 6)),
    ],
)
def test_a_person_named_like_a_town_stays_a_person(text: str, person: tuple[int, int]) -> None:
    ents = [(0, 2, "PERSON")] if text.startswith("Andrew") else []
    doc = parsed_with_entities(text, [*ents, (*person, "PERSON")])
    correct_entities(doc)
    assert all(e.label_ == "PERSON" for e in doc.ents)


def test_demonyms_and_unknown_names_keep_their_labels() -> None:
    doc = parsed_with_entities(
        "Syrian troops and John Zorblax met .", [(0, 1, "NORP"), (3, 5, "PERSON")]
    )
    correct_entities(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Syrian", "NORP"),
        ("John Zorblax", "PERSON"),
    ]


def test_known_people_and_groups_keep_or_get_their_labels(nlp: NlpComponent) -> None:
    text = "Sinwar and Hayat Tahrir al-Sham rejected the plan, while the Syrians accepted it."
    labels = {e.text: e.label for e in read(nlp, text).entities}
    assert labels["Sinwar"] == "PERSON"
    assert labels["Hayat Tahrir al-Sham"] == "ORG"
    assert labels["Syrians"] == "NORP"


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_a_stage_error(nlp: NlpComponent, text: str) -> None:
    with pytest.raises(StageError, match="empty"):
        read(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Die Bundesregierung hat am Dienstag neue Maßnahmen gegen die Inflation beschlossen. "
        "Der Kanzler sagte in Berlin, dass die Entlastungen schnell bei den Bürgern ankommen "
        "sollen. Die Opposition kritisierte das Paket als unzureichend.",
        "Le gouvernement a annoncé mardi de nouvelles mesures contre l'inflation. Le président "
        "a déclaré à Paris que les aides devaient arriver rapidement aux citoyens.",
        "El gobierno anunció el martes nuevas medidas contra la inflación. El presidente dijo "
        "en Madrid que las ayudas deben llegar rápidamente a los ciudadanos.",
        "Правительство объявило во вторник о новых мерах против инфляции. Президент заявил в "
        "Москве, что помощь должна быстро дойти до граждан.",
    ],
)
def test_non_english_text_is_a_stage_error(nlp: NlpComponent, text: str) -> None:
    with pytest.raises(StageError, match="not English"):
        read(nlp, text)


def test_a_short_text_is_read_whatever_its_stopwords(nlp: NlpComponent) -> None:
    assert read(nlp, "Erdogan, Putin meet").entities


def test_one_huge_line_is_cut_with_a_warning(nlp: NlpComponent) -> None:
    text = "Troops advanced on the town and the rebels withdrew. " * 10_000  # ~90,000 words
    reading = read(nlp, text)
    assert len(parsed(reading).text) <= MAX_CHARS
    assert parsed(reading).text.endswith("withdrew.")
    assert any("read up to character" in w for w in reading.warnings)


def test_one_huge_token_is_cut_hard(nlp: NlpComponent) -> None:
    reading = read(nlp, "x" * 600_000)
    assert len(parsed(reading).text) == MAX_CHARS
    assert reading.warnings


def test_a_foreign_article_is_kept_uncoded_and_does_not_stop_the_batch() -> None:
    docs = [
        Document(
            input_id="de",
            content=(
                "Das ist ein deutscher Text über die Wahl. Die Parteien haben am Sonntag in "
                "Berlin ihre Kandidaten vorgestellt, und die Wähler sind mit der Regierung "
                "nicht zufrieden. Im Osten des Landes wird eine hohe Beteiligung erwartet."
            ).encode(),
            kind="article",
        ),
        Document(input_id="en", content=TEXT.encode(), kind="article"),
    ]
    german, english = Pipeline(["nlp"]).run(docs)
    assert isinstance(german, Reading) and german.doc is None
    assert german.uncoded and german.uncoded.startswith("nlp: not English text")
    assert isinstance(english, Reading) and english.doc is not None and not english.uncoded


def test_the_seed_articles_entities(seed_path: Path) -> None:
    result = Pipeline(["nlp"]).read(
        Document(input_id="seed", content=seed_path.read_bytes(), kind="text")
    )
    assert isinstance(result, Reading)
    labels = {e.text: e.label for e in result.entities}
    assert labels.get("Hama") in ("GPE", "LOC") and labels.get("Aleppo") in ("GPE", "LOC")
    assert any(e.text.startswith("Hmeimim") and e.label in ("FAC", "GPE") for e in result.entities)
    times = {t.text.lower(): t.date for t in result.times}
    assert times.get("last week") == date(2019, 8, 20)
    assert times.get("august 19") == date(2019, 8, 19)


def test_a_batch_reads_like_one_article_at_a_time(nlp: NlpComponent) -> None:
    texts = [TEXT, "Police arrested 12 protesters in Lagos on Monday.", "   ", TEXT[:80]]
    readings = [Reading(Article(id=str(i), input_id=str(i), text=t)) for i, t in enumerate(texts)]
    outcomes = nlp.pipe(readings)
    assert [type(o).__name__ for o in outcomes] == [
        "NoneType",
        "NoneType",
        "StageError",
        "NoneType",
    ]
    for text, reading in zip(texts, readings, strict=True):
        if text.strip():
            alone = read(nlp, text, published=None)
            assert reading.entities == alone.entities
            assert reading.numbers == alone.numbers
            assert [t.dep_ for t in parsed(reading)] == [t.dep_ for t in parsed(alone)]


def test_a_batch_that_spacy_cannot_read_is_read_one_by_one(
    nlp: NlpComponent, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_pipe(texts: object) -> list[Doc]:
        raise RuntimeError("batch failed")

    monkeypatch.setattr(nlp.nlp, "pipe", broken_pipe)
    readings = [Reading(Article(id=str(i), input_id=str(i), text=TEXT)) for i in range(2)]
    assert nlp.pipe(readings) == [None, None]
    assert all(r.entities for r in readings)


def test_a_read_document_is_freed_as_soon_as_it_is_dropped() -> None:
    """No reference cycle through a doc's user_data (a Span kept there points back to its doc):
    a document in a cycle waits for the garbage collector's rare full passes, and a long run
    holds hundreds of them."""
    import gc
    import weakref

    pipeline = Pipeline()
    reading = pipeline.read(Document(input_id="a", content=TEXT.encode(), kind="article"))
    assert isinstance(reading, Reading) and reading.events
    doc = weakref.ref(reading.doc)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del reading
        assert doc() is None
    finally:
        if enabled:
            gc.enable()


def test_the_gazetteer_is_loaded_with_the_stage_not_within_an_articles_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsevents.geo.gazetteer import Gazetteer

    loaded: list[bool] = []
    monkeypatch.setattr(Gazetteer, "load", classmethod(lambda cls: loaded.append(True)))
    NlpComponent()
    assert loaded
