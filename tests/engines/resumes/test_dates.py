from __future__ import annotations

from datetime import date

import pytest

from handoff.engines.resumes import parse_date, parse_range, years_of_experience


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Jan 2019 – Present", "2019-01", None),
        ("2017-2020", "2017", "2020"),
        ("03/2018 - 06/2021", "2018-03", "2021-06"),
        ("Oct. 2021 – Current", "2021-10", None),
        ("March 2018 — February 2019", "2018-03", "2019-02"),
        ("2018-03 to 2019-11", "2018-03", "2019-11"),
        ("10/2003\n \nto \nCurrent", "2003-10", None),
        ("Acme, Sept 2015 until Dec 2016, Hanoi", "2015-09", "2016-12"),
    ],
)
def test_date_ranges(text: str, start: str, end: str | None) -> None:
    found = parse_range(text)
    assert found is not None
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize("text", ["Call 206-555-0149", "Managed 2000-3000 tickets", "ISO 9001-2015 audit", "no dates"])
def test_non_ranges_ignored(text: str) -> None:
    assert parse_range(text) is None


def test_single_dates() -> None:
    assert parse_date("Sep 2020") == "2020-09"
    assert parse_date("7/2012") == "2012-07"
    assert parse_date("1999") == "1999"
    assert parse_date("Someday") is None


TODAY = date(2025, 6, 15)


def test_years_counts_months_inclusive() -> None:
    assert years_of_experience([("2019-01", "2019-12")], TODAY) == 1.0


def test_years_merges_overlaps_and_open_end() -> None:
    periods: list[tuple[str, str | None]] = [("2019-01", None), ("2020-01", "2021-12"), ("2016-03", "2019-06")]
    # 2016-03 .. 2025-06 inclusive = 112 months
    assert years_of_experience(periods, TODAY) == round(112 / 12, 1)


def test_years_gaps_not_counted_and_year_only_is_january() -> None:
    periods: list[tuple[str, str | None]] = [("2010", "2012"), ("2015-01", "2015-06")]
    assert years_of_experience(periods, TODAY) == round((25 + 6) / 12, 1)


def test_years_ignores_reversed_and_clamps_future() -> None:
    periods: list[tuple[str, str | None]] = [("2022-05", "2021-01"), ("2025-01", "2030-01")]
    assert years_of_experience(periods, TODAY) == 0.5
    assert years_of_experience([], TODAY) == 0.0
