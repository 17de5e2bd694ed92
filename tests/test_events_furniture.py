"""Page lines that tell no event of their own (``events/data/furniture.tsv``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Span

from newsevents.events.article_counts import article_candidates
from newsevents.events.features import read_table
from newsevents.events.furniture import page_furniture
from newsevents.nlp import load_language
from newsevents.nlp.numbers import find_numbers

FURNITURE_FILE = Path(__file__).resolve().parents[1] / "newsevents/events/data/furniture.tsv"


def first_sentence(text: str) -> Span:
    return next(iter(load_language()(text).sents))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Associated Press contributed to this report.", "credit"),
        ("Read or Share this story: http://indy.st/1SuFbri", "share"),
        (
            "Please follow the instructions in the email we just sent you.",
            "signup",
        ),
        ("If you wish to donate, you can click here.", "click"),
        ("FILE - A police officer stands outside the station in Paris.", "caption"),
        ("In this March 23, 2021 photo, strikers gather in Caudan, western France.", "caption"),
        ("Previous Story 4/3/17: One Dead, Four Injured After Shooting In NW OKC", "linked"),
        ("RELATED: Two children, 8 and 15, shot while inside home during drive-by", "linked"),
        ("Facebook Twitter Whatsapp Reddit Email Permalink https://example.org/p/1", "sharebar"),
        ("Click to expand Image Workers at a market in Doha.", "prompt"),
        ("Subscribe to our channel for the latest updates on the war.", "prompt"),
    ],
)
def test_page_furniture_is_read_for_no_event(text: str, kind: str) -> None:
    assert page_furniture(first_sentence(text)) == kind


@pytest.mark.parametrize(
    "text",
    [
        "A 2-year-old child died from a self-inflicted gunshot wound, police said.",
        "In this town, police arrested three men on Sunday.",
        "He shared a photo of the damage on Twitter.",
        "She posted the video on Facebook, Twitter, Telegram and YouTube.",
        "More than 20 officers responded: two were hurt.",
    ],
)
def test_news_sentences_are_not_furniture(text: str) -> None:
    assert page_furniture(first_sentence(text)) is None


def test_each_furniture_row_says_where_it_came_from() -> None:
    for row in read_table(FURNITURE_FILE):
        assert row["name"] and row["pattern"] and row["provenance"], row


def test_a_linked_storys_counts_are_not_this_storys() -> None:
    """GVA fit half: "One Dead, Four Injured" of a story of 4/3/17 beside this one's 2 and 3."""
    text = (
        "Two people were killed and three were hurt, police said.\n\n"
        "Previous Story 4/3/17: One Dead, Four Injured After Shooting In NW OKC Neighborhood"
    )
    doc = load_language()(text)
    told = [(c.count.field, c.count.value) for c in article_candidates(doc, find_numbers(text))]
    assert told == [("fatalities", 2), ("injured", 3)]
