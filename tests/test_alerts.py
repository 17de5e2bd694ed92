from __future__ import annotations

from datetime import date, timedelta

from newsevents.alerts import Alert, Area, Observation, compute_alerts, level_for

AS_OF = date(2024, 6, 30)


def weekly(country: str, counts: dict[int, int], admin1: str | None = None, fatalities: int = 0):
    """``counts[week]`` events in ``country``, week 0 being the seven days ending on AS_OF."""
    return [
        Observation(AS_OF - timedelta(days=7 * week + i % 7), country, admin1, fatalities)
        for week, n in counts.items()
        for i in range(n)
    ]


def find(alerts: list[Alert], area: Area, measure: str = "events") -> Alert:
    return next(a for a in alerts if a.area == area and a.measure == measure)


def test_bands_follow_trendfinder() -> None:
    assert level_for(20, 10, floor=3) == "large"  # +100%
    assert level_for(23, 20, floor=3) == "moderate"  # +15%
    assert level_for(25, 20, floor=3) == "moderate"  # +25% exactly is not "more than 25%"
    assert level_for(26, 20, floor=3) == "large"
    assert level_for(22, 20, floor=1) is None  # +10% exactly is not an increase band
    assert level_for(10, 20, floor=3) is None  # a fall


def test_one_event_is_no_spike() -> None:
    alerts = compute_alerts(weekly("SYR", {0: 1}), AS_OF)
    row = find(alerts, Area("country", "SYR"))
    assert row.current == 1 and row.change_recent is None and row.level is None
    # two events after none: still under the floor of three
    assert find(compute_alerts(weekly("SYR", {0: 2}), AS_OF), Area("country", "SYR")).level is None
    # three after none is a rise from nothing
    assert find(compute_alerts(weekly("SYR", {0: 3}), AS_OF), Area("country", "SYR")).level == (
        "large"
    )


def test_a_small_absolute_rise_is_no_alert_even_when_the_percentage_is_large() -> None:
    # 4 a week before, 6 now: +50%, but only two more events
    obs = weekly("NGA", {0: 6, 1: 4, 2: 4, 3: 4, 4: 4})
    row = find(compute_alerts(obs, AS_OF), Area("country", "NGA"))
    assert row.change_recent == 0.5 and row.level is None


def test_surge_against_the_previous_four_weeks() -> None:
    obs = weekly("NGA", {0: 12, 1: 4, 2: 6, 3: 5, 4: 5}, admin1="Zamfara")
    alerts = compute_alerts(obs, AS_OF)
    for area in (Area("country", "NGA"), Area("admin1", "NGA", "Zamfara")):
        row = find(alerts, area)
        assert row.current == 12 and row.recent_mean == 5.0
        assert row.change_recent == 1.4 and row.level == "large"
    assert alerts[0].flagged


def test_moderate_rise_and_steady_area() -> None:
    obs = weekly("MLI", {0: 23, 1: 20, 2: 20, 3: 20, 4: 20}) + weekly(
        "BFA", {w: 10 for w in range(5)}
    )
    alerts = compute_alerts(obs, AS_OF)
    assert find(alerts, Area("country", "MLI")).level == "moderate"
    assert find(alerts, Area("country", "BFA")).level is None
    assert [a.area.country for a in alerts if a.flagged] == ["MLI"]


def test_the_same_weeks_a_year_before() -> None:
    # steady over the last month, but twice last year's level at this time
    counts = {w: 10 for w in range(5)} | {w: 5 for w in range(52, 57)}
    row = find(compute_alerts(weekly("SDN", counts), AS_OF), Area("country", "SDN"))
    assert row.change_recent == 0.0 and row.year_mean == 5.0 and row.change_year == 1.0
    assert row.level == "large"


def test_fatalities_are_a_measure_of_their_own() -> None:
    obs = weekly("SOM", {0: 3, 1: 3, 2: 3, 3: 3, 4: 3}, fatalities=1)
    obs += [Observation(AS_OF, "SOM", None, 20)]
    alerts = compute_alerts(obs, AS_OF)
    assert find(alerts, Area("country", "SOM"), "fatalities").level == "large"
    assert find(alerts, Area("country", "SOM"), "events").level is None  # 4 vs 3: +1 event


def test_no_year_comparison_before_the_data_begin() -> None:
    obs = weekly("SDN", {0: 10, 1: 10, 2: 10, 3: 10, 4: 10})
    row = find(compute_alerts(obs, AS_OF), Area("country", "SDN"))
    assert row.change_year is None and row.level is None
    # the same data, from a store known to cover the year before (a quiet year)
    covered = compute_alerts(obs, AS_OF, covered_from=AS_OF - timedelta(days=800))
    assert find(covered, Area("country", "SDN")).level == "large"


def test_weeks_outside_the_windows_and_after_as_of_are_ignored() -> None:
    obs = weekly("YEM", {0: 3, 8: 50, 30: 50})
    obs.append(Observation(AS_OF + timedelta(days=1), "YEM", None, 0))
    row = find(compute_alerts(obs, AS_OF), Area("country", "YEM"))
    assert row.current == 3 and row.recent_mean == 0 and row.year_mean == 0
