"""Cases: filing (立案, rules F-1..F-3, P-1, P-3, P-4) and reading them back."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from caseledger.domain import dates
from caseledger.domain.case_state import STATUS_LABELS, State, fold, owed_fen
from caseledger.domain.errors import InputError, NotFound, Refused
from caseledger.domain.filing import MajorReason, Source, check_filing
from caseledger.domain.identifiers import PartyKind, normalise
from caseledger.domain.lang import t
from caseledger.domain.money import yuan_text
from caseledger.domain.numbering import format_number
from caseledger.domain.penalty import Outcome, Proposal
from caseledger.domain.people import handling_officer_problems, head_problems, may_act
from caseledger.domain.vocabulary import domain
from caseledger.domain.workflow import STEP_LABELS
from caseledger.services import ledger
from caseledger.services import staff as staff_service
from caseledger.store import chain
from caseledger.store.bulk import PlainCase, PlainOfficer
from caseledger.store.models import Case, CaseOfficer, Event

UNDECIDED = ("filed", "proposed", "reviewed", "notified")


def open_case(session: Session, actor_login: str, **fields: Any) -> dict[str, Any]:
    """立案 (the fields of `file_case`); returns the case as `case show` shows it."""
    return show(session, file_case(session, actor_login, **fields))


def file_case(
    session: Session,
    actor_login: str,
    *,
    domain_key: str,
    party_kind: str,
    party_name: str,
    party_id: str,
    party_id_type: str | None,
    violation: str,
    officers: list[str],
    approved_by: str | None,
    on: str | None,
    source: str | None = None,
    lead_on: str | None = None,
    major: str | None = None,
    campaign: str | None = None,
    lead_extended: bool = False,
    party_address: str | None = None,
    legal_rep: str | None = None,
) -> Case:
    """File a case: check its input, its people and its approver, number it, record it.
    `lead_extended`: the approving head also extended F-4's 15 working days by 15 more."""
    head = chain.lock(session)
    filing = check_filing(
        domain_key=domain_key, kind=party_kind, party_name=party_name, party_id=party_id,
        party_id_type=party_id_type, violation=violation, officers=officers,
        approved_by=approved_by or actor_login, on=on, source=source, lead_on=lead_on,
        major=major, campaign=campaign, lead_extended=lead_extended,
        party_address=party_address, legal_rep=legal_rep,
    )
    actor = staff_service.view(staff_service.find(session, actor_login,
                                                  t("记录人（--as）", "recorder (--as)")))
    officer_rows = [staff_service.find(session, login, t("执法人员", "officer"))
                    for login in filing.officers]
    approver = staff_service.view(
        staff_service.find(session, filing.approved_by,
                           t("立案审批负责人（--approved-by）", "approving head (--approved-by)"))
    )
    problems = may_act(actor, t("记录人", "the recorder"))
    problems += handling_officer_problems(
        [staff_service.view(r) for r in officer_rows], filing.filed_on
    )
    problems += head_problems(approver, t("立案", "filing (立案)"))
    if problems:
        raise Refused(problems)

    cfg = ledger.settings(session)
    year = filing.filed_on.year
    seq = chain.next_number(session, "case", year)
    case_no = format_number(cfg["case_no_pattern"], cfg["prefix"], year, seq)
    bulk = session.info.get("bulk")
    row = (Case if bulk is None else PlainCase)(
        case_no=case_no, year=year, seq=seq, domain=filing.domain,
        party_kind=filing.party_kind.value, party_name=filing.party_name,
        party_id=filing.party_id, party_id_type=filing.party_id_type,
        violation=filing.violation, source=filing.source.value if filing.source else None,
        lead_on=filing.lead_on, major=filing.major.value if filing.major else None,
        campaign=filing.campaign, filed_on=filing.filed_on, approved_by=approver.login,
        status="filed", fine_fen=0, gains_fen=0,
    )
    officer = CaseOfficer if bulk is None else PlainOfficer
    row.officers = [officer(staff_id=r.id, position=i) for i, r in enumerate(officer_rows)]
    if bulk is not None:
        bulk.add_case(row)  # written with its batch (store.bulk)
    else:
        session.add(row)
        session.flush()
    payload = {
        "case_no": case_no, "year": year, "seq": seq, "domain": row.domain,
        "party_kind": row.party_kind, "party_name": row.party_name, "party_id": row.party_id,
        "party_id_type": row.party_id_type, "violation": row.violation, "source": row.source,
        "lead_on": row.lead_on.isoformat() if row.lead_on else None, "major": row.major,
        "campaign": row.campaign, "approved_by": approver.login,
        "officers": [r.login for r in officer_rows],
    } | ({"lead_extended": True} if filing.lead_extended else {}) \
        | ({"party_address": filing.party_address} if filing.party_address else {}) \
        | ({"legal_rep": filing.legal_rep} if filing.legal_rep else {})
    chain.append(
        session, head, step="case.open", business_date=filing.filed_on, actor=actor.login,
        responsible=approver.login, case_id=row.id, payload=payload,
    )
    from caseledger.services import calendar, clocks, tally

    tally.add(session, row, "case.open", None, filing.filed_on, payload)

    state = fold([("case.open", filing.filed_on.isoformat(), payload)])
    session.info.setdefault("states", {})[row.id] = state
    clocks.store(session, row.id, state, calendar.load(session))
    return row


