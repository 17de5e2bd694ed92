"""Where a page came from: its own URL, its outlet, and the original behind an archived copy."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from newsevents.extract import extract
from newsevents.extract.html import page_url
from newsevents.extract.outlets import original_url
from newsevents.records import Document

BODY = "<p>" + "Floods forced thousands of families from their homes in the valley on Monday. " * 3


def page(head: str = "", body: str = BODY) -> bytes:
    return f"<html><head><title>Floods</title>{head}</head><body>{body}</p></body></html>".encode()


@pytest.mark.parametrize(
    ("head", "url"),
    [
        (
            '<link rel="canonical" href="https://news.example/floods">',
            "https://news.example/floods",
        ),
        ('<meta property="og:url" content="https://news.example/og">', "https://news.example/og"),
        (  # the canonical link is trusted first
            '<meta property="og:url" content="https://news.example/og">'
            '<link rel="Canonical" href="https://news.example/floods">',
            "https://news.example/floods",
        ),
        ('<link rel="canonical" href="/floods">', None),  # relative, and nothing to resolve it
        ('<meta property="og:url" content="">', None),
    ],
)
def test_a_page_without_a_url_gets_the_one_it_gives_itself(head: str, url: str | None) -> None:
    assert extract(Document("page.html", page(head), "html")).url == url


def test_a_relative_canonical_link_is_resolved_against_where_the_page_was_found() -> None:
    from trafilatura.utils import load_html

    tree = load_html(page('<link rel="canonical" href="/floods">').decode())
    assert page_url(tree, "https://news.example/a/b?x=1") == "https://news.example/floods"
    assert page_url(tree, None) is None


def test_the_documents_own_url_wins_over_the_pages() -> None:
    content = page('<link rel="canonical" href="https://news.example/floods">')
    found = Document("x", content, "html", url="https://news.example/a/b")
    assert extract(found).url == "https://news.example/a/b"


def test_a_canonical_link_misplaced_in_the_body_still_counts() -> None:
    body = '<link rel="canonical" href="https://news.example/floods">' + BODY
    assert extract(Document("p", page(body=body), "html")).url == "https://news.example/floods"


ARCHIVED = "http://web.archive.org/web/20170403124306/http://www.nbc12.com/story/35052329/police"


@pytest.mark.parametrize(
    ("address", "original"),
    [
        (ARCHIVED, "http://www.nbc12.com/story/35052329/police"),
        (
            "https://web.archive.org/web/20161102161113id_/https://homicides.suntimes.com/2016/1/",
            "https://homicides.suntimes.com/2016/1/",
        ),
        ("https://web.archive.org/web/2016/http:/www.wral.com/a", "http://www.wral.com/a"),
        ("https://web.archive.org/web/20160101000000/www.wral.com/a", "http://www.wral.com/a"),
        (
            "https://wayback.archive-it.org/4517/20150101000000/http://a.example/b",
            "http://a.example/b",
        ),
        ("https://news.example/web/2016/http://a.example/b", None),  # not an archive
        (None, None),
    ],
)
def test_original_url_of_an_archived_copy(address: str | None, original: str | None) -> None:
    assert original_url(address) == (original or address)


def test_an_archived_copy_names_the_original_outlet_not_the_archive() -> None:
    document = Document(ARCHIVED, page(), "html", url=ARCHIVED)
    article = extract(document)
    assert article.url == "http://www.nbc12.com/story/35052329/police"
    assert article.source == "nbc12.com"
    assert article.input_id == ARCHIVED
    named = Document(ARCHIVED, page('<meta property="og:site_name" content="NBC12">'), "html")
    assert extract(named).source == "NBC12"


def test_the_outlet_from_the_publisher_in_json_ld() -> None:
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Floods", '
        '"publisher": {"@type": "Organization", "name": "Winona Daily News"}}</script>'
    )
    assert extract(Document("p", page(json_ld), "html")).source == "Winona Daily News"


OWN_URL = re.compile(
    rb"""<(?:link[^>]+rel=["']?canonical|meta[^>]+og:url)[^>]+(?:href|content)=["']?[^"'\s>]""",
    re.IGNORECASE,
)


@pytest.mark.slow
def test_the_url_is_filled_on_pages_that_give_one(dev_data: Path) -> None:
    """trafilatura-eval's pages that carry a canonical link or og:url with a value (L3S-GN1's
    pages, from 2008, carry none). A relative link on a page read from a file cannot be made
    absolute: those few stay null."""
    from trafilatura.utils import load_html

    pages = sorted((dev_data / "trafilatura-eval" / "html").glob("*.html.gz"))
    if not pages:
        pytest.skip("trafilatura-eval is not here")
    giving = filled = 0
    for path in pages:
        html = gzip.decompress(path.read_bytes())
        if not OWN_URL.search(html):
            continue
        giving += 1
        tree = load_html(html)
        filled += tree is not None and page_url(tree, None) is not None
    assert giving > 500
    assert filled / giving >= 0.9
