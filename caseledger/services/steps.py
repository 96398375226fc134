"""Recording workflow steps: one function per step, all through `_record`.

`_record` locks the chain, loads the case and folds its events, asks the workflow table whether
the step is allowed (every gate at once), builds the payload, updates the case row from the new
state and appends the event. A refusal raises before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from caseledger.domain import dates, disclosure, text, workflow
from caseledger.domain.case_state import FIELDS, State, apply, step_into
from caseledger.domain.errors import InputError, Refused
from caseledger.domain.filing import MajorReason, choice
from caseledger.domain.lang import t
from caseledger.domain.money import parse_yuan, to_fen
from caseledger.domain.numbering import format_number
from caseledger.domain.penalty import Ground, Outcome, build_proposal
from caseledger.domain.people import may_act
from caseledger.domain.rules import EDITION
from caseledger.domain.workflow import STEPS, Context
from caseledger.services import calendar as calendar_service
from caseledger.services import cases as cases_service
from caseledger.services import clocks as clocks_service
from caseledger.services import ledger, tally
from caseledger.services import staff as staff_service
from caseledger.services.cases import find, load_state
from caseledger.store import chain
from caseledger.store.bulk import PlainCase
from caseledger.store.models import Case

PayloadFn = Callable[[Context], dict[str, Any]]
Ref = str | Case | PlainCase  # a case number, a short id, or the case row (the import has it)


def prior_penalties(session: Session, row: Case, on: dt.date, years: int) -> list[tuple[str, dt.date]]:
    """X-5: this party's earlier penalty decisions in this case's domain."""
    return cases_service.prior_penalties(session, row.party_id, row.domain, on, years,
                                         exclude=row.id)


def _record(
    session: Session,
    actor_login: str,
    ref: Ref,
    step_name: str,
    on: str | None,
    payload_fn: PayloadFn,
    *,
    request: dict[str, Any] | None = None,
    responsible: str | None = None,
    detail: Callable[[dict[str, Any]], str | None] = lambda p: None,
) -> dict[str, Any]:
    step = STEPS[step_name]
    head = chain.lock(session)
    day = dates.business_date(on, "--on", rule="F-1")
    row = find(session, ref) if isinstance(ref, str) else ref
    actor = staff_service.cached_view(session, actor_login, t("记录人（--as）", "recorder (--as)"))
    person = actor if responsible is None else staff_service.cached_view(
        session, responsible, t("责任人", "responsible person"))
    states = session.info.setdefault("states", {})  # this transaction's folds, by case id
    state = states.get(row.id) or load_state(session, row)
    settings = ledger.settings(session)
    ctx = Context(state=state, on=day, request=request or {}, responsible=person,
                  settings=settings, calendar=calendar_service.load(session))
    if "X-5" in step.gates and ctx.proposal and ctx.proposal.ground is Ground.FIRST_VIOLATION:
        ctx.prior_penalties = prior_penalties(session, row, day,
                                              int(settings["first_violation_years"]))
    problems = may_act(actor, t("记录人", "the recorder")) + workflow.check(step, ctx)
    if problems:
        raise Refused(problems)
    payload = payload_fn(ctx)
    if "bulk" in session.info:  # an import's row: its folds are not kept, so fold in place
        step_into(state, step.event, day.isoformat(), payload)
        new = states[row.id] = state
    else:
        new = states[row.id] = apply(state, step.event, day.isoformat(), payload)
    was = row.source, row.campaign
    _sync(row, new)
    clocks_service.store(session, row.id, new, ctx.calendar)
    noted = detail(payload)
    chain.append(session, head, step=step.event, business_date=day, actor=actor.login,
                 responsible=person.login, case_id=row.id, payload=payload, detail=noted)
    tally.add(session, row, step.event, noted, day, payload)
    if step.event in ("case.tag", "case.correct") and (row.source, row.campaign) != was:
        tally.restamp(session, row)
    return {"case_no": row.case_no, "short_id": f"{row.year}-{row.seq}", "step": step.name,
            "status": new["status"], "on": day.isoformat(), **payload}


def _sync(row: Case | PlainCase, state: State) -> None:
    """Copy the fold's values onto the case row (the cache `verify` checks)."""
    for field in FIELDS:
        if field in ("officers", "case_no", "year", "seq"):
            continue
        value = state[field]
        if field in ("lead_on", "filed_on", "decided_on") and value is not None:
            value = dt.date.fromisoformat(value)
        if getattr(row, field) != value:
            setattr(row, field, value)


