"""Keeping the year tally's read model (`case_tally`) in step with the record.

Every case step adds its facts (`domain.tally.facts`) in its own transaction; a correction of
the source or a campaign tag moves the case's rows with it. `derived` works the same rows out
from the events alone, for `verify` to compare and for the migration that built the table.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from caseledger.domain.tally import STEPS, facts
from caseledger.store.models import Case, CaseTally, Event

Key = tuple[int, int, str, int]  # (year, case id, fact, month)
COLUMNS = ("year", "case_id", "fact", "month", "domain", "source", "campaign", "events", "once",
           "fine_fen", "gains_fen")


def add(session: Session, row: Any, step: str, detail: str | None, day: dt.date,
        payload: dict[str, Any]) -> None:
    """Count one event of case `row` (a case row, or the bulk path's plain one)."""
    found = facts(step, detail, payload)
    if not found:
        return
    bulk = session.info.get("bulk")
    # This transaction's rows: the bulk path's plain values, else ORM rows (pending ones are
    # not found by `Session.get`).
    held = bulk.tally if bulk is not None else session.info.setdefault("tally", {})
    for fact in found:
        key = (day.year, row.id, fact.count, day.month)
        current = held.get(key)
        if current is None and bulk is None:
            current = held[key] = session.get(CaseTally, key)
        if current is not None:
            if bulk is None:
                current.events += 1
                current.fine_fen += fact.fine_fen
                current.gains_fen += fact.gains_fen
            else:
                current["events"] += 1
                current["fine_fen"] += fact.fine_fen
                current["gains_fen"] += fact.gains_fen
            continue
        first = all(held.get((day.year, row.id, fact.count, m)) is None for m in range(1, 13))
        if first and bulk is None:  # a new month of a fact the case already has this year?
            first = session.scalar(
                select(CaseTally.month).where(CaseTally.case_id == row.id,
                                              CaseTally.year == day.year,
                                              CaseTally.fact == fact.count).limit(1)) is None
        values = {"year": day.year, "case_id": row.id, "fact": fact.count, "month": day.month,
                  "domain": row.domain, "source": row.source, "campaign": row.campaign,
                  "events": 1, "once": int(first), "fine_fen": fact.fine_fen,
                  "gains_fen": fact.gains_fen}
        if bulk is None:
            held[key] = CaseTally(**values)
            session.add(held[key])
        else:
            held[key] = values


def restamp(session: Session, row: Any) -> None:
    """The case's source or campaign changed: its tally rows follow it."""
    bulk = session.info.get("bulk")
    if bulk is None:
        session.execute(update(CaseTally).where(CaseTally.case_id == row.id)
                        .values(source=row.source, campaign=row.campaign))
        return
    for values in bulk.tally.values():
        if values["case_id"] == row.id:
            values.update(source=row.source, campaign=row.campaign)


def derived(session: Session) -> Iterator[tuple[int, dict[Key, dict[str, Any]]]]:
    """(case id, its tally rows by key) worked out from the events, case by case in id order;
    the domain, source and campaign are the case table's (which `verify` checks on its own)."""
    rows = session.execute(
        select(Event.case_id, Event.step, Event.detail, Event.business_date, Event.payload,
               Case.domain, Case.source, Case.campaign)
        .join(Case, Case.id == Event.case_id)
        .where(Event.step.in_(sorted(STEPS)))
        .order_by(Event.case_id, Event.seq)
        .execution_options(yield_per=5000))
    for case_id, events in groupby(rows, key=lambda r: r[0]):
        held: dict[Key, dict[str, Any]] = {}
        for _, step, detail, on, payload, domain, source, campaign in events:
            for fact in facts(step, detail, json.loads(payload) if step == "case.decide" else {}):
                key = (on.year, case_id, fact.count, on.month)
                values = held.get(key)
                if values is None:
                    first = all((on.year, case_id, fact.count, m) not in held
                                for m in range(1, 13))
                    values = held[key] = {
                        "year": on.year, "case_id": case_id, "fact": fact.count,
                        "month": on.month, "domain": domain, "source": source,
                        "campaign": campaign, "events": 0, "once": int(first), "fine_fen": 0,
                        "gains_fen": 0}
                values["events"] += 1
                values["fine_fen"] += fact.fine_fen
                values["gains_fen"] += fact.gains_fen
        yield case_id, held


def stored(session: Session) -> Iterator[tuple[int, dict[Key, dict[str, Any]]]]:
    """(case id, its tally rows by key) as the table holds them, in case id order."""
    columns = [getattr(CaseTally, name) for name in COLUMNS]
    rows = session.execute(select(*columns).order_by(CaseTally.case_id, CaseTally.year,
                                                     CaseTally.fact, CaseTally.month)
                           .execution_options(yield_per=5000))
    for case_id, group in groupby(rows, key=lambda r: r[1]):
        yield case_id, {(r[0], r[1], r[2], r[3]): dict(zip(COLUMNS, r, strict=True))
                        for r in group}


def rebuild_all(session: Session) -> None:
    """Used by the migration that introduced the table: every case's rows from its events."""
    batch: list[dict[str, Any]] = []
    for _, held in derived(session):
        batch.extend(held.values())
        if len(batch) >= 5000:
            session.execute(insert(CaseTally.__table__), batch)
            batch = []
    if batch:
        session.execute(insert(CaseTally.__table__), batch)