SHORT_ID = re.compile(r"([0-9]{4})-([0-9]{1,9})")


def find(session: Session, ref: str) -> Case:
    """A case by its number (广区市监立〔2023〕17号) or its short id (2023-17)."""
    text = ref.strip()
    short = SHORT_ID.fullmatch(text)  # ASCII digits of sane length: 2026-9999999999... is no id
    if short:
        query = select(Case).where(Case.year == int(short[1]), Case.seq == int(short[2]))
    else:
        query = select(Case).where(Case.case_no == text)
    row = session.execute(query).scalar_one_or_none()
    if row is None:
        raise NotFound(t(f"案件 {ref!r}（请给出案号或简短编号，如 2023-17）",
                         f"case {ref!r} (give its case number or short id such as 2023-17)"))
    return row


def short_id(row: Case) -> str:
    return f"{row.year}-{row.seq}"


def clocks(session: Session, state: State, today: dt.date) -> list[dict[str, Any]]:
    """The case's clocks as CLI.md's JSON shows them."""
    from caseledger.domain.clocks import case_clocks
    from caseledger.services.calendar import load

    cal = load(session)
    return [c.view(today, cal) for c in case_clocks(state, cal, today)]


def is_overdue(session: Session, row: Case, today: dt.date) -> bool:
    """Undecided and past the X-2 decision limit (extensions and excluded periods counted)."""
    from caseledger.domain.clocks import decision_due
    from caseledger.services.calendar import load

    if row.status not in UNDECIDED:
        return False
    return decision_due(load_state(session, row), load(session), today)[0] < today


def _label(enum: Any, value: str | None) -> str | None:
    return enum(value).label if value else None


def summary(row: Case) -> dict[str, Any]:
    d = domain(row.domain)
    return {
        "case_no": row.case_no,
        "short_id": short_id(row),
        "filed_on": row.filed_on.isoformat(),
        "domain": row.domain,
        "domain_label": d.label,
        "party_kind": row.party_kind,
        "party_name": row.party_name,
        "party_id": row.party_id,
        "status": row.status,
        "status_label": STATUS_LABELS[row.status],
        "major": row.major,
    }


def load_state(session: Session, row: Case) -> State:
    """The case's state folded from its own events (the record, not the cached row)."""
    events = session.execute(
        select(Event.step, Event.business_date, Event.payload)
        .where(Event.case_id == row.id).order_by(Event.seq)
    )
    state = fold((step, on.isoformat(), json.loads(p)) for step, on, p in events)
    if state is None:
        raise NotFound(t(f"案件 {row.case_no} 没有事件记录（请运行 `caseledger verify`）",
                         f"case {row.case_no} has no events (run `caseledger verify`)"))
    return state


def disclosure_state(state: State, today: dt.date) -> str:
    """not-required, pending, disclosed, withdrawn or expired (CLI.md)."""
    d = state["disclosure"]
    if d:
        if d["withdrawn_on"]:
            return "withdrawn"
        return "expired" if dt.date.fromisoformat(d["until"]) < today else "disclosed"
    decision = state["decision"]
    if not decision or decision["proposal"]["outcome"] != "penalty" or decision["revoked_on"]:
        return "not-required"
    if Proposal.from_payload(decision["proposal"]).warning_only:
        return "not-required"
    return "pending"


