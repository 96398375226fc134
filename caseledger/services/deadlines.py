"""`deadlines`: every running, paused or breached clock across the ledger, soonest due first.

As of today or later it reads the clock cache each step keeps (`case_clock`), so it stays fast
on a large ledger; as of a past date it folds the record as it stood then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from caseledger.domain import dates
from caseledger.domain.calendar import Calendar
from caseledger.domain.clocks import Clock, case_clocks
from caseledger.domain.errors import InputError
from caseledger.domain.lang import t
from caseledger.services.calendar import load
from caseledger.services.clocks import states
from caseledger.store.models import Case, CaseClock

OPEN = ("running", "paused", "breached")

CHUNK = 500  # case ids bound per query (SQLite allows 32,766 variables by default)


def deadlines(session: Session, on: str | None = None, within: int | None = None) -> list[dict[str, Any]]:
    """Open clocks as of `on` (default today), soonest due first; `within` days ahead."""
    today = dates.today()
    as_of = dates.parse_date(on, "--on") if on else today
    if within is not None and within < 0:
        raise InputError(t("--within 须为天数（0 或更多）", "--within takes a number of days, 0 or more"))
    horizon = as_of + dt.timedelta(days=within) if within is not None else None
    cal = load(session)
    if as_of < today:
        found = list(_from_events(session, as_of, cal))  # the record as it stood then
    else:
        found = list(_from_cache(session, as_of, cal))
    found = [c for c in found if c["state"] in OPEN and (
        horizon is None or c["state"] == "breached" or c["due"] <= horizon.isoformat())]
    found.sort(key=lambda c: (c["due"], c["case_no"], c["clock"]))
    return found


def _from_cache(session: Session, as_of: dt.date, cal: Calendar) -> Iterator[dict[str, Any]]:
    """Today or later: the clock cache, filtered in SQL to what can still be open."""
    c = CaseClock
    # Plain Core rows through the connection: the ORM layer costs more than the query here.
    rows = session.connection().execute(
        select(c.case_id, c.rule, c.due, c.unit, c.met_on, c.provisional, c.party_window,
               c.paused, c.warn_from, Case.case_no)
        .join(Case, Case.id == c.case_id)
        .where(c.met_on.is_(None), or_(c.party_window.is_(False), c.due >= as_of))
    ).all()
    # Worked out again from the events: an open suspension moves the decision limit day by day,
    # and a provisional date whose year the calendar has come to cover (a newer chinesecalendar)
    # is provisional no longer.
    stale = {row[0] for row in rows if row[7] or (row[5] and cal.has_data(row[2].year))}
    fresh: dict[tuple[int, str], Clock] = {}
    chunks = sorted(stale)
    for start in range(0, len(chunks), CHUNK):  # a bound list, within SQLite's variable limit
        for case_id, state in states(session, chunks[start:start + CHUNK]):
            fresh.update({(case_id, k.rule): k for k in case_clocks(state, cal, as_of)})
    for case_id, rule, due, unit, met_on, provisional, party, stopped, warn, case_no in rows:
        clock = fresh.get((case_id, rule)) if case_id in stale else None
        clock = clock or Clock(rule, due, unit, met_on, provisional, party_window=party,
                               paused=stopped, warn_from=warn)
        yield {"case_no": case_no, **clock.view(as_of, cal)}


def _from_events(session: Session, as_of: dt.date, cal: Calendar) -> Iterator[dict[str, Any]]:
    numbers = {i: n for i, n in session.execute(select(Case.id, Case.case_no))}
    for case_id, state in states(session, until=as_of):
        for clock in case_clocks(state, cal, as_of):
            yield {"case_no": numbers[case_id], **clock.view(as_of, cal)}
