"""The case workflow, declared once as data: each step, the statuses that allow it, and the named
gates (rule ids of RULES.md) it must pass. The CLI, `case steps`, the import and the tests all
read this table; the gates themselves are the functions in `GATES`.

A gate returns problems (rule, why, what would satisfy it) and never raises, so one refusal names
every rule at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from caseledger.domain.calendar import DEFAULT, Calendar
from caseledger.domain.case_state import STATUS_LABELS, State, owed_fen
from caseledger.domain.errors import Problem
from caseledger.domain.lang import t
from caseledger.domain.penalty import HEARING_SANCTIONS, Ground, Outcome, Proposal, heavier_than
from caseledger.domain.people import Role, StaffView, head_problems, may_act

UNDECIDED = frozenset({"filed", "proposed", "reviewed", "notified"})
ALL = frozenset(STATUS_LABELS)


@dataclass(frozen=True)
class Step:
    """One workflow step: its event, label, the statuses allowing it and the gates it passes."""

    name: str
    event: str
    label: str
    allowed: frozenset[str]
    status_rule: str  # the rule named when the case's status does not allow the step
    gates: tuple[str, ...] = ()
    needs: str = ""  # what the step needs, in words, for `case steps`
    needs_zh: str = ""  # the same in Chinese (chosen when a message is built)


STEPS: dict[str, Step] = {s.name: s for s in (
    Step("propose", "case.propose", "调查终结", UNDECIDED, "X-1", (),
         "an undecided case", "尚未作出决定的案件"),
    Step("review", "case.review", "审核", frozenset({"proposed", "reviewed", "notified"}), "R-1",
         ("P-2", "R-1"), "a proposal to review", "待审核的拟处理意见"),
    Step("notify", "case.notify", "告知", frozenset({"proposed", "reviewed", "notified"}), "N-1",
         ("N-1",), "a penalty proposal", "给予行政处罚的拟处理意见"),
    Step("statement", "case.statement", "陈述申辩", frozenset({"notified"}), "N-2", ("N-2",),
         "a notice served", "已送达的告知书"),
    Step("hearing", "case.hearing", "听证", frozenset({"notified"}), "N-3",
         ("N-3",), "a notice with a hearing right", "载明听证权利的告知书"),
    Step("discuss", "case.discuss", "集体讨论", UNDECIDED, "C-1", (), "an undecided case",
         "尚未作出决定的案件"),
    Step("extend", "case.extend", "延期", UNDECIDED, "X-2", ("P-3", "X-2"), "an undecided case",
         "尚未作出决定的案件"),
    Step("extend-review", "case.extend_review", "延长审核期限",
         frozenset({"proposed", "reviewed", "notified"}), "R-5", ("P-3", "R-5"),
         "a proposal awaiting its review (`case extend --clock R-5`)",
         "尚待审核的拟处理意见（`case extend --clock R-5`）"),
    Step("suspend", "case.suspend", "中止", UNDECIDED, "X-2", ("X-2",), "an undecided case",
         "尚未作出决定的案件"),
    Step("resume", "case.resume", "恢复", UNDECIDED, "X-2", ("X-2",), "a suspended case",
         "已中止的案件"),
    Step("decide", "case.decide", "决定", frozenset({"reviewed", "notified"}), "R-1",
         ("P-3", "R-1", "R-2", "R-3", "N-1", "N-2", "N-3", "N-4", "C-1", "X-2", "X-5"),
         "an agreeing review, notice and the party's windows",
         "结论为同意的审核、告知，以及当事人的陈述申辩期和听证申请期"),
    Step("serve", "case.serve", "送达", frozenset({"decided"}), "S-1", (), "a decision",
         "已作出的决定"),
    Step("pay", "case.pay", "缴款", frozenset({"served"}), "S-2", ("S-2",),
         "a served decision with money owed", "已送达且尚有应缴款项的处罚决定"),
    Step("disclose", "case.disclose", "公示", frozenset({"decided", "served", "executed"}), "G-1",
         ("G-1",), "a penalty decision other than a warning alone", "仅给予警告以外的行政处罚决定"),
    Step("revoke", "case.revoke", "撤销决定",
         frozenset({"decided", "served", "executed", "transferred", "closed"}), "G-5", ("G-5",),
         "a decision", "已作出的决定"),
    Step("withdraw", "case.withdraw", "撤回公示", ALL - {"filed"}, "G-5", ("G-5",),
         "a disclosure", "已进行的公示"),
    Step("transfer", "case.transfer", "移送", frozenset({"decided", "served", "executed"}), "T-1",
         ("T-1", "T-2"), "a decision to transfer, or a penalty decision for the police",
         "移送的决定，或者（移送公安机关的）行政处罚决定"),
    Step("accept", "case.accept", "公安立案", ALL, "T-1", ("T-1",),
         "a transfer to the police or procuratorate", "已移送公安机关或者检察机关"),
    Step("terminate", "case.terminate", "终止调查", UNDECIDED, "K-1", (), "an undecided case",
         "尚未作出决定的案件"),
    Step("close", "case.close", "结案",
         frozenset({"decided", "served", "executed", "transferred", "terminated"}), "K-1",
         ("P-3", "K-1"), "an executed penalty, a no-penalty or transfer outcome, or termination",
         "行政处罚执行完毕，不予行政处罚或者移送的决定，或者终止调查"),
    Step("tag", "case.tag", "标记", ALL, "K-3", (), "any case", "任何案件"),
    Step("correct", "case.correct", "更正", ALL, "K-3", ("R-2",), "any case", "任何案件"),
)}

STEP_LABELS = {s.event: s.label for s in STEPS.values()} | {
    "ledger.init": "建账", "staff.add": "增加人员", "staff.retire": "人员离岗",
    "settings.set": "修改设置", "case.open": "立案", "doc.issue": "出具文书",
}


@dataclass
class Context:
    """What a gate may look at: the case's state, the request, the people, the settings."""

    state: State
    on: dt.date
    request: dict[str, Any] = field(default_factory=dict)
    responsible: StaffView | None = None
    settings: dict[str, str] = field(default_factory=dict)
    prior_penalties: list[tuple[str, dt.date]] = field(default_factory=list)
    calendar: Calendar = DEFAULT

    @cached_property
    def proposal(self) -> Proposal | None:
        """Read once per context: several gates ask for it."""
        p = self.state.get("proposal")
        return Proposal.from_payload(p) if p else None


