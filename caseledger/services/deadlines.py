"""`deadlines`: every running, paused or breached clock across the ledger, soonest due first.

The events are read in one pass ordered by case, each case folded once.
"""

from __future__ import annotations

import datetime as dt
import json
from itertools import groupby
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseledger.domain import dates
from caseledger.domain.case_state import fold
from caseledger.domain.clocks import case_clocks
from caseledger.services.calendar import load
from caseledger.store.models import Case, Event

OPEN = ("running", "paused", "breached")


def deadlines(session: Session, on: str | None = None, within: int | None = None) -> list[dict[str, Any]]:
    today = dates.parse_date(on, "--on") if on else dates.today()
    if within is not None and within < 0:
        from caseledger.domain.errors import InputError

        raise InputError("--within takes a number of days, 0 or more")
    horizon = today + dt.timedelta(days=within) if within is not None else None
    cal = load(session)
    numbers = {i: n for i, n in session.execute(select(Case.id, Case.case_no))}
    rows = session.execute(
        select(Event.case_id, Event.step, Event.business_date, Event.payload)
        .where(Event.case_id.is_not(None), Event.business_date <= today)
        .order_by(Event.case_id, Event.seq)
        .execution_options(yield_per=5000)
    )
    found = []
    for case_id, events in groupby(rows, key=lambda r: r[0]):
        state = fold((step, on_.isoformat(), json.loads(p)) for _, step, on_, p in events)
        if state is None:
            continue
        for clock in case_clocks(state, cal, today):
            view = clock.view(today, cal)
            if view["state"] not in OPEN:
                continue
            if horizon and view["state"] != "breached" and clock.due > horizon:
                continue
            found.append({"case_no": numbers[case_id], **view})
    found.sort(key=lambda c: (c["due"], c["case_no"], c["clock"]))
    return found
