from newsevents.pipeline import Pipeline
from newsevents.records import Document, InputError, Reading


def test_nlp_stage_parses_and_lists_entities() -> None:
    text = "Turkish President Recep Tayyip Erdogan met Vladimir Putin in Moscow on Tuesday."
    result = Pipeline(["nlp"]).read(Document(input_id="t", content=text.encode(), kind="article"))
    assert isinstance(result, Reading)
    assert "doc" in result.annotations
    assert any(e.text == "Moscow" for e in result.entities)
    for entity in result.entities:
        assert result.article.text[entity.start : entity.end] == entity.text


def test_unreadable_document_becomes_an_error_and_the_batch_goes_on() -> None:
    good = Document(input_id="good", content=b"Troops advanced on the town.", kind="article")
    empty = Document(input_id="empty", content=b"   ", kind="article")
    results = list(Pipeline([]).run([empty, good]))
    assert isinstance(results[0], InputError) and results[0].input_id == "empty"
    assert isinstance(results[1], Reading)


def test_python_api_reads_a_text_with_its_publication_date() -> None:
    import datetime

    import newsevents

    reading = newsevents.read_text(
        "Police arrested 12 protesters in Lagos.", published=datetime.date(2024, 5, 7)
    )
    assert reading.article.published == datetime.date(2024, 5, 7)
    assert reading.article.text.startswith("Police arrested")


def test_a_component_bug_on_one_article_is_reported_and_the_batch_goes_on() -> None:
    def fragile(reading: Reading) -> None:
        if "boom" in reading.article.text:
            raise KeyError("announce")

    pipeline = Pipeline([])
    pipeline.components = [("fragile", fragile)]
    documents = [
        Document(input_id="bad", content=b"This article goes boom.", kind="article"),
        Document(input_id="good", content=b"Troops advanced on the town.", kind="article"),
    ]
    results = list(pipeline.run(documents))
    assert isinstance(results[0], InputError)
    assert results[0].stage == "fragile" and "KeyError" in results[0].message
    assert isinstance(results[1], Reading)


def test_verbless_sentences_with_event_nouns_finish() -> None:
    """Climbing the parse from a noun to its verb once looped forever at a verbless root."""
    import signal

    text = "Three air strikes in western Mosul. The report. Dozens of casualties in Aleppo."
    signal.alarm(60)
    try:
        result = Pipeline().read(Document(input_id="t", content=text.encode(), kind="article"))
    finally:
        signal.alarm(0)
    assert isinstance(result, Reading)
