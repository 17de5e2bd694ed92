"""ingest: every reader, gzip, sniffing, and bad input that must fail alone and clearly."""

from __future__ import annotations

import gzip
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.ingest import Limits, read_sources
from newsevents.ingest.limits import format_size
from newsevents.ingest.sniff import describe_binary, format_for_suffix, sniff_format, text_encoding
from newsevents.records import Document, InputError

PAGE = (
    b"<!DOCTYPE html><html><head><title>Talks</title></head><body><p>Talks began.</p></body></html>"
)
SMALL = Limits(max_bytes=10_000)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire Service</title>
<item><title>Ceasefire holds</title><link>https://news.example/a</link>
<pubDate>Tue, 27 Aug 2019 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The truce held.&lt;/p&gt;&lt;p&gt;Aid &amp;amp; food arrived.&lt;/p&gt;
</description></item>
<item><title>Broken & unescaped</title><link>https://news.example/b</link>
<description>Talks <b>resumed</description></item>
<item><title>Title only</title><link>https://news.example/c</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Floods</title><id>urn:uuid:1</id><updated>2024-05-07T08:00:00Z</updated>
<content type="html">&lt;p&gt;Rivers rose.&lt;br&gt;Roads closed.&lt;/p&gt;</content>
<summary>Short teaser</summary></entry>
</feed>"""


def read(*sources: str | Path, limits: Limits = SMALL) -> list:
    return list(read_sources([str(s) for s in sources], limits=limits))


def only(results: list) -> Document | InputError:
    assert len(results) == 1, results
    return results[0]


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]]) -> Path:
    """records: (uri, status line, content type, body) response records, plus a request."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )
        for uri, status, content_type, body in records:
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
    return path


# -- the readers ---------------------------------------------------------------------------


def test_html_and_text_files_keep_their_bytes(tmp_path: Path) -> None:
    html = only(read(write(tmp_path / "page.HTM", PAGE)))
    text = only(read(write(tmp_path / "story.txt", b"Menu\nSkip to content\nTalks began.\n")))
    assert html == Document(str(tmp_path / "page.HTM"), PAGE, "html")
    assert isinstance(text, Document) and text.kind == "text"
    assert text.content == b"Menu\nSkip to content\nTalks began.\n"


def test_jsonl_lines_become_documents_and_bad_lines_errors(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": "Troops withdrew.",
                "url": "https://x.example/1",
                "title": "Withdrawal",
                "published": "2019-08-27T10:00:00Z",
            }
        ),
        "{not json",
        "",
        json.dumps({"html": "<p>Shelling resumed.</p>", "published": "not a date"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "title": "no body"}),
        json.dumps({"id": 8, "text": 42}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines).encode())
    results = read(path)
    assert [r.input_id for r in results] == [
        "a1",
        f"{path}:2",
        f"{path}:4",
        f"{path}:5",
        f"{path}:6",
        f"{path}:7",
    ]
    first, bad_json, html, a_list, no_body, not_string = results
    assert first == Document(
        "a1",
        b"Troops withdrew.",
        "article",
        url="https://x.example/1",
        title="Withdrawal",
        published=date(2019, 8, 27),
        encoding="utf-8",
    )
    assert isinstance(html, Document) and html.kind == "html" and html.published is None
    assert isinstance(bad_json, InputError) and "invalid JSON" in bad_json.message
    assert a_list == InputError(f"{path}:5", "expected a JSON object, found an array")
    assert isinstance(no_body, InputError) and "no 'text' or 'html'" in no_body.message
    assert isinstance(not_string, InputError) and "not a string" in not_string.message


def test_jsonl_line_over_the_limit_is_skipped_and_the_next_read(tmp_path: Path) -> None:
    long_line = json.dumps({"text": "x" * 20_000})
    path = write(tmp_path / "a.jsonl", f'{long_line}\n{{"text": "after"}}\n'.encode())
    too_long, after = read(path)
    assert isinstance(too_long, InputError) and too_long.input_id == f"{path}:1"
    assert "over the 10 KB limit" in too_long.message
    assert isinstance(after, Document) and after.content == b"after"


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_yields_html_responses_with_their_charset(tmp_path: Path, name: str) -> None:
    path = write_warc(
        tmp_path / name,
        [
            ("https://news.example/a", "200 OK", "text/html; charset=windows-1252", PAGE),
            ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
            ("https://news.example/gone", "404 Not Found", "text/html", b"<p>gone</p>"),
            ("https://news.example/b", "200 OK", "application/xhtml+xml", b"<html>B</html>"),
        ],
    )
    first, second = read(path)
    assert first == Document(
        "https://news.example/a",
        PAGE,
        "html",
        url="https://news.example/a",
        encoding="windows-1252",
    )
    assert isinstance(second, Document) and second.input_id == "https://news.example/b"


