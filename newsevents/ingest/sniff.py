"""What an input is: by its name, its declared media type, or a look at its first bytes."""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["html", "text", "jsonl", "warc", "feed"]

SUFFIX_FORMATS: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
COMPRESSED_SUFFIXES = (".gz", ".gzip")

MEDIA_TYPE_FORMATS: dict[str, Format] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/warc": "warc",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
}

# (offset, magic bytes, what it is). Checked after any gzip layer has been removed.
SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (8, b"WEBP", "WebP image"),
    (0, b"\x00\x00\x01\x00", "icon image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (0, b"PK\x03\x04", "ZIP archive or Office document"),
    (0, b"PK\x05\x06", "ZIP archive"),
    (257, b"ustar", "tar archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"\x1f\x8b", "gzip data inside gzip data"),
    (0, b"\xfd7zXZ\x00", "xz-compressed data"),
    (0, b"\x28\xb5\x2f\xfd", "Zstandard-compressed data"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"\x7fELF", "executable program"),
    (4, b"ftyp", "MP4 or QuickTime media"),
    (0, b"\x1a\x45\xdf\xa3", "Matroska or WebM video"),
    (0, b"OggS", "Ogg audio or video"),
    (0, b"fLaC", "FLAC audio"),
    (8, b"WAVE", "WAV audio"),
    (0, b"ID3", "MP3 audio"),
    (0, b"wOFF", "web font"),
    (0, b"wOF2", "web font"),
)
BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Control characters that never appear in text (tab, newlines, form feed and escape do).
BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")

XML_PROLOG = re.compile(
    r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE
)
ROOT_ELEMENT = re.compile(r"<([A-Za-z][\w:.-]*)")
HTML_DOCTYPE = re.compile(r"<!DOCTYPE\s+html", re.IGNORECASE)
FEED_ROOTS = {"rss", "feed", "rdf:rdf"}
# Elements an HTML page or fragment may start with (after its doctype and comments).
HTML_ROOTS = {
    "html",
    "head",
    "body",
    "meta",
    "title",
    "link",
    "script",
    "style",
    "div",
    "p",
    "article",
    "section",
    "main",
    "header",
    "nav",
    "h1",
    "h2",
    "h3",
    "span",
    "a",
    "table",
}


def format_for_suffix(name: str) -> Format | None:
    """The format a file name promises (``page.html.gz`` counts as ``.html``), if any."""
    name = name.lower()
    for compressed in COMPRESSED_SUFFIXES:
        name = name.removesuffix(compressed)
    dot = name.rfind(".")
    return SUFFIX_FORMATS.get(name[dot:]) if dot > name.rfind("/") else None


def format_for_media_type(media_type: str | None) -> Format | None:
    return MEDIA_TYPE_FORMATS.get((media_type or "").lower())


def split_content_type(header: str | None) -> tuple[str, str | None]:
    """``text/html; charset=UTF-8`` -> (``text/html``, ``utf-8``)."""
    media_type, _, parameters = (header or "").partition(";")
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", parameters, re.IGNORECASE)
    return media_type.strip().lower(), charset.group(1).lower() if charset else None


def text_encoding(head: bytes) -> str | None:
    """The encoding of text that shows it in its first bytes: a byte order mark, or UTF-16
    without one (every other byte NUL). Other encodings are left to extraction to detect."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    sample = head[:4096]
    if len(sample) >= 4 and sample.count(0) * 2 >= len(sample) * 0.9:
        if not sample[0::2].strip(b"\x00") and sample[1::2].strip(b"\x00"):
            return "utf-16-be"
        if not sample[1::2].strip(b"\x00") and sample[0::2].strip(b"\x00"):
            return "utf-16-le"
    return None


def describe_binary(head: bytes) -> str | None:
    """What binary data ``head`` starts, or None when it may be text."""
    for offset, magic, description in SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return description
    if BZIP2.match(head):
        return "bzip2-compressed data"
    if text_encoding(head):
        return None
    sample = head[:4096]
    if b"\x00" in sample or len(BINARY_CONTROL.findall(sample)) > len(sample) * 0.05:
        return "unknown binary format"
    return None


def sniff_format(head: bytes, encoding: str | None = None) -> Format | Literal["xml"]:
    """The format of text from its first bytes; ``xml`` is XML that is neither HTML nor a feed."""
    text = head.decode(encoding or "utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith(("WARC/", "filedesc://")):  # WARC, or its ancestor ARC
        return "warc"
    if text.startswith("{"):
        return "jsonl"
    if HTML_DOCTYPE.match(text):
        return "html"
    if text.startswith("<"):
        root = ROOT_ELEMENT.match(text, XML_PROLOG.match(text).end())  # type: ignore[union-attr]
        name = root.group(1).lower() if root else ""
        if name in FEED_ROOTS:
            return "feed"
        if name in HTML_ROOTS:
            return "html"
        if text.startswith("<?xml"):
            return "xml"
    return "text"


def choose_format(
    head: bytes, encoding: str | None, suffix_format: Format | None, media_format: Format | None
) -> Format:
    """The reader for an input: its declared media type, else its name, else its content.

    A declared feed that is really an HTML page is read as HTML; other content under a feed's
    name is left to the feed reader, which says what it found.
    """
    declared = media_format or suffix_format
    sniffed = sniff_format(head, encoding)
    if declared == "feed" and sniffed == "html":
        return "html"
    if declared is not None:
        return declared
    if sniffed == "xml":
        return "feed"
    return sniffed
