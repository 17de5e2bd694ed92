"""Word lists kept as data: every word with where it came from."""

from importlib import resources
from pathlib import Path

from newsevents.geo.recognize import AFFIX_WORDS, INSTITUTION_WORDS
from newsevents.words import word_lists

RECOGNITION_WORDS = resources.files("newsevents.geo") / "data" / "recognition_words.tsv"


def test_word_lists_groups_words_by_list(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text("# a comment\nlist\tword\tsource\na\tone\tx\nb\ttwo\ty\na\tthree\tz\n")
    assert word_lists(path) == {"a": frozenset({"one", "three"}), "b": frozenset({"two"})}


def test_recognition_words_each_have_a_source_once() -> None:
    lines = RECOGNITION_WORDS.read_text(encoding="utf-8").splitlines()
    header, *rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert header == ["list", "word", "source"]
    assert all(len(row) == 3 and row[1] == row[1].lower() and row[2].strip() for row in rows)
    pairs = [(row[0], row[1]) for row in rows]
    assert len(pairs) == len(set(pairs))


def test_recognition_reads_its_lists_from_the_data() -> None:
    lists = word_lists(RECOGNITION_WORDS)
    assert lists["institution"] == INSTITUTION_WORDS and "homestead" in INSTITUTION_WORDS
    assert lists["office"] | lists["generic"] <= AFFIX_WORDS
