#!/usr/bin/env python
"""Measure newsevents on the dev sets and regenerate the README's "Accuracy and speed" section.

    python scripts/accuracy_report.py                  # measure, print the Markdown
    python scripts/accuracy_report.py --write          # ... and rewrite README.md between
                                                       # <!-- accuracy:start/end -->
    python scripts/accuracy_report.py --dev PATH --json-out results.json

Every figure comes from running `newsevents eval ... --json` and `newsevents bench ... --json`,
each in its own process, with the limits below so that the whole report runs in minutes; each
table names the command that reproduces it. A command that fails or runs past --timeout costs
its row only. Dev sets that are not there are reported as skipped.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"

# (dev-relative path, --limit) per task
TEXT_SETS: list[tuple[str, int | None]] = [("trafilatura-eval", 300), ("l3s-gn1-googlenews", 300)]
EVENT_SETS: list[tuple[str, int | None]] = [
    ("plover-gsr-cameo/PLOVER_GSR_CAMEO.json", None),
    ("cameo_class/train.tsv", 400),
    ("hrdsattack", None),
    ("gva/incidents_dev.jsonl.gz", 300),
]
GEO_SETS: list[tuple[str, int | None]] = [
    ("geoparsing/lgl.xml", 150),
    ("geoparsing/GeoVirus.xml", 100),
]
# Sets kept in this repository, scored on a built-in mapping: (name, path, extra arguments).
HELD_OUT_EVENT_SETS: list[tuple[str, Path, list[str]]] = [
    ("acled-heldout", REPO / "data/eval/acled-heldout/snippets.jsonl", ["--mapping", "acled"]),
]
DEDUP_SETS: list[tuple[str, int | None]] = [("gva/incidents_dev.jsonl.gz", None)]
# The dedup weights, the count and day choosers are fitted on GVA's "fit" half, the geo
# resolver on LGL's and GeoVirus's (newsevents train dedup|counts|geo): report the other half.
HELD_OUT_HALF = ["--split", "heldout"]
EXTRA_ARGUMENTS: dict[str, list[str]] = {
    "gva/incidents_dev.jsonl.gz": HELD_OUT_HALF,
    "geoparsing/lgl.xml": HELD_OUT_HALF,
    "geoparsing/GeoVirus.xml": HELD_OUT_HALF,
    # WikiEvents' other half (sha1 of the doc_id even) was read to choose event rules (2f8114b).
    "wikievents/dev.jsonl": ["--half", "report"],
}
MENTION_SETS: list[tuple[str, int | None]] = [("wikievents/dev.jsonl", None)]
SETS = {
    "text": TEXT_SETS,
    "events": EVENT_SETS,
    "mentions": MENTION_SETS,
    "geo": GEO_SETS,
    "dedup": DEDUP_SETS,
}
BENCH_CORPUS = "l3s-gn1-googlenews/input"
BENCH_STAGES = ("nlp", "events", "geo")

# Published figures on the same data (../shared/data/dev/README.md, DESIGN.md).
ANCHORS = {
    "trafilatura-eval": "trafilatura 2.2.0 0.924, justext 0.862, news-please 0.836, "
    "readability-lxml 0.826, goose3 0.810, newspaper4k 0.801 (F1, all 990 pages)",
    "lgl.xml": "Mordecai 3: 82.7% within 161 km, exact GeoNames id 79.4%",
}
EVENT_TYPING_ANCHOR = (
    "For scale, on other data (unseen news snippets, ACLED's 25 sub-event types, weighted F1): "
    "keyword rules 0.48, sentence embeddings vs. label descriptions 0.56, embeddings + logistic "
    "regression on 750 hand-written examples 0.66, best published (RoBERTa fine-tuned on ACLED) "
    "0.84."
)


def run_command(arguments: list[str], timeout: int) -> dict[str, Any]:
    """`newsevents ARGUMENTS --json` in its own process (so that a hang or a crash costs one
    row, and bench's peak memory is the pipeline's own): its summary, or why there is none."""
    print("measuring: newsevents " + " ".join(arguments), file=sys.stderr, flush=True)
    command = [sys.executable, "-m", "newsevents", *arguments, "--json"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"not_run": f"timed out after {timeout} s"}
    if result.returncode != 0:
        last_line = (result.stderr.strip().splitlines() or ["no message"])[-1]
        return {"not_run": f"exit status {result.returncode}: {last_line}"}
    summary: dict[str, Any] = json.loads(result.stdout)
    return summary


def eval_arguments(task: str, path: Path, limit: int | None) -> list[str]:
    """The eval command for one set."""
    arguments = ["eval", task, str(path)]
    if limit:
        arguments += ["--limit", str(limit)]
    return arguments


def measure(dev: Path, bench_limit: int, timeout: int = 900) -> dict[str, Any]:
    """Every summary, keyed by task then dev-relative path; a set that could not be measured
    gives ``not_run`` with the reason."""
    results: dict[str, Any] = {}
    for task, sets in SETS.items():
        results[task] = {}
        for relative, limit in sets:
            path = dev / relative
            summary = (
                run_command(
                    [*eval_arguments(task, path, limit), *EXTRA_ARGUMENTS.get(relative, [])],
                    timeout,
                )
                if path.exists()
                else {"not_run": f"{path} is not here"}
            )
            results[task][relative] = {**summary, "limit": limit}
    for name, path, extra in HELD_OUT_EVENT_SETS:
        summary = run_command([*eval_arguments("events", path, None), *extra], timeout)
        results["events"][name] = {**summary, "limit": None}
    corpus = dev / BENCH_CORPUS
    bench = ["bench", str(corpus), "--stages", ",".join(BENCH_STAGES), "--limit", str(bench_limit)]
    results["bench"] = {
        **(
            run_command([*bench, "--baseline", "trafilatura"], timeout)
            if corpus.exists()
            else {"not_run": f"{corpus} is not here"}
        ),
        "limit": bench_limit,
    }
    return results


def cell(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def limited(name: str, summary: dict[str, Any]) -> str:
    """ "lgl.xml (held-out half, first 150)", or "(300 spread over the file)" for sets sampled
    evenly."""
    limit, split = summary["limit"], summary.get("split", "all")
    how = [] if split == "all" else [f"{split.replace('heldout', 'held-out')} half"]
    if limit:
        first = summary.get("sampled", "first") == "first"
        how.append(f"first {limit}" if first else f"{limit} spread over the file")
    return f"{name} ({', '.join(how)})" if how else name


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def not_run_notes(section: dict[str, Any]) -> list[str]:
    return [f"- {name}: not run ({s['not_run']})" for name, s in section.items() if "not_run" in s]


def text_section(results: dict[str, Any]) -> list[str]:
    rows = []
    for name, s in results.items():
        if "not_run" in s:
            continue
        rows.append(
            [
                limited(name, s),
                s.get("metric", ""),
                cell(s["system"]["f1"]),
                cell(s["baseline"]["f1"]),
                ANCHORS.get(name, "–"),
            ]
        )
    return [
        "### Main text: `newsevents eval text ../shared/data/dev/<set> --limit N`",
        "",
        *md_table(
            ["dev set", "measure", "newsevents F1", "trafilatura defaults F1", "published"], rows
        ),
        *not_run_notes(results),
    ]


def event_section(results: dict[str, Any]) -> list[str]:
    rows = []
    for name, s in results.items():
        if "not_run" in s:
            continue
        scores = s["scores"]
        system = scores.get("system")
        trio = "{accuracy:.3f} / {macro_f1:.3f} / {weighted_f1:.3f}"
        fields = (
            ", ".join(
                f"{k.removesuffix('_acc').replace('_', ' ')} {v:.3f}"
                for k, v in system.items()
                if k.endswith("_acc") and v is not None
            )
            if system
            else ""
        )
        rows.append(
            [
                limited(name.split("/")[0], s),
                str(s["n"]),
                trio.format(**system) if system else "–",
                trio.format(**scores["most_frequent"]),
                trio.format(**scores["keywords"]) if "keywords" in scores else "–",
                fields or "–",
                cell(s["calibration"]["ece"]) if system else "–",
            ]
        )
    lines = [
        "### Event type: "
        "`newsevents eval events ../shared/data/dev/<set> [--limit N] [--split heldout]`",
        "",
        "Accuracy / macro F1 / weighted F1 of the main event's type, mapped to each set's labels;",
        "`acled-heldout` is this repository's `data/eval/acled-heldout` (never trained on, but",
        "written here: not a measure of others' text), scored on the main event's ACLED",
        "sub-event type with `--mapping acled`. GVA is scored on its",
        "held-out half (the count and day choosers are fitted on the other).",
        *calibration_note(),
        "",
        *md_table(
            [
                "dev set",
                "n",
                "newsevents",
                "most frequent class",
                "keywords",
                "other fields (accuracy)",
                "ECE",
            ],
            rows,
        ),
        *not_run_notes(results),
        "",
        EVENT_TYPING_ANCHOR,
    ]
    return lines


def calibration_note() -> list[str]:
    """What the ECE column measures, with the calibration's figure on a whole held-out set."""
    from newsevents.events.model import MODEL_FILE

    metrics = json.loads(MODEL_FILE.read_text(encoding="utf-8")).get("metrics", {})
    held_out = metrics.get("heldout/ceha", {}).get("ece")
    figure = f" (ECE {held_out:.3f} on CEHA, never trained on)" if held_out is not None else ""
    return [
        "ECE is the expected calibration error of the event's confidence against each set's",
        'labels. The confidence is fitted to mean "a real event, of this PLOVER type"'
        f"{figure}; see docs/model-card.md.",
        "plover-gsr is mostly in-sample (85% trained on), so it is right more often than its",
        "confidence says, and coarser or foreign label sets (cameo_class, hrdsattack) ask",
        "another question.",
        "gva: every incident is gun violence, so its type columns say how often the event scored",
        "(the pipeline's main happening, the one its chosen counts and day went to; else the",
        "violent one with most victims) is violent; its fields are the incident's.",
    ]


