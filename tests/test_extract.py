"""The extract stage: decoding, HTML and chrome-laden text pages, identity."""

from __future__ import annotations

import hashlib
import textwrap
from datetime import date
from pathlib import Path

import pytest

from newsevents.extract import ExtractionError, article_id, extract
from newsevents.extract.dates import find_date
from newsevents.extract.decode import decode
from newsevents.extract.identity import normalise_for_identity
from newsevents.extract.outlets import canonical_name, outlet_for_url
from newsevents.records import Document

PARAGRAPHS = [
    "Heavy rain forced more than ten thousand people from their homes in the north of the "
    "region on Tuesday, officials said, as rivers burst their banks in dozens of towns.",
    "At least nine people have died, according to the civil protection agency, which said "
    "rescue workers had evacuated residents from the worst-hit areas by boat overnight.",
    "The government has declared a state of emergency and promised immediate aid to the "
    "families who lost their homes, the interior minister told reporters in the capital.",
    "Forecasters expect more rain later in the week, and the authorities have asked people "
    "living near the rivers to move to higher ground until the water level falls again.",
]


def html_page(body: str, head: str = "", declared: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{declared}">'
        f"<title>Floods force thousands from homes</title>{head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>Floods force thousands from homes</h1>{body}</article>"
        "<footer>© 2023 Example News. All rights reserved.</footer></body></html>"
    )


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def html_document(content: bytes, **kwargs: str) -> Document:
    return Document(input_id="page.html", content=content, kind="html", **kwargs)  # type: ignore[arg-type]


# --- decoding -------------------------------------------------------------------------------


def test_declared_charset_is_honoured() -> None:
    assert decode("Zürich".encode("cp1252"), "windows-1252") == "Zürich"
    assert decode("Zürich".encode("iso-8859-15"), declared="iso-8859-15") == "Zürich"


def test_meta_charset_is_honoured_for_html() -> None:
    page = '<meta charset="koi8-r"><p>Москва</p>'
    assert "Москва" in decode(page.encode("koi8-r"), html=True)


def test_utf8_wins_over_a_wrong_single_byte_declaration() -> None:
    page = '<meta charset="iso-8859-1"><p>Zürich – Genève</p>'
    assert "Zürich – Genève" in decode(page.encode("utf-8"), html=True)


def test_invalid_utf8_falls_back_to_detection() -> None:
    text = "Le président a déclaré que la réforme serait adoptée avant l'été prochain. " * 3
    decoded = decode(text.encode("cp1252"), declared="utf-8")
    assert "président a déclaré" in decoded


def test_byte_order_mark() -> None:
    assert decode("hello".encode("utf-16")) == "hello"
    assert decode("héllo".encode("utf-8-sig"), declared="iso-8859-1") == "héllo"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty document"),
        (b"   \n\t ", "empty document"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (bytes(range(256)) * 20, "binary"),
    ],
)
def test_empty_and_binary_content_is_refused(content: bytes, message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        decode(content)


# --- HTML -----------------------------------------------------------------------------------


def test_html_page_gives_text_title_date_source_and_language() -> None:
    head = (
        '<meta property="og:site_name" content="Deutsche Welle">'
        '<meta property="article:published_time" content="2023-05-12T08:00:00Z">'
    )
    page = html_page(paragraphs_html(PARAGRAPHS), head)
    article = extract(html_document(page.encode()))
    assert article.text.startswith("Heavy rain forced")
    assert article.text.endswith("falls again.")
    assert "Home" not in article.text and "All rights reserved" not in article.text
    assert article.title == "Floods force thousands from homes"
    assert article.published == date(2023, 5, 12)
    assert article.source == "DW"
    assert article.language == "en"


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("Floods force thousands from homes - World - Example News", "h1"),  # h1 in the title
        ("Floods force thousands from homes | Example News", "p"),  # site name cut off
        ("Example Daily News", "h2"),  # the title is the site; the lede repeats the heading
    ],
)
def test_html_title_is_the_headline(title: str, heading: str) -> None:
    headline = "Floods force thousands from homes"
    page = (
        f"<html><head><title>{title}</title></head><body>"
        f"<{heading}>{headline}</{heading}><article>{paragraphs_html(PARAGRAPHS)}</article>"
        "</body></html>"
    )
    page = page.replace("Heavy rain forced", "Floods forced thousands of people from their homes;")
    assert extract(html_document(page.encode())).title == headline


