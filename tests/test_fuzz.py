"""Fuzzing the readers and the extraction stage with Hypothesis: whatever the bytes, an item
comes out as a Document, an Article or a one-line error, never as an exception.

Inputs are valid seeds (a page, a feed, JSON Lines, a WARC, each also gzipped) cut short, with
bytes flipped or junk spliced in, and raw bytes. The runs are bounded and derandomised, so the
suite stays fast (a few seconds) and gives the same examples every time.
"""

from __future__ import annotations

import gzip
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.extract import ExtractionError, extract
from newsevents.ingest import Limits, read_sources
from newsevents.records import Article, Document, DocumentKind, InputError

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
LIMITS = Limits(max_bytes=200_000, fetch_deadline=1)

PAGE = (
    "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Crue - Le Journal</title>"
    '<link rel="canonical" href="https://news.example/crue"></head><body><article>'
    "<p>La rivière a débordé lundi et forcé des centaines de familles à quitter leurs maisons."
    "</p><p>Les secours sont arrivés dans la soirée, a dit le maire.</p></article></body></html>"
).encode()
RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Floods'
    b"</title><link>https://news.example/a</link><description>Rivers rose on Monday and roads "
    b"closed.</description></item></channel></rss>"
)
JSONL = (
    b'{"id": "a", "text": "Rivers rose on Monday."}\n{"id": "b", "html": "<p>Roads shut.</p>"}\n'
)


def warc() -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://news.example/a", "response", payload=io.BytesIO(PAGE), http_headers=headers
    )
    writer.write_record(record)
    return out.getvalue()


SEEDS = {".html": PAGE, ".rss": RSS, ".jsonl": JSONL, ".warc": warc(), ".txt": PAGE[60:]}


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and its content: a seed (maybe gzipped), cut, flipped or spliced; or junk."""
    suffix = draw(st.sampled_from([*SEEDS, ".xml"]))
    content = SEEDS.get(suffix, RSS)
    if draw(st.booleans()):
        content = gzip.compress(content, mtime=0)
    damage = draw(st.sampled_from(["cut", "flip", "splice", "junk", "none"]))
    at = draw(st.integers(min_value=0, max_value=max(len(content) - 1, 0)))
    if damage == "cut":
        content = content[:at]
    elif damage == "flip":
        content = (
            content[:at] + bytes([content[at] ^ draw(st.integers(1, 255))]) + content[at + 1 :]
        )
    elif damage == "splice":
        content = content[:at] + draw(st.binary(max_size=64)) + content[at:]
    elif damage == "junk":
        content = draw(st.binary(max_size=2_000))
    return suffix, content


@BOUNDED
@given(damaged())
def test_readers_turn_any_input_into_documents_or_one_line_errors(
    case: tuple[str, bytes],
) -> None:
    suffix, content = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"input{suffix}")
        path.write_bytes(content)
        results = list(read_sources([str(path)], limits=LIMITS))
    assert results
    for result in results:
        assert isinstance(result, Document | InputError)
        if isinstance(result, InputError):
            assert result.message and "\n" not in result.message


KINDS: tuple[DocumentKind, ...] = ("html", "text", "article")


@BOUNDED
@given(
    kind=st.sampled_from(KINDS),
    content=st.one_of(
        st.binary(max_size=3_000),
        st.text(max_size=3_000).map(lambda text: text.encode("utf-8", "surrogatepass")),
        damaged().map(lambda case: case[1]),
    ),
    encoding=st.sampled_from([None, "utf-8", "latin-1", "shift_jis", "no-such-charset"]),
)
def test_extraction_gives_an_article_or_an_extraction_error(
    kind: DocumentKind, content: bytes, encoding: str | None
) -> None:
    document = Document("fuzz", content, kind, encoding=encoding)
    try:
        article = extract(document)
    except ExtractionError as error:
        assert str(error)
        return
    assert isinstance(article, Article) and article.text.strip()
