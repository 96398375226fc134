"""Filing a case (立案): the input F-1 and F-2 describe, checked into a `Filing` value.

The people gates (P-1, P-3, P-4) need the staff records and live in `people`; the service asks both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from caseledger.domain import dates, text
from caseledger.domain.errors import InputError
from caseledger.domain.identifiers import PartyKind, check_party_id, party_kind
from caseledger.domain.lang import t
from caseledger.domain.vocabulary import domain


class Source(StrEnum):
    INSPECTION = "inspection"
    COMPLAINT = "complaint"
    SAMPLING = "sampling"
    REFERRAL = "referral"
    ASSIGNED = "assigned"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "inspection": "监督检查",
            "complaint": "投诉举报",
            "sampling": "抽样检验",
            "referral": "移送",
            "assigned": "上级交办",
            "other": "其他",
        }[self]


class MajorReason(StrEnum):
    """R-2: why a case is major, and so gets 法制审核 instead of 案件审核."""

    PUBLIC_INTEREST = "public-interest"
    HEARING = "hearing"
    COMPLEX = "complex"
    STATUTORY = "statutory"

    @property
    def label(self) -> str:
        return {
            "public-interest": "涉及重大公共利益",
            "hearing": "经过听证",
            "complex": "案情疑难复杂",
            "statutory": "法律法规规定",
        }[self]


E = TypeVar("E", bound=StrEnum)


def choice(enum: type[E], given: str, what: str, rule: str | None = None) -> E:
    value = given.strip()
    for member in enum:
        if value == member.value or value == getattr(member, "label", None):
            return member
    choices = ", ".join(m.value for m in enum)
    choices_zh = "、".join(f"{m.value}（{m.label}）" if getattr(m, "label", None) else m.value
                          for m in enum)
    raise InputError(t(f"未知的{what} {given!r}；可选：{choices_zh}",
                       f"unknown {what} {given!r}; one of: {choices}"), rule=rule)


@dataclass(frozen=True)
class Filing:
    """A checked filing: everything `case open` records about the case itself."""

    domain: str
    party_kind: PartyKind
    party_name: str
    party_id: str
    party_id_type: str
    violation: str
    officers: tuple[str, ...]
    approved_by: str
    filed_on: dt.date
    source: Source | None = None
    lead_on: dt.date | None = None
    major: MajorReason | None = None
    campaign: str | None = None
    lead_extended: bool = False
    party_address: str | None = None  # 住所（住址）, for the documents (CLI.md "Documents")
    legal_rep: str | None = None  # 法定代表人（负责人）of an organisation


def check_filing(
    *,
    domain_key: str,
    kind: str,
    party_name: str,
    party_id: str,
    party_id_type: str | None,
    violation: str,
    officers: list[str],
    approved_by: str,
    on: str | None,
    source: str | None = None,
    lead_on: str | None = None,
    major: str | None = None,
    campaign: str | None = None,
    lead_extended: bool = False,
    party_address: str | None = None,
    legal_rep: str | None = None,
) -> Filing:
    """F-1 and F-2 on the raw input; raises InputError (exit 2) naming the rule."""
    filed_on = dates.business_date(on, t("立案日期", "filing date"), rule="F-1")
    the_kind = party_kind(kind)
    name = text.name(party_name, t("当事人名称", "the party's name"), rule="F-1")
    what = text.text(violation, t("违法行为描述", "the violation description"), rule="F-1")
    if not approved_by.strip():
        raise InputError(t("缺少批准立案的负责人（--approved-by）",
                           "the approving head is missing (--approved-by)"), rule="F-1")
    checked = check_party_id(the_kind, party_id, party_id_type, today=dates.today())
    lead = dates.parse_date(lead_on, t("线索日期", "lead date"), rule="F-1") if lead_on else None
    if lead and lead > filed_on:
        raise InputError(
            t(f"线索日期 {lead.isoformat()} 晚于立案日期 {filed_on.isoformat()}",
              f"lead date {lead.isoformat()} is after the filing date {filed_on.isoformat()}"),
            rule="F-1",
        )
    if lead_extended and not lead:
        raise InputError(t("延长立案期限须有线索日期（--lead-on）",
                           "an extension of the filing limit needs the lead date (--lead-on)"),
                         rule="F-4")
    return Filing(
        domain=domain(domain_key).key,
        party_kind=the_kind,
        party_name=name,
        party_id=checked.value,
        party_id_type=checked.id_type,
        violation=what,
        officers=tuple(dict.fromkeys(o.strip() for o in officers if o.strip())),
        approved_by=approved_by.strip(),
        filed_on=filed_on,
        source=choice(Source, source, t("案件来源", "source"), "F-1") if source else None,
        lead_on=lead,
        major=choice(MajorReason, major, t("重大案件情形", "major reason"), "R-2") if major else None,
        campaign=text.optional_name(campaign, t("专项行动（--campaign）", "the campaign (--campaign)"),
                                    text.SHORT),
        lead_extended=lead_extended,
        party_address=text.optional_name(
            party_address, t("当事人住所（--party-address）", "the party's address (--party-address)")),
        legal_rep=text.optional_name(
            legal_rep, t("法定代表人（--legal-rep）", "the legal representative (--legal-rep)"),
            text.SHORT),
    )
