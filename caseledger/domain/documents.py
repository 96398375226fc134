"""The case's documents (文书, CLI.md "Documents"): which step each records, what it says.

Each kind is laid out after SAMR's 2021 文书格式范本 (国市监法发〔2021〕42号): the bureau, the title,
the document number, the party, the body, the legal remedies where the document is a decision,
the date and a place for the seal. This module says *what* a document holds, as blocks of text
and as the flat placeholder fields a bureau's own template uses; `services.documents` renders
them into a file. Documents are in Chinese whatever the reader's language: they are served on
the party.

A document is refused (`requirement`) when the case has not reached the step it records, naming
that step's rule; a decision that lacks an item APL Art. 59 requires (the party's address, the
facts, the evidence, the payment account, the review organ or the court) is refused as
incomplete input (`missing`), naming how to supply each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from caseledger.domain.disclosure import public_id
from caseledger.domain.errors import Problem
from caseledger.domain.identifiers import PartyKind
from caseledger.domain.lang import t
from caseledger.domain.money import yuan_text
from caseledger.domain.penalty import Outcome, Proposal

State = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    rule: str  # the rule of the step the document records
    numbered: str | None  # the setting of its own number pattern, or None

    @property
    def counter(self) -> str:
        """Its numbers' counter (at most 16 characters, as the counter table keeps them)."""
        return "doc:" + self.key.split("-")[0]


KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("filing", "立案审批表", "F-1", None),
    Kind("notice", "行政处罚告知书", "N-1", "notice_no_pattern"),
    Kind("hearing-notice", "听证通知书", "N-3", "hearing_notice_no_pattern"),
    Kind("review", "法制审核意见书", "R-1", "review_no_pattern"),
    Kind("decision", "行政处罚决定书", "X-1", None),
    Kind("service", "送达回证", "S-1", None),
    Kind("closing", "结案审批表", "K-1", None),
    Kind("disclosure", "行政处罚信息公示", "G-1", None),
)}


@dataclass(frozen=True)
class Block:
    """A piece of a document: `heading` (the bureau), `title`, `number` (right), `to` (the
    addressee line), `para` (a body paragraph), `items` (a numbered list), `table` (label and
    value rows, as an approval form), `sign` (the seal's place and the date, right)."""

    kind: str
    text: str = ""
    rows: tuple[tuple[str, str], ...] = ()


@dataclass
class Document:
    kind: str
    title: str
    number: str | None
    dated: dt.date
    blocks: list[Block] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


def requirement(kind: str, state: State) -> Problem | None:
    """Why the case has not reached the step `kind` records, or None."""
    k = KINDS[kind]
    proposal = state.get("proposal")
    decision = state.get("decision")
    if kind == "notice":
        if not proposal or proposal["outcome"] != Outcome.PENALTY.value:
            return Problem(k.rule, t("告知书告知拟作出的行政处罚：案件尚无拟给予行政处罚的拟处理意见",
                                     "a notice tells the party of a proposed penalty: the case "
                                     "has no proposal of a penalty"),
                           t("先录入拟处理意见（`case propose`）", "record it (`case propose`)"))
    elif kind == "hearing-notice":
        if not state.get("hearing", {}).get("requested_on"):
            return Problem(k.rule, t("听证通知书答复当事人的听证要求：尚未录入听证申请",
                                     "a hearing notice answers the party's request: no "
                                     "hearing was requested"),
                           t("录入听证申请（`case hearing --requested-on DATE`）",
                             "record it (`case hearing --requested-on DATE`)"))
    elif kind == "review":
        if not state.get("reviews"):
            return Problem(k.rule, t("尚未录入审核", "the case has no review yet"),
                           t("录入审核（`case review`）", "record it (`case review`)"))
    elif kind in ("decision", "service"):
        if not decision:
            return Problem(k.rule if kind == "decision" else "S-1",
                           t("案件尚未作出决定", "the case has no decision yet"),
                           t("先录入决定（`case decide`）", "record it (`case decide`)"))
        if decision["proposal"]["outcome"] in (Outcome.TRANSFER_JUDICIAL.value,
                                               Outcome.TRANSFER_AGENCY.value):
            return Problem("T-1", t("移送的案件不作出行政处罚决定，不出具决定书",
                                    "a transferred case has no penalty decision to issue"),
                           t("移送按 `case transfer` 办理", "see `case transfer`"))
        if decision["revoked_on"]:
            return Problem("G-5", t(f"处罚决定已于 {decision['revoked_on']} 撤销，不再出具",
                                    f"the decision was revoked on {decision['revoked_on']}: "
                                    "it is no longer issued"), "")
    elif kind == "closing":
        if not state.get("closed"):
            return Problem(k.rule, t("案件尚未结案", "the case is not closed"),
                           t("先录入结案（`case close`）", "record it (`case close`)"))
    elif kind == "disclosure":
        if not state.get("disclosure"):
            return Problem(k.rule, t("案件尚未公示", "the case has not been disclosed"),
                           t("先录入公示（`case disclose`）", "record it (`case disclose`)"))
        withdrawn = state["disclosure"]["withdrawn_on"]
        revoked = (decision or {}).get("revoked_on")
        if withdrawn or revoked:
            return Problem("G-5", t(f"公示已撤回或决定已撤销（{withdrawn or revoked}），不再公示",
                                    f"the disclosure was withdrawn or the decision revoked "
                                    f"({withdrawn or revoked}): it is no longer published"), "")
    return None


