"""The working-day calendar (D-1..D-3), table-driven on real periods, and its commands."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseledger.domain.calendar import Calendar

D = dt.date
CAL = Calendar()


@pytest.mark.parametrize("day, working", [
    (D(2026, 2, 14), True),    # Saturday: make-up working day before Spring Festival
    (D(2026, 2, 28), True),    # Saturday: make-up working day after it
    (D(2026, 2, 16), False),   # Spring Festival holiday, a Monday
    (D(2026, 2, 23), False),   # still the holiday, a Monday
    (D(2026, 4, 6), False),    # Qingming, a Monday
    (D(2026, 10, 1), False),   # National Day
    (D(2026, 10, 10), True),   # Saturday: make-up working day after National Day
    (D(2026, 10, 11), False),  # an ordinary Sunday
    (D(2026, 10, 12), True),   # an ordinary Monday
])
def test_d1_working_days(day, working):
    assert CAL.is_working_day(day) is working


@pytest.mark.parametrize("start, n, due", [
    (D(2026, 9, 28), 20, D(2026, 10, 30)),  # a disclosure due 20 working days after 2026-09-28
    (D(2026, 9, 28), 5, D(2026, 10, 10)),   # the 5th working day is the make-up Saturday
    (D(2026, 2, 10), 5, D(2026, 2, 24)),    # across Spring Festival and its make-up Saturday
    (D(2026, 4, 2), 3, D(2026, 4, 8)),      # across Qingming (4-6 April)
])
def test_d2_working_day_limits(start, n, due):
    assert CAL.add_working_days(start, n) == (due, False)


def test_d2_a_calendar_limit_ending_on_a_holiday_moves_to_the_next_working_day():
    # 90 days from 2026-07-03 is 2026-10-01 (National Day, 1-7 October): due on 10-08.
    assert CAL.add_calendar_days(D(2026, 7, 3), 90) == (D(2026, 10, 8), False)
    # A limit ending on a make-up Saturday stays there: it is a working day.
    assert CAL.add_calendar_days(D(2026, 10, 1), 9) == (D(2026, 10, 10), False)


def test_d3_a_year_without_data_is_weekends_only_and_provisional():
    assert not CAL.has_data(2027)
    assert CAL.add_working_days(D(2027, 3, 1), 5) == (D(2027, 3, 8), True)
    assert CAL.add_working_days(D(2026, 12, 28), 5) == (D(2027, 1, 4), True)


def test_d3_days_entered_in_the_ledger_replace_the_fallback():
    cal = Calendar({D(2027, 3, 3): False, D(2027, 3, 6): True})
    assert cal.has_data(2027)
    assert cal.add_working_days(D(2027, 3, 1), 5) == (D(2027, 3, 8), False)
    assert not cal.is_working_day(D(2027, 3, 3)) and cal.is_working_day(D(2027, 3, 6))


def test_calendar_commands(bureau):
    assert bureau("calendar", "show", "2027", "-f", "json").json["provisional"] is True
    refused = bureau("calendar", "set", "2027-02-08", "holiday", user="wang")
    assert refused.exit_code == 1 and "[P-5]" in refused.stderr
    covered = bureau("calendar", "set", "2026-02-08", "holiday")
    assert covered.exit_code == 2 and "[D-3]" in covered.stderr
    assert bureau("calendar", "set", "2027-02-08", "holiday").exit_code == 0
    shown = bureau("calendar", "show", "2027", "-f", "json").json
    assert shown["source"] == "ledger" and shown["provisional"] is False
    assert shown["days"] == [{"date": "2027-02-08", "weekday": 1, "kind": "holiday"}]
    spring = bureau("calendar", "show", "2026", "-f", "json").json
    assert {"date": "2026-02-14", "weekday": 6, "kind": "workday"} in spring["days"]
    assert bureau("verify").exit_code == 0


@pytest.mark.parametrize("seed", range(3))
def test_working_days_between_matches_counting_day_by_day(seed):
    import random

    cal, rng = Calendar({D(2027, 2, 8): False}), random.Random(seed)

    def by_hand(a, b):  # type: ignore[no-untyped-def]
        if b < a:
            return -by_hand(b, a)
        n, day = 0, a
        while day < b:
            day += dt.timedelta(days=1)
            n += CAL.is_working_day(day) if day.year != 2027 else cal.is_working_day(day)
        return n

    for _ in range(300):
        a = D(2022, 1, 1) + dt.timedelta(days=rng.randrange(2200))
        b = D(2022, 1, 1) + dt.timedelta(days=rng.randrange(2200))
        assert cal.working_days_between(a, b) == by_hand(a, b)


def _stepped(cal, start, days):  # type: ignore[no-untyped-def]
    """add_working_days as D-1 reads: one day at a time."""
    day, counted, provisional = start, 0, False
    while counted < days:
        day += dt.timedelta(days=1)
        provisional = provisional or not cal.has_data(day.year)
        if cal.is_working_day(day):
            counted += 1
    return day, provisional


@settings(max_examples=200, deadline=None)
@given(starts=st.lists(st.dates(dt.date(2015, 1, 1), dt.date(2040, 12, 31)), min_size=1,
                       max_size=6),
       days=st.integers(0, 400),
       entered=st.dictionaries(st.dates(dt.date(2030, 1, 1), dt.date(2031, 12, 31)),
                               st.booleans(), max_size=5),
       bundled=st.booleans())
def test_adding_working_days_by_the_running_count_is_stepping_day_by_day(starts, days, entered,
                                                                         bundled):
    """D-1/D-3: the bisection over the running count gives the day and the provisional flag that
    counting day by day gives, whatever order the calendar is asked in."""
    from caseledger.domain.calendar import Calendar

    cal, reference = Calendar(entered, bundled=bundled), Calendar(entered, bundled=bundled)
    for start in starts:
        assert cal.add_working_days(start, days) == _stepped(reference, start, days)
