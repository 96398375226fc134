"""Keeping each case's clocks (the `case_clock` cache) in step with its events.

Written by every case step from the state it has just folded, rebuilt for provisional clocks when
an admin enters calendar days, and re-derived by `verify`.
"""

from __future__ import annotations

import datetime as dt
import json
from itertools import groupby
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from caseledger.domain import dates
from caseledger.domain.calendar import Calendar
from caseledger.domain.case_state import State, fold
from caseledger.domain.clocks import Clock, case_clocks
from caseledger.store.models import CaseClock, Event


def rows_for(case_id: int, state: State, cal: Calendar, today: dt.date) -> list[CaseClock]:
    return [row_of(case_id, c) for c in case_clocks(state, cal, today)]


def row_of(case_id: int, c: Clock) -> CaseClock:
    return CaseClock(case_id=case_id, rule=c.rule, due=c.due, unit=c.unit, met_on=c.met_on,
                     provisional=c.provisional, party_window=c.party_window, paused=c.paused,
                     warn_from=c.warn_from)


def store(session: Session, case_id: int, state: State, cal: Calendar) -> None:
    """Replace the case's clock rows with those of `state` (at `store_deferred` when deferred)."""
    pending = session.info.get("pending_clocks")
    if pending is not None:
        pending[case_id] = (state, cal)
        return
    values = [{"case_id": case_id, "rule": c.rule, "due": c.due, "unit": c.unit,
               "met_on": c.met_on, "provisional": c.provisional, "party_window": c.party_window,
               "paused": c.paused, "warn_from": c.warn_from}
              for c in case_clocks(state, cal, dates.today())]
    bulk = session.info.get("bulk")
    if bulk is not None:  # an import's new case: no rows to replace; written with its batch
        bulk.add_clocks(values)
        return
    session.execute(delete(CaseClock).where(CaseClock.case_id == case_id))
    if values:
        session.execute(insert(CaseClock), values)


def defer(session: Session) -> None:
    """From now on in this transaction, keep each case's latest state and write its clocks once,
    at `store_deferred` (an import writes them once per row rather than once per step)."""
    session.info.setdefault("pending_clocks", {})


def store_deferred(session: Session) -> None:
    pending = session.info.pop("pending_clocks", {})
    for case_id, (state, cal) in pending.items():
        store(session, case_id, state, cal)
    session.info["pending_clocks"] = {}


def drop_deferred(session: Session) -> None:
    session.info["pending_clocks"] = {}


def states(session: Session, case_ids: Any = None,  # type: ignore[no-untyped-def]
           until: dt.date | None = None):
    """(case id, folded state) for the given cases (a list or a subquery; all when None), as
    the record stood on `until` (default: everything), in one pass over the events."""
    query = (select(Event.case_id, Event.step, Event.business_date, Event.payload)
             .where(Event.case_id.is_not(None)).order_by(Event.case_id, Event.seq))
    if case_ids is not None:
        query = query.where(Event.case_id.in_(case_ids))
    if until is not None:
        query = query.where(Event.business_date <= until)
    rows = session.execute(query.execution_options(yield_per=5000))
    for case_id, events in groupby(rows, key=lambda r: r[0]):
        state = fold((step, on.isoformat(), json.loads(p)) for _, step, on, p in events)
        if state is not None:
            yield case_id, state


def rebuild(session: Session, case_ids: list[int] | None, cal: Calendar) -> None:
    for case_id, state in list(states(session, case_ids)):
        store(session, case_id, state, cal)


def rebuild_all(session: Session) -> None:
    """Used by the migration that introduced the cache."""
    from caseledger.services.calendar import load

    rebuild(session, None, load(session))
    session.flush()
