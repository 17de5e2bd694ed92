import json
from datetime import date
from pathlib import Path

from newsevents.records import Article, Event, Evidence, Reading


def test_reading_serialises_dates_and_nested_records() -> None:
    article = Article(id="abc", input_id="a.txt", text="Hello.", published=date(2019, 8, 27))
    event = Event(
        id="e1",
        type="CONSULT",
        status="reported",
        evidence=[Evidence(sentence="Hello.", start=0, end=6)],
        date=date(2019, 8, 27),
        date_precision="day",
    )
    data = Reading(article=article, events=[event]).to_json()
    assert data["article"]["published"] == "2019-08-27"
    assert data["events"][0]["date"] == "2019-08-27"
    assert data["events"][0]["evidence"] == [
        {"sentence": "Hello.", "start": 0, "end": 6, "source": "text", "shot": False}
    ]
    assert data["entities"] == [] and data["places"] == []
    assert "warnings" not in data


def test_a_reading_read_back_from_its_json_is_the_same_reading(seed_path: Path) -> None:
    from newsevents.pipeline import Pipeline
    from newsevents.records import Document

    document = Document("seed", seed_path.read_bytes(), "text")
    reading = Pipeline().read(document)
    assert isinstance(reading, Reading) and reading.events
    data = json.loads(json.dumps(reading.to_json()))
    again = Reading.from_json(data)
    assert again.to_json() == reading.to_json()
    assert again.events == reading.events and again.article == reading.article
