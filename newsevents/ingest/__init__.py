"""ingest: turn sources (files, folders, URLs, stdin) into Documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsevents.records import Document, InputError

KINDS = {".html": "html", ".htm": "html", ".txt": "text"}


def read_sources(
    sources: Iterable[str], allow_private: bool = False
) -> Iterator[Document | InputError]:
    """Every document in ``sources``, or an error for each item that cannot be read."""
    for source in sources:
        path = Path(source)
        paths = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for item in paths:
            kind = KINDS.get(item.suffix.lower())
            if kind is None:
                if not path.is_dir():
                    yield InputError(str(item), f"unsupported file type {item.suffix!r}")
                continue
            try:
                yield Document(input_id=str(item), content=item.read_bytes(), kind=kind)  # type: ignore[arg-type]
            except OSError as error:
                yield InputError(str(item), error.strerror or str(error))
