"""`export cases|events|disclosures`: records handed out as CSV (UTF-8 with BOM), JSON or XLSX.

Case rows use the import columns of CLI.md, so `export cases` reads back in through `import`.
Disclosures are the published, masked records (G-3) with their end dates (G-4).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseledger.domain.case_state import State
from caseledger.domain.dates import check_year
from caseledger.domain.disclosure import public_id
from caseledger.domain.money import yuan_text
from caseledger.domain.penalty import KIND_ONLY, Proposal, Sanction
from caseledger.services.clocks import states
from caseledger.store.models import Case, Event

CASE_COLUMNS = (
    "case_no", "domain", "party_kind", "party_name", "party_id", "violation", "officers",
    "approved_by", "filed_on", "source", "major", "campaign", "proposal_basis", "warning", "fine",
    "confiscated_gains", "sanctions", "discretion", "reviewer", "reviewed_on", "notified_on",
    "statement_on", "hearing_requested_on", "hearing_held_on", "discussed_on", "decided_by",
    "decided_on", "outcome", "decision_no", "served_on", "paid_on", "disclosed_on",
    "transferred_to", "transferred_on", "police_accepted_on", "closed_on", "closed_by", "typical",
    "proposed_on", "review_opinion", "served_method", "discussion_conclusion",
    "restriction_months", "party_address", "legal_rep", "facts", "evidence",
)
EVENT_COLUMNS = ("seq", "case_no", "step", "detail", "business_date", "actor", "responsible",
                 "recorded_at", "payload", "prev_hash", "hash")
DISCLOSURE_COLUMNS = ("case_no", "decision_no", "party_name", "party_id", "violation", "penalty",
                      "bureau", "decided_on", "disclosed_on", "until", "withdrawn_on", "url")


def _case_ids(year: int | None) -> Any:
    """The cases filed in `year` (all when None), as a subquery: a list would bind one SQL
    variable per case, past SQLite's limit (32,766 by default) on a large ledger."""
    query = select(Case.id)
    if year is not None:
        query = query.where(Case.filed_on.between(dt.date(check_year(year, "--year"), 1, 1),
                                                  dt.date(year, 12, 31)))
    return query


def case_rows(session: Session, year: int | None = None) -> Iterator[dict[str, Any]]:
    numbers = {i: n for i, n in session.execute(select(Case.id, Case.case_no))}
    for case_id, state in states(session, _case_ids(year) if year is not None else None):
        yield case_row(numbers[case_id], state)


def case_row(case_no: str, s: State) -> dict[str, Any]:
    decision = s["decision"]
    raw = decision["proposal"] if decision else s["proposal"]
    p = Proposal.from_payload(raw) if raw else None
    agreeing = [r for r in s["reviews"] if r["outcome"] == "agree"]
    review = agreeing[-1] if agreeing else None
    notice = s["notices"][-1] if s["notices"] else None
    discussion = s["discussions"][-1] if s["discussions"] else None
    transfer = s["transfer"]
    outcome = None
    if decision:
        outcome = p.outcome.value + (f":{p.ground.value}" if p.ground else "")
    hearing = s["hearing"]
    return {
        "case_no": case_no, "domain": s["domain"], "party_kind": s["party_kind"],
        "party_name": s["party_name"], "party_id": s["party_id"], "violation": s["violation"],
        "officers": ",".join(s["officers"]), "approved_by": s["approved_by"],
        "filed_on": s["filed_on"], "source": s["source"], "major": s["major"],
        "campaign": s["campaign"],
        "proposal_basis": p.basis if p else None,
        "warning": ("yes" if Sanction.WARNING in p.sanctions else "no") if p else None,
        "fine": yuan_text(p.fine_fen) if p and p.fine_fen else None,
        "confiscated_gains": yuan_text(p.gains_fen) if p and p.gains_fen else None,
        "sanctions": "、".join(k.value for k in p.sanctions if k in KIND_ONLY) or None if p else None,
        "discretion": p.discretion.value if p and p.discretion else None,
        "reviewer": review["reviewer"] if review else None,
        "reviewed_on": review["on"] if review else None,
        "notified_on": notice["on"] if notice else None,
        "statement_on": s["statement"]["on"] if s["statement"] else None,
        "hearing_requested_on": hearing.get("requested_on"),
        "hearing_held_on": hearing.get("held_on"),
        "discussed_on": discussion["on"] if discussion else None,
        "decided_by": decision["by"] if decision else None,
        "decided_on": decision["on"] if decision else None,
        "outcome": outcome,
        "decision_no": decision["number"] if decision else None,
        "served_on": s["served"]["on"] if s["served"] else None,
        "paid_on": s["paid_on"],
        "disclosed_on": s["disclosure"]["on"] if s["disclosure"] else None,
        "transferred_to": (transfer["agency"] or transfer["to"]) if transfer else None,
        "transferred_on": transfer["on"] if transfer else None,
        "police_accepted_on": transfer["accepted_on"] if transfer else None,
        "closed_on": s["closed"]["on"] if s["closed"] else None,
        "closed_by": s["closed"]["by"] if s["closed"] else None,
        "typical": "、".join(s["typical"]) or None,
        "proposed_on": s["proposed_on"],
        "review_opinion": review["opinion"] if review else None,
        "served_method": s["served"]["method"] if s["served"] else None,
        "discussion_conclusion": discussion["conclusion"] if discussion else None,
        "restriction_months": p.restriction_months if p else None,
        "party_address": s.get("party_address"), "legal_rep": s.get("legal_rep"),
        "facts": s.get("facts"), "evidence": "；".join(s.get("evidence") or []) or None,
    }


def event_rows(session: Session, year: int | None = None) -> Iterator[dict[str, Any]]:
    numbers = {i: n for i, n in session.execute(select(Case.id, Case.case_no))}
    query = select(Event).order_by(Event.seq)
    if year is not None:
        query = query.where(Event.business_date.between(dt.date(check_year(year, "--year"), 1, 1),
                                                        dt.date(year, 12, 31)))
    for e in session.execute(query.execution_options(yield_per=2000)).scalars():
        yield {"seq": e.seq, "case_no": numbers.get(e.case_id), "step": e.step,
               "detail": e.detail, "business_date": e.business_date.isoformat(),
               "actor": e.actor, "responsible": e.responsible,
               "recorded_at": e.recorded_at.isoformat().replace("+00:00", "Z"),
               "payload": json.loads(e.payload), "prev_hash": e.prev_hash, "hash": e.hash}


def disclosure_rows(session: Session, year: int | None = None) -> Iterator[dict[str, Any]]:
    if year is not None:
        check_year(year, "--year")
    numbers = {i: n for i, n in session.execute(select(Case.id, Case.case_no))}
    disclosed = select(Event.case_id).where(Event.step == "case.disclose")  # a subquery, as above
    for case_id, s in states(session, disclosed):
        d = s["disclosure"]
        if not d or (year is not None and not d["on"].startswith(f"{year}-")):
            continue
        # Masked again from the case: a record disclosed under rules edition 1 kept more of an
        # `other` party's identifier than G-3 now allows (rules.EDITION).
        record = d["record"] | {"party_id": public_id(s["party_kind"], s["party_id"])}
        yield {"case_no": numbers[case_id], **record, "disclosed_on": d["on"],
               "until": d["until"], "withdrawn_on": d["withdrawn_on"], "url": d.get("url")}


EXPORTS = {
    "cases": (case_rows, CASE_COLUMNS),
    "events": (event_rows, EVENT_COLUMNS),
    "disclosures": (disclosure_rows, DISCLOSURE_COLUMNS),
}
