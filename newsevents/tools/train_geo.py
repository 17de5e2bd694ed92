"""Fit the resolver on the LGL and GeoVirus dev sets and report cross-validated accuracy.

    newsevents train geo ../shared/data/dev/geoparsing [--folds 5] [--limit N]

Two things are fitted, both written into the package:

- ``model.json``: the weights of the candidate-ranking model (logistic regression);
- ``data/area_points.tsv``: where gold sets put areas (countries, divisions, continents), by
  convention: LGL uses GeoNames' points, GeoVirus Wikipedia's. The gazetteer then places each
  such area between the two (see :func:`newsevents.geo.build.combine_conventions`).

Resolution is scored on the gold toponym spans (recognition is scored by ``newsevents eval
geo``): a toponym is right when the chosen point lies within 161 km of the gold point. Only the
"fit" half of each set's articles (``sha1(article id)`` even, the half ``newsevents eval geo
--split fit`` scores) is fitted; the "heldout" half is only scored. On the fit half the
cross-validation splits by article, and both the weights and the area points are refitted in
each fold, so no article's gold is both fitted and scored.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from newsevents.eval.gva import Split, split_of
from newsevents.geo.build import DATA, area_key, build_index, combine_conventions
from newsevents.geo.gazetteer import Gazetteer, GazetteerEntry, name_key
from newsevents.geo.outlet import outlet_countries
from newsevents.geo.resolve import (
    AGREEMENT_FEATURES,
    FEATURES,
    Linear,
    Mention,
    Model,
    Resolver,
    agreement_features,
    choose,
    first_choices,
    haversine_km,
)

MODEL_PATH = Path(__file__).parents[1] / "geo" / "model.json"
AREA_POINTS_PATH = Path(str(DATA / "area_points.tsv"))
ACCURACY_KM = 161.0
L2 = 1.0
CONVENTIONS = {"lgl": "geonames", "GeoVirus": "wikipedia"}
AREA_MATCH_KM = 1000.0  # an area's gold point further than this from our point is another place

Point = tuple[float, float]
AreaPoints = dict[str, dict[str, Point]]  # area key -> convention -> point


@dataclass(frozen=True)
class GoldToponym:
    mention: Mention
    lat: float
    lon: float


@dataclass(frozen=True)
class GoldArticle:
    corpus: str
    id: str
    text: str
    toponyms: list[GoldToponym]
    url: str | None = None


def read_gold(path: Path) -> Iterator[GoldArticle]:
    """Articles of an LGL-style (``toponym/gaztag``) or GeoVirus-style (``location``) XML file,
    with the ids ``newsevents eval geo`` gives them."""
    for index, article in enumerate(ET.parse(path).getroot().iter("article"), start=1):
        article_id = article.get("docid") or article.findtext("source") or f"article {index}"
        text = article.findtext("text") or ""
        toponyms = []
        for element in article.iter("toponym"):
            tag = element.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            toponyms.append(gold_toponym(text, element, tag))
        for element in article.iter("location"):
            toponyms.append(gold_toponym(text, element, element))
        url = article.findtext("url") or article.findtext("source")
        yield GoldArticle(path.stem, article_id, text, toponyms, url)


def gold_toponym(text: str, span: ET.Element, point: ET.Element) -> GoldToponym:
    start, end = int(span.findtext("start") or 0), int(span.findtext("end") or 0)
    phrase = span.findtext("phrase") or span.findtext("name") or text[start:end]
    if text[start:end] != phrase:  # GeoVirus counts from 1: take the nearest occurrence
        found = text.find(phrase, max(0, start - 5))
        start, end = (found, found + len(phrase)) if found >= 0 else (start, end)
    mention = Mention(text[start:end], start, end)
    return GoldToponym(
        mention, float(point.findtext("lat") or 0), float(point.findtext("lon") or 0)
    )


@dataclass
class Sample:
    """One gold toponym with its candidates' features and points."""

    corpus: str
    article: int
    key: str
    features: np.ndarray
    candidates: list[GazetteerEntry]
    gold: Point

    def correct(self, areas: AreaPoints) -> np.ndarray:
        points = [placed(entry, areas) for entry in self.candidates]
        lat = np.radians([p[0] for p in points])
        lon = np.radians([p[1] for p in points])
        gold_lat, gold_lon = np.radians(self.gold[0]), np.radians(self.gold[1])
        within: np.ndarray = haversine_km(lat, lon, gold_lat, gold_lon) < ACCURACY_KM
        return within


