"""The hostile and messy inputs of issue 14, each row of its table through `newsevents extract`.

Rows tested elsewhere, next to their code: the 50 MB page (test_extract_oversize.py), the
per-item budget (test_hostile_budget.py), WARCs and feeds cut short (test_ingest.py), the
encoding corpus (test_extract_decode.py), canonical and archived URLs
(test_extract_identity.py), wrong CLI arguments (test_hostile_cli.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsevents.cli import main

HOSTILE = Path(__file__).parent / "data" / "hostile"


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["extract", "--json", *arguments])


def articles(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_latin1_page_without_a_charset(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    story = "Señor Peña said the talks in Bogotá would resume on Monday after the truce. " * 2
    page.write_bytes(
        f"<html><body><article><p>{story}</p></article></body></html>".encode("latin-1")
    )
    [article] = articles(run("--stages", "", str(page)))
    assert article["article"]["text"].startswith("Señor Peña said")


def test_a_text_file_with_a_few_invalid_utf8_bytes(tmp_path: Path) -> None:
    story = ("Le café était fermé lundi, a dit le maire de la ville. " * 12).encode()
    path = tmp_path / "story.txt"
    path.write_bytes(story[:50] + b"\xe9" + story[50:300] + b"\xff" + story[300:])
    [article] = articles(run("--stages", "", str(path)))
    text = article["article"]["text"]
    assert "café" in text and "cafй" not in text


def test_a_news_page_with_a_canonical_link_and_og_url(tmp_path: Path) -> None:
    [article] = articles(run("--stages", "", str(HOSTILE / "rt-story.html")))
    assert article["article"]["url"] == (
        "https://www.rt.com/news/573000-norway-expels-russian-diplomats/"
    )
    assert article["article"]["source"] == "RT"


def test_local_news_read_through_the_wayback_machine(tmp_path: Path) -> None:
    archived = "http://web.archive.org/web/20170403124306/http://www.nbc12.com/story/35052329/x"
    story = "".join(f"<p>Police said man number {i} was shot on Monday.</p>" for i in range(4))
    line = {"id": "a", "html": story, "url": archived}
    path = tmp_path / "archived.jsonl"
    path.write_text(json.dumps(line), encoding="utf-8")
    [article] = articles(run("--stages", "", str(path)))
    assert article["article"]["source"] == "nbc12.com"
    assert article["article"]["url"] == "http://www.nbc12.com/story/35052329/x"


@pytest.mark.parametrize("name", ["rt-story.txt", "rt-story.html"])
def test_an_rt_page_keeps_its_lede_and_drops_the_call_to_share(name: str) -> None:
    [article] = articles(run("--stages", "", str(HOSTILE / name)))
    text = article["article"]["text"]
    assert text.startswith("Norway has ordered 15 Russian diplomats to leave the country")
    assert "Share it with a friend" not in text
    assert text.endswith("sanctions against Moscow since last year.")


GVA_STORY = (
    "Chicago Sun-Times Wire\n\n"
    "Four men were shot Saturday night in the Englewood neighborhood on the South Side, police "
    "said.\n\nThe men were standing outside in the 6300 block of South Halsted when someone in a "
    "passing car opened fire about 10:15 p.m., according to Chicago Police.\n\n"
    "—Chicago Sun-Times Wire"
)


def test_a_byline_is_kept_out_of_the_text_events_are_read_from(tmp_path: Path) -> None:
    path = tmp_path / "gva.jsonl"
    path.write_text(json.dumps({"id": "gva", "text": GVA_STORY}), encoding="utf-8")
    [article] = articles(run("--stages", "nlp,events", str(path)))
    assert article["article"]["text"].startswith("Four men were shot")
    assert "Sun-Times" not in article["article"]["text"]
    words = [who["text"] for e in article["events"] for who in e["actor"] + e["recipient"]]
    assert words and not any("Sun-Times" in word for word in words)


def test_one_sentence_said_over_and_over_makes_one_event(tmp_path: Path) -> None:
    sentence = "Gunmen killed 12 villagers in Zamfara on Monday. "
    path = tmp_path / "long.txt"
    path.write_text(sentence * 25_000, encoding="utf-8")  # 200,000 words on one line
    result = run("--stages", "nlp,events", str(path))
    [article] = articles(result)
    assert article["article"]["text"] == sentence.strip()
    assert len(article["events"]) == 1
    assert "24,999 repeated sentences left out" in result.stderr


@pytest.mark.slow
def test_200000_words_on_one_line_are_cut_with_a_warning_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    sentences = (f"Officials in district {i} said the river rose on Monday." for i in range(20_000))
    path.write_text(" ".join(sentences), encoding="utf-8")  # 200,000 words, no line break
    result = run("--stages", "nlp", str(path))
    assert result.exit_code == 0
    warning = next(line for line in result.stderr.splitlines() if line.startswith("warning:"))
    assert re.fullmatch(
        rf"warning: {re.escape(str(path))}: nlp: text of 1,1\d\d,\d\d\d characters read up to "
        r"character 49,\d\d\d",
        warning,
    )