# --- the steps -----------------------------------------------------------------------------------

def propose(session: Session, actor: str, ref: Ref, *, on: str | None, warning: bool = False,
            criticism: bool = False, fine: str | None = None, gains: str | None = None,
            property_text: str | None = None, sanctions: list[str] | None = None,
            basis: str | None = None, discretion: str | None = None,
            discretion_ref: str | None = None, no_penalty: str | None = None,
            citation: str | None = None, transfer: str | None = None,
            restriction_months: int | None = None, facts: str | None = None,
            evidence: list[str] | None = None) -> dict[str, Any]:
    """调查终结: the handling officers' proposal (X-1, X-3, X-4), with the facts found and the
    evidence behind them (the notice and the decision state both, APL Art. 44, 59)."""
    found = text.text(facts, t("违法事实（--facts）", "the facts (--facts)")) \
        if facts and facts.strip() else None
    items = [text.name(e, t("证据（--evidence）", "an item of evidence (--evidence)"))
             for e in evidence or [] if e.strip()]
    if items and not found:
        raise InputError(t("列出证据时须同时写明违法事实（--facts）",
                           "evidence goes with the facts it proves (--facts)"))
    extra = {"facts": found, "evidence": items} if found else {}
    proposal = build_proposal(
        warning=warning, criticism=criticism,
        fine_fen=to_fen(parse_yuan(fine, "--fine")) if fine else None,
        gains_fen=to_fen(parse_yuan(gains, "--confiscate-gains")) if gains else None,
        property_text=property_text, sanctions=sanctions or [], basis=basis,
        discretion=discretion, discretion_ref=discretion_ref, no_penalty=no_penalty,
        citation=citation, transfer=transfer, restriction_months=restriction_months)
    return _record(session, actor, ref, "propose", on,
                   lambda ctx: {"proposal": proposal.to_payload(), **extra},
                   detail=lambda p: p["proposal"]["outcome"])


REVIEW_OUTCOMES = ("agree", "correct", "investigate", "other")
# The Chinese beside each value a refusal lists (the values themselves are typed as they are).
_ZH = {"agree": "同意", "correct": "纠正", "investigate": "补充调查", "other": "其他意见",
       "direct": "直接送达", "left": "留置送达", "electronic": "电子送达", "post": "邮寄送达",
       "entrusted": "委托送达", "public-notice": "公告送达", "police": "公安机关",
       "procuratorate": "检察机关", "agency": "其他行政机关", "city": "市级", "province": "省级",
       "national": "国家级", "major": "重大案件", "party_name": "当事人名称",
       "violation": "违法行为", "campaign": "专项行动", "source": "案件来源",
       "party_address": "当事人住所", "legal_rep": "法定代表人"}


def _one_of(values: tuple[str, ...]) -> str:
    """`agree（同意）、correct（纠正）…`: the values to type, each with its Chinese."""
    return "、".join(f"{v}（{_ZH[v]}）" if v in _ZH else v for v in values)


def _given(value: str, missing: str, option: str, rule: str | None = None) -> str:
    """Required free text (an opinion, a reason) given with `option`: InputError `missing` when
    it is blank or only invisible characters, else the text checked as `text.text` does."""
    if not text.visible(value):
        raise InputError(missing, rule=rule)
    return text.text(value, option, rule=rule)