def placed(entry: GazetteerEntry, areas: AreaPoints) -> Point:
    conventions = areas.get(area_key(entry.feature_code, entry.country, entry.name))
    if not conventions:
        return entry.lat, entry.lon
    return combine_conventions(
        (entry.lat, entry.lon),
        conventions.get("geonames"),
        conventions.get("wikipedia"),
        derived=entry.source.startswith("derived"),
    )


def samples(resolver: Resolver, articles: list[GoldArticle], first: int = 0) -> list[Sample]:
    """Samples of these articles, numbered from ``first`` (so folds split by article)."""
    result = []
    for number, article in enumerate(articles, start=first):
        mentions = [t.mention for t in article.toponyms]
        candidates = resolver.candidate_lists(article.text, mentions)
        outlet = outlet_countries(article.url)
        matrices = resolver.features(article.text, mentions, candidates, outlet)
        for toponym, entries, matrix in zip(article.toponyms, candidates, matrices, strict=True):
            gold = (toponym.lat, toponym.lon)
            key = name_key(toponym.mention.text)
            result.append(Sample(article.corpus, number, key, matrix, list(entries), gold))
    return result


def fit_area_points(train: Sequence[Sample]) -> AreaPoints:
    """The mean gold point of each area, per convention, over the samples naming it."""
    collected: dict[str, dict[str, list[Point]]] = defaultdict(lambda: defaultdict(list))
    for sample in train:
        areas = [e for e in sample.candidates if e.precision in ("country", "admin1")]
        if not areas:
            continue
        distances = haversine_km(
            np.radians([e.lat for e in areas]),
            np.radians([e.lon for e in areas]),
            np.radians(sample.gold[0]),
            np.radians(sample.gold[1]),
        )
        nearest = int(np.argmin(distances))
        if distances[nearest] < AREA_MATCH_KM:
            entry = areas[nearest]
            key = area_key(entry.feature_code, entry.country, entry.name)
            collected[key][CONVENTIONS[sample.corpus]].append(sample.gold)
    return {
        key: {
            convention: (
                float(np.mean([p[0] for p in points])),
                float(np.mean([p[1] for p in points])),
            )
            for convention, points in by_convention.items()
        }
        for key, by_convention in collected.items()
    }


def fit_linear(features: Sequence[np.ndarray], labels: Sequence[np.ndarray]) -> Linear:
    """A conditional logit: the weights that make the right candidates win their mention.

    Maximises, over mentions with a right candidate among several, the log of the softmax
    share the right candidates get (L2-penalised); the bias is a constant that no ranking uses,
    so it is set to give the weights' scores a logistic reading.
    """
    usable = [(x, y) for x, y in zip(features, labels, strict=True) if len(y) > 1 and y.any()]
    width = max(len(y) for _, y in usable)
    dims = usable[0][0].shape[1]
    x = np.zeros((len(usable), width, dims))
    valid = np.zeros((len(usable), width), dtype=bool)
    right = np.zeros((len(usable), width), dtype=bool)
    for i, (matrix, labels_) in enumerate(usable):
        x[i, : len(labels_)] = matrix
        valid[i, : len(labels_)] = True
        right[i, : len(labels_)] = labels_

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        scores = np.where(valid, x @ weights, -np.inf)
        top = scores.max(axis=1, keepdims=True)
        exp = np.exp(scores - top)
        total = exp.sum(axis=1)
        good = np.where(right, exp, 0.0).sum(axis=1)
        value = -np.sum(np.log(good / total)) + L2 * weights @ weights
        p_all = exp / total[:, None]
        p_good = np.where(right, exp, 0.0) / good[:, None]
        gradient = np.einsum("mc,mcd->d", p_all - p_good, x) + 2 * L2 * weights
        return float(value), gradient

    result = minimize(loss, np.zeros(dims), jac=True, method="L-BFGS-B")
    return Linear(tuple(float(w) for w in result.x), 0.0)


def with_agreement(items: Sequence[Sample], first: Linear) -> list[np.ndarray]:
    """Each sample's full feature matrix: its own features and its second-pass agreement."""
    by_article: dict[int, list[int]] = defaultdict(list)
    for i, sample in enumerate(items):
        by_article[sample.article].append(i)
    full: list[np.ndarray] = [np.empty(0)] * len(items)
    for members in by_article.values():
        group = [items[i] for i in members]
        candidates = [s.candidates for s in group]
        choices = first_choices(first, [s.features for s in group], candidates)
        agreement = agreement_features([s.key for s in group], candidates, choices)
        for i, sample, extra in zip(members, group, agreement, strict=True):
            full[i] = np.hstack([sample.features, extra])
    return full