def missing(kind: str, state: State, settings: dict[str, str]) -> list[str]:
    """What a document must state (APL Art. 44, 59) that the case or the settings lack, each
    with the command that supplies it."""
    out: list[str] = []
    if kind not in ("notice", "decision"):
        return out
    if not state.get("party_address"):
        out.append(t("当事人住所：`case correct CASE --field party_address --value ... --reason ...`",
                     "the party's address: `case correct CASE --field party_address --value ... "
                     "--reason ...`"))
    if not state.get("facts"):
        out.append(t("违法事实与证据：`case propose CASE ... --facts ... --evidence ...`",
                     "the facts and evidence: `case propose CASE ... --facts ... --evidence ...`"))
    elif not state.get("evidence"):
        out.append(t("证据：`case propose CASE ... --evidence ...`",
                     "the evidence: `case propose CASE ... --evidence ...`"))
    if kind == "decision":
        decision = state["decision"]
        decided = Proposal.from_payload(decision["proposal"])
        money = decided.money_fen
        if not _basis(decided.basis or decided.citation):
            out.append(t("处理依据：`case propose CASE ... --basis ...`（再经审核、决定）",
                         "the legal basis: `case propose CASE ... --basis ...` (then review and "
                         "decide again)"))
        for key, zh, en in (("payment_account", "罚款缴纳账户", "the payment account"),
                            ("review_organ", "行政复议机关", "the review organ"),
                            ("court", "行政诉讼管辖法院", "the court")):
            if key == "payment_account" and not money:
                continue
            if not settings.get(key):
                out.append(t(f"{zh}：`caseledger settings set {key} ...`",
                             f"{en}: `caseledger settings set {key} ...`"))
    return out


def cn_date(day: dt.date | str | None) -> str:
    """2026年3月2日; a blank to fill in by hand when the date is not known yet."""
    if not day:
        return "    年  月  日"
    d = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{d.year}年{d.month}月{d.day}日"


def _id_label(state: State) -> str:
    kind = PartyKind(state["party_kind"])
    if kind in (PartyKind.ORG, PartyKind.INDIVIDUAL_BUSINESS):
        return "统一社会信用代码"
    if kind is PartyKind.PERSON:
        return "身份证号码"
    return state.get("party_id_type") or "证件号码"


def _you(state: State) -> str:
    return "你" if PartyKind(state["party_kind"]) is PartyKind.PERSON else "你单位"


def _person(people: dict[str, dict[str, Any]], login: str | None) -> str:
    if not login:
        return ""
    member = people.get(login) or {}
    return member.get("name") or login


def _officers(state: State, people: dict[str, dict[str, Any]]) -> str:
    out = []
    for login in state["officers"]:
        member = people.get(login) or {}
        cert = member.get("cert_no")
        out.append(f"{member.get('name') or login}（执法证号 {cert}）" if cert else
                   member.get("name") or login)
    return "、".join(out)


def build(kind: str, state: State, *, bureau: str, number: str | None, dated: dt.date,
          settings: dict[str, str], people: dict[str, dict[str, Any]]) -> Document:
    """The document `kind` of the case in `state` (the caller checked `requirement`)."""
    k = KINDS[kind]
    fields = _common(state, bureau=bureau, number=number, dated=dated, people=people)
    doc = Document(kind=kind, title=k.title, number=number, dated=dated)
    builders = {"filing": _filing, "notice": _notice, "hearing-notice": _hearing_notice,
                "review": _review, "decision": _decision, "service": _service,
                "closing": _closing, "disclosure": _disclosure}
    builders[kind](doc, state, fields, settings, people)
    fields["title"] = doc.title
    doc.fields = fields
    return doc