def review(session: Session, actor: str, ref: Ref, *, on: str | None, outcome: str,
           opinion: str, reviewer: str | None = None) -> dict[str, Any]:
    """法制审核 for a major case, 案件审核 otherwise (R-2, R-4, P-2)."""
    if outcome not in REVIEW_OUTCOMES:
        raise InputError(t(f"未知的审核结论 {outcome!r}；可选：{_one_of(REVIEW_OUTCOMES)}",
                           f"unknown review outcome {outcome!r}; one of: "
                           f"{', '.join(REVIEW_OUTCOMES)}"))
    opinion = _given(opinion, t("审核须录入审核意见（--opinion TEXT）",
                                "a review records its opinion (--opinion TEXT)"),
                     "--opinion", rule="R-4")

    def payload(ctx: Context) -> dict[str, Any]:
        return {"outcome": outcome, "opinion": opinion,
                "kind": workflow.review_kind(ctx.state), "reviewer": ctx.responsible.login}

    return _record(session, actor, ref, "review", on, payload, responsible=reviewer,
                   detail=lambda p: p["kind"])


def notify(session: Session, actor: str, ref: Ref, *, on: str | None) -> dict[str, Any]:
    """告知: the notice of the proposed penalty, with the hearing right N-3 computes."""

    def payload(ctx: Context) -> dict[str, Any]:
        right = workflow.hearing_right(ctx.proposal, ctx.state["party_kind"], ctx.settings)
        return {"proposal": ctx.state["proposal"], "hearing_right": right, "edition": EDITION}

    return _record(session, actor, ref, "notify", on, payload,
                   detail=lambda p: "hearing-right" if p["hearing_right"] else None)


def statement(session: Session, actor: str, ref: Ref, *, on: str | None, waived: bool = False,
              text: str | None = None) -> dict[str, Any]:
    """陈述申辩: the party's statement, or its express waiver (N-2)."""
    return _record(session, actor, ref, "statement", on,
                   lambda ctx: {"waived": waived, "text": (text or "").strip() or None},
                   detail=lambda p: "waived" if p["waived"] else None)


HEARING_EVENTS = workflow.HEARING_EVENTS


def hearing(session: Session, actor: str, ref: Ref, *, event: str, on: str,
            scheduled_for: str | None = None) -> dict[str, Any]:
    """听证: requested, noticed (the 听证通知书 with the hearing date), held, withdrawn, missed or
    waived (N-3; a hearing held makes it major)."""
    if event not in HEARING_EVENTS:
        raise InputError(t(f"未知的听证事项 {event!r}", f"unknown hearing event {event!r}"))
    if (event == "noticed_on") != (scheduled_for is not None):
        raise InputError(t("听证通知须载明听证日期：--noticed-on DATE 与 --scheduled-for DATE "
                           "须同时给出",
                           "the hearing notice gives the hearing date: --noticed-on DATE "
                           "--scheduled-for DATE, together"), rule="N-3")
    day = dates.parse_date(scheduled_for, "--scheduled-for") if scheduled_for else None
    payload = {"event": event} | ({"scheduled_for": day.isoformat()} if day else {})
    return _record(session, actor, ref, "hearing", on, lambda ctx: payload,
                   request={"event": event, "scheduled_for": day},
                   detail=lambda p: p["event"].removesuffix("_on"))


def discuss(session: Session, actor: str, ref: Ref, *, on: str | None, conclusion: str,
            attendees: list[str] | None = None) -> dict[str, Any]:
    """集体讨论 by the bureau's heads (C-1)."""
    conclusion = _given(conclusion, t("集体讨论须录入讨论结论（--conclusion TEXT）",
                                      "a collective discussion records its conclusion "
                                      "(--conclusion TEXT)"), "--conclusion")
    for login in attendees or []:
        staff_service.find(session, login, t("参加讨论人员", "attendee"))
    return _record(session, actor, ref, "discuss", on,
                   lambda ctx: {"conclusion": conclusion, "attendees": attendees or []})


