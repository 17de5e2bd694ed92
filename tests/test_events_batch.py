"""The events stage reads a batch's titles in one parse, with the same results."""

from typing import Any

from newsevents.eval.system import article_document
from newsevents.events.article_counts import parse_titles, title_candidates
from newsevents.pipeline import Pipeline
from newsevents.records import InputError, Reading

TITLES = [
    "Chaotic brawl, shooting leaves 2 dead, 5 injured",
    None,
    "Council meets on Monday",  # no word of harm: not parsed
    "1 Dead, 3 Hurt In Barbershop Shooting",
]


def test_titles_parsed_together_give_the_counts_of_titles_parsed_alone() -> None:
    docs = parse_titles(TITLES)
    assert [doc is None for doc in docs] == [False, True, True, False]
    for title, doc in zip(TITLES, docs, strict=True):
        assert title_candidates(title, doc) == title_candidates(title)


def test_a_batch_of_articles_gets_the_events_it_gets_one_by_one() -> None:
    pipeline = Pipeline(("nlp", "events"))
    documents = [
        article_document(str(i), f"{title}. Police said the victims were taken to hospital.", title)
        for i, title in enumerate(TITLES)
    ]
    together = [as_json(result) for result in pipeline.run(documents)]
    alone = [as_json(pipeline.read(document)) for document in documents]
    assert together == alone
    assert any(reading["events"] for reading in together)


def as_json(result: Reading | InputError) -> dict[str, Any]:
    assert isinstance(result, Reading), result
    return result.to_json()
