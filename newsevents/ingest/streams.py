"""Byte streams for ingestion: look at the head without losing it, and gunzip within limits."""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from newsevents.ingest.limits import Limits, format_size

GZIP_MAGIC = b"\x1f\x8b"
HEAD_SIZE = 64 * 1024
CHUNK_SIZE = 64 * 1024
RATIO_CHECKED_AFTER = 1_000_000  # bytes of output: below this, any expansion is harmless


class IngestError(Exception):
    """An input (or one item in it) that cannot be read; the message says why, in one line."""


def read_head(stream: BinaryIO, size: int = HEAD_SIZE) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of ``stream`` (fewer at its end), and the whole stream again."""
    parts: list[bytes] = []
    wanted = size
    while wanted > 0:
        part = stream.read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    head = b"".join(parts)
    return head, buffered(PrefixedStream(head, stream))


def buffered(raw: io.RawIOBase) -> BinaryIO:
    """``raw`` with a ``read(n)`` that fills ``n`` bytes, and ``readline``.

    The wrappers here never close the stream they read from: whoever opened it closes it.
    """
    return io.BufferedReader(raw, CHUNK_SIZE)


class PrefixedStream(io.RawIOBase):
    """``prefix`` followed by what is left in ``rest``."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = memoryview(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class CountingStream(io.RawIOBase):
    """``stream``, counting the bytes read from it in ``count``."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)

    def read_to_end(self) -> int:
        """Read what is left; the count of all the bytes read, now the stream's length."""
        while self.read(CHUNK_SIZE):
            pass
        return self.count


class GunzipStream(io.RawIOBase):
    """The decompressed content of a gzip stream (all members, as in a ``.warc.gz``).

    Stops with an :class:`IngestError` when the output, past its first megabyte, is more than
    ``limits.max_gzip_ratio`` times the compressed input it came from: a gzip bomb is never
    inflated, in memory or otherwise. A truncated stream ends where its data ends, and says so
    in ``truncated``.
    """

    def __init__(self, compressed: BinaryIO, limits: Limits) -> None:
        self._compressed = compressed
        self._limits = limits
        self._decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._bytes_in = 0
        self._bytes_out = 0
        self._finished = False
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._finished:
            data = self._inflate(len(buffer))
            if data:
                buffer[: len(data)] = data
                return len(data)
        return 0

    def _read_compressed(self) -> bytes:
        data = self._compressed.read(CHUNK_SIZE)
        self._bytes_in += len(data)
        return data

    def _inflate(self, size: int) -> bytes:
        decompressor = self._decompressor
        if decompressor.eof:
            leftover = decompressor.unused_data or self._read_compressed()
            if not leftover.startswith(GZIP_MAGIC[:1]):  # end of data, or trailing padding
                self._finished = True
                return b""
            decompressor = self._decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
            data = leftover
        else:
            data = decompressor.unconsumed_tail or self._read_compressed()
            if not data:  # the input ends inside a gzip member
                self._finished = self.truncated = True
                return b""
        try:
            output = decompressor.decompress(data, min(size, CHUNK_SIZE))
        except zlib.error as error:
            raise IngestError(f"corrupt gzip data ({error})") from None
        self._bytes_out += len(output)
        consumed = (
            self._bytes_in - len(decompressor.unconsumed_tail) - len(decompressor.unused_data)
        )
        if (
            self._bytes_out > RATIO_CHECKED_AFTER
            and self._bytes_out > self._limits.max_gzip_ratio * consumed
        ):
            raise IngestError(
                f"gzip data expands more than {self._limits.max_gzip_ratio} times "
                f"(stopped at {format_size(self._bytes_out)}): a gzip bomb?"
            )
        return output