EVENT_STEPS = {s.event: s for s in STEPS.values()}


def recorded_request(step: Step, payload: dict[str, Any]) -> dict[str, Any]:
    """The request a step's command made, read back from the payload it recorded: what
    `verify` replays the gates with (A-5)."""
    if step.name == "hearing":
        return {"event": payload["event"], "scheduled_for": d(payload.get("scheduled_for"))}
    if step.name == "extend":
        return {"days": payload.get("days"), "until": d(payload.get("until"))}
    if step.name == "extend-review":
        return {"days": payload["days"]}
    if step.name == "pay":
        return {"amount_fen": payload["amount_fen"]}
    if step.name == "transfer":
        return {"to": payload["to"], "agency": payload.get("agency")}
    if step.name == "correct":
        return {"field": payload["field"], "value": payload["value"]}
    return {}


def d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# --- helpers over the state ----------------------------------------------------------------------

def latest_review(state: State) -> dict[str, Any] | None:
    return state["reviews"][-1] if state["reviews"] else None


def review_kind(state: State) -> str:
    """R-2: 法制审核 (legal) for a major case, 案件审核 (case) otherwise."""
    return "legal" if state["major"] else "case"


def latest_notice(state: State) -> dict[str, Any] | None:
    return state["notices"][-1] if state["notices"] else None


def statement_window_end(state: State, cal: Calendar = DEFAULT) -> tuple[dt.date, bool] | None:
    """N-2: the fifth working day after the notice was served (the window's last day)."""
    notice = latest_notice(state)
    return cal.add_working_days(d(notice["on"]), 5) if notice else None


def hearing_right(proposal: Proposal, party_kind: str, settings: dict[str, str]) -> bool:
    """N-3: a fine or confiscation at or above the threshold, or a heavy sanction."""
    from caseledger.domain.identifiers import PartyKind
    from caseledger.domain.money import parse_yuan, to_fen

    if proposal.outcome is not Outcome.PENALTY:
        return False
    natural = PartyKind(party_kind).is_natural_person
    threshold = to_fen(parse_yuan(settings["hearing_fine_person" if natural else "hearing_fine_org"],
                                  bounded=False))
    return (
        proposal.fine_fen >= threshold
        or proposal.gains_fen >= threshold
        or bool(HEARING_SANCTIONS & set(proposal.sanctions))
    )


def hearing_pending(state: State) -> bool:
    h = state["hearing"]
    return bool(h.get("requested_on")) and not any(
        h.get(k) for k in ("held_on", "withdrawn_on", "absent_on"))


def hearing_held(state: State) -> str | None:
    """The date of the latest hearing held, under this notice or an earlier one."""
    held = [h["held_on"] for h in [*state["past_hearings"], state["hearing"]] if h.get("held_on")]
    return max(held) if held else None


def suspended(state: State) -> bool:
    return bool(state["suspensions"]) and state["suspensions"][-1]["to"] is None


# --- gates ---------------------------------------------------------------------------------------

Gate = Callable[[Step, Context], list[Problem]]


def _p2(step: Step, ctx: Context) -> list[Problem]:
    """P-2: a reviewer who did not handle the case; legally qualified for 法制审核."""
    who = ctx.responsible
    if who is None:
        return []
    problems = may_act(who, t("审核人员", "the reviewer"))
    if Role.REVIEWER not in who.roles:
        problems.append(Problem("P-2", t(f"{who.login} 不具有审核人员角色（reviewer）",
                                         f"{who.login} does not have the reviewer role"),
                                t("用 --reviewer LOGIN 指定一名审核人员",
                                  "name a reviewer with --reviewer LOGIN")))
    if who.login in ctx.state["officers"]:
        problems.append(Problem("P-2", t(f"{who.login} 是本案的办案人员，不能审核本案",
                                         f"{who.login} is a handling officer of this case and "
                                         "cannot review it"),
                                t("指定一名未参与办案的审核人员", "name a reviewer who did not handle it")))
    if review_kind(ctx.state) == "legal" and not who.legal_qualified:
        problems.append(Problem("P-2", t(f"法制审核须由具有法律职业资格的审核人员进行；"
                                         f"{who.login} 未标注具有法律职业资格",
                                         f"法制审核 needs a legally qualified reviewer (法律职业资格); "
                                         f"{who.login} is not marked qualified"),
                                t("指定一名具有法律职业资格的审核人员", "name a qualified reviewer")))
    return problems


