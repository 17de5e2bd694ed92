"""One reader per input format: a payload's bytes in, Documents (or per-item errors) out."""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, BinaryIO

from newsevents.ingest.limits import Limits, format_size
from newsevents.ingest.sniff import Format, describe_binary, sniff_format, split_content_type
from newsevents.ingest.streams import CHUNK_SIZE, CountingStream, IngestError
from newsevents.records import Document, DocumentKind, InputError

HTML_MEDIA_TYPES = {"text/html", "application/xhtml+xml"}
# A JSON Lines record's body: "text" is the article itself, "html" a page to extract it from.
JSONL_BODIES: tuple[tuple[str, DocumentKind], ...] = (("text", "article"), ("html", "html"))
JSON_TYPES = {list: "an array", str: "a string", int: "a number", float: "a number",
              bool: "true or false", type(None): "null"}  # fmt: skip
LIMIT_HINT = "set NEWSEVENTS_MAX_BYTES to change it"
# How a whole feed ends; feedparser's lenient parser reads a feed cut short without a word.
FEED_END = re.compile(rb"</(?:[\w.-]+:)?(?:rss|feed|rdf)>\s*\Z", re.IGNORECASE)
FEED_END_WINDOW = 1024


@dataclass
class Payload:
    """An opened input, decompressed, with what is known about it before its content is read."""

    input_id: str
    stream: BinaryIO
    noun: str  # how messages name it: "file", "input", "response"
    url: str | None = None
    encoding: str | None = None
    media_type: str | None = None  # as declared by an HTTP server
    name_format: Format | None = None  # as promised by a file name or URL path
    size: int | None = None  # the stored size, when known and not compressed
    compressed: bool = False
    head: bytes = b""  # the first bytes of the (decompressed) stream, for readers to check
    first_line: int = 1  # the number of the stream's first line (a shard of a JSON Lines file)


Reader = Callable[[Payload, Limits], Iterator[Document | InputError]]


def read_content(payload: Payload, limits: Limits) -> bytes:
    """The whole content of a single-document payload, refused past ``limits.max_bytes``."""
    limit = format_size(limits.max_bytes)
    if payload.size is not None and payload.size > limits.max_bytes:
        raise IngestError(
            f"{payload.noun} is {format_size(payload.size)}, over the {limit} limit; {LIMIT_HINT}"
        )
    content = payload.stream.read(limits.max_bytes + 1)
    if len(content) > limits.max_bytes:
        if payload.compressed:
            raise IngestError(
                f"{payload.noun} decompresses to more than the {limit} limit (a gzip bomb?); "
                + LIMIT_HINT
            )
        raise IngestError(f"{payload.noun} is over the {limit} limit; {LIMIT_HINT}")
    return content


def page_reader(kind: DocumentKind) -> Reader:
    """A reader for inputs that hold one page: an HTML file, or text that may carry chrome."""

    def read_page(payload: Payload, limits: Limits) -> Iterator[Document | InputError]:
        content = read_content(payload, limits)
        yield Document(payload.input_id, content, kind, url=payload.url, encoding=payload.encoding)

    return read_page


def read_jsonl(payload: Payload, limits: Limits) -> Iterator[Document | InputError]:
    """One document per line of ``{"id", "text" | "html", "url", "title", "published"}``."""
    for number, line in enumerate(capped_lines(payload.stream, limits), payload.first_line):
        location = f"{payload.input_id}:{number}"
        if line is None:
            yield InputError(location, f"line is over the {format_size(limits.max_bytes)} limit")
            continue
        if not line.strip():
            continue
        try:
            yield jsonl_document(line, location)
        except IngestError as error:
            yield InputError(location, str(error))