def test_url_names_the_outlet_and_document_metadata_wins() -> None:
    page = html_page(paragraphs_html(PARAGRAPHS)).encode()
    document = html_document(page, url="https://www.reuters.com/world/floods", title="Given")
    article = extract(document)
    assert article.source == "Reuters"
    assert article.title == "Given"
    unknown = extract(html_document(page, url="https://news.example.org/a/1"))
    assert unknown.source == "news.example.org"


def test_invalid_utf8_html_still_reads() -> None:
    body = paragraphs_html([*PARAGRAPHS[:2], "Der Bürgermeister äußerte sich später."])
    content = html_page(body).encode("utf-8").replace("ü".encode(), b"\xfc")
    article = extract(html_document(content))
    assert "Heavy rain forced" in article.text
    assert "\ufffd" not in article.text[:200]


def test_wrong_declared_charset_html() -> None:
    body = paragraphs_html([*PARAGRAPHS[:3], "Officials in Zürich and Genève offered help."])
    content = html_page(body, declared="iso-8859-1").encode("utf-8")
    assert "Zürich and Genève" in extract(html_document(content)).text


def test_truncated_html_gives_what_it_can() -> None:
    page = html_page(paragraphs_html(PARAGRAPHS))
    cut = page[: page.index(PARAGRAPHS[2][:40])]
    article = extract(html_document(cut.encode()))
    assert "Heavy rain forced" in article.text
    assert "At least nine people" in article.text


@pytest.mark.parametrize(
    "content",
    [
        b"<html><head><title>Nothing</title></head><body></body></html>",
        b'<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>',
    ],
)
def test_page_without_main_text_is_an_error(content: bytes) -> None:
    with pytest.raises(ExtractionError, match="no main text"):
        extract(html_document(content))


def test_binary_file_named_html_is_an_error() -> None:
    with pytest.raises(ExtractionError, match="binary"):
        extract(html_document(b"\x1f\x8b\x08\x00" + bytes(200)))


# --- plain text with page chrome ------------------------------------------------------------

WIRE_STORY = """\
Skip to main content
Exclusive news, data and analytics for financial market professionals
World
Business
Markets
Sign In
Register
Protesters clash with police in Nairobi over tax bill
By Jane Doe and John Smith
June 25, 2024 3:14 PM UTC
NAIROBI, June 25 (Reuters) - Kenyan police fired tear gas at protesters in Nairobi on Tuesday \
as thousands marched on parliament against proposed tax increases, witnesses said.
At least five people were killed when police opened fire near the parliament building, a \
witness said, while ambulances ferried the wounded to hospitals across the city.
Lawmakers voted to pass the finance bill despite the protests, which have spread to several \
towns across the country over the past week.
The government says the tax rises are needed to pay down the country's debt, but critics say \
they will hurt the poor.
Reporting by Jane Doe; Editing by John Smith
Our Standards: The Thomson Reuters Trust Principles.
Read Next
Kenya's president withdraws finance bill after deadly protests
Sign up here.
© 2024 Reuters. All rights reserved
"""

BROADCASTER_STORY = """\
We use cookies to improve your experience. Accept all cookies
Menu
Home
News
Sport
Weather
Floods force thousands from homes in northern Italy
Published 12 May 2023
Share
Image caption, Rescue workers evacuated residents from Faenza by boat
Heavy rain has forced more than 10,000 people from their homes in the Emilia-Romagna region \
of northern Italy, officials say.

Rivers burst their banks in dozens of towns overnight, and at least nine people have died, \
according to the regional civil protection agency.

"We have never seen anything like this," said the mayor of Faenza, who urged residents to \
move to upper floors.

The government has declared a state of emergency and promised 20 million euros in \
immediate aid.

More on this story
Italy's worst drought in 70 years
Related Topics
Italy
Floods
Copyright 2023 BBC. All rights reserved. The BBC is not responsible for the content of \
external sites.
"""