def test_warc_without_html_and_not_a_warc_are_errors(tmp_path: Path) -> None:
    images = write_warc(
        tmp_path / "images.warc",
        [
            ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ],
    )
    fake = write(tmp_path / "fake.warc", b"this is not a WARC file\n")
    no_html, not_warc = read(images, fake)
    assert isinstance(no_html, InputError) and "no HTML responses among 2" in no_html.message
    assert isinstance(not_warc, InputError) and "not a WARC file" in not_warc.message


STORY = b"<html><body><p>" + b"Floods forced thousands from their homes on Monday. " * 30 + b"</p>"


@pytest.mark.parametrize(
    ("name", "cut_from_end", "reported"),
    [
        ("crawl.warc", 10, "https://news.example/b: ingest error: WARC record cut short"),
        ("crawl.warc", 300, "https://news.example/b: ingest error: WARC record cut short"),
        ("crawl.warc", 1700, "crawl.warc#record-3: ingest error: malformed WARC record"),
        ("crawl.warc.gz", 10, "crawl.warc.gz: ingest error: the gzip data ends early"),
        ("crawl.warc.gz", 300, "crawl.warc.gz: ingest error: the gzip data ends early"),
    ],
)
def test_a_warc_cut_short_reads_its_whole_records_and_reports_the_last(
    tmp_path: Path, name: str, cut_from_end: int, reported: str
) -> None:
    whole = write_warc(
        tmp_path / name,
        [
            ("https://news.example/a", "200 OK", "text/html", STORY),
            ("https://news.example/b", "200 OK", "text/html", STORY),
        ],
    ).read_bytes()
    first, *rest = read(write(tmp_path / f"cut-{name}", whole[:-cut_from_end]))
    assert first == Document("https://news.example/a", STORY, "html", url="https://news.example/a")
    assert all(isinstance(r, InputError) or r.content == STORY for r in rest)
    assert reported in str(rest[-1])


def test_a_cut_warc_fails_the_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsevents.cli import main

    whole = write_warc(
        tmp_path / "crawl.warc", [("https://news.example/a", "200 OK", "text/html", STORY)]
    )
    cut = write(tmp_path / "cut.warc", whole.read_bytes()[:-100])
    result = CliRunner().invoke(main, ["extract", "--stages", "", str(cut)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: https://news.example/a: ingest error: WARC record cut short (96 bytes missing)",
        "1 item(s) failed",
    ]


def test_rss_items_come_through_and_broken_ones_are_reported(tmp_path: Path) -> None:
    good, broken, title_only = read(write(tmp_path / "wire.rss", RSS))
    assert good == Document(
        "https://news.example/a",
        b"The truce held.\n\nAid & food arrived.",
        "article",
        url="https://news.example/a",
        title="Ceasefire holds",
        published=date(2019, 8, 27),
        source="Wire Service",
        encoding="utf-8",
    )
    assert isinstance(broken, Document) and b"resumed" in broken.content
    assert title_only == InputError("https://news.example/c", "feed item has no text")


def test_atom_prefers_full_content_and_keeps_line_breaks(tmp_path: Path) -> None:
    entry = only(read(write(tmp_path / "wire.atom", ATOM)))
    assert isinstance(entry, Document)
    assert entry.input_id == "urn:uuid:1" and entry.url is None
    assert entry.content == b"Rivers rose.\nRoads closed."
    assert entry.published == date(2024, 5, 7)


def test_feeds_are_recognised_by_content_and_xml_that_is_not_a_feed_is_reported(
    tmp_path: Path,
) -> None:
    sniffed = read(write(tmp_path / "download", RSS))
    sitemap = write(tmp_path / "sitemap.xml", b'<?xml version="1.0"?><urlset><url/></urlset>')
    xhtml = write(tmp_path / "page.xml", b'<?xml version="1.0"?><html><p>Talks.</p></html>')
    not_feed, page = read(sitemap, xhtml)
    assert [d.input_id for d in sniffed] == [f"https://news.example/{c}" for c in "abc"]
    assert isinstance(not_feed, InputError) and "not an RSS or Atom feed" in not_feed.message
    assert isinstance(page, Document) and page.kind == "html"


def test_gzip_is_read_by_its_magic_bytes_whatever_the_name(tmp_path: Path) -> None:
    named = only(read(write(tmp_path / "page.html.gz", gzip.compress(PAGE))))
    unnamed = only(read(write(tmp_path / "page.html", gzip.compress(PAGE))))
    feed = read(write(tmp_path / "feed.gz", gzip.compress(RSS)))
    assert isinstance(named, Document) and named.content == PAGE and named.kind == "html"
    assert isinstance(unnamed, Document) and unnamed.content == PAGE
    assert len(feed) == 3


def test_folders_are_read_recursively_in_order_skipping_unknown_types(tmp_path: Path) -> None:
    write(tmp_path / "b.html", PAGE)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.txt", b"Talks began.")
    write(tmp_path / "notes.md", b"# not read")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden" / "c.html", PAGE)
    results = read(tmp_path)
    assert [r.input_id for r in results] == [str(tmp_path / "b.html"), str(tmp_path / "sub/a.txt")]
    assert all(isinstance(r, Document) for r in results)


def test_unknown_types_named_directly_are_sniffed_or_reported(tmp_path: Path) -> None:
    page = only(read(write(tmp_path / "page.php", PAGE)))
    photo = only(read(write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0" + bytes(100))))
    assert isinstance(page, Document) and page.kind == "html"
    assert photo == InputError(
        str(tmp_path / "photo.jpg"), "binary content (JPEG image), not a news page"
    )


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(RSS))))
    results = read("-")
    assert [type(r) for r in results] == [Document, Document, InputError]