def _r1_review(ctx: Context) -> list[Problem]:
    proposed_on = d(ctx.state["proposed_on"])
    if proposed_on and ctx.on < proposed_on:
        return [Problem("R-1", t(f"审核日期 {ctx.on} 早于 {proposed_on} 的拟处理意见",
                                 f"the review is dated {ctx.on} before the proposal of {proposed_on}"),
                        t("审核日期不得早于拟处理意见", "date the review on or after the proposal"))]
    return []


def _r1(step: Step, ctx: Context) -> list[Problem]:
    """R-1: the latest review agrees and is dated on or after the latest proposal."""
    if step.name == "review":
        return _r1_review(ctx)
    review = latest_review(ctx.state)
    if review is None:
        return [Problem("R-1", t("本案没有审核记录（件件必监督，案案有审核）",
                                 "the case has no review (件件必监督, 案案有审核)"),
                        t("录入结论为同意的审核（`case review --outcome agree`）",
                          "record `case review --outcome agree`"))]
    if review["outcome"] != "agree":
        said = {"correct": "纠正", "investigate": "补充调查", "other": "其他意见"}.get(
            review["outcome"], "")
        said = f"（{said}）" if said else ""
        return [Problem("R-1", t(f"最近一次审核的结论为 {review['outcome']}{said}，"
                                 "而不是 agree（同意）",
                                 f"the latest review's outcome is {review['outcome']}, not agree"),
                        t("修改拟处理意见后重新提交审核",
                          "revise the proposal and have it reviewed again"))]
    if ctx.state["proposed_on"] and review["on"] < ctx.state["proposed_on"]:
        return [Problem("R-1", t(f"同意的审核（{review['on']}）早于最近一次拟处理意见"
                                 f"（{ctx.state['proposed_on']}）",
                                 f"the agreeing review ({review['on']}) predates the latest proposal "
                                 f"({ctx.state['proposed_on']})"),
                        t("对新的拟处理意见重新审核", "have the new proposal reviewed"))]
    if d(review["on"]) > ctx.on:
        return [Problem("R-1", t(f"同意的审核日期为 {review['on']}，晚于本步骤日期（{ctx.on}）",
                                 f"the agreeing review is dated {review['on']}, after this step "
                                 f"({ctx.on})"),
                        t(f"本步骤日期不得早于 {review['on']}",
                          f"date the step on or after {review['on']}"))]
    return []


def _r2(step: Step, ctx: Context) -> list[Problem]:
    """R-2: a major case is decided on a 法制审核; the major flag is set only before a decision."""
    if step.name == "correct":
        if ctx.request.get("field") != "major":
            return []
        if ctx.state["decision"]:
            return [Problem("R-2", t("重大案件标记只能在作出决定之前设定",
                                     "the major flag can be set only before the decision"),
                            t("在 `case decide` 之前更正", "correct it before `case decide`"))]
        if ctx.request.get("value") is None and hearing_held(ctx.state):
            return [Problem("R-2", t("本案已举行听证，听证本身即使案件成为重大案件",
                                     "a hearing was held, which makes the case major by itself"),
                            t("保留重大案件标记（填写理由代码，不能为 none）",
                              "keep it major (a reason code, not none)"))]
        return []
    review = latest_review(ctx.state)
    if ctx.state["major"] and review and review["outcome"] == "agree" and review["kind"] != "legal":
        return [Problem("R-2", t(f"本案为重大案件（{ctx.state['major']}），须经法制审核，"
                                 "但同意的审核为案件审核",
                                 f"this is a major case ({ctx.state['major']}) and needs 法制审核, "
                                 "but the agreeing review was 案件审核"),
                        t("录入由具有法律职业资格的审核人员进行的法制审核",
                          "record a legal review (法制审核) by a qualified reviewer"))]
    return []


def _r3(step: Step, ctx: Context) -> list[Problem]:
    """R-3: after a hearing, the 法制审核 allowing the decision is dated on or after it."""
    held = hearing_held(ctx.state)
    review = latest_review(ctx.state)
    if held and review and review["outcome"] == "agree" and review["on"] < held:
        return [Problem("R-3", t(f"听证于 {held} 举行，晚于 {review['on']} 的同意审核",
                                 f"the hearing was held on {held}, after the agreeing review of "
                                 f"{review['on']}"),
                        t("录入日期不早于听证之日的法制审核",
                          "record a 法制审核 dated on or after the hearing"))]
    return []