def _proposal_view(p: dict[str, Any] | None) -> dict[str, Any] | None:
    if p is None:
        return None
    proposal = Proposal.from_payload(p)
    return {
        "outcome": proposal.outcome.value,
        "outcome_label": proposal.outcome.label,
        "sanctions": [s.value for s in proposal.sanctions],
        "sanction_labels": [s.label for s in proposal.sanctions],
        "fine": yuan_text(proposal.fine_fen),
        "confiscated_gains": yuan_text(proposal.gains_fen),
        "confiscated_property": proposal.confiscated_property,
        "basis": proposal.basis,
        "discretion": proposal.discretion.value if proposal.discretion else None,
        "discretion_ref": proposal.discretion_ref,
        "ground": proposal.ground.value if proposal.ground else None,
        "ground_label": proposal.ground.label if proposal.ground else None,
        "content": proposal.content(),
    }


def show(session: Session, row: Case, on: str | None = None) -> dict[str, Any]:
    """Everything about the case; its clocks as of `on` (default today)."""
    d = domain(row.domain)
    state = load_state(session, row)
    today = dates.parse_date(on, "--on") if on else dates.today()
    decision = state["decision"]
    events = session.execute(
        select(Event.seq).where(Event.case_id == row.id).order_by(Event.seq.desc()).limit(1)
    ).scalar()
    return {
        "case_no": row.case_no,
        "short_id": short_id(row),
        "status": row.status,
        "status_label": STATUS_LABELS[row.status],
        "domain": row.domain,
        "domain_label": d.label,
        "group": d.group,
        "group_label": d.group_label,
        "party": {
            "kind": row.party_kind,
            "kind_label": PartyKind(row.party_kind).label,
            "name": row.party_name,
            "id": row.party_id,
            "id_type": row.party_id_type,
            "address": state.get("party_address"),
            "legal_rep": state.get("legal_rep"),
        },
        "violation": row.violation,
        "source": row.source,
        "source_label": _label(Source, row.source),
        "lead_on": row.lead_on.isoformat() if row.lead_on else None,
        "lead_extended": state.get("lead_extended", False),
        "major": row.major,
        "major_label": _label(MajorReason, row.major),
        "review_kind": "legal" if row.major else "case",
        "campaign": row.campaign,
        "typical": state["typical"],
        "filed_on": row.filed_on.isoformat(),
        "approved_by": row.approved_by,
        "officers": [{"login": o.staff.login, "name": o.staff.name} for o in row.officers],
        "proposal": _proposal_view(state["proposal"]),
        "proposed_on": state["proposed_on"],
        "facts": state.get("facts"),
        "evidence": state.get("evidence", []),
        "documents": [{"kind": kind, "number": d["number"], "dated": d["dated"],
                       "issued": len(d["issued"])}
                      for kind, d in state.get("documents", {}).items()],
        "reviews": state["reviews"],
        "notices": [{"on": n["on"], "hearing_right": n["hearing_right"],
                     "proposal": _proposal_view(n["proposal"])} for n in state["notices"]],
        "statement": state["statement"],
        "hearing": state["hearing"] or None,
        "discussions": state["discussions"],
        "extensions": state["extensions"],
        "review_extensions": state.get("review_extensions", []),
        "suspensions": state["suspensions"],
        "decision": None if decision is None else {
            "outcome": decision["proposal"]["outcome"],
            "outcome_label": Outcome(decision["proposal"]["outcome"]).label,
            "decided_on": decision["on"],
            "decision_no": decision["number"],
            "by": decision["by"],
            "penalty": _proposal_view(decision["proposal"]),
            "revoked_on": decision["revoked_on"],
        },
        "served": state["served"],
        "paid": yuan_text(state["paid_fen"]),
        "owed": yuan_text(max(owed_fen(state) - state["paid_fen"], 0)),
        "disclosure": disclosure_state(state, today),
        "disclosure_record": state["disclosure"],
        "transfer": state["transfer"],
        "terminated": state["terminated"],
        "closed": state["closed"],
        "clocks": clocks(session, state, today),
        "overdue": is_overdue(session, row, today),
        "last_event": events,
    }


