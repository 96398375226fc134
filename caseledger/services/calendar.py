"""The ledger's working-day calendar (D-1..D-3): the bundled schedule plus an admin's entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseledger.domain import dates
from caseledger.domain.calendar import Calendar, bundled_years
from caseledger.domain.errors import InputError, Refused
from caseledger.domain.lang import t
from caseledger.domain.people import admin_problems
from caseledger.services import staff as staff_service
from caseledger.store import chain
from caseledger.store.models import CalendarDay, CaseClock


def load(session: Session) -> Calendar:
    """The calendar every rule and clock uses, read once per transaction."""
    cached = session.info.get("calendar")
    if cached is None:
        entered = {d: w for d, w in session.execute(select(CalendarDay.day, CalendarDay.working))}
        cached = session.info["calendar"] = Calendar(entered)
    return cached


def set_day(session: Session, actor_login: str, day: str, kind: str) -> dict[str, Any]:
    """An admin marks a day of an uncovered year a working day or a holiday (P-5)."""
    head = chain.lock(session)
    actor = staff_service.acting(session, actor_login)
    the_day = dates.parse_date(day, "DATE", rule="D-3")
    if kind not in ("workday", "holiday"):
        raise InputError(t(f"{kind!r}：请填写 workday（工作日）或 holiday（节假日）",
                           f"{kind!r}: say workday or holiday"))
    problems = admin_problems(actor)
    if problems:
        raise Refused(problems)
    if the_day.year in bundled_years():
        raise InputError(t(f"{the_day.year} 年已由内置的国务院节假日安排（chinesecalendar）覆盖；"
                           "只能录入其他年份",
                           f"{the_day.year} is covered by the bundled State Council schedule "
                           "(chinesecalendar); only other years are entered"), rule="D-3")
    working = kind == "workday"
    row = session.get(CalendarDay, the_day)
    if row is None:
        session.add(CalendarDay(day=the_day, working=working))
    else:
        row.working = working
    session.info.pop("calendar", None)
    # Dates computed from the weekend fallback may move: recompute every provisional clock.
    from caseledger.services import clocks

    affected = list(session.execute(
        select(CaseClock.case_id).where(CaseClock.provisional.is_(True)).distinct()).scalars())
    if affected:
        clocks.rebuild(session, affected, load(session))
    chain.append(session, head, step="calendar.set", business_date=dates.today(),
                 actor=actor.login, payload={"day": the_day.isoformat(), "working": working})
    return {"date": the_day.isoformat(), "working": working}


def show(session: Session, year: int) -> dict[str, Any]:
    """A year's non-standard days: holidays on weekdays and working weekends, and the source."""
    cal = load(session)
    from caseledger.domain.dates import check_year

    day, end = dt.date(check_year(year), 1, 1), dt.date(year, 12, 31)
    special = []
    while day <= end:
        working = cal.is_working_day(day)
        if working != (day.weekday() < 5):
            special.append({"date": day.isoformat(), "weekday": day.isoweekday(),
                            "kind": "workday" if working else "holiday"})
        day += dt.timedelta(days=1)
    return {"year": year, "source": cal.source(year), "provisional": not cal.has_data(year),
            "days": special}