def capped_lines(stream: BinaryIO, limits: Limits) -> Iterator[bytes | None]:
    """The lines of ``stream``; None for a line over ``limits.max_bytes``, which is skipped."""
    while line := stream.readline(limits.max_bytes + 1):
        if len(line) > limits.max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(CHUNK_SIZE)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def jsonl_document(line: bytes, location: str) -> Document:
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise IngestError("line is not valid UTF-8") from None
    except json.JSONDecodeError as error:
        raise IngestError(f"invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        found = JSON_TYPES.get(type(record), type(record).__name__)
        raise IngestError(f"expected a JSON object, found {found}")
    body, kind = jsonl_body(record)
    record_id = record.get("id")
    return Document(
        input_id=str(record_id) if isinstance(record_id, str | int) else location,
        content=body.encode("utf-8"),
        kind=kind,
        url=optional_string(record, "url"),
        title=optional_string(record, "title"),
        published=parse_date(optional_string(record, "published")),
        source=optional_string(record, "source"),
        encoding="utf-8",
    )


def jsonl_body(record: dict[str, Any]) -> tuple[str, DocumentKind]:
    for key, kind in JSONL_BODIES:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value, kind
    if any(key in record for key in ("text", "html")):
        raise IngestError("'text' / 'html' is empty or not a string")
    raise IngestError("no 'text' or 'html' field")


def optional_string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value.strip() or None if isinstance(value, str) else None


def parse_date(value: str | None) -> date | None:
    """A date from ISO 8601 (``2019-08-27``, with or without a time) or RFC 822; else None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if match := re.match(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(match.group())
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def read_warc(payload: Payload, limits: Limits) -> Iterator[Document | InputError]:
    """One document per HTML response (or resource) record with a 2xx status; an error for each
    record that is malformed or cut short (as the last one of an interrupted crawl is)."""
    from warcio.archiveiterator import ArchiveIterator

    if sniff_format(payload.head) != "warc":
        raise IngestError("not a WARC file (it does not start with a WARC record)")
    stream = CountingStream(payload.stream)
    archive = ArchiveIterator(stream)
    records = found = 0
    for record in warc_records(archive):
        records += 1
        position = f"{payload.input_id}#record-{records}"
        if record.rec_type is None or record.length is None:
            yield InputError(position, "malformed WARC record (no type or length: cut short?)")
            continue
        media_type, charset = warc_content_type(record)
        if media_type not in HTML_MEDIA_TYPES or not warc_status_ok(record):
            continue
        found += 1
        uri = record.rec_headers.get_header("WARC-Target-URI")
        input_id = uri or position
        content = record.content_stream().read(limits.max_bytes + 1)
        if missing := warc_bytes_missing(record):
            yield InputError(input_id, f"WARC record cut short ({missing:,} bytes missing)")
        elif len(content) > limits.max_bytes:
            yield InputError(input_id, f"over the {format_size(limits.max_bytes)} limit")
        elif not content.strip():
            yield InputError(input_id, "empty WARC record")
        elif binary := describe_binary(content):
            yield InputError(input_id, f"binary content ({binary}) in an HTML record")
        else:
            yield Document(input_id, content, "html", url=uri, encoding=charset)
    # warcio stops without a word at a record whose headers are cut short.
    if (unread := stream.read_to_end() - archive.offset) > 0:
        yield InputError(
            f"{payload.input_id}#record-{records + 1}",
            f"malformed WARC record ({unread:,} bytes at the end that are not a whole record: "
            "cut short?)",
        )
    elif not found:
        raise IngestError(f"no HTML responses among {records} WARC records")


def warc_records(archive: Iterator[Any]) -> Iterator[Any]:
    """The records of a WARC; a record warcio cannot parse ends it with an IngestError."""
    from warcio.exceptions import ArchiveLoadFailed

    while True:
        try:
            record = next(archive)
        except StopIteration:
            return
        except ArchiveLoadFailed as error:
            raise IngestError(f"not a readable WARC file ({error})") from None
        except Exception as error:  # warcio fails in many ways on a record cut short
            raise IngestError(
                f"malformed WARC record ({type(error).__name__}: {error}; cut short?)"
            ) from None
        yield record


def warc_bytes_missing(record: Any) -> int:
    """How many bytes of its declared length a record lacks (0 for a whole record): its stream
    is read to its end, where warcio would have gone next anyway."""
    stream = record.raw_stream
    while stream.read(CHUNK_SIZE):
        pass
    return int(getattr(stream, "limit", 0))


def warc_content_type(record: Any) -> tuple[str, str | None]:
    """The media type and charset of a WARC record's payload."""
    if record.rec_type == "response":
        header = record.http_headers.get_header("Content-Type") if record.http_headers else None
    elif record.rec_type == "resource":
        header = record.rec_headers.get_header("Content-Type")
    else:
        header = None
    return split_content_type(header)


def warc_status_ok(record: Any) -> bool:
    if record.rec_type != "response":
        return True
    status = record.http_headers.get_statuscode() if record.http_headers else None
    return bool(status and status.startswith("2"))


def read_feed(payload: Payload, limits: Limits) -> Iterator[Document | InputError]:
    """One document per feed item; broken items are reported and the others still come."""
    import feedparser

    content = read_content(payload, limits)
    headers = {"content-location": payload.url or ""}
    if payload.encoding:
        headers["content-type"] = f"application/xml; charset={payload.encoding}"
    # A file object, so that feedparser never takes the content for a path or a URL to open.
    feed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    if not feed.entries:
        problem = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        raise IngestError(f"not an RSS or Atom feed, or one with no items{problem}")
    source = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        yield feed_item(entry, f"{payload.input_id}#item-{number}", source)
    if not FEED_END.search(content[-FEED_END_WINDOW:]):
        raise IngestError(
            f"the feed is cut short (it lacks its closing tag): items after the "
            f"{len(feed.entries)} read may be missing"
        )


def feed_item(entry: Any, position: str, source: str | None) -> Document | InputError:
    link = entry.get("link") if re.match(r"https?://", entry.get("link", "")) else None
    input_id = link or entry.get("id") or position
    body = item_text(entry)
    if not body:
        return InputError(input_id, "feed item has no text")
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    return Document(
        input_id=input_id,
        content=body.encode("utf-8"),
        kind="article",
        url=link,
        title=entry.get("title") or None,
        published=date(*published[:3]) if isinstance(published, time.struct_time) else None,
        source=source,
        encoding="utf-8",
    )


def item_text(entry: Any) -> str:
    """The fullest text of a feed item: its content, else its summary, as plain text."""
    candidates = [*entry.get("content", []), entry.get("summary_detail") or {}]
    for candidate in candidates:
        value = (candidate.get("value") or "").strip()
        if value:
            is_html = candidate.get("type") in HTML_MEDIA_TYPES
            return fragment_text(value) if is_html else value
    return ""


BLOCK_TAGS = {
    "p", "div", "section", "article", "blockquote", "li", "ul", "ol", "table", "tr",
    "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "pre", "hr",
}  # fmt: skip


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment with a blank line between blocks, as in a plain-text article."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except ParserError:
        return ""
    parts: list[str] = []
    collect_text(root, parts)
    lines = (re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in "".join(parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def collect_text(element: Any, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else None  # None: a comment
    if tag is not None and tag not in ("script", "style"):
        block = tag in BLOCK_TAGS
        parts.append("\n\n" if block else "\n" if tag == "br" else "")
        parts.append(element.text or "")
        for child in element:
            collect_text(child, parts)
        parts.append("\n\n" if block else "")
    parts.append(element.tail or "")


READERS: dict[Format, Reader] = {
    "html": page_reader("html"),
    "text": page_reader("text"),
    "jsonl": read_jsonl,
    "warc": read_warc,
    "feed": read_feed,
}
