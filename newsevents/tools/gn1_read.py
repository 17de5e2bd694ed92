"""The draw of L3S-GN1 Google News sentences read by hand for "tells a specific event".

    python -m newsevents.tools.gn1_read --shared ../shared > sheet.tsv

The training sets hold few long-form news sentences that name an event word without telling
an event (model card, "Why realis features did not help"). L3S-GN1's gold main texts (621
English news articles of 2008 from 408 sites, research use) are such text. This prints a
seeded random draw of their sentences that name a trigger word (``events/triggers.py``), as a
sheet to label by hand: page id, sentence id (``event_corpora.gn1_sentences``), split, stratum,
the sentence's key, text. Strata, drawn in this order: the violent, coercive and protest
families (and crime and disaster: ``VIOLENT_FAMILY``) over-sampled; the PLOVER types of ACLED's
strategic developments; any other trigger word; then, of the sentences not yet drawn, those
that an ACLED cue of a strategic development or a territory change matches
(``events/data/acled_cues.tsv``: agreement, arrests, change to group, looting, weapons seized,
territory), where ACLED's coding fails most (issue #11); then a second round of the violent
families. The split is the page's (``split_of_group``), fixed before any sentence is read; the
draw comes before any model reads the sentences and is not chosen by any model's errors. The
labels are stored in ``events/data/training/gn1_read.tsv`` (no text), with the rule they follow.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsevents.events.features import ACLED_CUES, lemma, triggers_by_salience
from newsevents.events.ontology import ACLED_SUB_EVENTS, STRATEGIC, VIOLENT_FAMILY
from newsevents.events.triggers import TRIGGERS
from newsevents.tools.event_corpora import (
    gn1_sentences,
    load_sources,
    sentence_key,
    source_path,
    split_of_group,
)
from newsevents.tools.train_events import parse

SOURCE = "gn1-read"
SEED = 11
# PLOVER types of ACLED's strategic developments (ontology.ACLED_SUB_EVENTS) outside the
# violent families: agreement, change to group/activity and bases, transfer of territory.
STRATEGIC_TYPES = frozenset({"AGREE", "MOBILIZE", "RETREAT", "CONCEDE"})
TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
STRATEGIC_CUES = [
    (name, pattern)
    for name, pattern in ACLED_CUES
    if ACLED_SUB_EVENTS[name].event_type == STRATEGIC or name in TERRITORY
]
PER_PAGE = 4  # sentences of one page in a round at most, so that a few long stories do not fill it


@dataclass(frozen=True)
class Quota:
    name: str  # the label of the sheet's stratum column
    stratum: str  # which candidates it draws from (``strata``)
    size: int
    round: int  # the per-page cap counts within a round


# Each later quota was added after the earlier ones had been read; drawn after them, it leaves
# their draw as it was. The second round draws more of the violent families, four more a page.
QUOTAS = (
    Quota("violent", "violent", 300, 1),
    Quota("strategic", "strategic", 80, 1),
    Quota("other", "other", 140, 1),
    Quota("acled-strategic", "acled-strategic", 100, 1),
    Quota("violent-2", "violent", 300, 2),
)
MIN_WORDS, MAX_WORDS = 6, 70  # shorter: bylines and fragments; longer: lists run together


@dataclass(frozen=True)
class Candidate:
    page: str
    sent_id: int
    text: str
    strata: frozenset[str]


def strata(types: set[str], text: str) -> frozenset[str]:
    """The strata a sentence with trigger words of these types belongs to: one family, and
    "acled-strategic" besides where a strategic ACLED cue matches it."""
    family = "violent" if types & VIOLENT_FAMILY else "other"
    if family == "other" and types & STRATEGIC_TYPES:
        family = "strategic"
    cued = any(pattern.search(text) for _, pattern in STRATEGIC_CUES)
    return frozenset({family, "acled-strategic"} if cued else {family})


def candidates(folder: Path, cache: Path | None) -> list[Candidate]:
    """Every sentence of a sensible length that names a trigger word, with its stratum."""
    sentences = [
        (path.name.removesuffix(".txt.gz"), number, text)
        for path in sorted(folder.glob("*.txt.gz"))
        for number, text in enumerate(gn1_sentences(path))
        if MIN_WORDS <= len(text.split()) <= MAX_WORDS
    ]
    docs = parse([text for _, _, text in sentences], cache)
    found = []
    for (page, number, text), doc in zip(sentences, docs, strict=True):
        types = {t for token in triggers_by_salience(doc[:]) for t in TRIGGERS[lemma(token)]}
        if types:
            found.append(Candidate(page, number, text, strata(types, text)))
    return found


def draw(
    pool: list[Candidate], quotas: Sequence[Quota] = QUOTAS, seed: int = SEED
) -> list[tuple[str, Candidate]]:
    """Each quota drawn at random from its stratum's sentences not drawn yet, at most
    ``PER_PAGE`` sentences a page in a round; with the quota that drew each."""
    rng = random.Random(seed)
    per_page: Counter[tuple[int, str]] = Counter()
    drawn: dict[tuple[str, int], tuple[str, Candidate]] = {}
    for quota in quotas:
        shuffled = [
            c for c in pool if quota.stratum in c.strata and (c.page, c.sent_id) not in drawn
        ]
        rng.shuffle(shuffled)
        taken = 0
        for candidate in shuffled:
            if taken == quota.size:
                break
            if per_page[quota.round, candidate.page] < PER_PAGE:
                per_page[quota.round, candidate.page] += 1
                drawn[candidate.page, candidate.sent_id] = (quota.name, candidate)
                taken += 1
    return [drawn[key] for key in sorted(drawn)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsevents.tools.gn1_read")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache", type=Path, default=Path(".cache"))
    args = parser.parse_args(argv)
    source = load_sources()[SOURCE]
    pool = candidates(source_path(source, args.shared), args.cache)
    drawn = draw(pool)
    for name, c in drawn:
        split = split_of_group(f"gn1-{c.page}", source)
        print(f"{c.page}\t{c.sent_id}\t{split}\t{name}\t{sentence_key(c.text)}\t{c.text}")
    sizes = Counter(name for c in pool for name in c.strata)
    print(f"# pool {dict(sizes)}, drawn {len(drawn)}, seed {SEED}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
