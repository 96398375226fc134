"""The gates replayed (rule A-5): `verify` asks, of every event, whether the rules would have let
it be recorded on its business date with the ledger as it stood just before it.

It asks the same functions the commands ask: the workflow table's gates (`workflow.check`) with
the request read back from the payload, the filing's people rules (P-1, P-3), the recorder's
standing (P-4) and the admin role for staff, settings and calendar changes (P-5). Input checks
(F-1, F-2, text and bounds) are not replayed: they may only have grown stricter since an event was
recorded, and a stored value's spelling is checked by the hash.

A working-day count can differ from the one made at the time when the bundled holiday schedule
gained a year since (D-3): a step is refused only when it fails under the calendar as it is now
and under the calendar of weekends and entered days alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from caseledger.domain import workflow
from caseledger.domain.calendar import Calendar
from caseledger.domain.case_state import State
from caseledger.domain.errors import Problem
from caseledger.domain.lang import t
from caseledger.domain.penalty import Ground
from caseledger.domain.people import (
    Role,
    StaffView,
    admin_problems,
    handling_officer_problems,
    head_problems,
    may_act,
)

ADMIN_STEPS = frozenset({"staff.add", "staff.retire", "staff.key", "settings.set",
                         "calendar.set"})


def staff_view(login: str, member: dict[str, Any]) -> StaffView:
    """A staff member as the events up to now describe them."""
    until = member["cert_until"]
    return StaffView(
        login=login, name=member["name"],
        roles=frozenset(Role(r) for r in member["roles"].split(",") if r),
        cert_no=member["cert_no"],
        cert_until=dt.date.fromisoformat(until) if until else None,
        legal_qualified=member["legal_qualified"], active=member["active"],
        public_key=member.get("public_key"))


class Replay:
    """The gate checks of one walk through the chain. `cases` holds the states as of the event
    checked (verify's `States`: it can also name a party's cases, for X-5)."""

    def __init__(self) -> None:
        self._views: dict[str, StaffView] = {}

    def forget_staff(self) -> None:
        """Called after every event outside a case (the roster may have changed)."""
        self._views.clear()

    def problems(
        self, *, step: str, on: dt.date, actor: str, responsible: str | None,
        payload: dict[str, Any], case_id: int | None, cases: Any,
        staff: dict[str, dict[str, Any]], settings: dict[str, str],
        calendars: Callable[[], list[Calendar]],
    ) -> list[Problem]:
        """What the rules would have refused of this event (empty when it stands)."""
        def person(login: str | None) -> StaffView | None:
            view = self._views.get(login or "")
            if view is None:
                member = staff.get(login or "")
                if not (login and member):
                    return None
                view = self._views[login] = staff_view(login, member)
            return view

        def unknown(login: str, rule: str = "P-4") -> Problem:
            return Problem(rule, t(f"此时 {login!r} 不在人员名单中",
                                   f"{login!r} is not on the staff list at this point"), "")

        recorder = person(actor)
        if recorder is None:
            return [] if step == "ledger.init" and not staff else [unknown(actor)]
        problems = may_act(recorder, t("记录人", "the recorder"))
        if step in ADMIN_STEPS:
            return problems + admin_problems(recorder)
        if step == "case.open":
            officers = [person(o) for o in payload["officers"]]
            approver = person(payload["approved_by"])
            problems += [unknown(o, "P-1") for o, p in zip(payload["officers"], officers,
                                                            strict=True) if p is None]
            problems += handling_officer_problems([o for o in officers if o], on)
            problems += head_problems(approver, t("立案", "filing (立案)")) if approver else [
                unknown(payload["approved_by"], "P-3")]
            return problems
        step_def = workflow.EVENT_STEPS.get(step)
        if step_def is None or case_id is None:
            return problems
        state = cases[case_id]
        request = workflow.recorded_request(step_def, payload)
        who = person(responsible) if responsible else recorder
        if who is None:
            return problems + [unknown(responsible or "")]
        prior = self._prior(case_id, state, on, cases, settings) \
            if "X-5" in step_def.gates else []
        found: list[Problem] = []
        for calendar in calendars():
            ctx = workflow.Context(state=state, on=on, request=request, responsible=who,
                                   settings=settings, calendar=calendar, prior_penalties=prior)
            found = workflow.check(step_def, ctx)
            if not found:
                break
        return problems + found

    def _prior(self, case_id: int, state: State, on: dt.date, cases: Any,
               settings: dict[str, str]) -> list[tuple[str, dt.date]]:
        """X-5 as `cases.prior_penalties` asks it, from the states replayed so far."""
        proposal = state.get("proposal") or {}
        if proposal.get("ground") != Ground.FIRST_VIOLATION:
            return []
        years = int(settings["first_violation_years"])
        try:
            since = on.replace(year=on.year - years)
        except ValueError:  # 29 February
            since = on.replace(year=on.year - years, day=28)
        found = []
        for other in cases.same_party(state["party_id"], state["domain"]):
            s = cases.get(other) if other != case_id else None  # None: no events before this one
            decided = s.get("decided_on") if s else None
            if s is None or s.get("outcome") != "penalty" or not decided:
                continue
            day = dt.date.fromisoformat(decided)
            if since <= day <= on and not s["decision"]["revoked_on"]:
                found.append((s["case_no"], day))
        return sorted(found, key=lambda p: p[1])