def geo_section(results: dict[str, Any]) -> list[str]:
    rows = []
    for name, s in results.items():
        if "not_run" in s:
            continue
        modes = s["resolution"]
        recognition = s.get("recognition")
        end_to_end = modes.get("end_to_end")
        placed = modes.get("operating_point")
        gold_spans = modes.get("gold_spans")
        rows.append(
            [
                limited(name.split("/")[-1], s),
                str(s["toponyms"]),
                f"{recognition['strict']['f1']:.3f} / {recognition['overlap']['f1']:.3f}"
                if recognition
                else "not yet",
                f"{cell(placed['acc_161km'])} ({cell(placed['coverage'], 2)} placed)"
                if placed
                else "–",
                f"{cell(end_to_end['acc_161km'])} ({cell(end_to_end['coverage'], 2)} found)"
                if end_to_end
                else "–",
                cell(gold_spans["acc_161km"]) if gold_spans else "–",
                cell(gold_spans["exact_id"]) if gold_spans else "–",
                cell(modes["population_first"]["acc_161km"]),
                ANCHORS.get(name.split("/")[-1], "–"),
            ]
        )
    return [
        "### Places: "
        "`newsevents eval geo ../shared/data/dev/geoparsing/<file> --split heldout --limit N`",
        "",
        *md_table(
            [
                "dev set",
                "toponyms",
                "recognition F1 strict / overlap",
                "within 161 km of those placed (recall)",
                "within 161 km, end to end (unplaced count wrong)",
                "within 161 km, gold spans",
                "exact id, gold spans",
                "population-first, gold spans",
                "published",
            ],
            rows,
        ),
        *not_run_notes(results),
    ]