def _n1(step: Step, ctx: Context) -> list[Problem]:
    """N-1: a penalty decision needs a written notice (告知书) served first."""
    proposal = ctx.proposal
    if step.name == "notify":
        problems = []
        if proposal is None or proposal.outcome is not Outcome.PENALTY:
            problems.append(Problem("N-1", t("告知书针对拟作出的行政处罚；本案没有给予处罚的拟处理意见",
                                             "a notice (告知书) is of a proposed penalty; this case "
                                             "has none"),
                                    t("先提出给予处罚的拟处理意见", "propose a penalty first")))
        elif ctx.on < d(ctx.state["proposed_on"]):
            problems.append(Problem("N-1", t(f"告知日期早于拟处理意见（{ctx.state['proposed_on']}）",
                                             f"the notice is dated before the proposal "
                                             f"({ctx.state['proposed_on']})"),
                                    t("告知日期不得早于拟处理意见", "date it on or after")))
        return problems
    if proposal and proposal.outcome is Outcome.PENALTY:
        if not ctx.state["notices"]:
            return [Problem("N-1", t("尚未就拟作出的行政处罚送达告知书",
                                     "no notice (告知书) of the proposed penalty has been served"),
                            t("录入告知（`case notify --on DATE`）", "record `case notify --on DATE`"))]
        served = ctx.state["notices"][-1]["on"]
        if d(served) > ctx.on:
            return [Problem("N-1", t(f"告知书于 {served} 送达，晚于 {ctx.on}",
                                     f"the notice was served on {served}, after {ctx.on}"),
                            t(f"决定日期应晚于 {served}", f"date the decision after {served}"))]
    return []


def _n2(step: Step, ctx: Context) -> list[Problem]:
    """N-2: the decision waits out the 5-working-day statement window, unless it was used."""
    notice = latest_notice(ctx.state)
    if step.name == "statement":
        if notice and ctx.on < d(notice["on"]):
            return [Problem("N-2", t(f"陈述申辩日期早于告知（{notice['on']}）",
                                     f"the statement is dated before the notice ({notice['on']})"),
                            t("陈述申辩日期不得早于告知", "date it on or after the notice"))]
        return []
    if ctx.proposal is None or ctx.proposal.outcome is not Outcome.PENALTY or notice is None:
        return []
    statement = ctx.state["statement"]
    if statement and d(statement["on"]) <= ctx.on:
        return []
    last_day, provisional = statement_window_end(ctx.state, ctx.calendar)
    if ctx.on <= last_day:
        mark = t("（暂定：该年度无节假日数据）",
                 " (provisional: no holiday data for that year)") if provisional else ""
        return [Problem("N-2", t(f"当事人5个工作日的陈述申辩期至 {last_day} 届满{mark}",
                                 f"the party's 5-working-day statement window runs to {last_day}"
                                 f"{mark}"),
                        t(f"在 {last_day + dt.timedelta(days=1)} 或之后作出决定，或者录入当事人的"
                          "陈述申辩或放弃（`case statement`）",
                          f"decide on or after {last_day + dt.timedelta(days=1)}, or "
                          "record the party's statement or waiver (`case statement`)"))]
    return []


def _n3(step: Step, ctx: Context) -> list[Problem]:
    """N-3: a hearing requested in time holds the decision; so does the request window itself."""
    notice = latest_notice(ctx.state)
    if step.name == "hearing":
        return _n3_hearing(ctx, notice)
    if notice is None or not notice["hearing_right"]:
        return []
    h = {k: v for k, v in ctx.state["hearing"].items() if d(v) <= ctx.on}
    if h.get("requested_on") and not any(
            h.get(k) for k in ("held_on", "withdrawn_on", "absent_on")):
        return [Problem("N-3", t(f"当事人于 {ctx.state['hearing']['requested_on']} 申请听证，"
                                 "听证尚未举行",
                                 f"the party requested a hearing on "
                                 f"{ctx.state['hearing']['requested_on']} and it has not been held"),
                        t("录入听证已举行、已撤回或者当事人未到场（`case hearing`）",
                          "record the hearing held, withdrawn or missed (`case hearing`)"))]
    if h.get("requested_on") or h.get("waived_on"):
        return []
    last_day, _ = ctx.calendar.add_working_days(d(notice["on"]), 5)
    if ctx.on <= last_day:
        return [Problem("N-3", t(f"告知书载明了听证权利，5个工作日的听证申请期至 {last_day} 届满",
                                 f"the notice carried a hearing right and the 5-working-day request "
                                 f"window runs to {last_day}"),
                        t(f"在 {last_day + dt.timedelta(days=1)} 或之后作出决定，或者录入当事人"
                          "明确放弃听证（`case hearing --waived-on DATE`）",
                          f"decide on or after {last_day + dt.timedelta(days=1)}, or record the "
                          "party's express waiver (`case hearing --waived-on DATE`)"))]
    return []


