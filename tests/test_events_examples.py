"""Checks on the hand-written event examples in newsevents/events/data/examples/.

Fast and offline: every line is parsed and validated against the label sets, and the minimum
counts per label promised in the folder's README are enforced.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from newsevents.events.ontology import ACLED_SUB_EVENTS, PLOVER_TYPES

EXAMPLES = Path(__file__).resolve().parents[1] / "newsevents" / "events" / "data" / "examples"

EXTRA = {"DISPLACEMENT", "DISASTER", "CRIME"}
TYPES = set(PLOVER_TYPES)
STATUSES = {"reported", "background", "hypothetical"}
SUB_TO_TYPE = {name: sub.event_type for name, sub in ACLED_SUB_EVENTS.items()}
assert len(SUB_TO_TYPE) == 25

# The PLOVER type each ACLED sub-event type is written with (README, "Label conventions").
# Other and the crime examples (CRIME type with an ACLED label) are the exceptions.
SUB_PLOVER = {
    "Armed clash": {"ASSAULT", "CRIME"},
    "Government regains territory": {"ASSAULT"},
    "Non-state actor overtakes territory": {"ASSAULT"},
    "Chemical weapon": {"ASSAULT"},
    "Air/drone strike": {"ASSAULT"},
    "Suicide bomb": {"ASSAULT"},
    "Shelling/artillery/missile attack": {"ASSAULT"},
    "Remote explosive/landmine/IED": {"ASSAULT"},
    "Grenade": {"ASSAULT"},
    "Sexual violence": {"ASSAULT"},
    "Attack": {"ASSAULT", "CRIME"},
    "Abduction/forced disappearance": {"ASSAULT", "CRIME"},
    "Peaceful protest": {"PROTEST"},
    "Protest with intervention": {"PROTEST"},
    "Excessive force against protesters": {"ASSAULT"},
    "Violent demonstration": {"PROTEST"},
    "Mob violence": {"ASSAULT"},
    "Agreement": {"AGREE"},
    "Arrests": {"COERCE"},
    "Change to group/activity": {"MOBILIZE"},
    "Disrupted weapons use": {"COERCE"},
    "Headquarters or base established": {"MOBILIZE"},
    "Looting/property destruction": {"COERCE"},
    "Non-violent transfer of territory": {"RETREAT"},
    "Other": TYPES,
}

KEYS = {"text", "type", "mode", "acled_event_type", "acled_sub_event_type", "cameo_root", "status"}

MIN_PER_ACLED_SUB = 40
MIN_PER_PLOVER_NON_ACLED = 25
NON_ACLED_PLOVER = [
    "CONSULT",
    "AGREE",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "SANCTION",
    "MOBILIZE",
]
MIN_CRISIS = 25
MIN_NON_EVENTS = 150
MIN_NOT_REPORTED = 150


def _load() -> list[tuple[str, int, dict]]:
    rows = []
    for path in sorted(EXAMPLES.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                assert line.endswith("\n"), f"{path.name}:{n}: line without newline"
                assert line.strip(), f"{path.name}:{n}: blank line"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:  # pragma: no cover - reported as failure
                    pytest.fail(f"{path.name}:{n}: invalid JSON: {exc}")
                rows.append((path.name, n, obj))
    return rows


ROWS = _load()


def _cameo_ok(code: object) -> bool:
    return isinstance(code, str) and bool(re.fullmatch(r"\d\d", code)) and 1 <= int(code) <= 20


def test_files_exist():
    names = {p.name for p in EXAMPLES.glob("*.jsonl")}
    assert {"negatives.jsonl", "status.jsonl", "plover.jsonl", "crisis.jsonl"} <= names
    assert (EXAMPLES / "README.md").is_file()
    assert len(ROWS) > 1500


def test_each_line_is_valid():
    errors = []
    for name, n, r in ROWS:
        where = f"{name}:{n}"
        if not isinstance(r, dict) or set(r) != KEYS:
            errors.append(f"{where}: keys {sorted(r) if isinstance(r, dict) else type(r)}")
            continue
        text, typ, mode = r["text"], r["type"], r["mode"]
        sub, etype, cameo, status = (
            r["acled_sub_event_type"],
            r["acled_event_type"],
            r["cameo_root"],
            r["status"],
        )
        if not isinstance(text, str) or not text.strip() or text != text.strip():
            errors.append(f"{where}: empty or untrimmed text")
        elif not (1 if typ is None else 5) <= len(text.split()) <= 80:
            errors.append(f"{where}: text length {len(text.split())} words")
        if "\n" in str(text) or "\ufffd" in str(text):
            errors.append(f"{where}: newline or replacement character in text")
        if typ is not None and typ not in TYPES:
            errors.append(f"{where}: unknown type {typ!r}")
        if status not in STATUSES:
            errors.append(f"{where}: unknown status {status!r}")
        if mode is not None and (
            not isinstance(mode, str) or not re.fullmatch(r"[a-z][a-z -]*", mode)
        ):
            errors.append(f"{where}: bad mode {mode!r}")
        if typ == "DISASTER" and mode not in {"natural", "man-made"}:
            errors.append(f"{where}: DISASTER needs mode natural or man-made, got {mode!r}")
        if cameo is not None and not _cameo_ok(cameo):
            errors.append(f"{where}: bad cameo_root {cameo!r}")
        if typ is None:
            if any(v is not None for v in (mode, sub, etype, cameo)):
                errors.append(f"{where}: non-event with labels")
        elif cameo is None and typ not in EXTRA:
            errors.append(f"{where}: PLOVER type {typ} without cameo_root")
        if (sub is None) != (etype is None):
            errors.append(f"{where}: ACLED type and sub-type must be both set or both null")
        if sub is not None:
            if sub not in SUB_TO_TYPE:
                errors.append(f"{where}: unknown ACLED sub-event type {sub!r}")
            elif SUB_TO_TYPE[sub] != etype:
                errors.append(f"{where}: {sub!r} belongs to {SUB_TO_TYPE[sub]!r}, not {etype!r}")
            elif typ not in SUB_PLOVER[sub]:
                errors.append(f"{where}: {sub!r} written with type {typ!r}")
    assert not errors, "\n".join(errors[:50])


def test_no_duplicate_texts():
    seen: dict[str, str] = {}
    dups = []
    for name, n, r in ROWS:
        key = " ".join(r["text"].lower().split())
        if key in seen:
            dups.append(f"{name}:{n} repeats {seen[key]}")
        seen[key] = f"{name}:{n}"
    assert not dups, "\n".join(dups)


def test_conventions_are_consistent():
    """Within one ACLED sub-event type the CAMEO root and PLOVER type follow the README's table."""
    cameo_by_sub: dict[str, set[str]] = {}
    for _, _, r in ROWS:
        if (
            r["acled_sub_event_type"]
            and r["acled_sub_event_type"] != "Other"
            and r["type"] != "CRIME"
        ):
            cameo_by_sub.setdefault(r["acled_sub_event_type"], set()).add(r["cameo_root"])
    allowed_many = {"Attack": {"18", "20"}}
    for sub, roots in cameo_by_sub.items():
        assert roots <= allowed_many.get(sub, roots if len(roots) == 1 else set()), (sub, roots)
    for _, _, r in ROWS:
        if r["acled_sub_event_type"] == "Air/drone strike":
            assert r["mode"] in {"aerial", "drone"}
        if r["acled_event_type"] == "Battles" and r["type"] == "ASSAULT":
            assert r["cameo_root"] == "19"