def mentions_section(results: dict[str, Any]) -> list[str]:
    rows = []
    for name, s in results.items():
        if "not_run" in s:
            continue
        for system, found in s["detection"].items():
            matched = s["matched_by_trigger"][system]
            family = s["violent_family"]["all"] if system == "system" else None
            rows.append(
                [
                    f"{name.split('/')[0]} ({s['half']} half, {s['documents']} documents)",
                    str(s["mentions"]),
                    "newsevents" if system == "system" else system.replace("_", " "),
                    " / ".join(cell(found[k]) for k in ("trigger_p", "trigger_r", "trigger_f1")),
                    cell(found["sentence_f1"]),
                    cell(matched["type_accuracy"]),
                    f"{matched['actor_f1']:.2f} / {matched['recipient_f1']:.2f}",
                    " / ".join(cell(family[k]) for k in ("sentence_p", "sentence_r", "event_p"))
                    if family
                    else "–",
                ]
            )
    return [
        "### Event mentions and arguments: `newsevents eval mentions <file> --half report` (KAIROS"
        " gold; the inspect half was read to choose rules)",
        "",
        *md_table(
            [
                "dev set",
                "gold mentions",
                "system",
                "trigger P / R / F1",
                "sentence F1",
                "type accuracy (matched)",
                "actor / recipient F1 (matched)",
                "violent family: sentence P / R, event P",
            ],
            rows,
        ),
        *not_run_notes(results),
    ]


