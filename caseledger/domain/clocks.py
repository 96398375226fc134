"""Clocks (every rule marked *clock* in RULES.md): a due date, a unit, and a state.

A clock never blocks a step: a late step is recorded, and its clock says `late`. States:
`running`, `paused` (a suspended decision limit), `met` (on time), `late` (met after its due date),
`breached` (still open past its due date). The party's own windows (N-2, N-3) run until they close
and are then `met`; they are never late or breached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from caseledger.domain.calendar import Calendar
from caseledger.domain.case_state import State, owed_fen
from caseledger.domain.disclosure import DUE_WORKING_DAYS, WARN_WORKING_DAYS
from caseledger.domain.penalty import Outcome, Proposal

LABELS = {
    "F-4": "立案", "R-5": "审核", "N-2": "陈述申辩期", "N-3": "听证申请期",
    "N-3-notice": "听证通知", "X-2": "作出决定",
    "S-1": "送达", "S-2": "缴纳罚款", "G-2": "公示", "G-5": "撤回公示", "K-2": "结案",
}
DECISION_DAYS, HEAD_EXTENSION_DAYS = 90, 30
FILING_DAYS, REVIEW_DAYS, SERVICE_DAYS, CLOSING_DAYS = 15, 10, 7, 15
HEARING_NOTICE_DAYS = 7  # working days between the hearing notice and the hearing
SURCHARGE_RATE_PER_DAY = 3  # percent of the fine per day late (APL Art. 72), capped at the fine


@dataclass(frozen=True)
class Clock:
    rule: str
    due: dt.date
    unit: str  # working | calendar
    met_on: dt.date | None
    provisional: bool
    party_window: bool = False
    paused: bool = False
    warn_from: dt.date | None = None
    extra: tuple[tuple[str, Any], ...] = ()

    def state(self, today: dt.date) -> str:
        if self.party_window:
            return "met" if self.met_on or today > self.due else "running"
        if self.met_on:
            return "met" if self.met_on <= self.due else "late"
        if today > self.due:
            return "breached"
        return "paused" if self.paused else "running"

    def view(self, today: dt.date, cal: Calendar) -> dict[str, Any]:
        state = self.state(today)
        days_left = None
        if state in ("running", "paused", "breached"):
            days_left = (cal.working_days_between(today, self.due) if self.unit == "working"
                         else (self.due - today).days)
        met_on = self.met_on if state in ("met", "late") else None
        if self.party_window and state == "met" and met_on is None:
            met_on = self.due  # the window closed
        out = {"clock": self.rule, "label": LABELS[self.rule], "due": self.due.isoformat(),
               "unit": self.unit, "state": state,
               "met_on": met_on.isoformat() if met_on else None,
               "days_left": days_left, "provisional": self.provisional}
        if self.warn_from is not None:
            out["warning"] = state == "running" and today >= self.warn_from
        out.update(dict(self.extra))
        return out


def d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def surcharge_fen(fine_fen: int, due: dt.date, paid_or_today: dt.date) -> int:
    """S-2: 3% of the fine for each day after the due date, never more than the fine."""
    days = max((paid_or_today - due).days, 0)
    return min(fine_fen * SURCHARGE_RATE_PER_DAY * days // 100, fine_fen)


def review_due(state: State, cal: Calendar) -> tuple[dt.date, bool]:
    """R-5: 10 working days from the latest proposal, plus the head's extensions of it."""
    extended = sum(e["days"] for e in state.get("review_extensions", ()))
    return cal.add_working_days(d(state["proposed_on"]), REVIEW_DAYS + extended)


def decision_due(state: State, cal: Calendar, today: dt.date) -> tuple[dt.date, bool, bool]:
    """X-2: filing + 90 days + 30 for the head's extension + excluded periods, moved once by D-2;
    an extension `--until DATE` replaces it. A suspension still open counts up to `today`.
    Returns (due, provisional, paused now)."""
    until = [e["until"] for e in state["extensions"] if e.get("until")]
    paused = bool(state["suspensions"]) and state["suspensions"][-1]["to"] is None
    if until:
        due = d(until[-1])
        return due, not cal.has_data(due.year), paused
    days = DECISION_DAYS + HEAD_EXTENSION_DAYS * sum(1 for e in state["extensions"] if e.get("days"))
    # A period still open counts up to today, or up to the decision that ended the limit.
    decision, terminated = state["decision"], state["terminated"]
    stop = d(decision["on"]) if decision else d(terminated["on"]) if terminated else today
    for period in state["suspensions"]:
        start, end = d(period["from"]), d(period["to"])
        days += max(((end or max(stop, start)) - start).days, 0)
    for h in [*state["past_hearings"], state["hearing"]]:
        if h.get("requested_on"):
            start = d(h["requested_on"])
            end = next((d(h[k]) for k in ("held_on", "withdrawn_on", "absent_on") if h.get(k)),
                       None)
            days += max(((end or max(stop, start)) - start).days, 0)
            paused = paused or end is None  # a pending hearing stops the limit too
    due, provisional = cal.add_calendar_days(d(state["filed_on"]), days)
    return due, provisional, paused


