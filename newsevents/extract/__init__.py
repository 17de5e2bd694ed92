"""extract: Document -> Article (main text, title, date, source, language, identity).

Three kinds of document, three readers: ``html`` pages go through trafilatura and htmldate
(``html.py``), ``text`` pages saved with their chrome through our line classifier
(``text.py``), and ``article`` text, already the body, only has its whitespace normalised.
What the document itself says (a feed's title, a JSONL line's date) wins over what is found in
the page. The article's URL is the document's, else the one the page gives itself (canonical
link, ``og:url``); a web archive's copy is traced back to the original's URL. The outlet falls
back to the one serving that URL, then to the name the page gives itself (``og:site_name``,
the publisher in its JSON-LD), then to the URL's domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsevents.extract.base import ExtractedPage, ExtractionError
from newsevents.extract.decode import decode
from newsevents.extract.edges import trim_edges
from newsevents.extract.identity import article_id
from newsevents.extract.language import detect_language
from newsevents.extract.outlets import canonical_name, hostname, original_url, outlet_for_url
from newsevents.extract.repeats import WORTH_A_WARNING as REPEATS_WORTH_A_WARNING
from newsevents.extract.repeats import without_repeats
from newsevents.records import Article, Document

__all__ = ["Extraction", "ExtractionError", "article_id", "extract", "read_document"]


@dataclass(frozen=True)
class Extraction:
    """The article in a document, and what of the document was not read, in words."""

    article: Article
    warnings: tuple[str, ...] = ()


def extract(document: Document) -> Article:
    """The article in ``document``; :class:`ExtractionError` when there is none to read."""
    return read_document(document).article


def read_document(document: Document) -> Extraction:
    """The article in ``document`` and the warnings of its reading; :class:`ExtractionError`
    when there is none to read."""
    content = decode(document.content, document.encoding, html=document.kind == "html")
    page = read(content, document)
    trimmed = trim_edges(paragraphs_of(page.text), calls=document.kind != "article")
    paragraphs, repeats = without_repeats(trimmed)
    text = "\n\n".join(paragraphs)
    if not text:
        raise ExtractionError("no article text found")
    warnings = page.warnings
    if repeats >= REPEATS_WORTH_A_WARNING:
        warnings += (f"extract: {repeats:,} repeated sentences left out",)
    url = original_url(document.url) or original_url(page.url)
    title = document.title or page.title
    source = document.source or source_name(page.source, url)
    article = Article(
        id=article_id(text, title, source),
        input_id=document.input_id,
        text=text,
        url=url,
        title=title,
        published=document.published or page.published,
        source=source,
        language=detect_language(text),
    )
    return Extraction(article, warnings)


def read(content: str, document: Document) -> ExtractedPage:
    if document.kind == "html":
        from newsevents.extract.html import read_html

        return read_html(content, document.url)
    if document.kind == "text":
        from newsevents.extract.text import read_text_page

        return read_text_page(content)
    return ExtractedPage(text=content)


def source_name(found: str | None, url: str | None) -> str | None:
    """The outlet serving the URL, else the name the page gives itself, else the URL's domain."""
    return outlet_for_url(url) or (canonical_name(found) if found else None) or hostname(url)


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs of a text (apart where a blank line is), runs of spaces and tabs made one
    space."""
    paragraphs = (re.sub(r"[^\S\n]+", " ", p).strip() for p in re.split(r"\n\s*\n", text))
    return [p for p in paragraphs if p]
