"""Values as a table shows them: Chinese labels by default (CLI.md "Global": states, outcomes,
yes/no), the English key with `--lang en`. JSON and CSV keep the keys themselves."""

from __future__ import annotations

from typing import Any

from caseledger.domain.lang import english

CLOCK_STATES = {"running": "进行中", "paused": "暂停", "met": "按期完成", "late": "逾期完成",
                "breached": "已超期"}
UNITS = {"working": "工作日", "calendar": "自然日"}
DISCLOSURE_STATES = {"not-required": "无须公示", "pending": "待公示", "disclosed": "已公示",
                     "withdrawn": "已撤回", "expired": "公示期满"}
REVIEW_OUTCOMES = {"agree": "同意", "correct": "纠正", "investigate": "补充调查", "other": "其他意见"}
OUTCOMES = {"penalty": "处罚", "no-penalty": "不予处罚", "transfer-judicial": "移送司法机关",
            "transfer-agency": "移送其他机关"}
SERVICE_METHODS = {"direct": "直接送达", "left": "留置送达", "electronic": "电子送达", "post": "邮寄送达",
                   "entrusted": "委托送达", "public-notice": "公告送达"}
TRANSFER_TARGETS = {"police": "公安机关", "procuratorate": "检察机关", "agency": "其他行政机关"}
REVIEW_KINDS = {"legal": "法制审核", "case": "案件审核"}


def shown(table: dict[str, str], value: Any) -> Any:
    """`value`'s label from `table` (unknown values and English readers get the value)."""
    if english() or not isinstance(value, str):
        return value
    return table.get(value, value)


def yes_no(value: bool) -> str:
    if english():
        return "yes" if value else "no"
    return "是" if value else "否"


# `case show` and other one-object tables: a field's Chinese name by its flattened key.
FIELDS = {
    "case_no": "案号", "short_id": "短号", "status": "状态", "domain": "领域", "group": "领域分组",
    "party.kind": "当事人类型", "party.name": "当事人名称", "party.id": "证件号码",
    "party.id_type": "证件类型", "party.address": "当事人住所", "party.legal_rep": "法定代表人",
    "facts": "违法事实", "evidence": "证据", "documents": "已出具文书", "violation": "违法行为", "source": "案件来源",
    "lead_on": "线索发现日期", "lead_extended": "立案期限延长", "major": "重大案件",
    "review_kind": "审核类型", "campaign": "专项行动", "typical": "典型案例", "filed_on": "立案日期",
    "approved_by": "立案审批人", "officers": "执法人员", "proposal.outcome": "拟处理意见",
    "proposal.sanctions": "拟处罚种类", "proposal.fine": "拟罚款金额",
    "proposal.confiscated_gains": "拟没收违法所得", "proposal.confiscated_property": "拟没收非法财物",
    "proposal.basis": "处罚依据", "proposal.discretion": "裁量情形",
    "proposal.discretion_ref": "裁量依据", "proposal.ground": "不予处罚理由",
    "proposal.content": "拟处罚内容", "proposed_on": "调查终结日期", "reviews": "审核",
    "notices": "告知", "statement": "陈述申辩", "hearing": "听证", "discussions": "集体讨论",
    "extensions": "延期", "review_extensions": "审核期限延长", "suspensions": "中止",
    "decision.outcome": "处理结果", "decision.decided_on": "决定日期",
    "decision.decision_no": "决定书文号", "decision.by": "决定人", "decision.revoked_on": "撤销日期",
    "decision.penalty.outcome": "决定·处理结果", "decision.penalty.sanctions": "决定·处罚种类",
    "decision.penalty.fine": "决定·罚款金额", "decision.penalty.confiscated_gains": "决定·没收违法所得",
    "decision.penalty.confiscated_property": "决定·没收非法财物",
    "decision.penalty.basis": "决定·处罚依据", "decision.penalty.discretion": "决定·裁量情形",
    "decision.penalty.discretion_ref": "决定·裁量依据", "decision.penalty.ground": "决定·不予处罚理由",
    "decision.penalty.content": "决定·处罚内容", "served": "送达", "paid": "已缴款", "owed": "应缴款",
    "disclosure": "公示", "disclosure_record": "公示内容", "transfer.to": "移送对象",
    "transfer.agency": "移送机关", "transfer.on": "移送日期", "transfer.accepted_on": "公安立案日期",
    "terminated": "终止调查", "closed.on": "结案日期", "closed.by": "结案审批人", "clocks": "期限",
    "overdue": "超期", "last_event": "最近事件",
    # info, verify, settings and the like
    "database": "数据库", "schema_version": "结构版本", "bureau": "机关", "prefix": "文号简称",
    "chain_head.seq": "链头序号", "chain_head.hash": "链头哈希", "counts.cases": "案件数",
    "counts.events": "事件数", "counts.staff": "人员数", "counts.active_staff": "在岗人员数",
}


def field_label(key: str) -> str:
    """The name a one-object table gives a field: Chinese, or the key itself in English."""
    if english():
        return key
    return FIELDS.get(key, key)


ID_TYPES = {"uscc": "统一社会信用代码", "ric": "居民身份证"}
VALUES = {"review_kind": REVIEW_KINDS, "party.id_type": ID_TYPES, "disclosure": DISCLOSURE_STATES,
          "transfer.to": TRANSFER_TARGETS}


def paired(items: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """For a Chinese table, a field with a `_label` sibling shows the label under the field's
    own name (`status` 已决定 rather than `status` decided and `status_label` 已决定)."""
    if english():
        return items
    labelled = {k.removesuffix("_label"): v for k, v in items if k.endswith("_label")}
    labelled |= {k.replace("sanction_labels", "sanctions"): v for k, v in items
                 if k.endswith("sanction_labels")}
    out = []
    for key, value in items:
        if key.endswith("_label") or key.endswith("sanction_labels"):
            continue
        value = labelled.get(key, value)
        out.append((key, shown(VALUES[key], value) if key in VALUES else value))
    return out


def clock_rows(clocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Clocks as a table shows them: states and units labelled, a breach standing out."""
    from caseledger.cli.output import Alarm

    rows = []
    for clock in clocks:
        row = dict(clock)
        state = shown(CLOCK_STATES, row["state"])
        row["state"] = Alarm(state) if clock["state"] == "breached" else state
        row["unit"] = shown(UNITS, row["unit"])
        if row.get("provisional"):
            row["due"] = f"{row['due']} *"
        rows.append(row)
    return rows


CLOCK_COLUMNS = [("clock", "规则"), ("label", "事项"), ("due", "期限"), ("state", "状态"),
                 ("met_on", "完成日期"), ("days_left", "剩余"), ("unit", "单位")]