def case_clocks(state: State, cal: Calendar, today: dt.date) -> list[Clock]:
    """Every clock the case has started so far, in the order of the workflow."""
    clocks: list[Clock] = []
    filed = d(state["filed_on"])
    decision = state["decision"]
    decided = d(decision["on"]) if decision else None
    if state.get("lead_on"):
        days = FILING_DAYS * (2 if state.get("lead_extended") else 1)  # +15 with the head's approval
        due, prov = cal.add_working_days(d(state["lead_on"]), days)
        clocks.append(Clock("F-4", due, "working", filed, prov))
    if state["proposed_on"]:
        proposed = d(state["proposed_on"])
        due, prov = review_due(state, cal)
        met = next((d(r["on"]) for r in state["reviews"] if d(r["on"]) >= proposed), None)
        clocks.append(Clock("R-5", due, "working", met, prov))
    if state["notices"]:
        notice = state["notices"][-1]
        served = d(notice["on"])
        due, prov = cal.add_working_days(served, 5)
        statement = d(state["statement"]["on"]) if state["statement"] else None
        clocks.append(Clock("N-2", due, "working", statement, prov, party_window=True))
        if notice["hearing_right"]:
            h = state["hearing"]
            ended = d(h.get("requested_on") or h.get("waived_on"))
            clocks.append(Clock("N-3", due, "working", ended, prov, party_window=True))
    h = next((h for h in [state["hearing"], *reversed(state["past_hearings"])]
              if h.get("scheduled_for")), None)
    if h:
        # The latest hearing notice is served at least 7 working days before its hearing.
        due, prov = cal.working_days_before(d(h["scheduled_for"]), HEARING_NOTICE_DAYS)
        clocks.append(Clock("N-3-notice", due, "working", d(h["noticed_on"]), prov))
    due, prov, paused = decision_due(state, cal, today)
    ended = decided or d((state["terminated"] or {}).get("on"))
    clocks.append(Clock("X-2", due, "calendar", ended, prov, paused=paused and not ended))
    if decision:
        proposal = Proposal.from_payload(decision["proposal"])
        served = d(state["served"]["on"]) if state["served"] else None
        if proposal.outcome in (Outcome.PENALTY, Outcome.NO_PENALTY):  # a transfer is not served
            due, prov = cal.add_working_days(decided, SERVICE_DAYS)
            clocks.append(Clock("S-1", due, "working", served, prov))
        if served and owed_fen(state) > 0:
            # S-1: service by public notice takes effect 30 days after publication.
            effective = served + dt.timedelta(days=30 if state["served"]["method"] == "public-notice" else 0)
            due, prov = cal.add_calendar_days(effective, 15)
            paid = d(state["paid_on"]) if state["paid_fen"] >= owed_fen(state) else None
            charge = surcharge_fen(proposal.fine_fen, due, paid or today)
            from caseledger.domain.money import yuan_text

            clocks.append(Clock("S-2", due, "calendar", paid, prov,
                                extra=(("surcharge", yuan_text(charge)),)))
        needs_disclosure = (proposal.outcome.value == "penalty" and not proposal.warning_only)
        due, prov = cal.add_working_days(decided, DUE_WORKING_DAYS)
        revoked = d(decision["revoked_on"])
        # A decision revoked before its disclosure fell due no longer needs one.
        if needs_disclosure and (state["disclosure"] or not revoked or revoked > due):
            warn, _ = cal.add_working_days(decided, WARN_WORKING_DAYS)
            disclosed = d(state["disclosure"]["on"]) if state["disclosure"] else None
            clocks.append(Clock("G-2", due, "working", disclosed, prov, warn_from=warn))
        if decision["revoked_on"] and state["disclosure"] and \
                state["disclosure"]["on"] <= decision["revoked_on"]:
            due, prov = cal.add_working_days(d(decision["revoked_on"]), 3)
            clocks.append(Clock("G-5", due, "working", d(state["disclosure"]["withdrawn_on"]),
                                prov))
    ground = closing_ground(state)
    if ground:
        due, prov = cal.add_working_days(ground, CLOSING_DAYS)
        clocks.append(Clock("K-2", due, "working", d((state["closed"] or {}).get("on")), prov))
    return clocks


def closing_ground(state: State) -> dt.date | None:
    """K-1's ground, dated: execution, termination, or a no-penalty or transfer decision."""
    if state["terminated"]:
        return d(state["terminated"]["on"])
    decision = state["decision"]
    if not decision:
        return None
    outcome = decision["proposal"]["outcome"]
    if outcome != "penalty":
        return d(state["transfer"]["on"]) if state["transfer"] else d(decision["on"])
    if owed_fen(state) == 0:
        return d(state["served"]["on"]) if state["served"] else None
    return d(state["paid_on"]) if state["paid_fen"] >= owed_fen(state) else None