def _n3_hearing(ctx: Context, notice: dict[str, Any] | None) -> list[Problem]:
    event = ctx.request["event"]
    h = ctx.state["hearing"]
    if notice is None or not notice["hearing_right"]:
        return [Problem("N-3", t("已送达的告知书未载明听证权利",
                                 "the notice served carried no hearing right"),
                        t("听证以告知较重的行政处罚为前提（见 N-3 的听证标准）",
                          "a hearing follows a notice of a heavy penalty (N-3 thresholds)"))]
    if ctx.on < d(notice["on"]):
        return [Problem("N-3", t(f"日期早于告知（{notice['on']}）",
                                 f"dated before the notice ({notice['on']})"),
                        t("日期不得早于告知", "date it on or after the notice"))]
    if event in ("requested_on", "waived_on"):
        if h.get("requested_on") or h.get("waived_on"):
            return [Problem("N-3", t("本次告知已经申请或者放弃听证",
                                     "a hearing was already requested or waived for this notice"),
                            "")]
        last_day, _ = ctx.calendar.add_working_days(d(notice["on"]), 5)
        if event == "requested_on" and ctx.on > last_day:
            return [Problem("N-3", t(f"听证申请期已于 {last_day} 届满",
                                     f"the request window closed on {last_day}"),
                            t("逾期提出的申请不阻止作出决定",
                              "a late request does not hold the decision"))]
        return []
    if not hearing_pending(ctx.state):
        return [Problem("N-3", t("没有待处理的听证申请", "no hearing request is pending"),
                        t("先录入听证申请（`case hearing --requested-on DATE`）",
                          "record the request first (`case hearing --requested-on DATE`)"))]
    if ctx.on < d(h["requested_on"]):
        return [Problem("N-3", t(f"日期早于听证申请（{h['requested_on']}）",
                                 f"dated before the request ({h['requested_on']})"), "")]
    scheduled = ctx.request.get("scheduled_for")
    if event == "noticed_on" and scheduled is not None and scheduled <= ctx.on:
        return [Problem("N-3", t(f"听证通知应在听证之前送达，不能在听证当日或之后（{scheduled}）",
                                 f"the hearing notice is served before the hearing, not on or after "
                                 f"it ({scheduled})"),
                        t("填写听证通知载明的听证日期", "give the hearing date the notice announces"))]
    return []


def _r5(step: Step, ctx: Context) -> list[Problem]:
    """R-5: the head extends the review limit of a proposal still awaiting its review."""
    proposed = ctx.state["proposed_on"]
    if proposed is None:
        return [Problem("R-5", t("没有待审核的拟处理意见", "there is no proposal awaiting review"),
                        t("先提出拟处理意见", "propose first"))]
    if any(r["on"] >= proposed for r in ctx.state["reviews"]):
        return [Problem("R-5", t(f"{proposed} 的拟处理意见已经审核",
                                 f"the proposal of {proposed} has been reviewed already"),
                        t("延长期限仅适用于尚在进行的审核",
                          "an extension is for a review still under way"))]
    if ctx.on < d(proposed):
        return [Problem("R-5", t(f"日期早于拟处理意见（{proposed}）",
                                 f"dated before the proposal ({proposed})"),
                        t("日期不得早于拟处理意见", "date it on or after"))]
    from caseledger.domain.clocks import review_due

    due = review_due(ctx.state, ctx.calendar)[0]
    if ctx.on > due:
        return [Problem("R-5", t(f"审核期限已于 {due} 届满；已经届满的期限不能事后延长",
                                 f"the review was due on {due}; a limit that has passed is not "
                                 "extended after the fact"),
                        t("录入审核；其时限将显示为逾期",
                          "record the review; its clock shows it late"))]
    return []


def _n4(step: Step, ctx: Context) -> list[Problem]:
    """N-4: no decision heavier than the last proposal the party was notified of."""
    notice = latest_notice(ctx.state)
    if notice is None or ctx.proposal is None:
        return []
    reasons = heavier_than(ctx.proposal, Proposal.from_payload(notice["proposal"]))
    if reasons:
        return [Problem("N-4", t("处罚决定将重于已告知的拟处理意见（" + "；".join(reasons) + "）",
                                 "the decision would be heavier than the notified proposal ("
                                 + "; ".join(reasons) + ")"),
                        t("就较重的处罚重新送达告知书", "serve a new notice of the heavier penalty"))]
    return []


def _c1(step: Step, ctx: Context) -> list[Problem]:
    """C-1: a major penalty case is discussed by the heads after the agreeing 法制审核."""
    if not ctx.state["major"] or ctx.proposal is None \
            or ctx.proposal.outcome is not Outcome.PENALTY:
        return []
    legal = [r for r in ctx.state["reviews"] if r["kind"] == "legal" and r["outcome"] == "agree"]
    after = legal[-1]["on"] if legal else None
    held = [x for x in ctx.state["discussions"]
            if (after is None or x["on"] >= after) and d(x["on"]) <= ctx.on]
    if not held:
        since = t(f"（日期不早于 {after} 的法制审核）",
                  f" on or after the 法制审核 of {after}") if after else ""
        return [Problem("C-1", t(f"重大案件须经集体讨论{since}后方可作出决定",
                                 f"a major case is decided after a collective discussion (集体讨论)"
                                 f"{since}"),
                        t("录入集体讨论（`case discuss --on DATE --conclusion TEXT`）",
                          "record `case discuss --on DATE --conclusion TEXT`"))]
    return []