def test_a_utf16_page_is_read_with_its_encoding(tmp_path: Path) -> None:
    page = only(read(write(tmp_path / "page.html", PAGE.decode().encode("utf-16"))))
    assert isinstance(page, Document) and page.encoding == "utf-16-le" and page.kind == "html"


@pytest.mark.parametrize(
    ("name", "count"), [("feed.xml", 3), ("articles.jsonl", 3), ("crawl.warc.gz", 2)]
)
def test_examples_are_read_whole(name: str, count: int) -> None:
    results = read(EXAMPLES / name, limits=Limits())
    assert len(results) == count
    assert all(isinstance(r, Document) and r.url for r in results), results


# -- bad input -----------------------------------------------------------------------------


def test_each_bad_input_fails_alone_with_a_clear_message(tmp_path: Path) -> None:
    good = write(tmp_path / "good.html", PAGE)
    empty = write(tmp_path / "empty.html", b"")
    blank = write(tmp_path / "blank.txt", b" \n\t\n")
    png = write(tmp_path / "photo.html", b"\x89PNG\r\n\x1a\n" + bytes(64))
    nul = write(tmp_path / "data.txt", b"abc\x00\x01\x02" * 50)
    big = write(tmp_path / "big.html", b"<p>" + b"a" * 50_000)
    results = read(good, empty, blank, png, nul, big, tmp_path / "missing.html", tmp_path / "e")
    messages = {r.input_id: r.message for r in results if isinstance(r, InputError)}
    assert [r.input_id for r in results if isinstance(r, Document)] == [str(good)]
    assert messages == {
        str(empty): "empty file",
        str(blank): "file holds only whitespace",
        str(png): "binary content (PNG image), not a news page",
        str(nul): "binary content (unknown binary format), not a news page",
        str(big): "file is 50 KB, over the 10 KB limit; set NEWSEVENTS_MAX_BYTES to change it",
        str(tmp_path / "missing.html"): "no such file or directory",
        str(tmp_path / "e"): "no such file or directory",
    }


def test_a_50_mb_page_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as out:
        for _ in range(50):
            out.write(b"<p>Talks.</p>" * 76_923 + b"\n")  # 1 MB
    assert only(read(path, limits=Limits())) == InputError(
        str(path), "file is 50 MB, over the 10 MB limit; set NEWSEVENTS_MAX_BYTES to change it"
    )


def test_a_truncated_feed_yields_its_complete_items_and_says_it_was_cut(tmp_path: Path) -> None:
    cut = write(tmp_path / "cut.rss", RSS[: RSS.index(b"Talks <b>")])
    first, *_, last = read(cut)
    assert isinstance(first, Document) and first.title == "Ceasefire holds"
    assert isinstance(last, InputError) and last.input_id == str(cut)
    assert last.message.startswith("the feed is cut short (it lacks its closing tag)")