def dedup_section(results: dict[str, Any]) -> list[str]:
    rows = []
    for name, s in results.items():
        if "not_run" in s:
            continue
        for method, scores in s["scores"].items():
            rows.append(
                [
                    name.split("/")[0],
                    str(s["articles"]),
                    method,
                    cell(scores["precision"]),
                    cell(scores["recall"]),
                    cell(scores["f1"]),
                ]
            )
    return [
        "### Grouping reports of one incident: `newsevents eval dedup <file> --split heldout` "
        "(B-cubed, on the half of the incidents the weights were not fitted on)",
        "",
        *md_table(["dev set", "articles", "method", "precision", "recall", "F1"], rows),
        *not_run_notes(results),
    ]


def bench_section(s: dict[str, Any]) -> list[str]:
    if "not_run" in s:
        return ["### Speed", "", f"Not run ({s['not_run']})."]
    per_stage = ", ".join(f"{k} {cell(v['articles_per_s'], 1)}" for k, v in s["per_stage"].items())
    baseline = s.get("baseline", {})
    stages = ",".join(s["stages"][1:])
    return [
        f"### Speed: `newsevents bench ../shared/data/dev/{BENCH_CORPUS} --stages {stages} "
        f"--limit {s['limit']} --baseline trafilatura`",
        "",
        *md_table(
            [
                "pages",
                "stages",
                "articles/s (per core)",
                "per stage (articles/s)",
                "peak RSS",
                "RSS growth after warm-up",
                "extraction vs trafilatura",
            ],
            [
                [
                    str(s["articles"]),
                    ", ".join(s["stages"]),
                    f"{cell(s['articles_per_s'], 2)} ({cell(s['articles_per_s_per_core'], 2)})",
                    per_stage,
                    f"{s['peak_rss_mb']:.0f} MB",
                    f"{cell(s.get('rss_growth_after_warm_up_mb'), 1)} MB",
                    speed_versus(baseline),
                ]
            ],
        ),
        "",
        f"Machine: {s['machine']}; one process, one core.",
    ]


def speed_versus(baseline: dict[str, Any]) -> str:
    ours = cell(baseline.get("ours_extract_pages_per_s"), 1)
    theirs = cell(baseline.get("baseline_pages_per_s"), 1)
    return f"{cell(baseline.get('speed_ratio'), 2)}× ({ours} vs {theirs} pages/s)"


def markdown(results: dict[str, Any], measured: str) -> str:
    lines = [
        f"Measured {measured} with `python scripts/accuracy_report.py` on the dev sets in "
        "`../shared/data/dev` (not shipped: see their README for sources and terms). Each "
        "table names the command that reproduces it; `--json` prints every metric.",
        "",
        *text_section(results["text"]),
        "",
        *event_section(results["events"]),
        "",
        *mentions_section(results.get("mentions", {})),
        "",
        *geo_section(results["geo"]),
        "",
        *dedup_section(results["dedup"]),
        "",
        *bench_section(results["bench"]),
    ]
    return "\n".join(lines)


def replace_section(readme: str, section: str) -> str:
    if (
        readme.count(START) != 1
        or readme.count(END) != 1
        or readme.index(START) > readme.index(END)
    ):
        raise SystemExit(f"README must hold one {START} ... {END} pair")
    head, rest = readme.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{section}\n{END}{tail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=REPO.parent / "shared" / "data" / "dev")
    parser.add_argument("--readme", type=Path, default=REPO / "README.md")
    parser.add_argument("--write", action="store_true", help="Rewrite the README section.")
    parser.add_argument("--json-out", type=Path, help="Also write every summary as JSON.")
    parser.add_argument("--bench-limit", type=int, default=300)
    parser.add_argument("--timeout", type=int, default=900, help="Seconds allowed per command.")
    parser.add_argument(
        "--from-json", type=Path, help="Render an earlier --json-out instead of measuring."
    )
    args = parser.parse_args()
    if args.from_json:
        results = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        results = measure(args.dev, args.bench_limit, args.timeout)
    measured = datetime.now(UTC).strftime("%Y-%m-%d")
    section = markdown(results, measured)
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.write:
        args.readme.write_text(replace_section(args.readme.read_text(), section))
        print(f"rewrote the accuracy section of {args.readme}", file=sys.stderr)
    else:
        print(section)


if __name__ == "__main__":
    main()