def extend(session: Session, actor: str, ref: Ref, *, on: str | None, reason: str,
           days: int | None = None, until: str | None = None,
           approved_by: str | None = None) -> dict[str, Any]:
    """延期: the head's 30 days, or a date fixed by a collective discussion (X-2, P-3)."""
    if (days is None) == (until is None):
        raise InputError(t("请给出 --days 30（经负责人批准）或 --until DATE，二者选一",
                           "give either --days 30 (with a head's approval) or --until DATE"))
    if days is not None and days != 30:
        raise InputError(t("负责人批准的延期为 30 日（--days 30）",
                           "the head's extension is 30 days (--days 30)"), rule="X-2")
    until_day = dates.parse_date(until, "--until") if until else None
    reason = _given(reason, t("延期须录入理由（--reason TEXT）",
                              "an extension records its reason (--reason TEXT)"), "--reason")
    return _record(session, actor, ref, "extend", on,
                   lambda ctx: {"days": days, "until": until_day.isoformat() if until_day else None,
                                "reason": reason},
                   request={"days": days, "until": until_day}, responsible=approved_by)


def extend_review(session: Session, actor: str, ref: Ref, *, on: str | None, reason: str,
                  days: int | None, approved_by: str | None = None) -> dict[str, Any]:
    """延长审核期限: the head extends the review's 10 working days by `days` working days (R-5)."""
    if days is None or days <= 0:
        raise InputError(t("审核期限按工作日数延长（--days N）",
                           "the review limit is extended by a number of working days (--days N)"),
                         rule="R-5")
    reason = _given(reason, t("延期须录入理由（--reason TEXT）",
                              "an extension records its reason (--reason TEXT)"), "--reason")
    return _record(session, actor, ref, "extend-review", on,
                   lambda ctx: {"days": days, "reason": reason},
                   request={"days": days}, responsible=approved_by)


def suspend(session: Session, actor: str, ref: Ref, *, on: str | None, reason: str,
            resume: bool = False) -> dict[str, Any]:
    """中止 / 恢复: periods that do not count against the decision limit (X-2)."""
    reason = _given(reason, t("请给出理由（--reason TEXT）", "give the reason (--reason TEXT)"),
                    "--reason")
    return _record(session, actor, ref, "resume" if resume else "suspend", on,
                   lambda ctx: {"reason": reason})


def decide(session: Session, actor: str, ref: Ref, *, on: str | None,
           by: str | None = None) -> dict[str, Any]:
    """决定 by a head: the reviewed proposal becomes the decision; a penalty gets its number."""

    def payload(ctx: Context) -> dict[str, Any]:
        number = None
        if ctx.proposal.outcome is Outcome.PENALTY:
            n = chain.next_number(session, "decision", ctx.on.year)
            number = format_number(ctx.settings["decision_no_pattern"], ctx.settings["prefix"],
                                   ctx.on.year, n)
        return {"proposal": ctx.state["proposal"], "decision_no": number,
                "by": ctx.responsible.login}

    return _record(session, actor, ref, "decide", on, payload, responsible=by,
                   detail=lambda p: p["proposal"]["outcome"])


SERVICE_METHODS = ("direct", "left", "electronic", "post", "entrusted", "public-notice")


def serve(session: Session, actor: str, ref: Ref, *, on: str | None,
          method: str = "direct") -> dict[str, Any]:
    """送达 of the decision (S-1)."""
    if method not in SERVICE_METHODS:
        raise InputError(t(f"未知的送达方式 {method!r}；可选：{_one_of(SERVICE_METHODS)}",
                           f"unknown service method {method!r}; one of: "
                           f"{', '.join(SERVICE_METHODS)}"))
    return _record(session, actor, ref, "serve", on, lambda ctx: {"method": method},
                   detail=lambda p: p["method"])