def _common(state: State, *, bureau: str, number: str | None, dated: dt.date,
            people: dict[str, dict[str, Any]]) -> dict[str, str]:
    proposal = state.get("proposal")
    p = Proposal.from_payload(proposal) if proposal else None
    return {
        "bureau": bureau, "number": number or "", "date": cn_date(dated),
        "case_no": state["case_no"], "party_name": state["party_name"],
        "party_kind": PartyKind(state["party_kind"]).label, "party_id_label": _id_label(state),
        "party_id": state["party_id"], "party_address": state.get("party_address") or "",
        "legal_rep": state.get("legal_rep") or "", "violation": state["violation"],
        "filed_on": cn_date(state["filed_on"]), "officers": _officers(state, people),
        "approved_by": _person(people, state["approved_by"]),
        "facts": state.get("facts") or "",
        "evidence": "；".join(state.get("evidence") or []),
        "basis": _basis(p.basis) if p else "", "proposal": p.content() if p else "",
    }


def _basis(text: str | None) -> str:
    """The legal basis as the sentence `依据…，` takes it (a basis written `依据…` loses the word)."""
    return (text or "").strip().removeprefix("依据").strip()


def _party(doc: Document, state: State, f: dict[str, str]) -> None:
    doc.blocks.append(Block("para", f"当事人：{f['party_name']}"))
    doc.blocks.append(Block("para", f"{f['party_id_label']}：{f['party_id']}"))
    if f["party_address"]:
        doc.blocks.append(Block("para", f"住所（住址）：{f['party_address']}"))
    if f["legal_rep"] and PartyKind(state["party_kind"]) is not PartyKind.PERSON:
        doc.blocks.append(Block("para", f"法定代表人（负责人）：{f['legal_rep']}"))


def _head(doc: Document, f: dict[str, str]) -> None:
    doc.blocks += [Block("heading", f["bureau"]), Block("title", doc.title)]
    if doc.number:
        doc.blocks.append(Block("number", doc.number))


def _sign(doc: Document, f: dict[str, str]) -> None:
    doc.blocks.append(Block("sign", f"{f['bureau']}（印章）\n{f['date']}"))


def _evidence(doc: Document, state: State) -> None:
    items = state.get("evidence") or []
    if items:
        doc.blocks.append(Block("para", "以上事实，有下列证据证明："))
        doc.blocks.append(Block("items", "\n".join(items)))


def _filing(doc: Document, state: State, f: dict[str, str], settings: dict[str, str],
            people: dict[str, dict[str, Any]]) -> None:
    from caseledger.domain.filing import MajorReason, Source

    source = Source(state["source"]).label if state.get("source") else ""
    f.update(source=source, lead_on=cn_date(state["lead_on"]) if state.get("lead_on") else "",
             major=MajorReason(state["major"]).label if state.get("major") else "否")
    doc.number = state["case_no"]
    f["number"] = doc.number
    _head(doc, f)
    doc.blocks.append(Block("table", rows=(
        ("案号", f["case_no"]), ("案件来源", f["source"]), ("线索发现日期", f["lead_on"]),
        ("当事人", f["party_name"]), (f["party_id_label"], f["party_id"]),
        ("住所（住址）", f["party_address"]), ("法定代表人（负责人）", f["legal_rep"]),
        ("涉嫌违法行为", f["violation"]), ("重大案件", f["major"]),
        ("承办人员", f["officers"]),
        ("负责人审批意见", f"同意立案。\n负责人：{f['approved_by']}\n{f['filed_on']}"),
    )))


