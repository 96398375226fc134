"""Working days (rules D-1..D-3): weekends, official holidays and make-up working days (调休).

The State Council's schedule comes from the chinesecalendar package for the years it covers;
other years fall back to weekends alone and every date computed from them is *provisional*.
"""

from __future__ import annotations

import datetime as dt
from functools import cache


@cache
def _covered_years() -> frozenset[int]:
    import chinese_calendar

    years = {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    return frozenset(years)


def has_data(year: int) -> bool:
    """Whether the bundled schedule covers `year`; if not, dates in it are provisional (D-3)."""
    return year in _covered_years()


def is_working_day(day: dt.date) -> bool:
    """D-1: not a weekend or holiday, or a make-up working day (a make-up Saturday works)."""
    if has_data(day.year):
        import chinese_calendar

        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


def roll_forward(day: dt.date) -> tuple[dt.date, bool]:
    """D-2: a limit ending on a non-working day moves to the next working day; (date, provisional)."""
    provisional = not has_data(day.year)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
        provisional = provisional or not has_data(day.year)
    return day, provisional


def add_calendar_days(start: dt.date, days: int) -> tuple[dt.date, bool]:
    """A bare "N 日" limit: start day not counted, day N included, then moved once by D-2."""
    return roll_forward(start + dt.timedelta(days=days))


def add_working_days(start: dt.date, days: int) -> tuple[dt.date, bool]:
    """D-1/D-2: the `days`-th working day after `start` (start not counted); (date, provisional)."""
    day, counted, provisional = start, 0, False
    while counted < days:
        day += dt.timedelta(days=1)
        provisional = provisional or not has_data(day.year)
        if is_working_day(day):
            counted += 1
    return day, provisional