def pay(session: Session, actor: str, ref: Ref, *, on: str | None, amount: str) -> dict[str, Any]:
    """缴款: the fine and confiscated gains paid (S-2); paid in full, the penalty is executed."""
    fen = to_fen(parse_yuan(amount, "--amount"))
    if fen <= 0:
        raise InputError(t("--amount 须大于零", "--amount must be more than zero"))
    return _record(session, actor, ref, "pay", on, lambda ctx: {"amount_fen": fen},
                   request={"amount_fen": fen})


def disclose(session: Session, actor: str, ref: Ref, *, on: str | None,
             url: str | None = None) -> dict[str, Any]:
    """公示: the masked record (G-3), its due date (G-2) and its end date (G-4)."""

    def payload(ctx: Context) -> dict[str, Any]:
        return disclosure.published(ctx.state, ctx.on, ctx.settings, ctx.calendar) | {
            "url": (url or "").strip() or None, "edition": EDITION}

    return _record(session, actor, ref, "disclose", on, payload,
                   detail=lambda p: "late" if p["late"] else "on-time")


def revoke(session: Session, actor: str, ref: Ref, *, on: str | None, reason: str) -> dict[str, Any]:
    """The decision changed, revoked, or confirmed illegal or void (G-5 then asks a withdrawal)."""
    reason = _given(reason, t("请给出理由（--reason TEXT）", "give the reason (--reason TEXT)"),
                    "--reason")
    return _record(session, actor, ref, "revoke", on, lambda ctx: {"reason": reason})


def withdraw(session: Session, actor: str, ref: Ref, *, on: str | None,
             reason: str) -> dict[str, Any]:
    """撤回公示 with reasons (G-5)."""
    reason = _given(reason, t("请给出理由（--reason TEXT）", "give the reason (--reason TEXT)"),
                    "--reason")
    return _record(session, actor, ref, "withdraw", on, lambda ctx: {"reason": reason})


TRANSFER_TARGETS = ("police", "procuratorate", "agency")


def transfer(session: Session, actor: str, ref: Ref, *, on: str | None, to: str,
             agency: str | None = None) -> dict[str, Any]:
    """移送: to the police or procuratorate (T-1), or to the competent agency (T-2)."""
    if to not in TRANSFER_TARGETS:
        raise InputError(t(f"未知的移送对象 {to!r}；可选：{_one_of(TRANSFER_TARGETS)}",
                           f"unknown transfer target {to!r}; one of: "
                           f"{', '.join(TRANSFER_TARGETS)}"))
    name = text.optional_name(agency, t("移送机关（--agency）", "the agency (--agency)"))
    return _record(session, actor, ref, "transfer", on,
                   lambda ctx: {"to": to, "agency": name},
                   request={"to": to, "agency": name}, detail=lambda p: p["to"])


def accept(session: Session, actor: str, ref: Ref, *, on: str) -> dict[str, Any]:
    """The police (or procuratorate) opened a case on the transfer (T-1)."""
    return _record(session, actor, ref, "accept", on, lambda ctx: {})


def terminate(session: Session, actor: str, ref: Ref, *, on: str | None,
              reason: str) -> dict[str, Any]:
    """终止调查 (K-1 then allows closing)."""
    reason = _given(reason, t("请给出理由（--reason TEXT）", "give the reason (--reason TEXT)"),
                    "--reason")
    return _record(session, actor, ref, "terminate", on, lambda ctx: {"reason": reason})


def close(session: Session, actor: str, ref: Ref, *, on: str | None,
          approved_by: str | None = None) -> dict[str, Any]:
    """结案 with a head's approval, once K-1's ground holds."""
    return _record(session, actor, ref, "close", on,
                   lambda ctx: {"by": ctx.responsible.login}, responsible=approved_by)


TYPICAL_LEVELS = ("city", "province", "national")


