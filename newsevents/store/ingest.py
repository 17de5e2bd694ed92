"""`newsevents ingest`: documents through the pipeline into the store, a batch per transaction.

Each batch is extracted first; articles the store already holds (same article id) are not
coded again. The rest go through the pipeline's stages and into the store in one transaction.
When a batch cannot be stored, its items are stored one by one, so that an article the
database refuses is logged as failed (stage ``store``) and rolls back nothing else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from newsevents.pipeline import Pipeline
from newsevents.records import Document, InputError, Reading
from newsevents.store.backends import StoreError
from newsevents.store.store import BatchOutcome, Store

INGEST_BATCH = 32  # documents per transaction: a commit's cost spread, little lost to a crash


@dataclass
class IngestSummary:
    read: int = 0
    outcome: BatchOutcome = field(default_factory=BatchOutcome)

    def lines(self) -> list[str]:
        done = self.outcome
        lines = [
            f"ingest: {self.read} read, {done.stored} stored, {done.already_known} already "
            f"known, {len(done.failed)} failed"
            + (f" ({done.retried} earlier failures stored this time)" if done.retried else ""),
            f"  events: {done.events_created} created, {done.mentions_merged} mentions merged "
            "into existing events",
        ]
        reasons: Counter[str] = Counter()
        for reason, n in done.without_events.items():
            reasons[reason_kind(reason)] += n
        if reasons:
            listed = "; ".join(f"{n} {why}" for why, n in reasons.most_common())
            lines.append(f"  stored without events: {reasons.total()} ({listed})")
        lines.extend(f"  failed: {error}" for error in done.failed)
        return lines


def reason_kind(reason: str) -> str:
    """A reason without its per-article detail: "nlp: not English text (looks like 'de')"."""
    return ":".join(reason.split(":")[:2]).strip()


def batches(
    items: Iterable[Document | InputError], size: int
) -> Iterator[list[Document | InputError]]:
    remaining = iter(items)
    while batch := list(islice(remaining, size)):
        yield batch


def ingest(
    store: Store,
    documents: Iterable[Document | InputError],
    pipeline: Pipeline,
    batch_size: int = INGEST_BATCH,
) -> IngestSummary:
    summary = IngestSummary()
    for batch in batches(documents, batch_size):
        summary.read += len(batch)
        extracted = [d if isinstance(d, InputError) else pipeline.extract(d) for d in batch]
        known = store.known_articles([r.article.id for r in extracted if isinstance(r, Reading)])
        stored = [isinstance(r, Reading) and r.article.id in known for r in extracted]
        fresh = pipeline.code([r for r, old in zip(extracted, stored, strict=True) if not old])
        results = [*(r for r, old in zip(extracted, stored, strict=True) if old), *fresh]
        summary.outcome.merge(write(store, results, pipeline.stage_names))
    return summary


def write(store: Store, results: list[Reading | InputError], stages: list[str]) -> BatchOutcome:
    """The batch in one transaction, or, when the database refuses it, item by item."""
    try:
        return store.write(results, stages)
    except StoreError:
        if len(results) == 1:
            raise
    outcome = BatchOutcome()
    refused: list[InputError] = []
    for result in results:
        try:
            outcome.merge(store.write([result], stages))
        except StoreError as error:
            if isinstance(result, InputError):
                raise
            refused.append(InputError(result.article.input_id, str(error), stage="store"))
    if refused and len(refused) == len(results):
        raise StoreError(refused[-1].message)  # the database, not an article, is at fault
    outcome.merge(store.write(refused, stages))
    return outcome
