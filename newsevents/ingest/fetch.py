"""A careful URL fetcher: public addresses only, bounded in size, time and redirects.

Every host is resolved here and every address it resolves to is checked before connecting (on
each redirect hop too); the connection then goes to the checked address, so a name that
re-resolves elsewhere between the check and the connection (DNS rebinding) gains nothing.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

from newsevents import __version__
from newsevents.ingest.limits import Limits, format_size
from newsevents.ingest.sniff import split_content_type
from newsevents.ingest.streams import IngestError

USER_AGENT = f"newsevents/{__version__} (+https://pypi.org/project/newsevents/)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
PRIVATE_HINT = "use --allow-private-urls to allow it"
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass
class Response:
    """A successful response; ``body`` streams the content within the limits of the fetch."""

    url: str  # after redirects
    media_type: str | None
    charset: str | None
    body: BinaryIO


def fetch(url: str, limits: Limits, allow_private: bool = False) -> Response:
    """GET ``url``, following up to ``limits.max_redirects`` redirects, each hop checked."""
    watchdog = Watchdog(limits.fetch_deadline)
    try:
        for _ in range(limits.max_redirects + 1):
            connection, response = request(url, limits, allow_private, watchdog)
            location = response.getheader("Location")
            if response.status in REDIRECT_STATUSES and location:
                connection.close()
                url = urljoin(url, location)
                continue
            return accept(url, connection, response, limits, watchdog)
    except (OSError, http.client.HTTPException) as error:
        watchdog.cancel()
        raise IngestError(watchdog.explain(error)) from None
    except BaseException:
        watchdog.cancel()
        raise
    watchdog.cancel()
    raise IngestError(f"more than {limits.max_redirects} redirects")


def request(
    url: str, limits: Limits, allow_private: bool, watchdog: Watchdog
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise IngestError(f"unsupported URL scheme {parts.scheme!r} in {url} (http and https only)")
    if not parts.hostname:
        raise IngestError(f"no host name in {url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = resolve(parts.hostname, port, allow_private)
    connection = connect(parts.hostname, port, addresses, parts.scheme == "https", limits, watchdog)
    path = parts.path or "/"
    try:
        connection.request(
            "GET",
            f"{path}?{parts.query}" if parts.query else path,
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip"},
        )
        return connection, connection.getresponse()
    except BaseException:
        connection.close()
        raise


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """Every address ``host`` resolves to; refused if any of them is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise IngestError(f"cannot resolve {host} ({error.strerror})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for address in addresses:
            if kind := non_public_kind(ipaddress.ip_address(address.partition("%")[0])):
                raise IngestError(
                    f"refused: {host} resolves to {address}, a {kind} address ({PRIVATE_HINT})"
                )
    return addresses


def non_public_kind(address: IPAddress) -> str | None:
    """What kind of non-public address this is, or None for a public one. IPv6 forms that carry
    an IPv4 address (mapped, NAT64, 6to4, Teredo) are judged by that address too."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return non_public_kind(address.ipv4_mapped)
        if address in NAT64:
            return non_public_kind(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        for inner in (address.sixtofour, *(address.teredo or ())):
            if inner is not None and (kind := non_public_kind(inner)):
                return kind
    checks = (
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global),
    )
    return next((kind for kind, matches in checks if matches), None)


class PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection for ``host`` made to an address checked beforehand."""

    def __init__(
        self, host: str, port: int, address: str, tls: ssl.SSLContext | None, timeout: float
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self.default_port = 443 if tls else 80  # so the Host header names a port only if unusual
        self.address = address
        self.tls = tls

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host) if self.tls else sock


def connect(
    host: str, port: int, addresses: list[str], tls: bool, limits: Limits, watchdog: Watchdog
) -> PinnedConnection:
    context = ssl.create_default_context() if tls else None
    failure: OSError | None = None
    for address in addresses:
        timeout = watchdog.within(limits.connect_timeout)
        connection = PinnedConnection(host, port, address, context, timeout)
        try:
            connection.connect()
        except OSError as error:
            failure = error
            continue
        connection.sock.settimeout(watchdog.within(limits.read_timeout))
        watchdog.guard(connection.sock)
        return connection
    raise failure or OSError(f"no address for {host}")


def accept(
    url: str,
    connection: http.client.HTTPConnection,
    response: http.client.HTTPResponse,
    limits: Limits,
    watchdog: Watchdog,
) -> Response:
    """The response, if it is a success with content we can read; else a clear error."""
    if problem := refusal(response, limits):
        connection.close()
        watchdog.cancel()
        raise IngestError(f"{problem} from {url}")
    media_type, charset = split_content_type(response.getheader("Content-Type"))
    body = ResponseBody(connection, response, limits.max_bytes, watchdog)
    return Response(url, media_type or None, charset, io.BufferedReader(body))


def refusal(response: http.client.HTTPResponse, limits: Limits) -> str | None:
    """Why a final response cannot be read, or None when it can."""
    if not 200 <= response.status < 300:
        return f"HTTP {response.status} {response.reason}".strip()
    encoding = response.getheader("Content-Encoding", "identity").lower()
    if encoding not in ("identity", "gzip", "x-gzip"):  # gzip is undone like any gzip input
        return f"unsupported Content-Encoding {encoding!r}"
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > limits.max_bytes:
        limit = format_size(limits.max_bytes)
        return f"response is {format_size(int(length))}, over the {limit} limit"
    return None


class ResponseBody(io.RawIOBase):
    """A response's content, refused past ``max_bytes`` and past the fetch's deadline."""

    def __init__(
        self,
        connection: http.client.HTTPConnection,
        response: http.client.HTTPResponse,
        max_bytes: int,
        watchdog: Watchdog,
    ) -> None:
        self._connection = connection
        self._response = response
        self._max_bytes = max_bytes
        self._watchdog = watchdog
        self._received = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            size = self._response.readinto(buffer)
        except (OSError, http.client.HTTPException) as error:
            raise IngestError(self._watchdog.explain(error)) from None
        if self._watchdog.expired:
            raise IngestError(self._watchdog.explain(None))
        self._received += size
        if self._received > self._max_bytes:
            raise IngestError(f"response is over the {format_size(self._max_bytes)} limit")
        return size

    def close(self) -> None:
        self._watchdog.cancel()
        self._response.close()
        self._connection.close()
        super().close()


class Watchdog:
    """The overall deadline of one fetch: past it, the open socket is shut down, which ends
    any read in progress however slowly the server drips its bytes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._ends = time.monotonic() + seconds
        self._timer: threading.Timer | None = None

    def within(self, timeout: float) -> float:
        """``timeout``, or less when the deadline is nearer."""
        left = self._ends - time.monotonic()
        if left <= 0:
            self.expired = True
            raise TimeoutError("deadline passed")
        return min(timeout, left)

    def guard(self, sock: socket.socket) -> None:
        self.cancel()
        self._timer = threading.Timer(self.within(self.seconds), self._expire, args=(sock,))
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def explain(self, error: BaseException | None) -> str:
        if self.expired:
            return f"took longer than the {self.seconds:g} s deadline"
        if isinstance(error, TimeoutError | socket.timeout):
            return "timed out waiting for the server"
        if isinstance(error, ssl.SSLError | ssl.CertificateError):
            return f"TLS failure ({error})"
        if isinstance(error, OSError):
            return f"connection failed ({error.strerror or error})"
        return f"bad HTTP response ({type(error).__name__}: {error})"

    def _expire(self, sock: socket.socket) -> None:
        self.expired = True
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)