def _notice(doc: Document, state: State, f: dict[str, str], settings: dict[str, str],
            people: dict[str, dict[str, Any]]) -> None:
    from caseledger.domain.workflow import hearing_right

    notice = state["notices"][-1] if state.get("notices") else None
    proposal = Proposal.from_payload(notice["proposal"] if notice else state["proposal"])
    right = notice["hearing_right"] if notice else hearing_right(
        proposal, state["party_kind"], settings)
    you = _you(state)
    f.update(proposal=proposal.content(), basis=_basis(proposal.basis),
             hearing_right="是" if right else "否")
    _head(doc, f)
    doc.blocks.append(Block("to", f"{f['party_name']}："))
    doc.blocks.append(Block("para", f"本局于{f['filed_on']}对{you}涉嫌{f['violation']}一案立案调查。"
                                    f"经查，{f['facts']}"))
    _evidence(doc, state)
    doc.blocks.append(Block("para", f"依据{f['basis']}，本局拟对{you}作出如下行政处罚："
                                    f"{f['proposal']}。"))
    doc.blocks.append(Block("para", f"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，{you}"
                                    "有权进行陈述和申辩。请在收到本告知书之日起五个工作日内向本局提出陈述、"
                                    "申辩意见；逾期未提出的，视为放弃此权利。"))
    if right:
        doc.blocks.append(Block("para", f"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，"
                                        f"{you}有权要求听证。请在收到本告知书之日起五个工作日内向本局提出"
                                        "听证要求；逾期未提出的，视为放弃此权利。"))
    doc.blocks.append(Block("para", f"承办人员：{f['officers']}"))
    _sign(doc, f)


def _hearing_notice(doc: Document, state: State, f: dict[str, str], settings: dict[str, str],
                    people: dict[str, dict[str, Any]]) -> None:
    hearing = state.get("hearing") or {}
    you = _you(state)
    f.update(requested_on=cn_date(hearing.get("requested_on")),
             scheduled_for=cn_date(hearing.get("scheduled_for") or hearing.get("held_on")))
    _head(doc, f)
    doc.blocks.append(Block("to", f"{f['party_name']}："))
    doc.blocks.append(Block("para", f"根据{you}于{f['requested_on']}提出的听证要求，本局决定于"
                                    f"{f['scheduled_for']}在______________就{you}涉嫌"
                                    f"{f['violation']}一案举行听证，请准时出席。"))
    doc.blocks.append(Block("para", "本次听证主持人为____________，书记员为____________。"))
    doc.blocks.append(Block("para", f"{you}可以亲自参加听证，也可以委托一至二人代理。委托代理人参加听证的，"
                                    "应当在听证举行前向本局提交授权委托书。"))
    doc.blocks.append(Block("para", f"{you}认为主持人与本案有直接利害关系的，有权申请回避。"))
    doc.blocks.append(Block("para", "当事人无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证"
                                    "权利（《中华人民共和国行政处罚法》第六十五条）。"))
    _sign(doc, f)


def _review(doc: Document, state: State, f: dict[str, str], settings: dict[str, str],
            people: dict[str, dict[str, Any]]) -> None:
    review = state["reviews"][-1]
    legal = review["kind"] == "legal"
    doc.title = "法制审核意见书" if legal else "案件审核表"
    labels = {"agree": "同意", "correct": "纠正", "investigate": "补充调查", "other": "其他意见"}
    f.update(review_kind=doc.title, reviewer=_person(people, review["reviewer"]),
             reviewed_on=cn_date(review["on"]),
             outcome=labels.get(review["outcome"], review["outcome"]), opinion=review["opinion"])
    _head(doc, f)
    doc.blocks.append(Block("table", rows=(
        ("案号", f["case_no"]), ("当事人", f["party_name"]), ("案由", f["violation"]),
        ("拟处理意见", f["proposal"]), ("处理依据", f["basis"]),
        ("审核结论", f["outcome"]), ("审核意见", f["opinion"]),
        ("审核人员", f"{f['reviewer']}\n{f['reviewed_on']}"),
    )))


