"""The labelled sets the event models learn from and are measured on, read into one shape.

Which sets, in which role, with which weight and terms: ``events/data/training/sources.tsv``.
How each set's labels become ours (event or not, PLOVER type, ACLED sub-event type):
``events/data/training/label_map.tsv``. The loaders here only read each format; every label
decision is a row of those tables.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsevents.eval.events import html_to_text, load_cameo_class, load_plover
from newsevents.eval.gold import LoadLog
from newsevents.eval.text import l3s_segments, read_html_text, text_by_line
from newsevents.events.features import read_table
from newsevents.extract.repeats import sentences_of

TRAINING = Path(__file__).resolve().parents[1] / "events" / "data" / "training"
EXAMPLES = TRAINING.parent / "examples"
IPE_ANY_EVENT = TRAINING / "ipe_any_event.tsv"
GN1_READ = TRAINING / "gn1_read.tsv"
CEHA_ACLED_REPORT = TRAINING / "ceha_acled_report.tsv"
NO_LABEL = "NONE"  # the label key of a text its set marks with nothing
SAME = "="  # in the label map: the source's own label, already in our terms
EVENT_VALUES = {"yes": True, "no": False, "": None}
# In the label map's ACLED column: ACLED coded the text, its sub-event not given (measured for
# coverage only, never learnt from).
ACLED_CODED = "coded"


@dataclass(frozen=True)
class Source:
    name: str
    role: str  # train, supplement or heldout
    covers: frozenset[str]  # types labelled exhaustively ("*": all)
    weight: float
    path: str
    terms: str
    split_with: str  # the set whose document split this one shares ("": its own)

    def covers_all(self, types: set[str]) -> bool:
        return "*" in self.covers or types <= self.covers


@dataclass(frozen=True)
class Mapping:
    event: bool | None
    plover: str | None
    acled: str | None


@dataclass(frozen=True)
class LabelledText:
    """One text with what its set says about it, in our labels (None: the set does not say)."""

    text: str
    source: str
    group: str  # its document: splits never cut one
    event: bool | None
    plover: str | None
    acled: str | None
    weight: float
    # The text of the document it comes from, as the pipeline would read it: the set's whole
    # document where it gives one (``DOCUMENTS``), else the text itself (a snippet).
    document: str


SPLIT_SHARES = (("fit", 70), ("select", 15), ("test", 15))
HELD_APART = frozenset({"test", "heldout"})  # the splits only reported, never learnt from


def split_of(item: LabelledText, source: Source) -> str:
    return split_of_group(item.group, source)


def split_of_group(group: str, source: Source) -> str:
    """A document's split; a set read again from another's documents (``split_with``) shares
    that set's split, so that no document is trained on in one and measured in the other."""
    if source.role != "train":
        return "fit" if source.role == "supplement" else "heldout"
    name = source.split_with or source.name
    bucket = int(hashlib.sha1(f"{name}:{group}".encode()).hexdigest()[:8], 16) % 100
    for name, share in SPLIT_SHARES:
        if bucket < share:
            return name
        bucket -= share
    raise AssertionError("split shares must add up to 100")


def load_sources(path: Path = TRAINING / "sources.tsv") -> dict[str, Source]:
    return {
        row["name"]: Source(
            row["name"],
            row["role"],
            frozenset(row["covers"].split(",")) - {""},
            float(row["weight"]),
            row["path"],
            row["terms"],
            row["split_with"],
        )
        for row in read_table(path)
    }


def optional(value: str, same: str) -> str | None:
    return same if value == SAME else value or None


