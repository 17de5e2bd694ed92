"""The URL fetcher, against a tiny server on 127.0.0.1 (no traffic goes anywhere else)."""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsevents import __version__
from newsevents.ingest import Limits, fetch, read_sources
from newsevents.records import Document, InputError

PAGE = (
    b"<!DOCTYPE html><html><head><title>Talks</title></head><body><p>Talks began.</p></body></html>"
)
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>https://news.example/1</link><description>Talks.</description></item>
<item><title>Two</title><link>https://news.example/2</link><description>Aid.</description></item>
</channel></rss>"""
LIMITS = Limits(max_bytes=10_000, connect_timeout=2, read_timeout=2, fetch_deadline=5)

Route = Callable[[BaseHTTPRequestHandler], None]


def respond(status: int, body: bytes = b"", length: bool = True, **headers: str) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        if length:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def redirect(location: str) -> Route:
    return respond(302, Location=location)


def slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(10)


def drip(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(200):
        handler.wfile.write(b"<")
        handler.wfile.flush()
        time.sleep(0.05)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    server: Server

    def do_GET(self) -> None:
        self.server.user_agents.append(self.headers.get("User-Agent", ""))
        route = self.server.routes.get(self.path, respond(404, b"not here"))
        with contextlib.suppress(OSError):  # the client gave up, as it should
            route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.user_agents: list[str] = []

    def url(self, path: str, host: str = "127.0.0.1", scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.server_address[1]}{path}"


def serve(server: Server) -> Iterator[Server]:
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    server = Server()
    server.routes = {
        "/page": respond(200, PAGE, Content_Type="text/html; charset=ISO-8859-1"),
        "/feed": respond(200, RSS, Content_Type="application/rss+xml"),
        "/story": respond(200, b"Menu\nTalks began.", Content_Type="text/plain"),
        "/download": respond(200, RSS, Content_Type="application/octet-stream"),
        "/saved.txt": respond(200, PAGE),
        "/gzip": respond(
            200, gzip.compress(PAGE), Content_Type="text/html", Content_Encoding="gzip"
        ),
        "/photo": respond(200, b"\x89PNG\r\n\x1a\n" + bytes(64), Content_Type="image/png"),
        "/brotli": respond(200, b"xx", Content_Type="text/html", Content_Encoding="br"),
        "/big": respond(200, b"a" * 50_000, Content_Type="text/html"),
        "/big-unannounced": respond(200, b"a" * 50_000, length=False, Content_Type="text/html"),
        "/slow": slow,
        "/drip": drip,
        "/to-file": redirect("file:///etc/passwd"),
        "/to-other-loopback": redirect(server.url("/page", host="127.0.0.2")),
        "/loop": redirect("/loop"),
        **{f"/hops/{n}": redirect(f"/hops/{n - 1}") for n in range(1, 7)},
        "/hops/0": redirect("/page"),
    }
    yield from serve(server)


@pytest.fixture
def certificate(tmp_path: Path) -> Path:
    """A self-signed certificate for localhost, with its key in the same file."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    cert.write_bytes(cert.read_bytes() + key.read_bytes())
    return cert


@pytest.fixture
def tls_server(certificate: Path) -> Iterator[Server]:
    server = Server()
    server.routes = {"/page": respond(200, PAGE, Content_Type="text/html")}
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    yield from serve(server)


def get(url: str, limits: Limits = LIMITS) -> list[Document | InputError]:
    return list(read_sources([url], allow_private=True, limits=limits))


def error_of(url: str, limits: Limits = LIMITS) -> str:
    (result,) = get(url, limits)
    assert isinstance(result, InputError), result
    assert result.input_id == url
    return result.message


def test_pages_feeds_and_text_are_routed_by_content_type(server: Server) -> None:
    (page,) = get(server.url("/page"))
    feed = get(server.url("/feed"))
    (story,) = get(server.url("/story"))
    assert page == Document(
        server.url("/page"), PAGE, "html", url=server.url("/page"), encoding="iso-8859-1"
    )
    assert [d.input_id for d in feed] == ["https://news.example/1", "https://news.example/2"]
    assert isinstance(story, Document) and story.kind == "text"


