from datetime import date

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
    assert data["events"][0]["evidence"] == [{"sentence": "Hello.", "start": 0, "end": 6}]
    assert data["entities"] == [] and data["places"] == []
    assert "warnings" not in data