class LabelMap:
    """``label_map.tsv`` rows of one source: a label, then its shorter prefixes (split at '/'
    or '.': "Conflict.Attack.DetonateExplode", "Conflict.Attack", ...), then '*'."""

    def __init__(self, source: str, path: Path = TRAINING / "label_map.tsv") -> None:
        self.rows = {row["label"]: row for row in read_table(path) if row["source"] == source}
        if not self.rows:
            raise ValueError(f"label_map.tsv has no rows for {source!r}")

    def __call__(self, label: str) -> Mapping:
        for key in (*prefixes(label), "*"):
            row = self.rows.get(key)
            if row is not None:
                return Mapping(
                    event=EVENT_VALUES[row["event"]],
                    # the label's type, without its mode ("ACCUSE/ALLEGE": ACCUSE)
                    plover=optional(row["plover"], label.split("/")[0]),
                    # whole: ACLED's names hold '/' ("Abduction/forced disappearance")
                    acled=optional(row["acled_sub_event"], label),
                )
        return Mapping(None, None, None)

    def combined(self, labels: list[str]) -> Mapping:
        """Several labels of one text: an event if any says so, the first type given (in the
        table's order, most specific first)."""
        if not labels:
            return self(NO_LABEL)
        order = list(self.rows)
        ranked = sorted(labels, key=lambda label: rank(order, label))
        mappings = [self(label) for label in ranked]
        events = [m.event for m in mappings if m.event is not None]
        return Mapping(
            event=any(events) if events else None,
            plover=next((m.plover for m in mappings if m.plover), None),
            acled=next((m.acled for m in mappings if m.acled), None),
        )


def prefixes(label: str) -> Iterator[str]:
    while label:
        yield label
        label = re.sub(r"[./][^./]*$", "", label) if re.search(r"[./]", label) else ""


def rank(order: list[str], label: str) -> int:
    return next((order.index(key) for key in prefixes(label) if key in order), len(order))


Raw = tuple[str, str, list[str]]  # text, document, labels
Reader = Callable[[Path], Iterator[Raw]]


def read_plover_gsr(path: Path) -> Iterator[Raw]:
    for item in load_plover(path, LoadLog()):
        yield item.text.strip("{} "), item.id, list(item.labels)


def read_cameo_class(path: Path) -> Iterator[Raw]:
    for item in load_cameo_class(path, LoadLog()):
        yield item.text, item.id, list(item.labels)


def read_ipe(path: Path) -> Iterator[Raw]:
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        yield row["sent_text"].strip(), f"ipe-{row['doc_id']}", row["sent_labels"]


def read_ipe_any_event(path: Path) -> Iterator[Raw]:
    """IndiaPoliceEvents sentences we read again for "tells any event" (``ipe_any_event.tsv``:
    our labels, by sentence id)."""
    labels = {(row["doc_id"], row["sent_id"]): row["event"] for row in read_table(IPE_ANY_EVENT)}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        label = labels.get((str(row["doc_id"]), str(row["sent_id"])))
        if label is not None:
            yield row["sent_text"].strip(), f"ipe-{row['doc_id']}", [label]


def gn1_sentences(page: Path) -> list[str]:
    """The sentences of an L3S-GN1 gold page's main text (its full-text blocks, ``x-nc-sel2``)
    in page order: a sentence's id is its index here."""
    segments = l3s_segments(read_html_text(page))
    blocks = text_by_line(s for s in segments if s.label == "full text").values()
    return [sentence for block in blocks for sentence in sentences_of(block)]


def sentence_key(text: str) -> str:
    """A short hash of a sentence, stored beside our labels to check that its id still
    points at the sentence that was read (the text itself is not shipped)."""
    return digest(text)[:8]


def read_gn1(folder: Path) -> Iterator[Raw]:
    """L3S-GN1 sentences we read for "tells a specific event" (``gn1_read.tsv``: our labels,
    in our terms, by page and sentence id): the PLOVER type (NONE: no event told) and the ACLED
    sub-event."""
    rows: dict[str, list[dict[str, str]]] = {}
    for row in read_table(GN1_READ):
        rows.setdefault(row["doc_id"], []).append(row)
    for page, labelled in sorted(rows.items()):
        sentences = gn1_sentences(folder / f"{page}.txt.gz")
        for row in labelled:
            text = sentences[int(row["sent_id"])]
            if sentence_key(text) != row["key"]:
                raise ValueError(f"gn1_read.tsv: {page} sentence {row['sent_id']} has moved")
            yield text, f"gn1-{page}", [row["plover"] or NO_LABEL, row["acled"]]