def _decision(doc: Document, state: State, f: dict[str, str], settings: dict[str, str],
              people: dict[str, dict[str, Any]]) -> None:
    decision = state["decision"]
    proposal = Proposal.from_payload(decision["proposal"])
    penalty = proposal.outcome is Outcome.PENALTY
    if not penalty:
        doc.title = "不予行政处罚决定书"
    doc.number = decision["number"]
    f.update(number=doc.number or "", decided_on=cn_date(decision["on"]),
             proposal=proposal.content(), basis=_basis(proposal.basis or proposal.citation),
             payment_account=settings.get("payment_account", ""),
             review_organ=settings.get("review_organ", ""), court=settings.get("court", ""),
             fine=yuan_text(proposal.fine_fen), gains=yuan_text(proposal.gains_fen),
             discretion=proposal.discretion.label if proposal.discretion else "",
             discretion_ref=proposal.discretion_ref or "")
    _head(doc, f)
    _party(doc, state, f)
    doc.blocks.append(Block("para", f"本局于{f['filed_on']}对当事人涉嫌{f['violation']}一案立案调查。"
                                    f"经查，{f['facts']}"))
    _evidence(doc, state)
    notices = state.get("notices") or []
    if notices:
        n = notices[-1]
        rights = "陈述、申辩和要求听证的权利" if n["hearing_right"] else "陈述、申辩的权利"
        statement = state.get("statement")
        heard = ("当事人放弃陈述、申辩。" if statement and statement["waived"] else
                 "当事人在法定期限内提出了陈述、申辩意见，本局已予复核。" if statement else
                 "当事人在法定期限内未提出陈述、申辩意见。")
        hearing = state.get("hearing") or {}
        if hearing.get("held_on"):
            heard = (f"当事人于{cn_date(hearing.get('requested_on'))}要求听证，本局于"
                     f"{cn_date(hearing['held_on'])}依法举行了听证。")
        doc.blocks.append(Block("para", f"本局于{cn_date(n['on'])}向当事人送达《行政处罚告知书》，告知当事人"
                                        f"拟作出行政处罚的内容及事实、理由、依据，以及享有的{rights}。{heard}"))
    if penalty:
        weighed = f"（裁量情形：{f['discretion']}，依据{f['discretion_ref']}）" \
            if proposal.discretion and proposal.discretion_ref else ""
        doc.blocks.append(Block("para", f"依据{f['basis']}，本局决定对当事人作出如下行政处罚：{f['proposal']}"
                                        f"{weighed}。"))
        if proposal.money_fen:
            doc.blocks.append(Block("para", "当事人应当自收到本决定书之日起十五日内，将罚没款缴至"
                                            f"{f['payment_account']}。到期不缴纳罚款的，本局可以每日按罚款"
                                            "数额的百分之三加处罚款，加处罚款的数额不超过罚款的数额"
                                            "（《中华人民共和国行政处罚法》第六十七条、第七十二条）。"))
    else:
        ground = proposal.ground.label if proposal.ground else ""
        doc.blocks.append(Block("para", f"依据{f['basis']}，本局决定对当事人不予行政处罚（{ground}）。"))
    doc.blocks.append(Block("para", f"当事人如不服本决定，可以在收到本决定书之日起六十日内向{f['review_organ']}"
                                    f"申请行政复议，也可以在六个月内依法向{f['court']}提起行政诉讼。"
                                    "申请行政复议或者提起行政诉讼的，不停止本决定的执行，法律另有规定的除外。"))
    f["date"] = f["decided_on"]
    _sign(doc, f)


def _service(doc: Document, state: State, f: dict[str, str], settings: dict[str, str],
             people: dict[str, dict[str, Any]]) -> None:
    decision = state["decision"]
    title = "行政处罚决定书" if decision["proposal"]["outcome"] == Outcome.PENALTY.value \
        else "不予行政处罚决定书"
    served = state.get("served")
    methods = {"direct": "直接送达", "left": "留置送达", "electronic": "电子送达", "post": "邮寄送达",
               "entrusted": "委托送达", "public-notice": "公告送达"}
    f.update(served_document=f"《{title}》（{decision['number']}）" if decision["number"]
             else f"《{title}》", served_on=cn_date(served["on"]) if served else cn_date(None),
             served_method=methods.get(served["method"], served["method"]) if served else "")
    _head(doc, f)
    doc.blocks.append(Block("table", rows=(
        ("送达文书名称及文号", f["served_document"]), ("受送达人", f["party_name"]),
        ("送达地点", f["party_address"]), ("送达方式", f["served_method"]),
        ("送达日期", f["served_on"]), ("受送达人签名或者盖章", "\n\n            年  月  日"),
        ("送达人", f["officers"]), ("见证人", ""), ("备注", ""),
    )))


