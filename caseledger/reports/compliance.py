"""`report compliance` (rule Y-2): for the decisions dated in the year, evaluated as of a date,
what went wrong — each count with the cases behind it.

A disclosure is *late* when made after its G-2 due date and *missing* when not made and past it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from caseledger.domain.clocks import case_clocks
from caseledger.services.calendar import load
from caseledger.services.clocks import states
from caseledger.store.models import Case, ChainHead

KEYS = ("decisions", "decisions_without_review", "major_decisions_without_discussion",
        "decisions_late", "services_late", "disclosures_due", "disclosures_late",
        "disclosures_missing", "withdrawals_late", "open_past_limit")


def compliance_report(session: Session, year: int, on: dt.date) -> dict[str, Any]:
    from caseledger.domain.dates import check_year

    start, end = dt.date(check_year(year), 1, 1), dt.date(year, 12, 31)
    cal = load(session)
    # Decided in the year, or filed in it and still undecided on `on` (a case decided since
    # was undecided then; the fold below reads the record as it stood on `on`).
    ids = select(Case.id).where(or_(
        Case.decided_on.between(start, end),
        Case.filed_on.between(start, end) & or_(Case.decided_on.is_(None), Case.decided_on > on),
    ))
    numbers = {i: n for i, n in session.execute(
        select(Case.id, Case.case_no).where(Case.id.in_(ids)))}
    counts = dict.fromkeys(KEYS, 0)
    problems: list[dict[str, str]] = []
    days_to_decision: list[int] = []

    def flag(key: str, case_no: str, rule: str, detail: str) -> None:
        counts[key] += 1
        problems.append({"case_no": case_no, "rule": rule, "detail": detail})

    for case_id, state in states(session, ids, until=on):
        case_no = numbers[case_id]
        clocks = {c.rule: c for c in case_clocks(state, cal, on)}
        decision = state["decision"]
        if decision is None or not start <= dt.date.fromisoformat(decision["on"]) <= end:
            x2 = clocks["X-2"]
            if dt.date.fromisoformat(state["filed_on"]).year == year and x2.state(on) == "breached":
                flag("open_past_limit", case_no, "X-2",
                     f"undecided; the decision was due on {x2.due}")
            continue
        decided = decision["on"]
        counts["decisions"] += 1
        days_to_decision.append(
            (dt.date.fromisoformat(decided) - dt.date.fromisoformat(state["filed_on"])).days)
        agreeing = [r for r in state["reviews"] if r["outcome"] == "agree" and r["on"] <= decided]
        if not agreeing:
            flag("decisions_without_review", case_no, "R-1", f"decided {decided} without an "
                 "agreeing review")
        if state["major"] and decision["proposal"]["outcome"] == "penalty" and not any(
                x["on"] <= decided for x in state["discussions"]):
            flag("major_decisions_without_discussion", case_no, "C-1",
                 f"major case ({state['major']}) decided {decided} without a collective discussion")
        for rule, key, what in (("X-2", "decisions_late", "decided"),
                                ("S-1", "services_late", "served")):
            clock = clocks.get(rule)
            if clock and clock.state(on) in ("late", "breached"):
                when = f"{what} {clock.met_on}" if clock.met_on else f"not {what}"
                flag(key, case_no, rule, f"{when}; due {clock.due}")
        g2 = clocks.get("G-2")
        if g2:
            counts["disclosures_due"] += 1
            if g2.state(on) == "late":
                flag("disclosures_late", case_no, "G-2", f"disclosed {g2.met_on}; due {g2.due}")
            elif g2.state(on) == "breached":
                flag("disclosures_missing", case_no, "G-2", f"not disclosed; due {g2.due}")
        g5 = clocks.get("G-5")
        if g5 and g5.state(on) in ("late", "breached"):
            when = f"withdrawn {g5.met_on}" if g5.met_on else "not withdrawn"
            flag("withdrawals_late", case_no, "G-5", f"{when}; due {g5.due}")
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
