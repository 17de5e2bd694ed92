"""Geoparsing scores on tiny hand-written LGL and GeoVirus files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.eval.geo import evaluate_geo, load_geo_gold, population_first, resolution
from newsevents.eval.gold import GoldError
from newsevents.records import Article, Document, Place, Reading

TEXT = "Fire in Alexandria. Rapides Parish crews came from Paris."
LGL = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text>{TEXT}</text>
    <toponyms>
      <toponym><start>8</start><end>18</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550"><name>Alexandria</name><lat>31.3113</lat><lon>-92.4451</lon>
        </gaztag></toponym>
      <toponym><start>20</start><end>34</end><phrase>Rapides Parish</phrase>
        <gaztag geonameid="4338356"><lat>31.1669</lat><lon>-92.4835</lon></gaztag></toponym>
      <toponym><start>51</start><end>56</end><phrase>Paris</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""
# GeoVirus offsets are one character off, and a location may hold others before its own fields
GEOVIRUS = """<articles><article><source>https://example.org/a</source>
<text>Cases rose in Kenya and Uganda.</text>
<locations><location>
  <location><name>Kenya</name><start>15</start><end>20</end><lat>1</lat><lon>38</lon></location>
  <location><name>Uganda</name><start>25</start><end>31</end><lat>1.25</lat><lon>32.5</lon></location>
  <location><name>Nairobi</name><start>2</start><end>9</end><lat>-1.3</lat><lon>36.8</lon></location>
  <name>Cases</name><start>1</start><end>6</end><lat>0</lat><lon>0</lon>
</location><location><location><name>rose</name><start>7</start><end>11</end></location></location>
</locations></article></articles>
"""


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_lgl_loader(tmp_path: Path) -> None:
    articles, log = load_geo_gold(write(tmp_path, "lgl.xml", LGL))
    (article,) = articles
    assert article.id == "1"
    assert [(t.text, t.start, t.end) for t in article.toponyms] == [
        ("Alexandria", 8, 18),
        ("Rapides Parish", 20, 34),
        ("Paris", 51, 56),
    ]
    assert article.toponyms[0].geonameid == 4314550
    assert article.toponyms[1].lat == 31.1669
    assert not article.toponyms[2].has_point
    assert log.skipped.total == 0


def test_geovirus_offsets_are_realigned_and_counted(tmp_path: Path) -> None:
    articles, log = load_geo_gold(write(tmp_path, "GeoVirus.xml", GEOVIRUS))
    (article,) = articles
    assert [(t.text, t.start, t.end) for t in article.toponyms] == [
        ("Cases", 0, 5),
        ("Kenya", 14, 19),
        ("Uganda", 24, 30),
        ("rose", 6, 10),
    ]
    assert log.adjusted.total == 4
    assert log.skipped.reasons == {"toponym span does not match the text": 1}


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.xml", "<articles>\n<article>\n<text>x</article>\n</articles>")
    with pytest.raises(GoldError, match="line 3"):
        load_geo_gold(path)


def test_toponym_without_offsets_is_an_error_naming_the_article(tmp_path: Path) -> None:
    broken = LGL.replace("<start>51</start>", "")
    with pytest.raises(GoldError, match=r"article 1 \(1\): toponym 'Paris' needs integer"):
        load_geo_gold(write(tmp_path, "lgl.xml", broken))
    bad_point = LGL.replace("<lat>31.1669</lat>", "<lat>north</lat>")
    with pytest.raises(GoldError, match="'Rapides Parish' needs integer start/end and numeric"):
        load_geo_gold(write(tmp_path, "lgl.xml", bad_point))


def test_resolution_by_hand(tmp_path: Path) -> None:
    articles, _ = load_geo_gold(write(tmp_path, "lgl.xml", LGL))
    alexandria, parish, _ = articles[0].toponyms
    right = Place("Alexandria", 8, 18, geonameid=4314550, lat=31.3, lon=-92.4)
    far = Place("Rapides Parish", 20, 34, geonameid=1, lat=0.0, lon=0.0)
    scores = resolution([(alexandria, right), (parish, far)])
    assert scores["acc_161km"] == 0.5
    assert scores["exact_id"] == 0.5
    assert scores["resolved"] == 2
    assert resolution([(alexandria, right), (parish, None)])["precision_161km"] == 1.0
    unresolved = resolution([(alexandria, None)])
    assert (unresolved["acc_161km"], unresolved["mean_km"]) == (0.0, None)
    assert resolution([])["acc_161km"] is None


def test_evaluate_geo_with_a_stand_in_system(tmp_path: Path) -> None:
    def reader(document: Document) -> Reading:
        places = [
            Place("Alexandria", 8, 18, geonameid=4314550, lat=31.31, lon=-92.44, score=0.9),
            Place("Rapides", 20, 27, country="USA", precision="country", score=0.3),  # unsure
            Place("crews", 35, 40),  # not a gold toponym
        ]
        paris = Place("Paris", 51, 56)  # a metonym is a toponym found too
        article = Article(id="a", input_id="1", text=TEXT)
        return Reading(article=article, places=places, geo_metonyms=[paris])

    summary = evaluate_geo(write(tmp_path, "lgl.xml", LGL), read=reader)
    assert summary["recognition"]["strict"] == {
        "precision": 0.5, "recall": 0.6667, "f1": 0.5714, "tp": 2, "fp": 2, "fn": 1,
    }  # fmt: skip
    assert summary["recognition"]["overlap"]["tp"] == 3
    end_to_end = summary["resolution"]["end_to_end"]
    assert (end_to_end["n"], end_to_end["acc_161km"], end_to_end["coverage"]) == (2, 0.5, 1.0)
    # the places with a point: Rapides, without one (unsure), drops out, recall with it
    sure = summary["resolution"]["operating_point"]
    assert (sure["n"], sure["acc_161km"], sure["coverage"]) == (1, 1.0, 0.5)
    assert summary["calibration"]["ece"] == pytest.approx(0.1)  # over the places with a point
    assert summary["resolution"]["population_first"]["n"] == 2
    path = write(tmp_path, "lgl.xml", LGL)  # article "1" is in the held-out half
    assert evaluate_geo(path, read=reader, split="heldout")["articles"] == 1
    with pytest.raises(GoldError):
        evaluate_geo(path, read=reader, split="fit")


def test_population_first_picks_the_most_populous_namesake() -> None:
    paris = population_first("Paris")
    assert paris is not None and paris.lat is not None and paris.lon is not None
    assert abs(paris.lat - 48.85) < 0.5 and abs(paris.lon - 2.35) < 0.5
    assert population_first("Nowhere-at-all-xyz") is None


def test_dev_sets_load(dev_data: Path) -> None:
    lgl, _ = load_geo_gold(dev_data / "geoparsing" / "lgl.xml")
    assert (len(lgl), sum(len(a.toponyms) for a in lgl)) == (588, 5088)
    heldout, _ = load_geo_gold(dev_data / "geoparsing" / "lgl.xml", split="heldout")
    assert (len(heldout), sum(len(a.toponyms) for a in heldout)) == (285, 2439)
    geovirus, log = load_geo_gold(dev_data / "geoparsing" / "GeoVirus.xml", limit=20)
    assert len(geovirus) == 20 and log.skipped.total == 0