def tag(session: Session, actor: str, ref: Ref, *, typical: str | None = None,
        campaign: str | None = None, on: str | None = None) -> dict[str, Any]:
    """典型案例 and 专项行动 tags."""
    if typical and typical not in TYPICAL_LEVELS:
        raise InputError(t(f"未知的典型案例级别 {typical!r}；可选：{_one_of(TYPICAL_LEVELS)}",
                           f"unknown level {typical!r}; one of: {', '.join(TYPICAL_LEVELS)}"))
    name = text.optional_name(campaign, t("专项行动（--campaign）", "the campaign (--campaign)"),
                              text.SHORT)
    if not typical and not name:
        raise InputError(t("请给出 --typical LEVEL 或 --campaign NAME",
                           "give --typical LEVEL or --campaign NAME"))
    return _record(session, actor, ref, "tag", on,
                   lambda ctx: {"typical": typical, "campaign": name},
                   detail=lambda p: p["typical"])


CORRECTABLE = ("major", "party_name", "violation", "campaign", "source", "party_address",
               "legal_rep")


def correct(session: Session, actor: str, ref: Ref, *, field: str, value: str, reason: str,
            on: str | None = None) -> dict[str, Any]:
    """A correction is a new event naming the field, its new value and why (A-1)."""
    if field not in CORRECTABLE:
        raise InputError(t(f"字段 {field!r} 不能更正；可更正：{_one_of(CORRECTABLE)}",
                           f"field {field!r} cannot be corrected; one of: "
                           f"{', '.join(CORRECTABLE)}"))
    reason = _given(reason, t("更正须录入理由（--reason TEXT）",
                              "a correction records its reason (--reason TEXT)"), "--reason")
    new: str | None = value.strip()
    if field == "party_name":
        new = text.name(value, t("当事人名称", "the party's name"), rule="F-1")
    elif field == "violation":
        new = text.text(value, t("违法行为描述", "the violation description"), rule="F-1")
    elif field == "campaign":
        new = text.name(value, t("专项行动", "the campaign"), text.SHORT)
    elif field == "party_address":
        new = text.name(value, t("当事人住所", "the party's address"))
    elif field == "legal_rep":
        new = text.name(value, t("法定代表人", "the legal representative"), text.SHORT)
    elif field == "major":
        new = None if new in ("none", "") else choice(
            MajorReason, new, t("重大案件情形", "major reason"), "R-2").value
    elif field == "source":
        from caseledger.domain.filing import Source

        new = choice(Source, value, t("案件来源", "source")).value
    elif not new:
        raise InputError(t(f"{field} 不能为空", f"{field} cannot be empty"))

    def payload(ctx: Context) -> dict[str, Any]:
        return {"field": field, "value": new, "was": ctx.state[field], "reason": reason}

    return _record(session, actor, ref, "correct", on, payload,
                   request={"field": field, "value": new},
                   detail=lambda p: p["field"])


def steps(session: Session, ref: str, on: str | None = None) -> list[dict[str, Any]]:
    """For `case steps`: each step, allowed when some request its command accepts would pass on
    `on`, or every rule blocking it and what would unblock it (`workflow.verdict`)."""
    row = find(session, ref)
    state = load_state(session, row)
    day = dates.business_date(on, "--on", rule="F-1")
    settings = ledger.settings(session)
    calendar = calendar_service.load(session)
    prior = prior_penalties(session, row, day, int(settings["first_violation_years"])) \
        if state["proposal"] and state["proposal"].get("ground") == Ground.FIRST_VIOLATION else []
    result = []
    for step in STEPS.values():
        problems = workflow.verdict(step, day, lambda request, gates=step.gates: Context(
            state=state, on=day, request=request, settings=settings, calendar=calendar,
            prior_penalties=prior if "X-5" in gates else []))
        result.append({
            "step": step.name, "label": step.label, "allowed": not problems,
            "blocked_by": [{"rule": p.rule, "why": p.why, "fix": p.fix} for p in problems],
        })
    return result
