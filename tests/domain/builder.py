"""A small case-state builder for the domain's rule tests: no database, no CLI.

`CaseBuilder` appends events with the payloads the step services record, folds them with the
domain's own fold (`case_state.fold`) and asks the workflow table (`workflow.check`) about a step,
so a gate is tested where it lives in well under a millisecond:

    case = CaseBuilder().propose("2025-03-17").review("2025-03-17").notify("2025-03-18")
    assert "N-2" in case.rules("decide", "2025-03-20")
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from caseledger.domain import disclosure, workflow
from caseledger.domain.calendar import DEFAULT, Calendar
from caseledger.domain.case_state import State, fold
from caseledger.domain.errors import Problem
from caseledger.domain.penalty import build_proposal
from caseledger.domain.people import Role, StaffView
from caseledger.domain.settings import SETTINGS
from caseledger.domain.workflow import STEPS, Context
from tests.ids import credit_code, resident_id

BASIS = "《中华人民共和国食品安全法》第一百二十四条"
FILED = "2025-03-03"  # a quiet stretch of 2025: no holiday in the weeks after it


def settings(**overrides: str) -> dict[str, str]:
    """The default settings of a ledger, with the bureau named."""
    values = {key: s.default for key, s in SETTINGS.items()}
    return values | {"bureau": "广安市广安区市场监督管理局", "prefix": "广区市监"} | overrides


def staff(login: str, *roles: str, cert_until: str | None = None, legal: bool = False,
          active: bool = True) -> StaffView:
    """One staff member as the rules see them."""
    return StaffView(login=login, name=login, roles=frozenset(Role(r) for r in roles),
                     cert_no="51000001" if cert_until else None,
                     cert_until=dt.date.fromisoformat(cert_until) if cert_until else None,
                     legal_qualified=legal, active=active)


HEAD = staff("wang", "head")
REVIEWER = staff("chen", "reviewer", legal=True)


class CaseBuilder:
    """One case's events, built step by step; every method returns the builder."""

    def __init__(self, *, filed: str = FILED, kind: str = "org", major: str | None = None,
                 domain: str = "food", officers: tuple[str, ...] = ("zhang", "li"),
                 party_id: str | None = None, lead_on: str | None = None,
                 lead_extended: bool = False, cfg: dict[str, str] | None = None,
                 calendar: Calendar = DEFAULT):
        self.settings = cfg or settings()
        self.calendar = calendar
        pid = party_id or {"person": resident_id(1), "other": "E12345678"}.get(kind, credit_code(1))
        self.events: list[tuple[str, str, dict[str, Any]]] = [("case.open", filed, {
            "case_no": f"广区市监立〔{filed[:4]}〕1号", "year": int(filed[:4]), "seq": 1,
            "domain": domain, "party_kind": kind, "party_name": "广安某某商行", "party_id": pid,
            "party_id_type": {"person": "ric", "other": "passport"}.get(kind, "uscc"),
            "violation": "销售过期食品", "source": None, "lead_on": lead_on, "major": major,
            "campaign": None, "approved_by": "wang", "officers": list(officers),
        } | ({"lead_extended": True} if lead_extended else {}))]

    # --- the state ---------------------------------------------------------------------------

    @property
    def state(self) -> State:
        state = fold(self.events)
        assert state is not None
        return state

    def add(self, event: str, on: str, payload: dict[str, Any]) -> CaseBuilder:
        self.events.append((event, on, payload))
        return self

    def context(self, on: str, *, request: dict[str, Any] | None = None,
                responsible: StaffView | None = None,
                prior: list[tuple[str, dt.date]] | None = None) -> Context:
        return Context(state=self.state, on=dt.date.fromisoformat(on), request=request or {},
                       responsible=responsible, settings=self.settings,
                       prior_penalties=prior or [], calendar=self.calendar)

    def check(self, step: str, on: str, **kwargs: Any) -> list[Problem]:
        """Every problem `workflow.check` finds with `step` on `on` (empty: allowed)."""
        return workflow.check(STEPS[step], self.context(on, **kwargs))

    def rules(self, step: str, on: str, **kwargs: Any) -> set[str]:
        """The rule ids refusing `step` on `on`."""
        return {p.rule for p in self.check(step, on, **kwargs)}

    # --- the steps, with the payloads the services record -----------------------------------

    def propose(self, on: str, *, fine: int | None = 5000, warning: bool = False,
                criticism: bool = False, gains: int | None = None,
                sanctions: tuple[str, ...] = (), no_penalty: str | None = None,
                transfer: str | None = None, restriction_months: int | None = None) -> CaseBuilder:
        """调查终结; amounts in whole yuan. A no-penalty or transfer proposal drops the fine."""
        money = no_penalty is None and transfer is None
        proposal = build_proposal(
            warning=warning, criticism=criticism,
            fine_fen=fine * 100 if fine and money else None,
            gains_fen=gains * 100 if gains and money else None, property_text=None,
            sanctions=list(sanctions), basis=BASIS, discretion=None, discretion_ref=None,
            no_penalty=no_penalty, citation=None, transfer=transfer,
            restriction_months=restriction_months)
        return self.add("case.propose", on, {"proposal": proposal.to_payload()})

    def review(self, on: str, outcome: str = "agree", *, kind: str | None = None,
               reviewer: str = "chen") -> CaseBuilder:
        return self.add("case.review", on, {
            "outcome": outcome, "opinion": "审核意见", "reviewer": reviewer,
            "kind": kind or workflow.review_kind(self.state)})

    def notify(self, on: str) -> CaseBuilder:
        state = self.state
        ctx = self.context(on)
        right = workflow.hearing_right(ctx.proposal, state["party_kind"], self.settings)
        return self.add("case.notify", on, {"proposal": state["proposal"], "hearing_right": right})

    def statement(self, on: str, *, waived: bool = False) -> CaseBuilder:
        return self.add("case.statement", on, {"waived": waived, "text": None})

    def hearing(self, event: str, on: str, *, scheduled_for: str | None = None) -> CaseBuilder:
        return self.add("case.hearing", on, {"event": event} | (
            {"scheduled_for": scheduled_for} if scheduled_for else {}))

    def discuss(self, on: str) -> CaseBuilder:
        return self.add("case.discuss", on, {"conclusion": "同意", "attendees": ["wang"]})

    def extend(self, on: str, *, days: int | None = 30, until: str | None = None) -> CaseBuilder:
        return self.add("case.extend", on, {"days": None if until else days, "until": until,
                                            "reason": "案情复杂"})

    def extend_review(self, on: str, days: int = 5) -> CaseBuilder:
        return self.add("case.extend_review", on, {"days": days, "reason": "案情复杂"})

    def suspend(self, on: str) -> CaseBuilder:
        return self.add("case.suspend", on, {"reason": "检验检测"})

    def resume(self, on: str) -> CaseBuilder:
        return self.add("case.resume", on, {"reason": "检验完毕"})

    def decide(self, on: str, *, by: str = "wang") -> CaseBuilder:
        state = self.state
        penalty = state["proposal"]["outcome"] == "penalty"
        number = f"广区市监处罚〔{on[:4]}〕1号" if penalty else None
        return self.add("case.decide", on, {"proposal": state["proposal"], "decision_no": number,
                                            "by": by})

    def serve(self, on: str, method: str = "direct") -> CaseBuilder:
        return self.add("case.serve", on, {"method": method})

    def pay(self, on: str, yuan: int | None = None) -> CaseBuilder:
        """缴款; by default everything still owed."""
        from caseledger.domain.case_state import owed_fen

        state = self.state
        fen = yuan * 100 if yuan is not None else owed_fen(state) - state["paid_fen"]
        return self.add("case.pay", on, {"amount_fen": fen})

    def disclose(self, on: str) -> CaseBuilder:
        payload = disclosure.published(self.state, dt.date.fromisoformat(on), self.settings,
                                       self.calendar)
        return self.add("case.disclose", on, payload | {"url": None})

    def revoke(self, on: str) -> CaseBuilder:
        return self.add("case.revoke", on, {"reason": "复议撤销"})

    def withdraw(self, on: str) -> CaseBuilder:
        return self.add("case.withdraw", on, {"reason": "决定已撤销"})

    def transfer(self, on: str, to: str = "police", agency: str | None = None) -> CaseBuilder:
        return self.add("case.transfer", on, {"to": to, "agency": agency})

    def accept(self, on: str) -> CaseBuilder:
        return self.add("case.accept", on, {})

    def terminate(self, on: str) -> CaseBuilder:
        return self.add("case.terminate", on, {"reason": "违法事实不能成立"})

    def close(self, on: str, by: str = "wang") -> CaseBuilder:
        return self.add("case.close", on, {"by": by})

    def correct(self, on: str, field: str, value: str | None) -> CaseBuilder:
        return self.add("case.correct", on, {"field": field, "value": value,
                                             "was": self.state[field], "reason": "更正"})

    # --- common paths -------------------------------------------------------------------------

    def through_notice(self, proposed: str = "2025-03-17", notified: str = "2025-03-18",
                       **penalty: Any) -> CaseBuilder:
        """Proposed, reviewed (agree) and notified."""
        return self.propose(proposed, **penalty).review(proposed).notify(notified)

    def decided(self, decided: str = "2025-03-20", **penalty: Any) -> CaseBuilder:
        """Through notice, with the party's statement, then decided by the head."""
        return self.through_notice(**penalty).statement("2025-03-19").decide(decided)