def _x2(step: Step, ctx: Context) -> list[Problem]:
    """X-2: one head's 30-day extension; later ones rest on a collective discussion."""
    if step.name == "suspend":
        return [Problem("X-2", t("本案已经中止", "the case is already suspended"),
                        t("先恢复", "resume it first"))] \
            if suspended(ctx.state) else []
    if step.name == "resume":
        return [] if suspended(ctx.state) else [
            Problem("X-2", t("本案未中止", "the case is not suspended"),
                    t("先中止", "suspend it first"))]
    if step.name == "decide":
        return [Problem("X-2", t("本案已中止", "the case is suspended (中止)"),
                        t("先恢复（`case resume`）", "resume it first (`case resume`)"))] \
            if suspended(ctx.state) else []
    from caseledger.domain.clocks import decision_due

    current = decision_due(ctx.state, ctx.calendar, ctx.on)[0]
    if ctx.on > current:
        return [Problem("X-2", t(f"作出决定的期限已于 {current} 届满；已经届满的期限不能事后延长",
                                 f"the decision was due on {current}; a limit that has passed is "
                                 "not extended after the fact"),
                        t("作出决定；其时限将显示为逾期", "decide; its clock shows it late"))]
    if ctx.request.get("days") is not None:
        if any(e["days"] for e in ctx.state["extensions"]):
            return [Problem("X-2", t("负责人批准的30日延期已经使用",
                                     "the head's 30-day extension was already used"),
                            t("再次延期须以集体讨论为依据：先 `case discuss`，再 "
                              "`case extend --until DATE`",
                              "a further extension rests on a collective discussion: "
                              "`case extend --until DATE` after `case discuss`"))]
        return []
    problems = []
    if not any(e["days"] for e in ctx.state["extensions"]):
        problems.append(Problem("X-2", t("延长至指定日期，须在负责人批准的30日延期之后",
                                         "an extension to a fixed date follows the head's 30-day "
                                         "extension"),
                                t("先 `case extend --days 30 --approved-by HEAD`",
                                  "first `case extend --days 30 --approved-by HEAD`")))
    if not [x for x in ctx.state["discussions"] if d(x["on"]) <= ctx.on]:
        problems.append(Problem("X-2", t("延长至指定日期，须以已记录的集体讨论为依据",
                                         "an extension to a fixed date rests on a recorded "
                                         "collective discussion"),
                                t("先录入集体讨论（`case discuss`）", "record `case discuss` first")))
    until = ctx.request.get("until")
    if until is not None and until <= current:
        problems.append(Problem("X-2", t(f"新的期限 {until} 不晚于当前期限 {current}",
                                         f"the new date {until} is not later than the current "
                                         f"limit {current}"),
                                t("确定一个更晚的日期", "fix a later date")))
    return problems


def _x5(step: Step, ctx: Context) -> list[Problem]:
    """X-5: first-violation no-penalty needs a clean record in the look-back window."""
    proposal = ctx.proposal
    if proposal is None or proposal.ground is not Ground.FIRST_VIOLATION:
        return []
    if ctx.prior_penalties:
        case_no, on = ctx.prior_penalties[-1]
        years = ctx.settings.get("first_violation_years", "2")
        return [Problem("X-5", t(f"当事人在 {years} 年内在同一执法领域受过行政处罚：{case_no}（{on}）",
                                 f"the party had a penalty decision in the same domain within "
                                 f"{years} years: {case_no} of {on}"),
                        t("不适用首违不罚（first-violation）；请提出其他处理意见",
                          "first-violation (首违不罚) does not apply; propose another outcome"))]
    return []


def _p3(step: Step, ctx: Context) -> list[Problem]:
    """P-3: decide, close and the head's extension are approved by a head."""
    if step.name == "extend" and ctx.request.get("days") is None:
        return []  # a fixed-date extension rests on the discussion instead
    if ctx.responsible is None:
        return []
    what = {"decide": t("决定", "the decision (决定)"), "close": t("结案", "closing (结案)"),
            "extend": t("延长作出决定的期限", "extending the decision limit"),
            "extend-review": t("延长审核期限（R-5）", "extending the review limit (R-5)")}[step.name]
    return head_problems(ctx.responsible, what)


def _s2(step: Step, ctx: Context) -> list[Problem]:
    owed = owed_fen(ctx.state) - ctx.state["paid_fen"]
    if owed <= 0:
        return [Problem("S-2", t("本案没有应缴款项", "nothing is owed on this case"), "")]
    if ctx.request.get("amount_fen", 0) > owed:
        from caseledger.domain.money import yuan_text

        return [Problem("S-2", t(f"缴款数额超过应缴数额（{yuan_text(owed)} 元）",
                                 f"the payment exceeds what is owed ({yuan_text(owed)} yuan)"),
                        t("录入实际缴纳的数额", "record the amount actually paid"))]
    return []