def read_glocon(path: Path) -> Iterator[Raw]:
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        yield row["sentence"].strip(), row["url"], [str(row["label"])]


def lede(text: str) -> str:
    """A story's first sentence (the synthetic stories state their event there)."""
    return re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text.strip(), maxsplit=1)[0]


def read_ngec(path: Path) -> Iterator[Raw]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for number, row in enumerate(csv.DictReader(stream)):
            label = f"{row['label']}/{row['mode']}" if row["mode"] else row["label"]
            yield lede(row["text"]), f"ngec-{number}", [label]


def read_project(folder: Path) -> Iterator[Raw]:
    """Our examples carry our labels: "TYPE/ACLED sub-event", or NONE."""
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                row = json.loads(line)
                label = row.get("type") or NO_LABEL
                yield row["text"], f"{path.stem}-{number}", [label, row.get("acled_sub_event_type")]


def digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


# SATP's four label columns, named from reading their items (ConfliBERT's files do not name
# them): gun attacks and encounters, blasts, abductions, the rest (targeted killings, arson).
SATP_LABELS = ("armed-assault", "bombing", "kidnapping", "other")


def read_satp(path: Path) -> Iterator[Raw]:
    """SATP incident summaries (``text<TAB>four 0/1 labels``): the summary's first sentence,
    which states the incident."""
    with path.open(encoding="utf-8", newline="") as stream:
        for text, *flags in csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            labels = [name for name, flag in zip(SATP_LABELS, flags, strict=True) if flag == "1"]
            yield lede(text), f"satp-{digest(text)}", labels


def read_hrdsattack(path: Path) -> Iterator[Raw]:
    """HRDsAttack articles: the headline and first sentence (where news states its event; the
    rest of the article is background and reaction), with the article's violation types."""
    for record in json.loads(path.read_text(encoding="utf-8")):
        sample, merged = record["sample"], record["merged_sample"]
        body = html_to_text(str(sample.get("Input.article_interface") or ""))
        text = f"{sample.get('Input.title') or ''}\n\n{lede(body)}".strip()
        # By the text, not the event id: the set holds one article under several ids.
        yield text, f"hrds-{digest(text)}", list(merged.get("violation_types") or [])


def read_wikievents(path: Path) -> Iterator[Raw]:
    """One text per sentence, labelled with the KAIROS types of the mentions in it."""
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        types: dict[int, list[str]] = {}
        for mention in doc["event_mentions"]:
            types.setdefault(mention["trigger"]["sent_idx"], []).append(mention["event_type"])
        for index, (_, sentence) in enumerate(doc["sentences"]):
            yield sentence, doc["doc_id"], types.get(index, [])


def read_ceha(path: Path) -> Iterator[Raw]:
    """Whole event descriptions: relevant, or the reason they are not."""
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            relevant = row["Is the event relevant?"].strip() == "Yes"
            reason = next(v for k, v in row.items() if k.startswith("Why")).strip()
            labels = ["relevant" if relevant else reason, row["ACLED/GDELT"]]
            yield row["Event Description"], row["Index"], labels


def read_ceha_acled(path: Path) -> Iterator[Raw]:
    """CEHA's test-split ACLED notes we read for their ACLED sub-event
    (``ceha_acled_report.tsv``: our labels, by ACLED's event id): the sub-event, then any other
    a careful coder could give."""
    return ceha_notes_read(path, CEHA_ACLED_REPORT)


