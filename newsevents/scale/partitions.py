"""Splitting a batch's inputs into partitions, the unit of work of ``newsevents batch``.

A partition is either whole inputs (a WARC file, a URL, a group of single-page files) or a
shard of one JSON Lines file: a byte range that starts and ends on a line boundary, so that a
worker reads its lines with one seek. Partitions are planned on the client from file names and
line breaks only; no document is parsed until a worker reads it. A partition's id depends only
on what it reads, so a rerun plans the same ids and can skip the finished ones.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass

from newsevents.ingest.formats import Payload
from newsevents.ingest.limits import Limits
from newsevents.ingest.sniff import format_for_suffix
from newsevents.ingest.sources import URL_SCHEME, guarded, read_payload, read_sources
from newsevents.ingest.streams import GZIP_MAGIC
from newsevents.records import Document, InputError

DEFAULT_PARTITION_SIZE = 200  # articles (JSON Lines lines, or single-page files) per partition


@dataclass(frozen=True)
class Partition:
    """Whole ``inputs``, or with ``byte_range`` the lines of one JSON Lines file in
    ``[start, stop)``, the first of which is line ``first_line``."""

    inputs: tuple[str, ...]
    byte_range: tuple[int, int] | None = None
    first_line: int = 1

    @property
    def id(self) -> str:
        key = "\0".join([*self.inputs, repr(self.byte_range)])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    def describe(self) -> str:
        first = self.inputs[0]
        if self.byte_range is not None:
            return f"{first} from line {self.first_line}"
        more = len(self.inputs) - 1
        return f"{first} and {more} more" if more else first

    def documents(
        self, allow_private: bool = False, limits: Limits | None = None
    ) -> Iterator[Document | InputError]:
        limits = limits or Limits.from_environment()
        if self.byte_range is None:
            yield from read_sources(self.inputs, allow_private=allow_private, limits=limits)
            return
        path = self.inputs[0]
        yield from guarded(path, self.read_shard(path, limits))

    def read_shard(self, path: str, limits: Limits) -> Iterator[Document | InputError]:
        assert self.byte_range is not None
        start, stop = self.byte_range
        with open(path, "rb") as stream:
            stream.seek(start)
            chunk = stream.read(stop - start)
        payload = Payload(
            input_id=path,
            stream=io.BytesIO(chunk),
            noun="file",
            name_format="jsonl",
            size=len(chunk),
            first_line=self.first_line,
        )
        yield from read_payload(payload, limits)


def plan_partitions(sources: list[str], size: int = DEFAULT_PARTITION_SIZE) -> list[Partition]:
    """The partitions of ``sources`` (files, folders, URLs), in input order.

    Plain JSON Lines files are cut into shards of ``size`` lines; WARC files, compressed files
    and URLs are a partition each; other files (HTML, text, feeds) are grouped ``size`` at a
    time. A folder counts as the files in it. Anything unreadable still gets a partition, so
    that its error is reported by the worker that reads it like any other.
    """
    if size < 1:
        raise ValueError("a partition holds at least one article")
    if "-" in sources:
        raise ValueError("standard input cannot be split into partitions; save it to a file")
    partitions: list[Partition] = []
    pages: list[str] = []

    def flush_pages() -> None:
        partitions.extend(Partition(tuple(pages[i : i + size])) for i in range(0, len(pages), size))
        pages.clear()

    for source in sources:
        for item in expand(source):
            kind = item_kind(item)
            if kind == "page":
                pages.append(item)
                continue
            flush_pages()
            if kind == "jsonl":
                partitions.extend(jsonl_shards(item, size))
            else:
                partitions.append(Partition((item,)))
    flush_pages()
    return partitions


def expand(source: str) -> list[str]:
    """A folder's readable files (sorted, hidden ones left out, as ``read_sources`` reads
    them); any other source as it is."""
    if URL_SCHEME.match(source) or not os.path.isdir(source):
        return [source]
    files: list[str] = []
    for root, folders, names in os.walk(source):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        files.extend(
            os.path.join(root, name)
            for name in sorted(names)
            if not name.startswith(".") and format_for_suffix(name)
        )
    return files or [source]  # an empty folder: its reader reports it


def item_kind(item: str) -> str:
    """``page`` (one document, grouped with others), ``jsonl`` (sharded) or ``whole``."""
    if URL_SCHEME.match(item) or not os.path.isfile(item):
        return "whole"
    try:
        with open(item, "rb") as stream:
            compressed = stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    except OSError:
        return "whole"
    name_format = format_for_suffix(item)
    if compressed or name_format == "warc":
        return "whole"
    return "jsonl" if name_format == "jsonl" else "page"


def jsonl_shards(path: str, size: int) -> Iterator[Partition]:
    """Shards of ``size`` non-blank lines (the lines the JSON Lines reader turns into items)."""
    start = 0
    first_line = line_number = 1
    items = 0
    offset = 0
    with open(path, "rb") as stream:
        for line in stream:
            offset += len(line)
            line_number += 1
            items += bool(line.strip())
            if items == size:
                yield Partition((path,), (start, offset), first_line)
                start, first_line, items = offset, line_number, 0
    if items or start == 0:  # an empty file is still read, so that its error is reported
        yield Partition((path,), (start, offset), first_line)
