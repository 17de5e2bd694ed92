"""`newsevents eval acled`: ACLED sub-event typing on others' labelled text, held apart.

A stand-in for the maintainers' CASE 2021 snippets, which we do not have: the sets of
``events/data/training/sources.tsv`` whose labels ``label_map.tsv`` reads as an ACLED sub-event
(HRDsAttack's detentions as Arrests, SATP's blasts as Remote explosive/landmine/IED, ...) or as
"ACLED would code this" (``coded``: SATP's armed assaults, CEHA's ACLED notes, GLOCON's
contentious events). One set is our reading: ``ceha-acled``, CEHA's 126 test-split ACLED notes
with the sub-event we gave each (``ceha_acled_report.tsv``; a note we read as no single event,
NONE, counts for coverage only, as ``coded`` does), the closest to CASE 2021's ACLED-style
snippets. Only their held-apart part is read: a train set's test split, a held-out set whole,
less any text that a learnt part also holds; none of it was learnt from, and none chose anything
but CEHA's 124 train and dev ACLED notes (``ceha_acled_choose.tsv``), on which typing rules were
chosen (the sides, named sub-events and interventions of ``events.classify``, the sides told by
the verb in ``events.actors``): the ``ceha`` set's coverage, read over all 250 notes, is partly
in-sample for them; ``ceha-acled`` is not.

Each text goes through the pipeline (nlp, events); its main event's ACLED sub-event (NONE when
it has none, or no event is found) is scored:

- sub-event: accuracy, macro and weighted F1 over the texts whose labels settle a sub-event (a
  text with several labels is right with any of theirs);
- event type: the same, of ACLED's six event types;
- coverage: of every text ACLED would code, the share given some sub-event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.eval.events import primary_event
from newsevents.eval.gold import GoldError
from newsevents.eval.metrics import classification, ratio
from newsevents.eval.system import Progress, Reader, article_document, no_progress, pipeline_reader
from newsevents.events.ontology import ACLED_SUB_EVENTS
from newsevents.records import InputError
from newsevents.tools.event_corpora import (
    ACLED_CODED,
    HELD_APART,
    OWN_LABELS,
    READERS,
    LabelMap,
    Source,
    load_source,
    load_sources,
    source_path,
    split_of,
    split_of_group,
)

NONE = "NONE"  # no sub-event given
STAGES = ("nlp", "events")


@dataclass(frozen=True)
class AcledGold:
    """One held-apart text: the sub-events its labels settle (empty: ACLED would code it, which
    one is not said), the first of them in the label map's order being the main one."""

    source: str
    text: str
    sub_events: tuple[str, ...]


def acled_sources(only: Sequence[str] | None = None) -> list[Source]:
    """The sets with ACLED labels in ``label_map.tsv`` (never a supplement: never measured)."""
    sources = [
        s for s in load_sources().values() if s.role != "supplement" and s.name not in OWN_LABELS
    ]
    chosen = [s for s in sources if only is None or s.name in only]
    if only is not None and len(chosen) < len(set(only)):
        names = ", ".join(s.name for s in sources)
        raise GoldError(Path("sources.tsv"), "sources", f"unknown set (known: {names})")
    return [
        s for s in chosen if any(row["acled_sub_event"] for row in LabelMap(s.name).rows.values())
    ]


def learnt_texts(shared: Path) -> frozenset[str]:
    """Every text the models learn from or choose with (fit and select splits, supplements)."""
    return frozenset(
        item.text
        for source in load_sources().values()
        for item in load_source(source, shared)
        if split_of(item, source) not in HELD_APART
    )


def load_acled_gold(
    source: Source, shared: Path, limit: int | None = None, learnt: frozenset[str] = frozenset()
) -> list[AcledGold]:
    """The set's held-apart texts that ACLED would code, but for those ``learnt`` (a text some
    set also holds in a learnt part: HRDsAttack's dev set repeats an article of its train set)."""
    labels = LabelMap(source.name)
    items = []
    for text, group, raw in READERS[source.name](source_path(source, shared)):
        if split_of_group(group, source) not in HELD_APART or not text.strip() or text in learnt:
            continue
        main = labels.combined(raw).acled
        if main != ACLED_CODED and main not in ACLED_SUB_EVENTS:
            continue
        others = (labels(label).acled for label in raw)
        settled = [main] + [a for a in others if a in ACLED_SUB_EVENTS and a != main]
        items.append(AcledGold(source.name, text, tuple(a for a in settled if a != ACLED_CODED)))
        if limit and len(items) >= limit:
            break
    return items


def predicted_sub_event(read: Reader, number: int, text: str) -> str:
    reading = read(article_document(f"acled-{number}", text))
    event = None if isinstance(reading, InputError) else primary_event(reading.events)
    return (event.acled_sub_event_type if event else None) or NONE


def event_type(sub_event: str) -> str:
    return ACLED_SUB_EVENTS[sub_event].event_type if sub_event in ACLED_SUB_EVENTS else NONE


def scores(rows: Sequence[tuple[AcledGold, str]]) -> dict[str, Any]:
    """Sub-event and event-type F1 over the settled texts, coverage over all."""
    settled = [(g, p) for g, p in rows if g.sub_events]
    result: dict[str, Any] = {
        "n": len(rows),
        "coverage": round(ratio(sum(p != NONE for _, p in rows), len(rows)), 4),
        "settled": len(settled),
    }
    if settled:
        kinds = [
            (AcledGold(g.source, g.text, tuple(map(event_type, g.sub_events))), event_type(p))
            for g, p in settled
        ]
        for name, table in (("sub_event", table_of(settled)), ("event_type", table_of(kinds))):
            result.update(
                {f"{name}_{k}": table[k] for k in ("accuracy", "macro_f1", "weighted_f1")}
            )
    return result


def table_of(rows: Sequence[tuple[AcledGold, str]]) -> dict[str, Any]:
    """``metrics.classification`` of the predictions against the labels they are scored by."""
    return classification([accepted(g, p) for g, p in rows], [p for _, p in rows])


def accepted(gold: AcledGold, predicted: str) -> str:
    """The gold label a prediction is scored against: itself where the text's labels allow it,
    else the main one."""
    return predicted if predicted in gold.sub_events else gold.sub_events[0]


def evaluate_acled(
    shared: Path,
    only: Sequence[str] | None = None,
    limit: int | None = None,
    read: Reader | None = None,
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """Per set and pooled; ``limit`` counts each set's texts."""
    if not (shared / "data" / "dev").is_dir():
        raise GoldError(shared, "shared", "no data/dev folder here")
    reader = read or pipeline_reader(STAGES)
    learnt = learnt_texts(shared)
    gold = [item for s in acled_sources(only) for item in load_acled_gold(s, shared, limit, learnt)]
    if not gold:
        raise GoldError(shared, "items", "no held-apart ACLED-labelled texts")
    predicted = [
        predicted_sub_event(reader, number, item.text)
        for number, item in enumerate(progress(gold, "acled"))
    ]
    rows = list(zip(gold, predicted, strict=True))
    sets = dict.fromkeys(item.source for item in gold)
    return {
        "task": "acled",
        "held_apart": "train sets' test split, held-out sets whole (sources.tsv)",
        "sets": {name: scores([r for r in rows if r[0].source == name]) for name in sets},
        "pooled": scores(rows),
        "per_class_pooled": dict(table_of([(g, p) for g, p in rows if g.sub_events])["per_class"]),
    }