def ceha_notes_read(path: Path, table: Path) -> Iterator[Raw]:
    """The CEHA notes a table of ours labels (``index``, ``split``, ``sub_event``, ``also``),
    checked to be ACLED notes of the split the table says."""
    labels = {row["index"]: row for row in read_table(table)}
    with path.open(encoding="utf-8", newline="") as stream:
        for note in csv.DictReader(stream):
            row = labels.pop(note["Index"], None)
            if row is None:
                continue
            if (note["ACLED/GDELT"], note["train_dev_test_split"]) != ("ACLED", row["split"]):
                raise ValueError(f"{table.name}: {row['index']} is no {row['split']} ACLED note")
            also = [label for label in row["also"].split(",") if label]
            yield note["Event Description"], note["Index"], [row["sub_event"], *also]
    if labels:
        raise ValueError(f"{table.name}: not in CEHA: {', '.join(sorted(labels))}")


def joined(raws: Iterator[Raw]) -> dict[str, str]:
    """The documents of a set whose reader yields every sentence of them, in order."""
    sentences: dict[str, list[str]] = {}
    for text, group, _ in raws:
        sentences.setdefault(group, []).append(text.strip())
    return {group: "\n".join(texts) for group, texts in sentences.items()}


def ipe_documents(path: Path) -> dict[str, str]:
    return joined(read_ipe(path))


def glocon_documents(path: Path) -> dict[str, str]:
    return joined(read_glocon(path))


def wikievents_documents(path: Path) -> dict[str, str]:
    return joined(read_wikievents(path))


def gn1_documents(folder: Path) -> dict[str, str]:
    """The main text of each L3S-GN1 page we read sentences of."""
    pages = {row["doc_id"] for row in read_table(GN1_READ)}
    return {
        f"gn1-{page}": "\n".join(gn1_sentences(folder / f"{page}.txt.gz")) for page in sorted(pages)
    }


# The sets whose texts are sentences of documents they give whole, by the readers' groups.
DOCUMENTS: dict[str, Callable[[Path], dict[str, str]]] = {
    "india-police-events": ipe_documents,
    "ipe-any-event": ipe_documents,
    "glocon": glocon_documents,
    "gn1-read": gn1_documents,
    "wikievents": wikievents_documents,
}

READERS: dict[str, Reader] = {
    "plover-gsr": read_plover_gsr,
    "cameo_class": read_cameo_class,
    "india-police-events": read_ipe,
    "ipe-any-event": read_ipe_any_event,
    "gn1-read": read_gn1,
    "glocon": read_glocon,
    "ngec-synthetic": read_ngec,
    "project": read_project,
    "satp": read_satp,
    "hrdsattack": read_hrdsattack,
    "hrdsattack-dev": read_hrdsattack,
    "wikievents": read_wikievents,
    "ceha": read_ceha,
    "ceha-acled": read_ceha_acled,
}


# The sets whose labels are ours already (no label map): our examples, our reading of L3S-GN1.
OWN_LABELS = frozenset({"project", "gn1-read"})


def ours(plover: str, acled: str | None, real: bool) -> Mapping:
    """Our own labels; an event without an ACLED sub-event is one ACLED would not code (the
    examples' README). A real set's non-event says nothing of ACLED, as in the label map (the
    ACLED typer answers which sub-event an event is, not whether one is told)."""
    is_event = plover != NO_LABEL
    return Mapping(
        is_event,
        plover if is_event else None,
        (acled or NO_LABEL) if is_event or not real else None,
    )


def source_path(source: Source, shared: Path) -> Path:
    if source.name == "project":
        return EXAMPLES
    return shared / "data" / "dev" / source.path


def load_source(source: Source, shared: Path) -> list[LabelledText]:
    labels = None if source.name in OWN_LABELS else LabelMap(source.name)
    real = source.role != "supplement"  # others' text, read by us or by its own annotators
    path = source_path(source, shared)
    documents = DOCUMENTS[source.name](path) if source.name in DOCUMENTS else {}
    texts = []
    for text, group, raw in READERS[source.name](path):
        mapped = labels.combined(raw) if labels else ours(raw[0], raw[1], real)
        if text.strip():
            texts.append(
                LabelledText(
                    text,
                    source.name,
                    group,
                    mapped.event,
                    mapped.plover,
                    mapped.acled,
                    source.weight,
                    documents.get(group, text),
                )
            )
    return texts