def history(session: Session, row: Case) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Event).where(Event.case_id == row.id).order_by(Event.seq)
    ).scalars()
    return [event_dict(e, row.case_no) for e in rows]


def event_dict(e: Event, case_no: str | None = None) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "case_no": case_no,
        "step": e.step,
        "step_label": STEP_LABELS.get(e.step, e.step),
        "detail": e.detail,
        "business_date": e.business_date.isoformat(),
        "actor": e.actor,
        "responsible": e.responsible,
        "recorded_at": e.recorded_at.isoformat().replace("+00:00", "Z"),
        "payload": json.loads(e.payload),
        "hash": e.hash,
    }


def list_cases(
    session: Session,
    *,
    year: int | None = None,
    domain_key: str | None = None,
    status: str | None = None,
    party: str | None = None,
    overdue: bool = False,
) -> Iterator[dict[str, Any]]:
    """The cases asked for, oldest filing first, one at a time (a province's list is long):
    read them within the session."""
    query: Select[tuple[Case]] = select(Case).order_by(Case.filed_on, Case.year, Case.seq)
    if year is not None:
        query = query.where(Case.year == year)
    if domain_key:
        query = query.where(Case.domain == domain(domain_key).key)
    if status:
        if status not in STATUS_LABELS:
            raise InputError(t(f"未知的状态 {status!r}；可选："
                               f"{'、'.join(f'{k}（{v}）' for k, v in STATUS_LABELS.items())}",
                               f"unknown status {status!r}; one of: {', '.join(STATUS_LABELS)}"))
        query = query.where(Case.status == status)
    if party:
        query = query.where(Case.party_id == normalise(party))
    if overdue:
        query = query.where(Case.status.in_(UNDECIDED))
    today = dates.today()
    rows = session.execute(query.execution_options(yield_per=1000)).scalars()
    return (summary(r) for r in rows if not overdue or is_overdue(session, r, today))


def party_history(session: Session, party: str) -> dict[str, Any]:
    """A party's cases, and per domain whether a first-violation ground (X-5) is open to it."""
    ident = normalise(party)
    rows = session.execute(
        select(Case).where(Case.party_id.in_({ident, party.strip()})).order_by(Case.filed_on)
    ).scalars().all()
    if not rows:
        raise NotFound(t(f"当事人 {party!r}：台账中没有使用该证件号码的案件",
                         f"party {party!r}: no case on the ledger names this identifier"))
    years = int(ledger.settings(session)["first_violation_years"])
    today = dates.today()
    first: list[dict[str, Any]] = []
    for key in dict.fromkeys(r.domain for r in rows):
        blocking = prior_penalties(session, rows[0].party_id, key, today, years)
        first.append({
            "domain": key,
            "domain_label": domain(key).label,
            "first_violation_open": not blocking,
            "blocked_by": blocking[-1][0] if blocking else None,
        })
    return {
        "party_id": rows[0].party_id,
        "party_kind": rows[0].party_kind,
        "names": list(dict.fromkeys(r.party_name for r in rows)),
        "look_back_years": years,
        "cases": [summary(r) for r in rows],
        "first_violation": first,
    }


def prior_penalties(session: Session, party_id: str, domain_key: str, on: dt.date, years: int,
                    exclude: int | None = None) -> list[tuple[str, dt.date]]:
    """X-5: penalty decisions against the party in the domain within the look-back window
    ending on `on`, oldest first; a revoked decision does not count."""
    since = _years_before(on, years)
    rows = session.execute(
        select(Case).where(
            Case.party_id == party_id, Case.domain == domain_key, Case.id != (exclude or -1),
            Case.outcome == "penalty", Case.decided_on >= since, Case.decided_on <= on,
        ).order_by(Case.decided_on)
    ).scalars()
    found = [(r.case_no, r.decided_on) for r in rows
             if not load_state(session, r)["decision"]["revoked_on"]]
    bulk = session.info.get("bulk")
    if bulk is not None:  # an import's cases not yet written (it never revokes)
        found += [(r.case_no, r.decided_on) for r in bulk.pending_cases()
                  if r.party_id == party_id and r.domain == domain_key and r.id != exclude
                  and r.outcome == "penalty" and r.decided_on and since <= r.decided_on <= on]
        found.sort(key=lambda f: f[1])
    return found


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