def _g1(step: Step, ctx: Context) -> list[Problem]:
    """G-1: every penalty decision is disclosed once, except a warning alone."""
    decision = ctx.state["decision"]
    if not decision or decision["proposal"]["outcome"] != "penalty":
        return [Problem("G-1", t("只有行政处罚决定才予公示", "only penalty decisions are disclosed"),
                        t("不予行政处罚和移送的决定不予公示",
                          "no-penalty and transfer outcomes are not disclosed"))]
    if Proposal.from_payload(decision["proposal"]).warning_only:
        return [Problem("G-1", t("仅给予警告的决定不予公示",
                                 "a warning-only decision is not disclosed"), "")]
    if ctx.state["disclosure"] and not ctx.state["disclosure"]["withdrawn_on"]:
        return [Problem("G-1", t(f"已于 {ctx.state['disclosure']['on']} 公示",
                                 f"already disclosed on {ctx.state['disclosure']['on']}"), "")]
    if decision["revoked_on"]:
        return [Problem("G-1", t("该决定已被撤销", "the decision was revoked"), "")]
    return []


def _g5(step: Step, ctx: Context) -> list[Problem]:
    if step.name == "revoke":
        decision = ctx.state["decision"]
        if not decision:
            return [Problem("G-5", t("本案没有可撤销的决定", "the case has no decision to revoke"),
                            "")]
        if decision["revoked_on"]:
            return [Problem("G-5", t(f"该决定已于 {decision['revoked_on']} 撤销",
                                     f"the decision was already revoked on {decision['revoked_on']}"),
                            "")]
        return []
    disclosure = ctx.state["disclosure"]
    if not disclosure:
        return [Problem("G-5", t("本案没有可撤回的公示", "the case has no disclosure to withdraw"),
                        "")]
    if disclosure["withdrawn_on"]:
        return [Problem("G-5", t(f"该公示已于 {disclosure['withdrawn_on']} 撤回",
                                 f"the disclosure was already withdrawn on "
                                 f"{disclosure['withdrawn_on']}"), "")]
    return []


def _t1(step: Step, ctx: Context) -> list[Problem]:
    """T-1: suspected crimes go to the police; the police's acceptance follows a transfer."""
    transfer = ctx.state["transfer"]
    if step.name == "accept":
        if not transfer or transfer["to"] not in ("police", "procuratorate"):
            return [Problem("T-1", t("没有移送公安机关或者检察机关的记录",
                                     "no transfer to the police or procuratorate is recorded"),
                            t("先录入移送（`case transfer --to police --on DATE`）",
                              "record `case transfer --to police --on DATE` first"))]
        if transfer["accepted_on"]:
            return [Problem("T-1", t(f"已于 {transfer['accepted_on']} 录入立案受理",
                                     f"acceptance already recorded on {transfer['accepted_on']}"),
                            "")]
        if ctx.on < d(transfer["on"]):
            return [Problem("T-1", t(f"受理日期早于移送（{transfer['on']}）",
                                     f"acceptance dated before the transfer ({transfer['on']})"),
                            "")]
        return []
    if transfer:
        return [Problem("T-1", t(f"已于 {transfer['on']} 移送",
                                 f"already transferred on {transfer['on']}"), "")]
    outcome = ctx.state["outcome"]
    to = ctx.request.get("to")
    if to in ("police", "procuratorate") and outcome not in ("transfer-judicial", "penalty"):
        return [Problem("T-1", t("移送司法机关须以涉嫌犯罪移送的决定为前提"
                                 "（或者行政处罚决定：罚款绝不代替移送）",
                                 "a transfer to judicial organs follows a decision to transfer a "
                                 "suspected crime (or a penalty decision: a fine never replaces it)"),
                        t("以 `--transfer judicial` 提出拟处理意见并作出决定",
                          "propose and decide `--transfer judicial`"))]
    return []


def _t2(step: Step, ctx: Context) -> list[Problem]:
    """T-2: a case outside the bureau's competence goes to the named competent agency."""
    if step.name != "transfer" or ctx.request.get("to") != "agency":
        return []
    if ctx.state["outcome"] != "transfer-agency":
        return [Problem("T-2", t("移送其他机关须以移送的决定为前提",
                                 "a transfer to another agency follows a decision to transfer it"),
                        t("以 `--transfer agency` 提出拟处理意见并作出决定",
                          "propose and decide `--transfer agency`"))]
    if not ctx.request.get("agency"):
        return [Problem("T-2", t("未载明有管辖权的机关", "the competent agency is not named"),
                        t("用 --agency NAME 载明", "give --agency NAME"))]
    return []


def _k1(step: Step, ctx: Context) -> list[Problem]:
    """K-1: a case closes once its penalty is executed, or on termination, no-penalty, transfer."""
    s = ctx.state
    if s["status"] in ("executed", "terminated", "transferred"):
        return []
    if s["outcome"] in ("no-penalty", "transfer-judicial", "transfer-agency"):
        return []
    if s["decision"] and s["decision"]["revoked_on"]:
        return []
    from caseledger.domain.money import yuan_text

    owed = owed_fen(s) - s["paid_fen"]
    why = (t(f"行政处罚尚未执行完毕：尚有 {yuan_text(owed)} 元未缴纳",
             f"the penalty is not executed: {yuan_text(owed)} yuan unpaid")
           if owed > 0 and s["served"]
           else t("行政处罚尚未执行完毕：处罚决定尚未送达",
                  "the penalty is not executed: the decision has not been served"))
    return [Problem("K-1", why, t("先录入送达和缴款（`case serve`、`case pay`）",
                                  "record `case serve` and `case pay` first"))]