WIRE_AGENCY_STORY = """\
Skip to main content
AP Logo
Menu
World
U.S.
Politics
Sports
Entertainment
Business
Science
Fact Check
Oddities
Be Well
Newsletters
Photography
Climate
Health
Personal Finance
AP Investigations
Tech
Lifestyle
Religion
AP Buyline Personal Finance
Press Releases
My Account
Search Query
Earthquake kills at least 12 in southern Peru, officials say
By FRANKLIN BRICEÑO
Updated 4:12 PM GMT+1, March 3, 2024
Share
LIMA, Peru (AP) — A powerful earthquake shook southern Peru early Sunday, killing at least 12 \
people and destroying dozens of homes in the Arequipa region, officials said.
The 6.8-magnitude quake struck at 3:45 a.m. local time near the town of Caravelí, according \
to the U.S. Geological Survey.
ADVERTISEMENT
Rescue teams were searching collapsed adobe houses for survivors, the national civil defense \
institute said in a statement. At least 45 people were injured.
President Dina Boluarte said she would travel to the area later Sunday.
ADVERTISEMENT
"We are mobilizing all the resources of the state," she wrote on the social platform X.
Copyright 2024 The Associated Press. All Rights Reserved.
FRANKLIN BRICEÑO
Briceño covers Peru for The Associated Press.
twitter
mailto
Related Stories
Strong earthquake in Chile leaves no damage
More than 100 dead as floods hit Brazil
"""

NEWSPAPER_STORY = """\
Skip to main contentSkip to navigation
Print subscriptions
Sign in
Search jobs
Search
Europe edition
The Guardian - Back to homepage
News
Opinion
Sport
Culture
Lifestyle
World
Europe
US news
Americas
Asia
Australia
Middle East
Africa
Inequality
Global development
Residents wade through flood waters in Valencia. Photograph: Jose Jordan/AFP/Getty Images
Spain
Death toll from Spain floods rises to 95 as rescuers search for missing
Regional government says dozens are still unaccounted for after torrential rain hit Valencia
Sam Jones in Madrid
Wed 30 Oct 2024 14.20 CET
Share
The death toll from the catastrophic floods in eastern Spain has risen to 95, officials have \
said, as rescue teams continue to search for people missing after torrential rain swept \
through the Valencia region.
Emergency services said on Wednesday that 92 people had died in Valencia, two in Castilla-La \
Mancha and one in Andalucía.
The Spanish prime minister, Pedro Sánchez, declared three days of national mourning and urged \
people to stay at home and follow the instructions of the emergency services.
“The entire country is weeping with you,” Sánchez said in a televised address.
Explore more on these topics
Spain
Europe
Floods
Extreme weather
news
Share
Reuse this content
Most viewed
"""


def text_document(text: str) -> Document:
    return Document(input_id="page.txt", content=text.encode(), kind="text")


