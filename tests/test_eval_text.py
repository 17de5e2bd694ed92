"""Main-text evaluation: both gold formats, the scores, and malformed gold."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from newsevents.eval.gold import GoldError
from newsevents.eval.text import (
    evaluate_text,
    l3s_segments,
    overlap_scores,
    score_snippets,
    shingles,
    tokens,
)

ARTICLE = (
    "<p>Heavy rain forced more than ten thousand people from their homes in the north of the "
    "region on Tuesday, officials said, as rivers burst their banks in dozens of towns.</p>"
    "<p>At least nine people have died, according to the civil protection agency, which said "
    "rescue workers had evacuated residents from the worst-hit areas by boat overnight.</p>"
    "<p>The government has declared a state of emergency and promised immediate aid to the "
    "families who lost their homes, the interior minister told reporters in the capital.</p>"
)
PAGE = (
    '<html><head><meta charset="utf-8">'
    "<title>Floods force thousands from homes | Example News</title></head><body>"
    '<nav><a href="/">Home</a> <a href="/world">World news</a></nav>'
    f"<article><h1>Floods force thousands from homes</h1>{ARTICLE}</article>"
    "<footer>Impressum und Datenschutz</footer></body></html>"
)


def write_gz(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8")))


def snippet_gold(tmp_path: Path, items: dict[str, object]) -> Path:
    (tmp_path / "evaldata.json").write_text(json.dumps(items), encoding="utf-8")
    write_gz(tmp_path / "html" / "floods.html.gz", PAGE)
    return tmp_path


def test_score_snippets_follows_trafilatura() -> None:
    counts = score_snippets("a b  c\nd e", wanted=["b c d", "x"], unwanted=["e", "zz"])
    assert (counts.tp, counts.fn, counts.fp) == (1, 1, 1)


def test_token_and_shingle_overlap() -> None:
    predicted, expected = tokens("The cat sat on the mat."), tokens("the cat sat")
    assert overlap_scores(Counter(predicted), Counter(expected)) == pytest.approx(
        (3 / 6, 1.0, 2 * 0.5 / 1.5)
    )
    assert overlap_scores(Counter(), Counter(expected)) == (0.0, 0.0, 0.0)
    assert sum(shingles(predicted).values()) == 3
    assert shingles(["a", "b"]) == Counter()


def test_snippet_format(tmp_path: Path) -> None:
    gold = snippet_gold(
        tmp_path,
        {
            "https://example.org/floods": {
                "file": "floods.html",
                "with": ["At least nine people have died", "promised immediate aid"],
                "without": ["Impressum", "World news"],
                "title": "Floods force thousands from homes",
            },
            "https://example.org/missing": {"file": "gone.html", "with": ["x"], "without": []},
        },
    )
    result = evaluate_text(gold)
    assert result["pages"] == 1 and result["skipped"] == 1
    assert result["system"]["recall"] == 1.0 and result["system"]["precision"] == 1.0
    assert result["system"]["title"] == {"accuracy": 1.0, "right": 1, "pages": 1}
    assert result["baseline"]["name"].startswith("trafilatura ")
    assert set(result["baseline"]) >= {"precision", "recall", "f1"}
    json.dumps(result)


def test_limit(tmp_path: Path) -> None:
    item = {"file": "floods.html", "with": ["promised immediate aid"], "without": []}
    gold = snippet_gold(tmp_path, {f"https://example.org/{i}": item for i in range(3)})
    assert evaluate_text(gold, limit=2)["pages"] == 2


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ({"https://example.org/a": {"with": []}}, "'file'"),
        ({"https://example.org/a": {"file": "floods.html", "with": "text"}}, "'with'"),
        (["not", "a", "dict"], "object keyed by URL"),
    ],
)
def test_malformed_snippet_gold_names_the_item(tmp_path: Path, items: object, message: str) -> None:
    (tmp_path / "evaldata.json").write_text(json.dumps(items), encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        evaluate_text(tmp_path)


def test_unknown_layout_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="expected evaldata.json"):
        evaluate_text(tmp_path)


L3S_GOLD = (
    "<html><head><style>.x{}</style></head><body>"
    '<div><span class="x-nc-sel0">Home</span> <span class="x-nc-sel0">World</span></div>'
    '<h1><span class="x-nc-sel1">Floods force thousands from homes</span></h1>'
    '<p><span class="x-nc-sel2">Heavy rain forced more than ten thousand people from their '
    "homes in the north of the region on Tuesday, officials said, as rivers burst their banks "
    "in dozens of towns.</span></p>"
    '<p><span class="x-nc-sel2">At least nine people have died, according to the civil '
    "protection agency, which said rescue workers had evacuated residents from the worst-hit "
    "areas by boat overnight.</span></p>"
    '<p><span class="x-nc-sel2">The government has declared a state of emergency and promised '
    "immediate aid to the families who lost their homes, the interior minister told reporters "
    'in the capital.</span><span class="x-nc-invisible">hidden</span></p>'
    '<div><span class="x-nc-sel5">Great article!</span></div></body></html>'
)


def test_l3s_segments_keep_labels_and_lines() -> None:
    segments = list(l3s_segments(L3S_GOLD))
    labels = [s.label for s in segments]
    assert labels == ["not content", "not content", "headline", *["full text"] * 3, "comments"]
    assert segments[0].line == segments[1].line != segments[2].line
    assert all("hidden" not in s.text and ".x{}" not in s.text for s in segments)


def test_l3s_segments_of_a_page_that_declares_its_encoding() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>' + L3S_GOLD
    assert len(list(l3s_segments(page))) == len(list(l3s_segments(L3S_GOLD)))


def test_l3s_format(tmp_path: Path) -> None:
    write_gz(tmp_path / "GoldStandard" / "page1.txt.gz", L3S_GOLD)
    write_gz(tmp_path / "input" / "page1.html.gz", PAGE)
    write_gz(tmp_path / "GoldStandard" / "page2.txt.gz", L3S_GOLD)  # its HTML is missing
    result = evaluate_text(tmp_path)
    assert result["pages"] == 1 and result["skipped"] == 1
    assert result["system"]["f1"] > 0.95
    assert result["system"]["title"]["accuracy"] == 1.0
    assert set(result["system"]["shingles"]) == {"precision", "recall", "f1"}


@pytest.mark.slow
def test_dev_sets_smoke(dev_data: Path) -> None:
    for name in ("trafilatura-eval", "l3s-gn1-googlenews"):
        result = evaluate_text(dev_data / name, limit=5)
        assert result["pages"] == 5
        assert 0.0 < result["system"]["f1"] <= 1.0
