"""The metric code against values computed by hand."""

from __future__ import annotations

import pytest

from newsevents.eval.metrics import (
    Counts,
    bcubed,
    calibration,
    classification,
    error_summary,
    haversine_km,
    match_spans,
    span_counts,
)


def test_classification_by_hand() -> None:
    gold = ["A", "A", "A", "B", "B", "C"]
    predicted = ["A", "A", "B", "B", "C", "C"]
    scores = classification(gold, predicted)
    # A: P 2/2, R 2/3, F1 0.8. B: P 1/2, R 1/2, F1 0.5. C: P 1/2, R 1/1, F1 2/3.
    assert scores["accuracy"] == round(4 / 6, 4)
    assert scores["per_class"]["A"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8, "support": 3}
    assert scores["per_class"]["C"]["f1"] == 0.6667
    assert scores["macro_f1"] == round((0.8 + 0.5 + 2 / 3) / 3, 4)
    assert scores["weighted_f1"] == round((0.8 * 3 + 0.5 * 2 + 2 / 3) / 6, 4)
    assert scores["confusion"] == {
        "A": {"A": 2, "B": 1, "C": 0},
        "B": {"A": 0, "B": 1, "C": 1},
        "C": {"A": 0, "B": 0, "C": 1},
    }


def test_unknown_predicted_label_is_an_error_with_its_own_row() -> None:
    scores = classification(["A", "B"], ["A", "NONE"])
    assert scores["accuracy"] == 0.5
    assert scores["per_class"]["NONE"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    # macro over gold classes only: A has F1 1, B has F1 0
    assert scores["macro_f1"] == 0.5
    assert "NONE" not in scores["confusion"]


def test_classification_of_nothing_divides_by_zero_safely() -> None:
    scores = classification([], [])
    assert scores["accuracy"] == 0.0
    assert scores["macro_f1"] == 0.0
    assert scores["per_class"] == {}


def test_classification_needs_equal_lengths() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1"):
        classification(["A", "B"], ["A"])


def test_counts_with_no_predictions_score_zero() -> None:
    counts = Counts(tp=0, fp=0, fn=3)
    assert (counts.precision, counts.recall, counts.f1) == (0.0, 0.0, 0.0)
    assert (Counts(1, 1, 0) + Counts(1, 0, 2)).to_json()["recall"] == 0.5


def test_strict_and_overlap_span_matching() -> None:
    gold = [(0, 5), (10, 20), (30, 35)]
    predicted = [(0, 5), (12, 18), (40, 45)]
    assert span_counts(gold, predicted, strict=True) == Counts(tp=1, fp=2, fn=2)
    assert span_counts(gold, predicted, strict=False) == Counts(tp=2, fp=1, fn=1)


def test_overlap_matching_is_one_to_one_and_prefers_exact_matches() -> None:
    # the long prediction overlaps both gold spans but may match only one
    assert match_spans([(0, 5), (6, 10)], [(0, 10)], strict=False) == {0: 0}
    # gold (0, 10) could take (0, 4) by overlap, but (0, 4) is gold (0, 4)'s exact match
    assert match_spans([(0, 10), (0, 4)], [(0, 4), (5, 10)], strict=False) == {1: 0, 0: 1}
    assert span_counts([], [(1, 2)], strict=False) == Counts(tp=0, fp=1, fn=0)


def test_calibration_error_by_hand() -> None:
    # bin 0.9-1.0: confidences 0.9 and 1.0, one right -> |0.5 - 0.95| = 0.45, weight 2/4
    # bin 0.2-0.3: confidences 0.2 and 0.2, none right -> |0 - 0.2| = 0.2, weight 2/4
    result = calibration([0.9, 1.0, 0.2, 0.2], [True, False, False, False])
    assert result["ece"] == round(0.5 * 0.45 + 0.5 * 0.2, 4)
    assert [row["bin"] for row in result["reliability"]] == ["0.2-0.3", "0.9-1.0"]
    assert result["reliability"][1] == {
        "bin": "0.9-1.0",
        "n": 2,
        "confidence": 0.95,
        "accuracy": 0.5,
    }


def test_calibration_of_nothing_is_none() -> None:
    assert calibration([], []) == {"n": 0, "ece": None, "reliability": []}


def test_perfectly_calibrated_bin_has_no_error() -> None:
    assert calibration([0.5, 0.5], [True, False])["ece"] == 0.0


def test_bcubed_by_hand() -> None:
    gold = ["x", "x", "y"]
    predicted = [1, 2, 2]
    # item 0: P 1/1, R 1/2; item 1: P 1/2, R 1/2; item 2: P 1/2, R 1/1
    scores = bcubed(gold, predicted)
    assert scores["precision"] == round(2 / 3, 4)
    assert scores["recall"] == round(2 / 3, 4)
    assert scores["f1"] == round(2 / 3, 4)


def test_bcubed_single_cluster_and_singletons() -> None:
    gold = ["x", "x", "y", "z"]
    one = bcubed(gold, [0, 0, 0, 0])
    assert one["recall"] == 1.0
    assert one["precision"] == round((2 / 4 + 2 / 4 + 1 / 4 + 1 / 4) / 4, 4)
    alone = bcubed(gold, [0, 1, 2, 3])
    assert alone["precision"] == 1.0
    assert alone["recall"] == round((1 / 2 + 1 / 2 + 1 + 1) / 4, 4)
    assert bcubed(["x"], ["a"]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert bcubed([], []) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_haversine_and_error_summary() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)
    assert haversine_km(48.8566, 2.3522, 48.8566, 2.3522) == 0.0
    assert error_summary([1.0, 2.0, 9.0]) == {"mean_km": 4.0, "median_km": 2.0}
    assert error_summary([]) == {"mean_km": None, "median_km": None}
