"""The context the event confidence reads beside the score: an article's genre and length, a
sentence's shape, and the calibration that weighs them (fitted on the select split)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from newsevents.events.confidence import GENRE_WORDS, article_genre, score_context
from newsevents.events.model import Calibration, ScoreContext
from newsevents.tools.event_corpora import LabelledText, load_source, load_sources
from newsevents.tools.train_events import (
    CALIBRATION_CANDIDATES,
    CURVE_ONLY,
    Example,
    Reading,
    choose_calibration,
    fit_calibration,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
BLANK = spacy.blank("en")


def context(sports: float = 0.0, words: int = 400) -> ScoreContext:
    return ScoreContext(0.9, words=words, sports=sports, markets=0.0, quoted=False, question=False)


def test_article_genre_counts_each_genres_words_among_all() -> None:
    genre = article_genre("The striker scored twice as the team won the league. Shares rose.")
    assert genre.words == 12
    assert genre.sports == pytest.approx(4 / 12)  # striker, scored, team, league
    assert genre.markets == pytest.approx(1 / 12)  # shares
    assert article_genre("Gunmen killed four villagers.").sports == 0.0
    assert {"sports", "markets"} == set(GENRE_WORDS.values())


def test_score_context_reads_the_article_and_the_sentence() -> None:
    from newsevents.nlp import load_language

    text = '"We will attack them," the coach said of the league leaders.'
    [sentence] = load_language()(text).sents
    read = score_context(sentence, 0.4, text)
    assert read.quoted and not read.question and read.event_probability == 0.4
    assert read.words == 11 and read.sports > 0.1


def test_a_context_calibration_keeps_the_score_order_and_weighs_the_context() -> None:
    calibration = Calibration((0.0, 1.0), (0.1, 0.9), {"bias": 0.0, "curve": 1.0, "sports": -20.0})
    news, sport = context(), context(sports=0.1)
    assert calibration(0.5, news) == pytest.approx(0.5)
    assert calibration(0.5, sport) < calibration(0.5, news)
    assert calibration(0.3, sport) < calibration(0.6, sport)
    assert Calibration.from_json(calibration.to_json()) == calibration
    curve = Calibration((0.0, 1.0), (0.1, 0.9))
    assert Calibration.from_json({"scores": [0.0, 1.0], "probabilities": [0.1, 0.9]}) == curve


def reading(source: str, group: str, score: float, sports: float) -> Reading:
    item = LabelledText("text", source, group, True, None, None, 1.0, "text")
    example = Example(item, "select", BLANK("text"), [], [], None, frozenset())  # type: ignore[arg-type]
    return Reading(example, "ASSAULT", score, None, context(sports=sports))


def genre_rows() -> list[tuple[Reading, bool]]:
    """Two sets, the same scores: a found event is real more often the higher its score, but
    in the sports articles' set far less often (at 0.4, one in ten; in the other, six)."""
    rows = []
    for i in range(200):
        score, draw = (0.4, 0.8)[i % 2], (i // 2) % 10
        rows.append((reading("sport", f"s{i}", score, 0.08), draw < (1 if score < 0.5 else 4)))
        rows.append((reading("news", f"n{i}", score, 0.0), draw < (6 if score < 0.5 else 9)))
    return rows


def test_the_fitted_context_calibration_learns_that_a_genre_holds_fewer_events() -> None:
    rows = genre_rows()
    curve = fit_calibration(rows)
    aware = fit_calibration(rows, ("sports",))
    sport, news = context(sports=0.08), context()
    assert curve(0.4, sport) == curve(0.4, news)
    assert aware(0.4, sport) < 0.25 < 0.5 < aware(0.4, news)
    assert aware(0.4, sport) < aware(0.8, sport) < 0.5 < aware(0.8, news)


@pytest.mark.skipif(not (SHARED / "data" / "dev" / "glocon").exists(), reason="no dev data")
def test_a_set_of_sentences_gives_each_its_whole_document() -> None:
    items = load_source(load_sources()["glocon"], SHARED)
    by_group: dict[str, list[LabelledText]] = {}
    for item in items:
        by_group.setdefault(item.group, []).append(item)
    group = max(by_group.values(), key=len)
    assert len(group) > 3
    assert {item.document for item in group} == {group[0].document}
    assert all(item.text.strip() in item.document for item in group)
    cameo = load_source(load_sources()["cameo_class"], SHARED)[0]
    assert cameo.document == cameo.text  # a snippet is its own document


def test_the_select_split_chooses_a_context_out_of_fold_only_among_the_candidates_given() -> None:
    calibration, choice = choose_calibration(genre_rows(), CALIBRATION_CANDIDATES)
    assert "sports" in calibration.context and choice["chosen"] != "curve"
    tried = choice["tried"]
    assert isinstance(tried, dict) and set(tried) == set(CALIBRATION_CANDIDATES)
    calibration, choice = choose_calibration(genre_rows(), CURVE_ONLY)
    assert not calibration.context and choice["chosen"] == "curve"
