"""Disclosure (公示, rules G-1..G-5): the record made public, its due date and its end date."""

from __future__ import annotations

import calendar as months
import datetime as dt
from typing import Any

from caseledger.domain.calendar import DEFAULT, Calendar
from caseledger.domain.identifiers import PartyKind, mask_other, mask_resident_id
from caseledger.domain.money import parse_yuan, to_fen
from caseledger.domain.penalty import Proposal, Sanction

DUE_WORKING_DAYS = 20  # G-2 (SDR Art. 9)
WARN_WORKING_DAYS = 7  # G-2: the TSG target for penalty decisions
SHORT_SANCTIONS = frozenset({Sanction.WARNING, Sanction.CRITICISM, Sanction.FINE})


def due(decided_on: dt.date, cal: Calendar = DEFAULT) -> tuple[dt.date, bool]:
    """G-2: due within 20 working days of the decision; (date, provisional)."""
    return cal.add_working_days(decided_on, DUE_WORKING_DAYS)


def add_months(day: dt.date, n: int) -> dt.date:
    month = day.month - 1 + n
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, months.monthrange(year, month)[1]))


def period_months(proposal: Proposal, party_kind: str, settings: dict[str, str]) -> int:
    """G-4: 3 months for a notice of criticism or a low fine, otherwise 3 years; a restriction
    longer than 3 years stays published for its length."""
    natural = PartyKind(party_kind).is_natural_person
    low = to_fen(parse_yuan(settings["low_fine_person" if natural else "low_fine_org"],
                            bounded=False))
    sanctions = set(proposal.sanctions)
    if sanctions <= SHORT_SANCTIONS and proposal.fine_fen < low:
        return 3
    return max(36, proposal.restriction_months or 0)


def public_id(party_kind: str, party_id: str) -> str:
    """G-3: an organisation's or individual business's credit code in full; a resident ID keeps
    its first 6 and last 4 characters; any other identifier at most its first 2 and last 2."""
    kind = PartyKind(party_kind)
    if kind.has_credit_code:
        return party_id
    if kind is PartyKind.PERSON:
        return mask_resident_id(party_id)
    return mask_other(party_id)


def record(
    *, decision_no: str | None, party_kind: str, party_name: str, party_id: str, violation: str,
    proposal: Proposal, bureau: str, decided_on: dt.date,
) -> dict[str, Any]:
    """G-3: exactly what is published; no addresses, phone numbers or bank accounts."""
    return {
        "decision_no": decision_no,
        "party_name": party_name,
        "party_id": public_id(party_kind, party_id),
        "violation": violation,
        "penalty": proposal.content(),
        "bureau": bureau,
        "decided_on": decided_on.isoformat(),
    }


def published(state: dict[str, Any], on: dt.date, settings: dict[str, str],
              cal: Calendar = DEFAULT) -> dict[str, Any]:
    """What a disclosure on `on` fixes: the G-3 record, its G-2 due date and lateness, and its
    G-4 end date. The disclose step stores it; `verify` derives it again and compares."""
    decision = state["decision"]
    proposal = Proposal.from_payload(decision["proposal"])
    decided_on = dt.date.fromisoformat(decision["on"])
    when, provisional = due(decided_on, cal)
    months = period_months(proposal, state["party_kind"], settings)
    return {
        "record": record(
            decision_no=decision["number"], party_kind=state["party_kind"],
            party_name=state["party_name"], party_id=state["party_id"],
            violation=state["violation"], proposal=proposal, bureau=settings["bureau"],
            decided_on=decided_on),
        "due": when.isoformat(),
        "late": on > when,
        "provisional": provisional,  # D-3: due computed from weekends alone
        "until": add_months(on, months).isoformat(),
    }
