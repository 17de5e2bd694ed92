"""Bytes to text: the declared charset when the bytes agree with it, detection when they don't.

Order of trust: a byte-order mark; the charset declared by the transport (``Document.encoding``)
or by the page itself (``<meta charset>``); UTF-8; then charset-normalizer's guess. A declared
single-byte charset loses to UTF-8 when the bytes are valid UTF-8 with multi-byte sequences:
that happens by chance almost never, and mislabelled UTF-8 pages are common.
"""

from __future__ import annotations

import codecs
import re

from newsevents.extract.base import ExtractionError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
BINARY_SIGNATURES = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "an executable"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE)
# Browsers read these labels as windows-1252, which defines the bytes 0x80-0x9f as well.
WINDOWS_1252_ALIASES = frozenset({"latin-1", "iso8859-1", "ascii"})
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
SAMPLE = 8192
MAX_CONTROL_SHARE = 0.02


def decode(content: bytes, declared: str | None = None, html: bool = False) -> str:
    """Decode ``content``; raise :class:`ExtractionError` for empty or binary content."""
    if not content.strip():
        raise ExtractionError("empty document")
    for signature, what in BINARY_SIGNATURES:
        if content.startswith(signature):
            raise ExtractionError(f"binary content ({what}), not text or HTML")
    text = _decode(content, declared, html)
    if _looks_binary(text[:SAMPLE]):
        raise ExtractionError("binary content: too many control characters to be text or HTML")
    return text


def _decode(content: bytes, declared: str | None, html: bool) -> str:
    for bom, encoding in BOMS:
        if content.startswith(bom):
            return content.decode(encoding, errors="replace")
    candidates = [declared, meta_charset(content) if html else None]
    for name in filter(None, (canonical_codec(c) for c in candidates)):
        if name not in {"utf-8", "utf-16", "utf-32"} and _is_multibyte_utf8(content):
            return content.decode("utf-8")
        try:
            return content.decode(name)
        except UnicodeDecodeError:
            continue
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detected(content)


def meta_charset(content: bytes) -> str | None:
    match = META_CHARSET.search(content[:SAMPLE])
    return match.group(1).decode("ascii") if match else None


def canonical_codec(label: str | None) -> str | None:
    """Python's name for a charset label, or None for a label it does not know."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in WINDOWS_1252_ALIASES else name


def _is_multibyte_utf8(content: bytes) -> bool:
    if content.isascii():
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detected(content: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(content).best()
    if best is not None:
        return str(best)
    return content.decode("cp1252", errors="replace")


def _looks_binary(sample: str) -> bool:
    if "\x00" in sample:
        return True
    controls = len(CONTROL_CHARACTERS.findall(sample))
    return controls > MAX_CONTROL_SHARE * max(len(sample), 1)
