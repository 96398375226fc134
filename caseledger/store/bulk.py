"""The import's bulk path: the same steps, written many rows at a time.

While an import runs, `chain.append`, `chain.next_number`, the filing and the clocks hand their
rows to a `Bulk` held in the session instead of the ORM. Each spreadsheet row is still replayed
through every gate of the step commands; what changes is only how its rows reach the database:
as plain values, inserted with one `executemany` per table for hundreds of rows at a time, with
no flush, identity map or savepoint per step.

All-or-nothing stays: a row that a rule refuses is undone from the buffers (`mark` / `undo`),
and the whole import is one transaction that the caller commits or rolls back.

Signatures (A-4) are made per run of events: the last event of every batch written carries its
recorder's Ed25519 signature over `run:FIRST:HASH` (`run_message`): its own hash, which chains
every event before it, bound to the run's first event. Each event of the run names the same key,
and `verify` accepts an unsigned event only when the run it opens ends in such a signature for
exactly that run, so an ordinary step's signature (over its hash alone) never covers events
slipped in before it. One signature per batch, not one per event, is what lets an import write
thousands of events a second (a signature costs about 50 µs; a row is ten events).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from caseledger.store.models import (
    Case,
    CaseClock,
    CaseOfficer,
    CaseTally,
    ChainHead,
    Counter,
    Event,
)

BATCH_EVENTS = 5000  # events held before they are written (and signed as one run)
_CASE_COLUMNS = [c.key for c in Case.__table__.columns]


def run_message(first: int, last: int, event_hash: str) -> str:
    """What the last event of a run signs: its hash alone when the run is that one event, else
    `run:FIRST:HASH`, so the signature covers exactly the events from FIRST on (A-4)."""
    return event_hash if first == last else f"run:{first}:{event_hash}"


class PlainCase:
    """A new case on the bulk path: the case table's columns as plain attributes (an ORM object
    costs more to build and to update than the steps that fill it)."""

    officers: list[PlainOfficer]

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(dict.fromkeys(_CASE_COLUMNS), **values)


class PlainOfficer:
    def __init__(self, *, staff_id: int, position: int) -> None:
        self.staff_id, self.position = staff_id, position


@dataclass
class _Mark:
    events: int
    cases: int
    clocks: int
    tally: int
    seq: int
    hash: str
    next_id: int
    counters: dict[tuple[str, int], int]


@dataclass
class Bulk:
    """The rows of an import not yet written, and the chain's head and numbers as they stand."""

    session: Session
    seq: int
    hash: str
    next_id: int
    counters: dict[tuple[str, int], int] = field(default_factory=dict)
    stored_counters: set[tuple[str, int]] = field(default_factory=set)
    events: list[dict[str, Any]] = field(default_factory=list)
    cases: list[PlainCase] = field(default_factory=list)
    views: dict[str, Any] = field(default_factory=dict)  # staff views by login (no roster change)
    clocks: list[dict[str, Any]] = field(default_factory=list)
    tally: dict[tuple[int, int, str, int], dict[str, Any]] = field(default_factory=dict)

    # --- the parts of the transaction that stand in for the ORM --------------------------------

    def next_number(self, kind: str, year: int) -> int:
        key = (kind, year)
        last = self.counters.get(key)
        if last is None:
            stored = self.session.get(Counter, key)
            last = stored.last if stored is not None else 0
            if stored is not None:
                self.stored_counters.add(key)
        self.counters[key] = last + 1
        return last + 1

    def add_case(self, row: PlainCase) -> None:
        """Give a new case its id (no flush is needed for it) and keep it to write."""
        row.id = self.next_id
        self.next_id += 1
        self.cases.append(row)

    def add_event(self, values: dict[str, Any]) -> None:
        self.events.append(values)
        self.seq, self.hash = values["seq"], values["hash"]

    def add_clocks(self, values: list[dict[str, Any]]) -> None:
        self.clocks.extend(values)

    def pending_cases(self) -> list[PlainCase]:
        """Cases of this import not yet written (X-5 looks among them for earlier penalties)."""
        return self.cases

    # --- rows that a rule refused ------------------------------------------------------------

    def mark(self) -> _Mark:
        return _Mark(len(self.events), len(self.cases), len(self.clocks), len(self.tally),
                     self.seq, self.hash, self.next_id, dict(self.counters))

    def undo(self, mark: _Mark) -> None:
        del self.events[mark.events:]
        del self.cases[mark.cases:]
        del self.clocks[mark.clocks:]
        while len(self.tally) > mark.tally:
            self.tally.popitem()
        self.seq, self.hash, self.next_id = mark.seq, mark.hash, mark.next_id
        self.counters = mark.counters

    # --- writing ---------------------------------------------------------------------------------

    def write_if_full(self) -> None:
        """Between rows: write what is held once it is a batch."""
        if len(self.events) >= BATCH_EVENTS:
            self.write()

    def write(self) -> None:
        if not self.events:
            return
        last = self.events[-1]
        last["signature"] = self.session.info["signer"].sign(run_message(self.events[0]["seq"],
                                                                         last["seq"], last["hash"]))
        execute = self.session.execute
        if self.cases:
            execute(insert(Case.__table__), [{k: c.__dict__[k] for k in _CASE_COLUMNS}
                                             for c in self.cases])
            officers = [{"case_id": c.id, "staff_id": o.staff_id, "position": o.position}
                        for c in self.cases for o in c.officers]
            if officers:
                execute(insert(CaseOfficer.__table__), officers)
        execute(insert(Event.__table__), self.events)
        if self.clocks:
            execute(insert(CaseClock.__table__), self.clocks)
        if self.tally:
            from caseledger.services import tally

            execute(insert(CaseTally.__table__), list(self.tally.values()))
            tally.add_totals(self.session, tally.totals_of(self.tally.values()))
        self.events, self.cases, self.clocks, self.tally = [], [], [], {}

    def finish(self) -> None:
        """Write the rest, the numbers given out and the chain's new head."""
        self.write()
        for (kind, year), last in self.counters.items():
            if (kind, year) in self.stored_counters:
                self.session.execute(update(Counter).where(Counter.kind == kind,
                                                           Counter.year == year).values(last=last))
            else:
                self.session.execute(insert(Counter).values(kind=kind, year=year, last=last))
        self.stored_counters |= set(self.counters)
        if self.session.get_bind().dialect.name == "postgresql":
            # Ids were given here, not drawn from the column's sequence: move it past them.
            self.session.execute(text(
                "SELECT setval(pg_get_serial_sequence('cases', 'id'), "
                "(SELECT coalesce(max(id), 1) FROM cases))"))
        self.session.execute(update(ChainHead).where(ChainHead.id == 1)
                             .values(seq=self.seq, hash=self.hash))


def begin(session: Session) -> Bulk:
    """Put the transaction on the bulk path; the caller holds the chain lock (`chain.lock`) and
    calls `end` before committing."""
    from caseledger.store import chain

    head = chain.lock(session)
    session.flush()
    top = session.execute(select(func.max(Case.id))).scalar() or 0
    bulk = session.info["bulk"] = Bulk(session, head.seq, head.hash, top + 1)
    return bulk


def end(session: Session) -> None:
    """Write what the bulk path holds and leave it; the session's own chain head is refreshed."""
    bulk: Bulk | None = session.info.pop("bulk", None)
    if bulk is None:
        return
    bulk.finish()
    head = session.info.get("chain_head")
    if head is not None and head in session:
        session.expire(head)
    for counter in session.info.pop("counters", {}).values():
        if counter in session:
            session.expire(counter)


def active(session: Session) -> Bulk | None:
    return session.info.get("bulk")