def fit_model(train: Sequence[Sample], areas: AreaPoints) -> Model:
    labels = [s.correct(areas) for s in train]
    first = fit_linear([s.features for s in train], labels)
    second = fit_linear(with_agreement(train, first), labels)
    return Model(first, second)


def rightness(model: Model, areas: AreaPoints, items: Sequence[Sample]) -> list[bool]:
    full = with_agreement(items, model.first)
    return [
        bool(s.candidates) and bool(s.correct(areas)[choose(model.second.scores(x), s.candidates)])
        for s, x in zip(items, full, strict=True)
    ]


def share(flags: list[bool]) -> float:
    return round(sum(flags) / max(len(flags), 1), 4)


def cross_validate(items: list[Sample], folds: int) -> list[bool]:
    """Out-of-fold rightness of every sample, in order."""
    outcome = [False] * len(items)
    for fold in range(folds):
        train = [s for s in items if s.article % folds != fold]
        areas = fit_area_points(train)
        model = fit_model(train, areas)
        test = [i for i, s in enumerate(items) if s.article % folds == fold]
        for i, right in zip(test, rightness(model, areas, [items[i] for i in test]), strict=True):
            outcome[i] = right
    return outcome


def unmoved_gazetteer(folder: Path) -> Gazetteer:
    """A gazetteer with every area at its source point, the base the area points refine."""
    path = folder / "gazetteer.sqlite"
    build_index(path, reference_points=False)
    return Gazetteer(path)


def write_area_points(areas: AreaPoints) -> None:
    header = AREA_POINTS_PATH.read_text(encoding="utf-8").splitlines()[:3]
    rows = []
    for key in sorted(areas):
        cells = [key]
        for convention in ("geonames", "wikipedia"):
            found = areas[key].get(convention)
            cells += [f"{found[0]:.4f}", f"{found[1]:.4f}"] if found else ["", ""]
        rows.append("\t".join(cells))
    AREA_POINTS_PATH.write_text("\n".join(header + rows) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the folder with lgl.xml and GeoVirus.xml")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None, help="articles per corpus")
    parser.add_argument("--no-write", action="store_true", help="report only")
    args = parser.parse_args(argv)
    halves: dict[Split, list[Sample]] = {"fit": [], "heldout": []}
    with tempfile.TemporaryDirectory() as folder:
        resolver = Resolver(unmoved_gazetteer(Path(folder)))
        for name in ("lgl.xml", "GeoVirus.xml"):
            articles = list(read_gold(args.folder / name))[: args.limit]
            for half, items in halves.items():
                first = 1 + max((s.article for s in items), default=0)
                part = [a for a in articles if split_of(a.id) == half]
                items += samples(resolver, part, first)
    items, heldout = halves["fit"], halves["heldout"]
    outcome = cross_validate(items, args.folds)
    areas = fit_area_points(items)
    model = fit_model(items, areas)
    fitted = rightness(model, areas, items)
    scored = rightness(model, areas, heldout)
    report = {}
    for corpus in CONVENTIONS:
        chosen = [i for i, s in enumerate(items) if s.corpus == corpus]
        held = [i for i, s in enumerate(heldout) if s.corpus == corpus]
        report[corpus] = {
            "toponyms_fit": len(chosen),
            "gazetteer_recall": share([bool(items[i].correct({}).any()) for i in chosen]),
            "population_first": share([bool(items[i].correct({})[:1].any()) for i in chosen]),
            "cv_accuracy": share([outcome[i] for i in chosen]),
            "fitted_accuracy": share([fitted[i] for i in chosen]),
            "toponyms_heldout": len(held),
            "heldout_accuracy": share([scored[i] for i in held]),
        }
    print(json.dumps(report, indent=2))
    names = FEATURES + AGREEMENT_FEATURES
    print(dict(zip(names, (round(w, 2) for w in model.second.weights), strict=True)))
    if not args.no_write:
        MODEL_PATH.write_text(json.dumps(model.to_json(), indent=1) + "\n")
        write_area_points(areas)


if __name__ == "__main__":
    main()
