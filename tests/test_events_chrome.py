"""A page whose body is only the site's chrome tells no event of its own; its headline still
does (``events/data/furniture.tsv``, rows "reader" and "video")."""

from __future__ import annotations

import pytest

from newsevents.events.features import lemma
from newsevents.events.furniture import page_furniture
from newsevents.events.senses import names_no_happening
from newsevents.nlp import load_language
from newsevents.pipeline import Pipeline
from newsevents.records import Document, Reading

# The body of pages of one site under headlines of several GVA incidents.
CHROME = (
    "Want to become a full access subscriber?\n\n"
    "We offer delivery options to fit your lifestyle anytime, anywhere.\n\n"
    "We have sent you a verification email.\n\n"
    "Visit us and sign in to update your profile, receive the latest news and keep up to date "
    "with mobile alerts.\n\n"
    "Horse'n around with the FWPD mounted patrol\n\n1:24"
)


def test_a_chrome_body_tells_no_event_and_its_headline_still_does() -> None:
    document = Document(
        "chrome", CHROME.encode(), "article", title="Two men shot outside a bar in Fort Worth"
    )
    reading = Pipeline(["nlp", "events"]).read(document)
    assert isinstance(reading, Reading)
    assert [e.evidence[0].source for e in reading.events] == ["title"]
    assert reading.events[0].type == "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "We offer delivery options to fit your lifestyle anytime, anywhere.",
        "Whenever Joel Currier posts new content, you'll get an email delivered to your inbox.",
        "Click on the button below to set up your account or log in if you already have one.",
    ],
)
def test_the_site_speaking_to_its_reader_is_furniture(text: str) -> None:
    assert page_furniture(next(iter(load_language()(text).sents))) == "reader"


@pytest.mark.parametrize(
    "text",
    [
        '"We will find you," the police chief told the gunmen on Monday.',
        "The ministry said it had sent an email to the embassy's account on Monday.",
        "The minister signed in 2019 a deal with the rebels, at 10:30 on Monday.",
    ],
)
def test_a_news_sentence_with_you_or_a_site_word_is_not(text: str) -> None:
    assert page_furniture(next(iter(load_language()(text).sents))) is None


def sign(text: str) -> bool:
    """Whether the first "sign" of ``text`` names no happening."""
    [word] = [t for t in load_language()(text) if lemma(t) == "sign"][:1]
    return names_no_happening(word)


def test_signing_in_or_up_is_no_agreement() -> None:
    assert sign("Sign in\n\nSubscribe\n\nMenu") and sign("Sign up today.")
    assert not sign("The two sides signed a ceasefire in Doha on Monday.")
    assert not sign("Britain signed up to the deal on Monday.")