def _closing(doc: Document, state: State, f: dict[str, str], settings: dict[str, str],
             people: dict[str, dict[str, Any]]) -> None:
    decision = state.get("decision")
    outcome = Outcome(decision["proposal"]["outcome"]).label if decision else "终止调查"
    executed = []
    if state.get("paid_fen"):
        executed.append(f"已缴纳罚没款{yuan_text(state['paid_fen'])}元（{cn_date(state['paid_on'])}）")
    if state.get("transfer"):
        tr = state["transfer"]
        executed.append(f"已于{cn_date(tr['on'])}移送{tr.get('agency') or {'police': '公安机关', 'procuratorate': '检察机关'}.get(tr['to'], tr['to'])}")
    if state.get("terminated"):
        executed.append(f"终止调查：{state['terminated']['reason']}")
    closed = state["closed"]
    f.update(outcome=outcome, decision_no=(decision or {}).get("number") or "",
             decided_on=cn_date(decision["on"]) if decision else "",
             executed="；".join(executed) or "已执行完毕", closed_on=cn_date(closed["on"]),
             closed_by=_person(people, closed["by"]))
    f["date"] = f["closed_on"]
    _head(doc, f)
    doc.blocks.append(Block("table", rows=(
        ("案号", f["case_no"]), ("当事人", f["party_name"]), ("案由", f["violation"]),
        ("立案日期", f["filed_on"]), ("处理结果", f"{f['outcome']}：{f['proposal']}"),
        ("决定书文号", f["decision_no"]), ("决定日期", f["decided_on"]),
        ("执行情况", f["executed"]), ("承办人员", f["officers"]),
        ("负责人审批意见", f"同意结案。\n负责人：{f['closed_by']}\n{f['closed_on']}"),
    )))


def _disclosure(doc: Document, state: State, f: dict[str, str], settings: dict[str, str],
                people: dict[str, dict[str, Any]]) -> None:
    d = state["disclosure"]
    record = d["record"]  # what was published (G-3), not the case as it stands now
    masked = public_id(state["party_kind"], state["party_id"])  # G-3, as the ledger masks now
    f.update(party_id=masked, decision_no=record.get("decision_no") or "",
             party_name=record.get("party_name") or f["party_name"],
             violation=record.get("violation") or f["violation"],
             bureau=record.get("bureau") or f["bureau"],
             penalty=record.get("penalty") or f["proposal"],
             decided_on=cn_date(record.get("decided_on")), disclosed_on=cn_date(d["on"]),
             until=cn_date(d["until"]))
    f["date"] = f["disclosed_on"]
    # Nothing personal beyond G-3's record: no address, no legal representative, no evidence.
    for key in ("party_address", "legal_rep", "facts", "evidence"):
        f[key] = ""
    _head(doc, f)
    doc.blocks.append(Block("table", rows=(
        ("行政处罚决定书文号", f["decision_no"]), ("当事人名称", f["party_name"]),
        (f["party_id_label"], f["party_id"]), ("违法行为类型", f["violation"]),
        ("行政处罚内容", f["penalty"]), ("作出行政处罚决定机关名称", f["bureau"]),
        ("作出行政处罚决定日期", f["decided_on"]), ("公示日期", f["disclosed_on"]),
        ("公示截止日期", f["until"]),
    )))


FIELD_NOTES = {
    "bureau": "本局名称", "title": "文书名称", "number": "文书编号", "date": "文书日期",
    "case_no": "案号", "party_name": "当事人名称", "party_kind": "当事人类型",
    "party_id_label": "证件名称", "party_id": "证件号码（公示文书按 G-3 遮蔽）",
    "party_address": "当事人住所（住址）", "legal_rep": "法定代表人（负责人）",
    "violation": "涉嫌违法行为", "filed_on": "立案日期", "officers": "承办人员及执法证号",
    "approved_by": "立案审批负责人", "facts": "违法事实", "evidence": "证据（以“；”分隔）",
    "basis": "处理依据", "proposal": "拟处理意见 / 处罚内容", "source": "案件来源",
    "lead_on": "线索发现日期", "major": "重大案件情形", "hearing_right": "是否告知听证权（是/否）",
    "requested_on": "听证申请日期", "scheduled_for": "听证日期", "review_kind": "审核类别",
    "reviewer": "审核人员", "reviewed_on": "审核日期", "outcome": "审核结论 / 处理结果",
    "opinion": "审核意见", "decided_on": "决定日期", "payment_account": "罚款缴纳账户",
    "review_organ": "行政复议机关", "court": "行政诉讼管辖法院", "fine": "罚款金额（元）",
    "gains": "没收违法所得（元）", "discretion": "裁量情形", "discretion_ref": "裁量依据",
    "served_document": "送达文书名称及文号", "served_on": "送达日期", "served_method": "送达方式",
    "decision_no": "决定书文号", "executed": "执行情况", "closed_on": "结案日期",
    "closed_by": "结案审批负责人", "penalty": "行政处罚内容", "disclosed_on": "公示日期",
    "until": "公示截止日期", "footer": "页脚：案号与所依据事件的哈希",
}
