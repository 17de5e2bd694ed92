"""Our reading of L3S-GN1 sentences for "tells a specific event" (gn1_read.tsv) and the seeded
draw that chose them (tools/gn1_read.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsevents.events.ontology import ACLED_SUB_EVENTS, PLOVER_TYPES
from newsevents.tools.event_corpora import (
    ACLED_CODED,
    GN1_READ,
    NO_LABEL,
    load_source,
    load_sources,
    ours,
    read_table,
    split_of,
)
from newsevents.tools.gn1_read import QUOTAS, Candidate, draw, strata

SHARED = Path(__file__).resolve().parents[2] / "shared"
GN1 = SHARED / "data" / "dev" / "l3s-gn1-googlenews" / "GoldStandard"
# The kinds of "no" that gn1_read.tsv's rule names.
NO_EVENT_KINDS = {
    "sports", "sense", "uncoded", "statement", "quote", "generic", "habitual", "state",
    "analysis", "opinion", "plan", "forecast", "hypothetical", "negated", "legal", "reference",
    "fragment",
}  # fmt: skip


def test_our_labels_are_ids_with_a_type_for_each_yes_and_a_kind_for_each_no() -> None:
    rows = read_table(GN1_READ)
    keys = [(row["doc_id"], row["sent_id"]) for row in rows]
    assert len(rows) >= 500 and len(set(keys)) == len(keys)
    for row in rows:
        told = row["event"] == "yes"
        assert row["event"] in ("yes", "no"), row
        assert (row["plover"] in PLOVER_TYPES) == told and (row["why"] in NO_EVENT_KINDS) != told
        acled = row["acled"]
        assert acled in (NO_LABEL, ACLED_CODED, *ACLED_SUB_EVENTS) if told else acled == "", row
        if acled in ACLED_SUB_EVENTS:
            assert ACLED_SUB_EVENTS[acled].plover_type == row["plover"], row
        assert row["stratum"] in {quota.name for quota in QUOTAS}
    assert Counter(row["event"] for row in rows)["no"] > len(rows) / 2


def test_a_real_sets_non_event_says_nothing_of_acled_but_our_examples_say_none() -> None:
    assert ours(NO_LABEL, None, real=True).acled is None
    assert ours(NO_LABEL, None, real=False).acled == NO_LABEL
    assert ours("COERCE", None, real=True).acled == NO_LABEL  # an event ACLED would not code
    assert ours("COERCE", "Arrests", real=True).acled == "Arrests"


def test_strata_put_a_sentence_in_one_family_and_the_cued_ones_beside() -> None:
    assert strata({"ASSAULT", "AGREE"}, "They agreed.") == {"violent"}
    assert strata({"AGREE"}, "The rebels signed a peace deal.") == {"strategic", "acled-strategic"}
    assert strata({"CONSULT"}, "Police arrested two men after the talks.") == {
        "other",
        "acled-strategic",
    }


def candidate(page: str, number: int, *names: str) -> Candidate:
    return Candidate(page, number, f"{page} {number}", frozenset(names))


def test_the_draw_is_seeded_caps_pages_and_a_later_quota_leaves_the_earlier_draw() -> None:
    pool = [candidate(f"p{n % 40}", n, "violent") for n in range(400)]
    pool += [candidate(f"p{n % 40}", n, "other", "acled-strategic") for n in range(400, 700)]
    drawn = draw(pool)
    assert drawn == draw(pool) and drawn != draw(pool, seed=12)
    for round_ in {quota.round for quota in QUOTAS}:
        names = {quota.name for quota in QUOTAS if quota.round == round_}
        pages = Counter(c.page for name, c in drawn if name in names)
        assert max(pages.values()) <= 4
    assert len({(c.page, c.sent_id) for _, c in drawn}) == len(drawn)
    for later in range(1, len(QUOTAS)):
        names = {quota.name for quota in QUOTAS[:later]}
        assert draw(pool, QUOTAS[:later]) == [(n, c) for n, c in drawn if n in names]


@pytest.mark.skipif(not GN1.exists(), reason="no dev data")
def test_every_label_points_at_the_sentence_read_and_splits_follow_pages() -> None:
    source = load_sources()["gn1-read"]
    items = load_source(source, SHARED)  # raises when a sentence's key does not match
    assert len(items) == len(read_table(GN1_READ))
    splits: dict[str, set[str]] = {}
    for item in items:
        splits.setdefault(item.group, set()).add(split_of(item, source))
    assert all(len(names) == 1 for names in splits.values())
    expected = {"fit", "select", "test"} if source.role == "train" else {"heldout"}
    assert {name for names in splits.values() for name in names} == expected
