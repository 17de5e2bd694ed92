"""ingest: turn sources (files, folders, feeds, WARCs, JSON Lines, URLs, stdin) into Documents.

Each input is opened, gunzipped when its first bytes say so, checked (empty? binary? too
big?), recognised by its declared media type, its name or its content, and handed to the
reader of its format (:mod:`newsevents.ingest.formats`). Every failure becomes an
:class:`~newsevents.records.InputError` naming the item, and the batch goes on.
"""

from newsevents.ingest.limits import Limits
from newsevents.ingest.sources import read_sources

__all__ = ["Limits", "read_sources"]