@pytest.mark.parametrize(
    ("page", "title", "published", "source", "first", "last", "chrome"),
    [
        (
            WIRE_STORY,
            "Protesters clash with police in Nairobi over tax bill",
            date(2024, 6, 25),
            "Reuters",
            "NAIROBI, June 25 (Reuters)",
            "they will hurt the poor.",
            ["Skip to", "Sign In", "Read Next", "Kenya's president withdraws", "Sign up", "©"],
        ),
        (
            BROADCASTER_STORY,
            "Floods force thousands from homes in northern Italy",
            date(2023, 5, 12),
            "BBC",
            "Heavy rain has forced",
            "immediate aid.",
            ["cookies", "Menu", "Image caption", "Share", "More on this story", "drought"],
        ),
        (
            WIRE_AGENCY_STORY,
            "Earthquake kills at least 12 in southern Peru, officials say",
            date(2024, 3, 3),
            "AP",
            "LIMA, Peru (AP)",
            None,
            ["Menu", "By FRANKLIN", "Share", "ADVERTISEMENT", "Copyright", "Chile", "Brazil"],
        ),
        (
            NEWSPAPER_STORY,
            "Death toll from Spain floods rises to 95 as rescuers search for missing",
            date(2024, 10, 30),
            "The Guardian",
            "The death toll from the catastrophic floods",
            "Sánchez said in a televised address.",
            ["Skip to", "Photograph", "Sam Jones", "Explore more", "Most viewed"],
        ),
    ],
)
def test_chrome_laden_text(
    page: str,
    title: str,
    published: date,
    source: str,
    first: str,
    last: str | None,
    chrome: list[str],
) -> None:
    article = extract(text_document(page))
    assert article.title == title
    assert article.published == published
    assert article.source == source
    assert article.text.startswith(first)
    if last is not None:
        assert article.text.endswith(last)
    for line in chrome:
        assert line not in article.text


def hard_wrapped(text: str, width: int = 72) -> str:
    return "\n".join(
        textwrap.fill(line, width, break_on_hyphens=False) if line else line
        for line in text.splitlines()
    )


@pytest.mark.parametrize("page", [WIRE_STORY, BROADCASTER_STORY])
def test_hard_wrapped_text_reads_like_the_unwrapped(page: str) -> None:
    wrapped, unwrapped = extract(text_document(hard_wrapped(page))), extract(text_document(page))
    assert (wrapped.title, wrapped.published) == (unwrapped.title, unwrapped.published)
    for paragraph in unwrapped.text.split("\n\n"):
        assert paragraph in wrapped.text


def test_hard_wrapped_seed(seed_path: Path) -> None:
    seed = seed_path.read_text(encoding="utf-8")
    wrapped = extract(text_document(hard_wrapped(seed)))
    assert wrapped.title == "Erdogan and Putin meet amid Idlib escalation"
    assert wrapped.id == extract(text_document(seed)).id


def test_relative_date_is_not_guessed() -> None:
    page = BROADCASTER_STORY.replace("Published 12 May 2023", "Published 3 hours ago")
    assert extract(text_document(page)).published is None


@pytest.mark.parametrize(
    "page",
    [
        "Police arrested five protesters in Lagos on Monday.",
        "Police arrested five protesters in Lagos on Monday, a spokesman said.\n"
        "The protesters had blocked a highway.",
    ],
)
def test_short_plain_text_without_chrome_is_kept_whole(page: str) -> None:
    assert extract(text_document(page)).text.split() == page.split()


def test_text_of_only_chrome_is_an_error() -> None:
    with pytest.raises(ExtractionError):
        extract(text_document("Home\nNews\nSport\nSign in\nSubscribe\n© 2024 Example\n"))


def test_seed_article(seed_path: Path) -> None:
    article = extract(Document(input_id="seed", content=seed_path.read_bytes(), kind="text"))
    assert article.title == "Erdogan and Putin meet amid Idlib escalation"
    assert article.published == date(2019, 8, 27)
    assert article.source == "DW"
    assert article.language == "en"
    assert article.text.startswith("Turkey says the Russian-backed Syrian offensive")
    assert article.text.endswith("potentially onward into Europe.")
    for chrome in (
        "Skip to",
        "Idlib, Syria\n",
        "Getty Images",
        "Read more",
        "Syrian White Helmets risk death in Idlib",
        "Sign up",
        "Explore more",
        "Belarus",
        "Go to homepage",
    ):
        assert chrome not in article.text


# --- article kind and identity --------------------------------------------------------------