def test_undeclared_content_is_known_by_its_path_or_its_bytes(server: Server) -> None:
    feed = get(server.url("/download"))
    (saved,) = get(server.url("/saved.txt"))
    assert [d.input_id for d in feed] == ["https://news.example/1", "https://news.example/2"]
    assert isinstance(saved, Document) and saved.kind == "text"


def test_an_honest_user_agent_is_sent(server: Server) -> None:
    get(server.url("/page"))
    assert server.user_agents == [
        f"newsevents/{__version__} (+https://pypi.org/project/newsevents/)"
    ]


def test_gzip_content_encoding_is_decoded(server: Server) -> None:
    (page,) = get(server.url("/gzip"))
    assert isinstance(page, Document) and page.content == PAGE


def test_redirects_are_followed_up_to_five(server: Server) -> None:
    (page,) = get(server.url("/hops/4"))  # 5 redirects: /hops/4 .. /hops/0 -> /page
    assert isinstance(page, Document)
    assert page.input_id == server.url("/hops/4") and page.url == server.url("/page")
    assert error_of(server.url("/hops/5")) == "more than 5 redirects"
    assert error_of(server.url("/loop")) == "more than 5 redirects"


def test_unwanted_responses_are_clear_errors(server: Server) -> None:
    assert error_of(server.url("/missing")) == f"HTTP 404 Not Found from {server.url('/missing')}"
    assert error_of(server.url("/photo")) == "binary content (PNG image), not a news page"
    assert "unsupported Content-Encoding 'br'" in error_of(server.url("/brotli"))
    assert "unsupported URL scheme 'file'" in error_of(server.url("/to-file"))


def test_body_is_capped_whether_announced_or_not(server: Server) -> None:
    assert error_of(server.url("/big")).startswith("response is 50 KB, over the 10 KB limit")
    assert error_of(server.url("/big-unannounced")) == "response is over the 10 KB limit"


def test_a_silent_server_times_out_quickly(server: Server) -> None:
    started = time.monotonic()
    message = error_of(server.url("/slow"), Limits(read_timeout=0.3, fetch_deadline=5))
    assert message == "timed out waiting for the server"
    assert time.monotonic() - started < 5


def test_a_dripping_server_hits_the_overall_deadline(server: Server) -> None:
    started = time.monotonic()
    message = error_of(server.url("/drip"), Limits(read_timeout=2, fetch_deadline=0.5))
    assert message == "took longer than the 0.5 s deadline"
    assert time.monotonic() - started < 5


def test_private_addresses_are_refused_unless_allowed(server: Server) -> None:
    for host in ("127.0.0.1", "localhost"):
        url = server.url("/page", host=host)
        (result,) = read_sources([url], limits=LIMITS)
        assert isinstance(result, InputError), result
        assert result.message.startswith(f"refused: {host} resolves to ")
        assert "a loopback address (use --allow-private-urls to allow it)" in result.message
    assert server.user_agents == []


def test_every_redirect_hop_is_checked(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    checked = fetch.non_public_kind

    def all_but_this_server(address: fetch.IPAddress) -> str | None:
        return None if str(address) == "127.0.0.1" else checked(address)

    monkeypatch.setattr(fetch, "non_public_kind", all_but_this_server)
    (result,) = read_sources([server.url("/to-other-loopback")], limits=LIMITS)
    assert isinstance(result, InputError)
    assert result.message.startswith("refused: 127.0.0.2 resolves to 127.0.0.2, a loopback")


def test_tls_certificates_are_verified(
    tls_server: Server, certificate: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = tls_server.url("/page", host="localhost", scheme="https")
    assert "certificate verify failed" in error_of(url)

    default_context = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda: default_context(cafile=certificate))
    (page,) = get(url)
    assert isinstance(page, Document) and page.content == PAGE


def test_other_schemes_are_refused() -> None:
    (result,) = read_sources(["ftp://news.example/a.html"])
    assert result == InputError(
        "ftp://news.example/a.html", "unsupported URL scheme (http and https only)"
    )


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "non-public"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("64:ff9b::a9fe:a9fe", "link-local"),
        ("2002:7f00:1::", "loopback"),
        ("8.8.8.8", None),
        ("::ffff:8.8.8.8", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_non_public_kind(address: str, kind: str | None) -> None:
    assert fetch.non_public_kind(ipaddress.ip_address(address)) == kind
