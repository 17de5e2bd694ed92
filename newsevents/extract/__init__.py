"""extract: Document -> Article (main text, title, date, source, language, identity)."""

from __future__ import annotations

import hashlib
import re

from newsevents.records import Article, Document


class ExtractionError(Exception):
    """The document holds no article text that can be read."""


def article_id(text: str) -> str:
    normalised = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def extract(document: Document) -> Article:
    raw = document.content.decode(document.encoding or "utf-8", errors="replace")
    if document.kind == "html":
        import trafilatura

        text = trafilatura.extract(raw) or ""
    else:
        text = raw
    text = text.strip()
    if not text:
        raise ExtractionError("no article text found")
    return Article(
        id=article_id(text),
        input_id=document.input_id,
        text=text,
        url=document.url,
        title=document.title,
        published=document.published,
        source=document.source,
    )
