"""Alerts: where violence is rising, per country and per admin1, as ACLED's Trendfinder flags it.

For each area, *this week* (the seven days ending on ``as_of``) is compared with two baselines:
the mean of the four weeks before it, and the mean of the same five weeks a year (52 weeks)
earlier. Both are measured in events and in fatalities. A change above 25% is a large increase
and one of 10-25% a moderate one (ACLED Trendfinder's bands). A floor keeps small numbers from
making a spike: one event where there were none is a 100% rise, and no alert, unless this week
has at least ``floor`` of the measure and rises by at least that much over the baseline.

The function is pure: it takes typed observations (one per event) and returns typed rows; the
API feeds it from the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Level = Literal["large", "moderate"]
Measure = Literal["events", "fatalities"]
AreaKind = Literal["country", "admin1"]

WEEK = timedelta(days=7)
RECENT_WEEKS = 4
YEAR_WEEKS = 52


@dataclass(frozen=True)
class Band:
    """A change band: a relative increase above ``above`` gets ``level``."""

    level: Level
    above: float


# ACLED Trendfinder: "an increase of more than 25%" is large, "10-25%" moderate
# (acleddata.com, Trendfinder methodology). Ordered from the highest band down.
BANDS: tuple[Band, ...] = (Band("large", 0.25), Band("moderate", 0.10))

# The least this week must hold, and rise by, for an alert: three events (one event, or two
# after none, are news items, not a trend) and five deaths.
FLOORS: dict[Measure, int] = {"events": 3, "fatalities": 5}


@dataclass(frozen=True)
class Observation:
    """One stored event as the alerts see it."""

    day: date
    country: str
    admin1: str | None = None
    fatalities: int = 0


@dataclass(frozen=True)
class Area:
    kind: AreaKind
    country: str
    admin1: str | None = None


@dataclass(frozen=True)
class Alert:
    """One area and measure: this week against its two baselines, and the level it earns."""

    area: Area
    measure: Measure
    current: int
    recent_mean: float
    year_mean: float  # zero, and change_year None, when the data do not reach a year back
    change_recent: float | None  # relative change; None when the baseline is zero
    change_year: float | None
    level: Level | None

    @property
    def flagged(self) -> bool:
        return self.level is not None


def relative_change(current: float, baseline: float) -> float | None:
    return None if baseline == 0 else (current - baseline) / baseline


def level_for(current: int, baseline: float, floor: int) -> Level | None:
    """The band this week earns against one baseline, or None below the floor."""
    if current < floor or current - baseline < floor:
        return None
    change = relative_change(current, baseline)
    if change is None:
        return BANDS[0].level  # from nothing to at least the floor
    return next((band.level for band in BANDS if change > band.above), None)


def higher(a: Level | None, b: Level | None) -> Level | None:
    """The more serious of two levels (BANDS run from the highest down)."""
    return next((band.level for band in BANDS if band.level in (a, b)), None)


def week_index(day: date, as_of: date) -> int:
    """0 for the seven days ending on ``as_of``, 1 for the week before, and so on."""
    return (as_of - day).days // WEEK.days


def compute_alerts(
    observations: Iterable[Observation], as_of: date, covered_from: date | None = None
) -> list[Alert]:
    """Every area active in any compared week, with its alert level per measure.

    An area is flagged when this week rises past a band against either baseline: the recent
    weeks (a surge) or the same weeks a year before (a seasonal comparison). The year before
    counts only when the data reach back that far (``covered_from``, by default the earliest
    observation): a store that began last month has no quiet year to compare with. Rows come
    sorted with flagged areas first, then by this week's value.
    """
    year_weeks = range(YEAR_WEEKS, YEAR_WEEKS + RECENT_WEEKS + 1)
    recent_weeks = range(1, RECENT_WEEKS + 1)
    # weekly[area][measure][week] = total
    weekly: dict[Area, dict[Measure, dict[int, int]]] = defaultdict(
        lambda: {"events": defaultdict(int), "fatalities": defaultdict(int)}
    )
    earliest = covered_from
    for obs in observations:
        if covered_from is None and (earliest is None or obs.day < earliest):
            earliest = obs.day
        week = week_index(obs.day, as_of)
        if week < 0 or not (week <= RECENT_WEEKS or week in year_weeks):
            continue
        areas = [Area("country", obs.country)]
        if obs.admin1:
            areas.append(Area("admin1", obs.country, obs.admin1))
        for area in areas:
            weekly[area]["events"][week] += 1
            weekly[area]["fatalities"][week] += obs.fatalities
    has_year = earliest is not None and week_index(earliest, as_of) >= year_weeks[-1]
    alerts = []
    for area, measures in weekly.items():
        for measure, weeks in measures.items():
            current = weeks.get(0, 0)
            recent = sum(weeks.get(w, 0) for w in recent_weeks) / len(recent_weeks)
            year = sum(weeks.get(w, 0) for w in year_weeks) / len(year_weeks)
            floor = FLOORS[measure]
            level = level_for(current, recent, floor)
            if has_year:
                level = higher(level, level_for(current, year, floor))
            alerts.append(
                Alert(
                    area=area,
                    measure=measure,
                    current=current,
                    recent_mean=recent,
                    year_mean=year,
                    change_recent=relative_change(current, recent),
                    change_year=relative_change(current, year) if has_year else None,
                    level=level,
                )
            )
    alerts.sort(
        key=lambda a: (not a.flagged, -a.current, a.area.country, a.area.admin1 or "", a.measure)
    )
    return alerts