def test_a_gzip_bomb_is_stopped_without_inflating_it(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<p>" + b" " * 20_000_000, compresslevel=9)  # 20 MB from ~20 KB
    zeros = gzip.compress(bytes(20_000_000), compresslevel=9)
    page, stream, binary = read(
        write(tmp_path / "bomb.html", bomb),
        write(tmp_path / "bomb.jsonl", bomb),
        write(tmp_path / "bomb.gz", zeros),
    )
    assert isinstance(page, InputError) and "decompresses to more than the 10 KB" in page.message
    assert isinstance(stream, InputError) and "expands more than 200 times" in stream.message
    assert binary == InputError(
        str(tmp_path / "bomb.gz"),
        "binary content (unknown binary format, gzip-compressed), not a news page",
    )


def test_corrupt_and_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(PAGE * 20)
    corrupt = write(tmp_path / "corrupt.html", data[:20] + b"\xff" * 40 + data[60:])
    truncated = write(tmp_path / "truncated.html", data[: len(data) // 2])
    bad, cut, reported = read(corrupt, truncated)
    assert isinstance(bad, InputError) and "corrupt gzip data" in bad.message
    assert isinstance(cut, Document) and PAGE.startswith(cut.content[: len(PAGE)])
    assert reported == InputError(
        str(truncated), "the gzip data ends early (a truncated file?); what it held was read"
    )


def test_feed_with_nothing_readable_is_one_error(tmp_path: Path) -> None:
    result = only(read(write(tmp_path / "feed.rss", b"<rss><channel><title>x")))
    assert isinstance(result, InputError) and "not an RSS or Atom feed" in result.message


def test_folder_without_readable_items_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", b"not a news type")
    result = only(read(tmp_path))
    assert isinstance(result, InputError) and result.input_id == str(tmp_path)
    assert "no readable items in this folder" in result.message


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "locked.html", PAGE)

    def refuse(path: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "open", refuse)  # chmod cannot lock out root, who runs CI here
    assert only(read(locked)) == InputError(str(locked), "cannot read (Permission denied)")


# -- limits ------------------------------------------------------------------------------


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_MAX_BYTES", "2000")
    monkeypatch.setenv("NEWSEVENTS_FETCH_DEADLINE", "1.5")
    assert Limits.from_environment() == Limits(max_bytes=2000, fetch_deadline=1.5)
    monkeypatch.setenv("NEWSEVENTS_MAX_REDIRECTS", "many")
    with pytest.raises(ValueError, match="NEWSEVENTS_MAX_REDIRECTS must be a number"):
        Limits.from_environment()


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (999, "999 bytes"),
        (1500, "1.5 KB"),
        (10_000_000, "10 MB"),
        (52_428_800, "52.4 MB"),
        (3_000_000_000_000, "3000 GB"),
    ],
)
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text


# -- sniffing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"),
        (b'\n  {"id": 1, "text": "x"}\n', "jsonl"),
        (b"\xef\xbb\xbf<!doctype html><p>x", "html"),
        (b"<!-- saved --><html lang=en>", "html"),
        (b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', "feed"),
        (b'<?xml version="1.0"?><urlset>', "xml"),
        (b"<div class=story><p>Talks</p></div>", "html"),
        (b"Menu\nWorld\nTalks began in Ankara.", "text"),
        ("<html><p>Gespräche</p>".encode("utf-16"), "html"),
    ],
)
def test_sniff_format(head: bytes, expected: str) -> None:
    assert sniff_format(head, text_encoding(head)) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive or Office document"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WebP image"),
        (b"\x00\x00\x00\x18ftypmp42", "MP4 or QuickTime media"),
        (b"BZh91AY&SY", "bzip2-compressed data"),
        (b"\x1f\x8b\x08\x00", "gzip data inside gzip data"),
        (b"<p>ok</p>\x00\x00", "unknown binary format"),
        ("<p>Gespräche</p>".encode("utf-16-le"), None),
        ("Gespräche in Ankara".encode("latin-1"), None),
        (b"Talks\r\n\tbegan\x0c\x1b[0m", None),
    ],
)
def test_describe_binary(head: bytes, expected: str | None) -> None:
    assert describe_binary(head) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a/Page.HTML", "html"),
        ("crawl.warc.gz", "warc"),
        ("wire.rss", "feed"),
        ("dump.jsonl.gz", "jsonl"),
        ("archive.gz", None),
        ("/news.d/story", None),
        ("README", None),
    ],
)
def test_format_for_suffix(name: str, expected: str | None) -> None:
    assert format_for_suffix(name) == expected


# -- end to end ----------------------------------------------------------------------------


def test_cli_prints_good_items_and_one_line_per_failure(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsevents.cli import main

    story = "<p>Government troops and rebels agreed a ceasefire on Monday after talks.</p>" * 3
    good = write(
        tmp_path / "good.html", f"<html><body><article>{story}</article></body></html>".encode()
    )
    empty = write(tmp_path / "empty.txt", b"")
    bomb = write(tmp_path / "bomb.gz", gzip.compress(bytes(20_000_000), compresslevel=9))
    feed = write(tmp_path / "feed.xml", RSS)
    result = CliRunner().invoke(
        main, ["extract", "--json", "--stages", "", *map(str, [good, empty, bomb, feed])]
    )
    printed = [json.loads(line)["article"]["input_id"] for line in result.stdout.splitlines()]
    errors = result.stderr.splitlines()
    assert result.exit_code == 1
    assert printed == [str(good), "https://news.example/a", "https://news.example/b"]
    assert errors == [
        f"error: {empty}: ingest error: empty file",
        f"error: {bomb}: ingest error: binary content (unknown binary format, gzip-compressed), "
        "not a news page",
        "error: https://news.example/c: ingest error: feed item has no text",
        "3 item(s) failed",
    ]