def test_article_kind_is_kept_whole_with_whitespace_normalised() -> None:
    text = "Read more about it:   the   minister\tresigned.\n\n\n\nShe left on Monday.  "
    article = extract(Document(input_id="1", content=text.encode(), kind="article"))
    assert article.text == "Read more about it: the minister resigned.\n\nShe left on Monday."


def test_same_article_by_different_routes_has_one_id() -> None:
    plain = "“Peace talks” resumed — in Doha — on Monday.\nThe envoy said so."
    other = '"Peace  talks" resumed - in Doha - on Monday. the envoy SAID so.'
    assert article_id(plain) == article_id(other)
    assert article_id(plain) != article_id("Peace talks collapsed in Doha on Monday.")
    via_html = extract(html_document(html_page(paragraphs_html(PARAGRAPHS)).encode()))
    via_article = extract(
        Document(
            input_id="2",
            content=" ".join(PARAGRAPHS).encode(),
            kind="article",
            title="Floods  force thousands from homes",
        )
    )
    assert via_html.id == via_article.id


CHROME = "Sign in\n\nSubscribe\n\nAlready a subscriber? Log in to read this story."


def chrome_page(headline: str, url: str = "https://news.example/a") -> Document:
    page = f"<html><head><title>{headline}</title></head><body><p>{CHROME}</p></body></html>"
    return Document(input_id=url, content=page.encode(), kind="html", url=url)


def test_pages_of_one_chrome_body_under_two_headlines_are_two_articles() -> None:
    # The body (site chrome, a paywall notice) is the same around every headline of the site;
    # the headline, which may carry the event, tells them apart.
    fire = extract(chrome_page("Fire destroys warehouse", "https://news.example/fire"))
    shooting = extract(chrome_page("Two shot outside bar", "https://news.example/shooting"))
    assert fire.text == shooting.text and fire.source == shooting.source
    assert fire.id != shooting.id
    again = extract(chrome_page("Fire destroys warehouse", "https://news.example/fire"))
    assert again.id == fire.id  # the same page twice is one article


def test_one_wire_story_run_by_two_outlets_is_two_articles() -> None:
    # Two reports of one event (dedup groups their events), not one article.
    story = " ".join(PARAGRAPHS).encode()
    one, other = (
        extract(Document(f"{outlet}.json", story, "article", source=outlet, title="Floods"))
        for outlet in ("Wire One", "Wire Two")
    )
    assert one.id != other.id
    assert one.id == article_id(one.text, "floods", "wire one")  # case and spacing aside


def test_a_text_without_headline_or_outlet_keeps_the_id_of_its_text() -> None:
    # The id every article had before the headline and the outlet were part of it.
    text = "Peace talks resumed in Doha on Monday."
    legacy = hashlib.sha256(normalise_for_identity(text).encode()).hexdigest()
    assert article_id(text) == article_id(text, "", "  ") == legacy
    assert extract(Document("t", text.encode(), "article")).id == legacy


# --- small parts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("August 27, 2019", date(2019, 8, 27)),
        ("Aug. 27, 2019 10:45 AM ET", date(2019, 8, 27)),
        ("Tuesday 27th of August, 2019", date(2019, 8, 27)),
        ("27.08.2019", date(2019, 8, 27)),
        ("Updated: 2019-08-27T10:00:00Z", date(2019, 8, 27)),
        ("08/27/2019", date(2019, 8, 27)),
        ("27/08/2019", date(2019, 8, 27)),
        ("Published 3 hours ago", None),
        ("31.02.2019", None),
        ("May I say something", None),
    ],
)
def test_find_date(line: str, expected: date | None) -> None:
    assert find_date(line) == expected


def test_outlets() -> None:
    assert outlet_for_url("https://www.dw.com/en/erdogan/a-50170398") == "DW"
    assert outlet_for_url("https://edition.cnn.com/2024/x") == "CNN"
    assert outlet_for_url("https://example.com/") is None
    assert canonical_name("Deutsche Welle") == "DW"
    assert canonical_name("Some Local Paper") == "Some Local Paper"
