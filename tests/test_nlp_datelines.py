from datetime import date

import pytest

import newsevents
from newsevents.nlp.datelines import DATELINE_PLACE, dateline_end


@pytest.mark.parametrize(
    ("text", "story"),
    [
        ("KHARTOUM, May 14 - Artillery shelling killed", "Artillery"),
        ("PORT-AU-PRINCE, Haiti, Nov 5 (Reuters) - Gangs attacked", "Gangs"),
        ("SAN SALVADOR (AP) — Police arrested", "Police"),
        ("KYIV – Russian drones struck", "Russian"),
        ("SEVIERVILLE, Tenn. (AP)  Police in Sevierville said", "Police"),  # no dash
    ],
)
def test_dateline_end_is_where_the_story_starts(text: str, story: str) -> None:
    end = dateline_end(text)
    assert end is not None and text[end:].startswith(story)


@pytest.mark.parametrize(
    "text",
    [
        "UN officials said on Monday - without giving details - that aid had arrived.",
        "Police in Lagos said seven people were killed.",
        "NATO allies met in Brussels.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline_end(text) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Crash victim's condition upgraded. MIDDLETOWN — A senior was hurt", "MIDDLETOWN"),
        ("Home | News\nROCKY HILL, Conn. -- The council met", "ROCKY HILL"),
        ("HARTFORD — Connecticut legislators", "HARTFORD"),
    ],
)
def test_a_dateline_after_a_headline_or_page_chrome(text: str, place: str) -> None:
    found = DATELINE_PLACE.search(text)
    assert found is not None and found.group(1) == place


def test_the_dateline_place_is_not_parsed_as_the_actor() -> None:
    text = "LAGOS, June 3 - Gunmen killed at least seven villagers in Zamfara state, police said."
    reading = newsevents.read_text(text, published=date(2024, 6, 3), stages=["nlp", "events"])
    assert reading.doc is not None
    sentences = [s.text for s in reading.doc.sents]
    assert sentences[0] == "LAGOS, June 3 -"
    actors = [a.text for event in reading.events for a in event.actor]
    assert "Gunmen" in actors and not any("LAGOS" in a for a in actors)
