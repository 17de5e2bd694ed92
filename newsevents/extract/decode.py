"""Bytes to text: the declared charset when the bytes agree with it, detection when they don't.

Order of trust: a byte-order mark; the charset declared by the transport (``Document.encoding``)
or by the page itself (``<meta charset>``), unless the text it gives reads as mojibake; UTF-8;
UTF-8 with a few stray bytes (replaced, not taken for another charset); then the best of
charset-normalizer's candidates, weighed by :func:`weigh`. A declared single-byte charset loses
to UTF-8 when the bytes are valid UTF-8 with multi-byte sequences: that happens by chance almost
never, and mislabelled UTF-8 pages are common.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Any

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
HTML_LANG = re.compile(rb"""<html[^>]*?\slang\s*=\s*["']?([a-z]{2,3})\b""", re.IGNORECASE)
# Symbols and figures between two letters ("Wa³êsa"): how a Western code page shows the
# letters of another. Punctuation ("l’accord") is not counted.
SYMBOL_CATEGORIES = frozenset({"No", "Sc", "Sk", "Sm", "So"})
# How the weighing was set: by hand, on the pages of tests/test_extract_decode.py (Latin-1,
# windows-1252/1250/1251, Shift-JIS, GB18030; short and long; declared and not). In-sample.
MIN_UTF8_SHARE = 0.75  # of the non-ASCII characters, those that are well-formed UTF-8
MAX_MESS = 0.2  # charset-normalizer's mess ratio from which a declared charset is not believed
MAX_BROKEN_SHARE = 0.1  # of non-ASCII words with a symbol inside, from which the same
BROKEN_WORD_WEIGHT = 1.0
RARE_ENCODING_PENALTY = 0.2
WESTERN_PRIOR = 0.05
DECLARED_LANGUAGE_WEIGHT = 0.1
# The legacy charsets of each language (ISO 639-1 code), for pages that declare their language.
# With UTF-8 they are the charsets web pages use (W3Techs' list); any other candidate (old Mac,
# DOS and HP code pages) gets RARE_ENCODING_PENALTY.
CHARSET_FAMILIES = {
    "cp1252 latin_1 iso8859_15": "ca da de en es eu fi fr ga gl is it nl no pt sq sv",
    "cp1250 iso8859_2": "bs cs hr hu pl ro sk sl",
    "cp1251 koi8_r koi8_u iso8859_5": "be bg kk mk ru sr uk",
    "cp1253 iso8859_7": "el",
    "cp1254 iso8859_9": "az tr",
    "cp1255 iso8859_8": "he yi",
    "cp1256 iso8859_6": "ar fa ur",
    "cp1257 iso8859_13 iso8859_4": "et lt lv",
    "cp874 tis_620": "th",
    "shift_jis cp932 euc_jp iso2022_jp": "ja",
    "gb2312 gbk gb18030 big5 cp950 big5hkscs": "zh",
    "euc_kr cp949": "ko",
}
LANGUAGE_CHARSETS = {
    language: frozenset(charsets.split())
    for charsets, languages in CHARSET_FAMILIES.items()
    for language in languages.split()
}
WEB_ENCODINGS = frozenset({"utf_8", "ascii"}).union(*LANGUAGE_CHARSETS.values())


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
        unicode = name in {"utf-8", "utf-16", "utf-32"}
        if not unicode and _is_multibyte_utf8(content):
            return content.decode("utf-8")
        try:
            text = content.decode(name)
        except UnicodeDecodeError:
            continue
        if unicode or not _garbled(text):
            return text
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(content):
        return content.decode("utf-8", errors="replace")
    return _detected(content, page_language(content) if html else None)


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


def _mostly_utf8(content: bytes) -> bool:
    """UTF-8 with a few stray bytes (a file edited in two encodings, a truncated character):
    far more well-formed multi-byte characters than bytes that form none."""
    text = content.decode("utf-8", errors="replace")
    stray = text.count("\ufffd")
    wide = sum(1 for character in text if "\x7f" < character < "\ufffd")
    return wide >= MIN_UTF8_SHARE * (wide + stray)


def _garbled(text: str) -> bool:
    """Text that reads as mojibake (Cyrillic or Chinese bytes under a Western charset, say)."""
    from charset_normalizer.md import mess_ratio

    sample = text[: SAMPLE * 8]
    return broken_share(sample) >= MAX_BROKEN_SHARE or mess_ratio(sample, MAX_MESS) >= MAX_MESS


def _detected(content: bytes, language: str | None) -> str:
    """The best of charset-normalizer's candidates, weighed (see :func:`weigh`)."""
    from charset_normalizer import from_bytes

    # Not preemptive: a charset the page declares was not believed (see _decode).
    matches = list(from_bytes(content, preemptive_behaviour=False))
    if not any(match.encoding == "cp1252" for match in matches) and _decodes(content, "cp1252"):
        matches.extend(from_bytes(content, cp_isolation=["cp1252"], preemptive_behaviour=False))
    if not matches:
        return content.decode("cp1252", errors="replace")
    best = max(matches, key=lambda match: weigh(match, language))
    return str(best)


def weigh(match: Any, language: str | None) -> float:
    """How likely a charset-normalizer candidate is the page's encoding.

    charset-normalizer scores how coherent the decoded letters are for some language and how
    chaotic the text looks, but on text that is mostly ASCII every single-byte code page is
    about as coherent as the next, and it takes the first: "Señor" read as Polish "Seńor".
    What breaks the tie: words with a symbol inside them ("Wa³êsa", Polish read as Western), a
    prior for windows-1252 (the commonest single-byte charset on the web, and what browsers
    fall back to) against rare code pages, and the charsets of the language the page declares.
    """
    broken = broken_share(str(match)[: SAMPLE * 8])
    score = match.coherence - match.chaos - BROKEN_WORD_WEIGHT * broken
    if match.encoding == "cp1252":
        score += WESTERN_PRIOR
    elif match.encoding not in WEB_ENCODINGS:
        score -= RARE_ENCODING_PENALTY
    if match.encoding in LANGUAGE_CHARSETS.get(language or "", ()):
        score += DECLARED_LANGUAGE_WEIGHT
    return float(score)


def broken_share(text: str) -> float:
    """The share of the non-ASCII words of ``text`` with a symbol between their letters
    ("Wa³êsa"); markup and ASCII words, which no code page changes, are not counted."""
    words = [word for word in text.split() if not word.isascii()]
    return sum(1 for word in words if _symbol_inside(word)) / max(len(words), 1)


def _symbol_inside(word: str) -> bool:
    """A non-ASCII symbol between two letters (ASCII ones, "C++", "x=y", are no code page's
    mistake)."""
    letters = [i for i, character in enumerate(word) if character.isalpha()]
    inside = word[letters[0] : letters[-1]] if letters else ""
    return any(
        not character.isascii() and unicodedata.category(character) in SYMBOL_CATEGORIES
        for character in inside
    )


def page_language(content: bytes) -> str | None:
    """The language an HTML page declares (``<html lang="fr-CA">`` -> ``fr``), if any."""
    match = HTML_LANG.search(content[:SAMPLE])
    return match.group(1).decode("ascii").lower() if match else None


def _decodes(content: bytes, encoding: str) -> bool:
    try:
        content.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _looks_binary(sample: str) -> bool:
    if "\x00" in sample:
        return True
    controls = len(CONTROL_CHARACTERS.findall(sample))
    return controls > MAX_CONTROL_SHARE * max(len(sample), 1)