GATES: dict[str, Gate] = {
    "P-2": _p2, "P-3": _p3, "R-1": _r1, "R-2": _r2, "R-3": _r3, "N-1": _n1, "N-2": _n2,
    "N-3": _n3, "N-4": _n4, "C-1": _c1, "X-2": _x2, "X-5": _x5, "R-5": _r5, "S-2": _s2, "G-1": _g1,
    "G-5": _g5, "T-1": _t1, "T-2": _t2, "K-1": _k1,
}


HEARING_EVENTS = ("requested_on", "noticed_on", "held_on", "withdrawn_on", "absent_on",
                  "waived_on")
FAR_FUTURE = dt.date(2099, 12, 31)  # the latest date the ledger takes (dates.LATEST)


def requests(step: Step, on: dt.date) -> list[dict[str, Any]]:
    """One valid request of each kind the step's command can carry (`case hearing --held-on`,
    `case transfer --to agency --agency NAME`, `case extend --until DATE` ...): what `case steps`
    tries, so that a step is shown allowed when some request the command accepts would pass."""
    if step.name == "hearing":
        return [{"event": e} | ({"scheduled_for": on + dt.timedelta(days=1)}
                                if e == "noticed_on" else {}) for e in HEARING_EVENTS]
    if step.name == "transfer":
        return [{"to": "police"}, {"to": "procuratorate"},
                {"to": "agency", "agency": "the competent agency"}]
    if step.name == "extend":
        return [{"days": 30}, {"until": FAR_FUTURE}]
    if step.name == "pay":
        return [{"amount_fen": 1}]  # a payment of one fen is the least any request asks
    return [{}]


def verdict(step: Step, on: dt.date,
            context: Callable[[dict[str, Any]], Context]) -> list[Problem]:
    """For `case steps`: no problem when some request of `requests` passes every gate; else every
    distinct problem that any of them met, so the officer sees all that stands in the way."""
    problems: list[Problem] = []
    for request in requests(step, on):
        found = check(step, context(request))
        if not found:
            return []
        problems += [p for p in found if p not in problems]
    return problems


# The steps `floor` names, in Chinese (its English names are the keys).
FLOOR_ZH = {"decision": "决定日期", "service": "送达日期", "disclosure": "公示日期",
            "suspension": "中止日期", "ground for closing": "结案事由发生日期"}


def floor(step: Step, state: State) -> tuple[str, str] | None:
    """The step this one follows, and its date: a step is never dated before it."""
    decision, served, disclosure = state["decision"], state["served"], state["disclosure"]
    if step.name in ("serve", "disclose", "revoke", "transfer") and decision:
        return "decision", decision["on"]
    if step.name == "pay" and served:
        return "service", served["on"]
    if step.name == "withdraw" and disclosure:
        return "disclosure", disclosure["on"]
    if step.name == "resume" and state["suspensions"]:
        return "suspension", state["suspensions"][-1]["from"]
    if step.name == "close":
        from caseledger.domain.clocks import closing_ground

        ground = closing_ground(state)
        if ground:
            return "ground for closing", ground.isoformat()
    return None


def check(step: Step, ctx: Context) -> list[Problem]:
    """Every problem standing in the way of `step` now: the status first, then each gate."""
    status = ctx.state["status"]
    if status not in step.allowed:
        rule = "K-3" if status == "closed" else step.status_rule
        return [Problem(rule, t(f"案件当前为{STATUS_LABELS[status]}（{status}），"
                                f"不能进行{step.label}（{step.name}）",
                                f"{step.label} ({step.name}) is not allowed while the case is "
                                f"{STATUS_LABELS[status]} ({status})"),
                        t(f"前提条件：{step.needs_zh}", f"it needs {step.needs}"))]
    filed = d(ctx.state["filed_on"])
    problems: list[Problem] = []
    if ctx.on < filed:
        problems.append(Problem("F-1", t(f"该步骤日期 {ctx.on} 早于立案日期 {filed}",
                                         f"the step is dated {ctx.on}, before the filing date "
                                         f"{filed}"),
                                t("日期不得早于立案日期", "date it on or after the filing date")))
    else:
        after = floor(step, ctx.state)
        if after and ctx.on < d(after[1]):
            problems.append(Problem(step.status_rule,
                                    t(f"{step.label}（{step.name}）的日期 {ctx.on} 早于"
                                      f"{FLOOR_ZH[after[0]]}（{after[1]}）",
                                      f"{step.label} ({step.name}) is dated "
                                      f"{ctx.on}, before the {after[0]} ({after[1]})"),
                                    t(f"日期不得早于 {after[1]}", f"date it on or after {after[1]}")))
    for rule in step.gates:
        problems += GATES[rule](step, ctx)
    return problems
