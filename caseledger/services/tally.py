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

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from caseledger.domain.tally import STEPS, Fact, facts
from caseledger.store.models import Case, CaseTally, Event, TallyTotal

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
                bucket = _bucket({c: getattr(current, c) for c in _BUCKET})
                add_totals(session, {bucket: [1, 0, 0, fact.fine_fen, fact.gains_fen]})
            else:
                _count(current, fact)
            continue
        first = _first(held, key)
        if first and bulk is None:  # a new month of a fact the case already has this year?
            first = session.scalar(
                select(CaseTally.month).where(CaseTally.case_id == row.id,
                                              CaseTally.year == day.year,
                                              CaseTally.fact == fact.count).limit(1)) is None
        values = _row(key, row.domain, row.source, row.campaign, first)
        _count(values, fact)
        if bulk is None:
            held[key] = CaseTally(**values)
            session.add(held[key])
            add_totals(session, {_bucket(values): [1, int(first), 1, fact.fine_fen,
                                                    fact.gains_fen]})
        else:
            held[key] = values  # summed into the totals when the batch is written


def _row(key: Key, domain: str, source: str | None, campaign: str | None,
         first: bool) -> dict[str, Any]:
    """A new per-case row, nothing counted yet; `first`: the case's first of this fact this year."""
    year, case_id, fact, month = key
    return {"year": year, "case_id": case_id, "fact": fact, "month": month, "domain": domain,
            "source": source, "campaign": campaign, "events": 0, "once": int(first),
            "fine_fen": 0, "gains_fen": 0}


def _count(values: dict[str, Any], fact: Fact) -> None:
    values["events"] += 1
    values["fine_fen"] += fact.fine_fen
    values["gains_fen"] += fact.gains_fen


def _first(held: dict[Key, Any], key: Key) -> bool:
    """No row of the same case, fact and year among `held` (in any month)."""
    year, case_id, fact, _ = key
    return all(held.get((year, case_id, fact, m)) is None for m in range(1, 13))


def restamp(session: Session, row: Any) -> None:
    """The case's source or campaign changed: its tally rows follow it."""
    bulk = session.info.get("bulk")
    if bulk is None:
        moved: dict[Bucket, list[int]] = {}
        for rows in session.scalars(select(CaseTally).where(CaseTally.case_id == row.id)):
            values = {c: getattr(rows, c) for c in COLUMNS}
            amounts = [values["events"], values["once"], 1, values["fine_fen"],
                       values["gains_fen"]]
            _merge(moved, _bucket(values), [-a for a in amounts])
            _merge(moved, _bucket(values | {"source": row.source, "campaign": row.campaign}),
                   amounts)
        session.execute(update(CaseTally).where(CaseTally.case_id == row.id)
                        .values(source=row.source, campaign=row.campaign))
        add_totals(session, moved)
        return
    for values in bulk.tally.values():
        if values["case_id"] == row.id:
            values.update(source=row.source, campaign=row.campaign)


# --- the totals over cases (`tally_total`) --------------------------------------------------

Bucket = tuple[int, int, str, str, str, str]  # year, month, fact, domain, source, campaign
AMOUNTS = ("events", "once", "cases", "fine_fen", "gains_fen")
_BUCKET = ("year", "month", "fact", "domain", "source", "campaign")


def _bucket(values: dict[str, Any]) -> Bucket:
    return (values["year"], values["month"], values["fact"], values["domain"],
            values["source"] or "", values["campaign"] or "")


def _merge(into: dict[Bucket, list[int]], bucket: Bucket, amounts: list[int]) -> None:
    have = into.get(bucket)
    if have is None:
        into[bucket] = list(amounts)
    else:
        for i, amount in enumerate(amounts):
            have[i] += amount


def totals_of(rows: Any) -> dict[Bucket, list[int]]:
    """The totals' differences that new per-case rows (plain values) add."""
    found: dict[Bucket, list[int]] = {}
    for values in rows:
        _merge(found, _bucket(values), [values["events"], values["once"], 1,
                                        values["fine_fen"], values["gains_fen"]])
    return found


def add_totals(session: Session, differences: dict[Bucket, list[int]]) -> None:
    """Add to the totals: one upsert per bucket, the same on SQLite and PostgreSQL."""
    if not differences:
        return
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    table = TallyTotal.__table__
    statement = upsert(table)
    statement = statement.on_conflict_do_update(
        index_elements=list(_BUCKET),
        set_={name: table.c[name] + statement.excluded[name] for name in AMOUNTS})
    session.execute(statement, [dict(zip(_BUCKET + AMOUNTS, (*bucket, *amounts), strict=True))
                                for bucket, amounts in differences.items()])


def stored_totals(session: Session) -> Iterator[tuple[Bucket, list[int]]]:
    order = [TallyTotal.__table__.c[name] for name in _BUCKET]
    for row in session.execute(select(TallyTotal.__table__).order_by(*order)):
        yield tuple(row[:6]), list(row[6:])  # type: ignore[misc]


def summed_totals(session: Session) -> Iterator[tuple[Bucket, list[int]]]:
    """The totals as `case_tally` gives them, in the order of `stored_totals`."""
    t = CaseTally
    keys = [t.year, t.month, t.fact, t.domain, func.coalesce(t.source, ""),
            func.coalesce(t.campaign, "")]
    query = (select(*keys, func.sum(t.events), func.sum(t.once), func.count(),
                    func.sum(t.fine_fen), func.sum(t.gains_fen))
             .group_by(*keys).order_by(*keys))
    for row in session.execute(query):
        yield tuple(row[:6]), [int(v) for v in row[6:]]  # type: ignore[misc]


def derived(session: Session) -> Iterator[tuple[int, dict[Key, dict[str, Any]]]]:
    """(case id, its tally rows by key) worked out from the events, case by case in id order;
    the domain, source and campaign are the case table's (which `verify` checks on its own)."""
    rows = session.connection().execute(
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
                    values = held[key] = _row(key, domain, source, campaign, _first(held, key))
                _count(values, fact)
        yield case_id, held


def stored(session: Session) -> Iterator[tuple[int, dict[Key, dict[str, Any]]]]:
    """(case id, its tally rows by key) as the table holds them, in case id order."""
    columns = [getattr(CaseTally, name) for name in COLUMNS]
    rows = session.connection().execute(
        select(*columns).order_by(CaseTally.case_id, CaseTally.year, CaseTally.fact,
                                  CaseTally.month).execution_options(yield_per=5000))
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
    add_totals(session, dict(summed_totals(session)))