def test_minimum_counts():
    reported_subs = Counter(
        r["acled_sub_event_type"] for _, _, r in ROWS if r["status"] == "reported"
    )
    short = {s: reported_subs[s] for s in SUB_TO_TYPE if reported_subs[s] < MIN_PER_ACLED_SUB}
    assert not short, f"ACLED sub-event types under {MIN_PER_ACLED_SUB}: {short}"

    plover = Counter(
        r["type"] for _, _, r in ROWS if r["acled_sub_event_type"] is None and r["type"]
    )
    short = {t: plover[t] for t in NON_ACLED_PLOVER if plover[t] < MIN_PER_PLOVER_NON_ACLED}
    assert not short, (
        f"PLOVER types (outside ACLED coding) under {MIN_PER_PLOVER_NON_ACLED}: {short}"
    )

    crisis = Counter(
        (r["type"], r["mode"] if r["type"] == "DISASTER" else None)
        for _, _, r in ROWS
        if r["status"] == "reported"
    )
    for key in [
        ("DISPLACEMENT", None),
        ("DISASTER", "natural"),
        ("DISASTER", "man-made"),
        ("CRIME", None),
    ]:
        assert crisis[key] >= MIN_CRISIS, (key, crisis[key])

    assert sum(1 for _, _, r in ROWS if r["type"] is None) >= MIN_NON_EVENTS
    assert sum(1 for _, _, r in ROWS if r["status"] != "reported") >= MIN_NOT_REPORTED
    assert sum(1 for _, _, r in ROWS if r["status"] == "hypothetical") >= 75
    assert sum(1 for _, _, r in ROWS if r["status"] == "background") >= 50


def test_readme_counts_are_current():
    """The README's counts must be updated with the data (its total is checked here)."""
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    m = re.search(r"Total examples: (\d+)", readme)
    assert m, "README lacks the 'Total examples: N' line"
    assert int(m.group(1)) == len(ROWS)
