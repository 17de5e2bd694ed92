"""From what a user names (files, folders, URLs, ``-``) to Documents, one input at a time."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from newsevents.budget import Budget, OverBudget, within
from newsevents.ingest.fetch import fetch
from newsevents.ingest.formats import READERS, Payload
from newsevents.ingest.limits import Limits
from newsevents.ingest.sniff import (
    SUFFIX_FORMATS,
    choose_format,
    describe_binary,
    format_for_media_type,
    format_for_suffix,
    text_encoding,
)
from newsevents.ingest.streams import (
    GZIP_MAGIC,
    HEAD_SIZE,
    GunzipStream,
    IngestError,
    buffered,
    read_head,
)
from newsevents.records import Document, InputError

URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def read_sources(
    sources: Iterable[str],
    allow_private: bool = False,
    limits: Limits | None = None,
    budget: Budget | None = None,
) -> Iterator[Document | InputError]:
    """Every document in ``sources``, or an error for each item that cannot be read.

    A source is a file, a folder (read recursively), an ``http(s)://`` URL or ``-`` for standard
    input. ``allow_private`` lets URLs reach loopback, private and link-local addresses.
    ``limits`` defaults to :meth:`Limits.from_environment`; ``budget`` (the time and memory one
    item may take to be read) to :meth:`Budget.from_environment`.
    """
    limits = limits or Limits.from_environment()
    budget = budget or Budget.from_environment()
    for source in sources:
        yield from read_source(source, allow_private, limits, budget)


def read_source(
    source: str, allow_private: bool, limits: Limits, budget: Budget
) -> Iterator[Document | InputError]:
    if source == "-":
        stdin = Payload("stdin", sys.stdin.buffer, "input")
        yield from guarded("stdin", read_payload(stdin, limits), budget)
    elif source.lower().startswith(("http://", "https://")):
        yield from guarded(source, read_url(source, allow_private, limits), budget)
    elif URL_SCHEME.match(source):
        yield InputError(source, "unsupported URL scheme (http and https only)")
    elif os.path.isdir(source):
        yield from read_folder(Path(source), limits, budget)
    else:
        yield from guarded(source, read_file(Path(source), limits), budget)


def read_url(url: str, allow_private: bool, limits: Limits) -> Iterator[Document | InputError]:
    response = fetch(url, limits, allow_private)
    with response.body:
        payload = Payload(
            input_id=url,
            stream=response.body,
            noun="response",
            url=response.url,
            encoding=response.charset,
            media_type=response.media_type,
            name_format=format_for_suffix(urlsplit(response.url).path),
        )
        yield from read_payload(payload, limits)


def read_folder(folder: Path, limits: Limits, budget: Budget) -> Iterator[Document | InputError]:
    """Every file of a known type under ``folder``, in sorted order; others are skipped."""
    unreadable: list[InputError] = []

    def report(error: OSError) -> None:
        unreadable.append(InputError(str(error.filename), f"cannot read ({error.strerror})"))

    paths: list[Path] = []
    for root, folders, files in os.walk(folder, onerror=report):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        paths.extend(
            Path(root, name)
            for name in sorted(files)
            if not name.startswith(".") and format_for_suffix(name)
        )
    yield from unreadable
    if not paths and not unreadable:
        known = ", ".join(SUFFIX_FORMATS)
        yield InputError(str(folder), f"no readable items in this folder (looked for {known})")
    for path in paths:
        yield from guarded(str(path), read_file(path, limits), budget)


def read_file(path: Path, limits: Limits) -> Iterator[Document | InputError]:
    if not path.exists():
        raise IngestError("no such file or directory")
    if not path.is_file():
        raise IngestError("not a regular file")
    with path.open("rb") as stream:
        payload = Payload(
            input_id=str(path),
            stream=stream,
            noun="file",
            name_format=format_for_suffix(path.name),
            size=path.stat().st_size,
        )
        yield from read_payload(payload, limits)


def read_payload(payload: Payload, limits: Limits) -> Iterator[Document | InputError]:
    """Gunzip if need be, refuse what is empty or binary, and hand over to the right reader."""
    head, stream = read_head(payload.stream)
    gunzip = GunzipStream(stream, limits) if head.startswith(GZIP_MAGIC) else None
    compressed = gunzip is not None
    if gunzip is not None:
        head, stream = read_head(buffered(gunzip))
    if not head:
        raise IngestError(f"empty {payload.noun}")
    if len(head) < HEAD_SIZE and not head.strip():
        raise IngestError(f"{payload.noun} holds only whitespace")
    if binary := describe_binary(head):
        packed = ", gzip-compressed" if compressed else ""
        raise IngestError(f"binary content ({binary}{packed}), not a news page")
    encoding = payload.encoding or text_encoding(head)
    media_format = format_for_media_type(payload.media_type)
    reader = READERS[choose_format(head, encoding, payload.name_format, media_format)]
    yield from reader(
        dataclasses.replace(
            payload,
            stream=stream,
            encoding=encoding,
            size=None if compressed else payload.size,
            compressed=compressed,
            head=head,
        ),
        limits,
    )
    if gunzip is not None and gunzip.truncated:
        raise IngestError("the gzip data ends early (a truncated file?); what it held was read")


def guarded(
    input_id: str, items: Iterator[Document | InputError], budget: Budget | None = None
) -> Iterator[Document | InputError]:
    """``items``, each read within ``budget`` (default :meth:`Budget.from_environment`); then one
    InputError naming ``input_id`` if reading them failed, or took too long (what is left of the
    input is given up)."""
    budget = budget or Budget.from_environment()
    try:
        while True:
            with within(budget):
                item = next(items, None)
            if item is None:
                return
            yield item
    except OverBudget as error:
        yield InputError(input_id, str(error))
    except IngestError as error:
        yield InputError(input_id, str(error))
    except OSError as error:
        yield InputError(input_id, f"cannot read ({error.strerror or error})")
    except Exception as error:  # a library failing on hostile input must not end the batch
        yield InputError(input_id, f"unexpected {type(error).__name__}: {error}")
