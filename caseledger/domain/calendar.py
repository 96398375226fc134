"""Working days (rules D-1..D-3): weekends, official holidays and make-up working days (调休).

The State Council's schedule comes from the chinesecalendar package for the years it covers, and
from days a bureau admin entered into the ledger for the years it does not (`calendar set`).
A year with neither falls back to weekends alone, and every date computed from it is
*provisional*. The start day of a limit is not counted; a limit ending on a non-working day moves
to the next working day (D-2).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Mapping
from functools import cache

ONE_DAY = dt.timedelta(days=1)


@cache
def bundled_years() -> frozenset[int]:
    """The years chinesecalendar's schedule covers."""
    import chinese_calendar

    years = {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    return frozenset(years)


class Calendar:
    """Which days are working days, given the ledger's own entries for uncovered years."""

    def __init__(self, entered: Mapping[dt.date, bool] | None = None, *, bundled: bool = True):
        """`bundled=False`: the ledger's entries and weekends alone (what a date computed before
        the bundled schedule covered its year was based on)."""
        self.entered = dict(entered or {})
        self.entered_years = frozenset(d.year for d in self.entered)
        self.bundled_years = bundled_years() if bundled else frozenset()
        self._known: dict[dt.date, bool] = {}  # memo: clocks ask about the same days often
        self._base: dt.date | None = None  # the running count starts after this day ...
        self._cum: list[int] = [0]  # ... and _cum[i] counts working days in (base, base + i]

    def has_data(self, year: int) -> bool:
        """Whether `year`'s schedule is known; if not, dates in it are provisional (D-3)."""
        return year in self.entered_years or year in self.bundled_years

    def source(self, year: int) -> str:
        if year in self.entered_years:
            return "ledger"
        return "chinesecalendar" if year in self.bundled_years else "weekends"

    def is_working_day(self, day: dt.date) -> bool:
        """D-1: not a weekend or holiday, or a make-up working day (a make-up Saturday works)."""
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._working(day)
        return known

    def _working(self, day: dt.date) -> bool:
        if day in self.entered:
            return self.entered[day]
        if day.year not in self.entered_years and day.year in self.bundled_years:
            import chinese_calendar

            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5

    def roll_forward(self, day: dt.date) -> tuple[dt.date, bool]:
        """D-2: a limit ending on a non-working day moves to the next working day."""
        provisional = not self.has_data(day.year)
        while not self.is_working_day(day):
            day += ONE_DAY
            provisional = provisional or not self.has_data(day.year)
        return day, provisional

    def add_calendar_days(self, start: dt.date, days: int) -> tuple[dt.date, bool]:
        """A bare "N 日" limit: start not counted, day N included, then moved once by D-2."""
        return self.roll_forward(start + dt.timedelta(days=days))

    def add_working_days(self, start: dt.date, days: int) -> tuple[dt.date, bool]:
        """The `days`-th working day after `start` (start not counted); (date, provisional: a
        day on the way is in a year without a known schedule). Found in the running count
        (`_rank`) by bisection, not by stepping day by day: reports ask it for every case."""
        if days <= 0:
            return start, False
        target = self._rank(start) + days
        while self._cum[-1] < target:  # count far enough ahead (a year and a bit at a time)
            self._rank(self._base + dt.timedelta(days=len(self._cum) + 400))  # type: ignore[operator]
        day = self._base + dt.timedelta(days=bisect_left(self._cum, target))  # type: ignore[operator]
        provisional = any(not self.has_data(year)
                          for year in range((start + ONE_DAY).year, day.year + 1))
        return day, provisional

    def working_days_before(self, end: dt.date, days: int) -> tuple[dt.date, bool]:
        """The latest day from which `end` is at least `days` working days away: a notice due
        "N working days before" an event (the hearing notice, N-3). (date, provisional)."""
        day, counted, provisional = end, 0, not self.has_data(end.year)
        while counted < days:
            day -= ONE_DAY
            provisional = provisional or not self.has_data(day.year)
            if self.is_working_day(day):
                counted += 1
        return day, provisional

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        first = self._rank(start)  # asked first, so the count starts early enough
        return self._rank(end) - first

    def _rank(self, day: dt.date) -> int:
        """Working days from the base (excluded) to `day` (included): a running count, so the
        distance between two dates costs two look-ups however far apart they are."""
        if self._base is None or day < self._base:
            self._base, self._cum = day, [0]  # start (again) at the earliest day asked about
        i = (day - self._base).days
        while len(self._cum) <= i:
            nxt = self._base + dt.timedelta(days=len(self._cum))
            self._cum.append(self._cum[-1] + self.is_working_day(nxt))
        return self._cum[i]


DEFAULT = Calendar()

# The bundled schedule alone, for callers that have no ledger at hand.
has_data = DEFAULT.has_data
is_working_day = DEFAULT.is_working_day
roll_forward = DEFAULT.roll_forward
add_calendar_days = DEFAULT.add_calendar_days
add_working_days = DEFAULT.add_working_days
