"""`report compliance` (rule Y-2): for the decisions dated in the year, evaluated as of a date,
what went wrong — each count with the cases behind it.

A disclosure is *late* when made after its G-2 due date and *missing* when not made and past it.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from caseledger.domain.calendar import Calendar
from caseledger.domain.clocks import Clock, case_clocks, d
from caseledger.domain.lang import english, t
from caseledger.services.calendar import load
from caseledger.services.clocks import states
from caseledger.store.models import Case, CaseClock, ChainHead, Event

KEYS = ("decisions", "decisions_without_review", "major_decisions_without_discussion",
        "decisions_late", "services_late", "disclosures_due", "disclosures_late",
        "disclosures_missing", "withdrawals_late", "open_past_limit")


def compliance_report(session: Session, year: int, on: dt.date,
                      read_model: bool | None = None) -> dict[str, Any]:
    """As of `on`: from today on, the caches the steps keep (the case table, the clock cache
    and the reviews and discussions of the cases concerned), so it stays fast on a large
    ledger; before today, the record folded as it stood then. `read_model` forces one or the
    other (a test holds them equal)."""
    from caseledger.domain.dates import check_year, today

    start, end = dt.date(check_year(year), 1, 1), dt.date(year, 12, 31)
    cal = load(session)
    cases = (_from_cache(session, start, end, on, cal)
             if (on >= today() if read_model is None else read_model)
             else _from_events(session, start, end, on, cal))
    counts = dict.fromkeys(KEYS, 0)
    problems: list[dict[str, str]] = []
    days_to_decision: list[int] = []

    def flag(key: str, case_no: str, rule: str, detail: str) -> None:
        counts[key] += 1
        problems.append({"case_no": case_no, "rule": rule, "detail": detail})

    for case in cases:
        case_no, clocks, decided = case.case_no, case.clocks, case.decided
        if decided is None or not start <= decided <= end:
            x2 = clocks["X-2"]
            if case.filed.year == year and x2.state(on) == "breached":
                flag("open_past_limit", case_no, "X-2",
                     t(f"尚未作出决定；决定期限为 {x2.due}",
                       f"undecided; the decision was due on {x2.due}"))
            continue
        counts["decisions"] += 1
        days_to_decision.append((decided - case.filed).days)
        if case.agreed is None or case.agreed > decided:
            flag("decisions_without_review", case_no, "R-1",
                 t(f"{decided} 作出决定，但没有同意的审核意见",
                   f"decided {decided} without an agreeing review"))
        if case.major and case.penalty and (case.discussed is None or case.discussed > decided):
            flag("major_decisions_without_discussion", case_no, "C-1",
                 t(f"重大案件（{case.major}）{decided} 作出决定，但未经集体讨论",
                   f"major case ({case.major}) decided {decided} without a collective discussion"))
        for rule, key, what, what_zh in (("X-2", "decisions_late", "decided", "作出决定"),
                                         ("S-1", "services_late", "served", "送达")):
            clock = clocks.get(rule)
            if clock and clock.state(on) in ("late", "breached"):
                if english():
                    when = f"{what} {clock.met_on}" if clock.met_on else f"not {what}"
                    flag(key, case_no, rule, f"{when}; due {clock.due}")
                else:
                    when = f"{clock.met_on} {what_zh}" if clock.met_on else f"尚未{what_zh}"
                    flag(key, case_no, rule, f"{when}；期限 {clock.due}")
        g2 = clocks.get("G-2")
        if g2:
            counts["disclosures_due"] += 1
            if g2.state(on) == "late":
                flag("disclosures_late", case_no, "G-2",
                     t(f"{g2.met_on} 公示；期限 {g2.due}", f"disclosed {g2.met_on}; due {g2.due}"))
            elif g2.state(on) == "breached":
                flag("disclosures_missing", case_no, "G-2",
                     t(f"尚未公示；期限 {g2.due}", f"not disclosed; due {g2.due}"))
        g5 = clocks.get("G-5")
        if g5 and g5.state(on) in ("late", "breached"):
            if english():
                when = f"withdrawn {g5.met_on}" if g5.met_on else "not withdrawn"
                flag("withdrawals_late", case_no, "G-5", f"{when}; due {g5.due}")
            else:
                when = f"{g5.met_on} 撤回公示" if g5.met_on else "尚未撤回公示"
                flag("withdrawals_late", case_no, "G-5", f"{when}；期限 {g5.due}")
    head = session.get(ChainHead, 1)
    from caseledger.services.ledger import settings

    median = statistics.median(days_to_decision) if days_to_decision else None
    return {
        "year": year,
        "on": on.isoformat(),
        "bureau": settings(session)["bureau"],
        **counts,
        "median_days_to_decision": median,
        "problems": sorted(problems, key=lambda p: (p["rule"], p["case_no"])),
        "chain_head": head.hash if head else None,
        "head": f"{head.seq}:{head.hash}" if head else None,
    }


RULES = ("X-2", "S-1", "G-2", "G-5")  # the clocks Y-2 looks at


@dataclass
class _Case:
    """What Y-2 asks of a case: its dates, the first agreeing review and the first collective
    discussion (None: none), whether it is major and a penalty, and its clocks by rule."""

    case_no: str
    filed: dt.date
    decided: dt.date | None
    agreed: dt.date | None
    discussed: dt.date | None
    major: str | None
    penalty: bool
    clocks: dict[str, Clock]


def _candidates(start: dt.date, end: dt.date, on: dt.date) -> Any:
    """Decided in the year, or filed in it and still undecided on `on` (a case decided since
    was undecided then)."""
    return select(Case.id).where(or_(
        Case.decided_on.between(start, end),
        Case.filed_on.between(start, end) & or_(Case.decided_on.is_(None), Case.decided_on > on),
    ))


def _from_events(session: Session, start: dt.date, end: dt.date, on: dt.date,
                 cal: Calendar) -> Iterator[_Case]:
    """The record folded as it stood on `on`."""
    ids = _candidates(start, end, on)
    numbers = {i: n for i, n in session.execute(
        select(Case.id, Case.case_no).where(Case.id.in_(ids)))}
    for case_id, state in states(session, ids, until=on):
        decision = state["decision"]
        agreed = [r["on"] for r in state["reviews"] if r["outcome"] == "agree"]
        yield _Case(numbers[case_id], d(state["filed_on"]), d(decision["on"]) if decision else None,
                    d(min(agreed)) if agreed else None,
                    d(min(x["on"] for x in state["discussions"])) if state["discussions"] else None,
                    state["major"], bool(decision) and decision["proposal"]["outcome"] == "penalty",
                    {c.rule: c for c in case_clocks(state, cal, on) if c.rule in RULES})


def _from_cache(session: Session, start: dt.date, end: dt.date, on: dt.date,
                cal: Calendar) -> Iterator[_Case]:
    """Today or later the record is as it stands: the case table, the clock cache (clocks the
    cache cannot hold still, a paused limit or an outgrown provisional date, worked out again
    as `deadlines` does) and one query each for the reviews and discussions."""
    ids = _candidates(start, end, on)
    agreed: dict[int, dt.date] = {}
    for case_id, day, payload in session.execute(
            select(Event.case_id, Event.business_date, Event.payload)
            .where(Event.step == "case.review", Event.case_id.in_(ids))):
        if json.loads(payload)["outcome"] == "agree" and (
                case_id not in agreed or day < agreed[case_id]):
            agreed[case_id] = day
    discussed = {case_id: day for case_id, day in session.execute(
        select(Event.case_id, func.min(Event.business_date))
        .where(Event.step == "case.discuss", Event.case_id.in_(ids)).group_by(Event.case_id))}
    clocks: dict[int, dict[str, Clock]] = {}
    stale: set[int] = set()
    c = CaseClock
    for case_id, rule, due, unit, met_on, provisional, party, paused, warn in session.execute(
            select(c.case_id, c.rule, c.due, c.unit, c.met_on, c.provisional, c.party_window,
                   c.paused, c.warn_from).where(c.rule.in_(RULES), c.case_id.in_(ids))):
        if paused or (provisional and cal.has_data(due.year)):
            stale.add(case_id)
        clocks.setdefault(case_id, {})[rule] = Clock(rule, due, unit, met_on, provisional,
                                                     party_window=party, paused=paused,
                                                     warn_from=warn)
    ordered = sorted(stale)
    for first in range(0, len(ordered), 500):  # a bound list, within SQLite's variable limit
        for case_id, state in states(session, ordered[first:first + 500]):
            clocks[case_id] = {k.rule: k for k in case_clocks(state, cal, on) if k.rule in RULES}
    for case_id, case_no, filed, decided, outcome, major in session.execute(
            select(Case.id, Case.case_no, Case.filed_on, Case.decided_on, Case.outcome,
                   Case.major).where(Case.id.in_(ids)).order_by(Case.id)):
        yield _Case(case_no, filed, decided, agreed.get(case_id), discussed.get(case_id), major,
                    outcome == "penalty", clocks.get(case_id, {}))
