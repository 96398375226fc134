"""What a proposal or decision carries (rules X-1, X-3, X-4) and how two penalties compare (N-4).

Amounts are integer fen here; `money` turns yuan text into them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from caseledger.domain.errors import InputError
from caseledger.domain.lang import t


class Sanction(StrEnum):
    """X-3: the kinds of administrative penalty (APL Art. 9)."""

    WARNING = "warning"
    CRITICISM = "criticism"
    FINE = "fine"
    CONFISCATE_GAINS = "confiscate-gains"
    CONFISCATE_PROPERTY = "confiscate-property"
    LICENCE_SUSPENSION = "licence-suspension"
    QUALIFICATION_DOWNGRADE = "qualification-downgrade"
    LICENCE_REVOCATION = "licence-revocation"
    PRODUCTION_RESTRICTION = "production-restriction"
    BUSINESS_SUSPENSION = "business-suspension"
    CLOSURE = "closure"
    EMPLOYMENT_RESTRICTION = "employment-restriction"

    @property
    def label(self) -> str:
        return SANCTION_LABELS[self]


SANCTION_LABELS = {
    Sanction.WARNING: "警告",
    Sanction.CRITICISM: "通报批评",
    Sanction.FINE: "罚款",
    Sanction.CONFISCATE_GAINS: "没收违法所得",
    Sanction.CONFISCATE_PROPERTY: "没收非法财物",
    Sanction.LICENCE_SUSPENSION: "暂扣许可证件",
    Sanction.QUALIFICATION_DOWNGRADE: "降低资质等级",
    Sanction.LICENCE_REVOCATION: "吊销许可证件",
    Sanction.PRODUCTION_RESTRICTION: "限制开展生产经营活动",
    Sanction.BUSINESS_SUSPENSION: "责令停产停业",
    Sanction.CLOSURE: "责令关闭",
    Sanction.EMPLOYMENT_RESTRICTION: "限制从业",
}

# N-3: sanctions that carry a hearing right whatever their amount.
HEARING_SANCTIONS = frozenset({
    Sanction.QUALIFICATION_DOWNGRADE, Sanction.LICENCE_REVOCATION,
    Sanction.BUSINESS_SUSPENSION, Sanction.CLOSURE, Sanction.EMPLOYMENT_RESTRICTION,
})
# Sanctions given with --sanction (the rest have options of their own).
KIND_ONLY = [s for s in Sanction if s not in (
    Sanction.WARNING, Sanction.CRITICISM, Sanction.FINE, Sanction.CONFISCATE_GAINS,
    Sanction.CONFISCATE_PROPERTY)]
# G-4: sanctions that run for a term (--restriction-months).
RESTRICTIONS = frozenset({
    Sanction.LICENCE_SUSPENSION, Sanction.PRODUCTION_RESTRICTION, Sanction.BUSINESS_SUSPENSION,
    Sanction.EMPLOYMENT_RESTRICTION,
})


class Outcome(StrEnum):
    """X-1: what a decision decides."""

    PENALTY = "penalty"
    NO_PENALTY = "no-penalty"
    TRANSFER_AGENCY = "transfer-agency"
    TRANSFER_JUDICIAL = "transfer-judicial"

    @property
    def label(self) -> str:
        return {"penalty": "处罚", "no-penalty": "不予处罚", "transfer-agency": "移送其他机关",
                "transfer-judicial": "移送司法机关"}[self]


class Ground(StrEnum):
    """X-1: why no penalty."""

    MINOR = "minor"
    FIRST_VIOLATION = "first-violation"
    NO_FAULT = "no-fault"
    NOT_ESTABLISHED = "not-established"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"minor": "轻微并及时改正", "first-violation": "首违不罚", "no-fault": "无主观过错",
                "not-established": "违法事实不成立", "other": "其他"}[self]


class Discretion(StrEnum):
    """X-4: 裁量 and the list item that justifies it."""

    NONE = "none"
    MITIGATED = "mitigated"
    LIGHTER = "lighter"
    STANDARD = "standard"
    HEAVIER = "heavier"

    @property
    def label(self) -> str:
        return {"none": "无", "mitigated": "减轻", "lighter": "从轻", "standard": "一般",
                "heavier": "从重"}[self]

    @property
    def needs_reference(self) -> bool:
        return self in (Discretion.MITIGATED, Discretion.LIGHTER, Discretion.HEAVIER)


@dataclass(frozen=True)
class Proposal:
    """调查终结 proposal: the outcome and, for a penalty, its sanctions and amounts."""

    outcome: Outcome
    sanctions: tuple[Sanction, ...] = ()
    fine_fen: int = 0
    gains_fen: int = 0
    confiscated_property: str | None = None
    basis: str | None = None
    discretion: Discretion | None = None
    discretion_ref: str | None = None
    ground: Ground | None = None
    citation: str | None = None
    restriction_months: int | None = None  # G-4: how long a restriction lasts, when stated
    extra: dict[str, Any] = field(default_factory=dict)

    def to_payload(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "sanctions": [s.value for s in self.sanctions],
            "fine_fen": self.fine_fen,
            "gains_fen": self.gains_fen,
            "property": self.confiscated_property,
            "basis": self.basis,
            "discretion": self.discretion.value if self.discretion else None,
            "discretion_ref": self.discretion_ref,
            "ground": self.ground.value if self.ground else None,
            "citation": self.citation,
        } | ({"restriction_months": self.restriction_months} if self.restriction_months else {})

    @classmethod
    def from_payload(cls, p: dict[str, Any]) -> Proposal:
        return cls(
            outcome=Outcome(p["outcome"]),
            sanctions=tuple(Sanction(s) for s in p["sanctions"]),
            fine_fen=p["fine_fen"],
            gains_fen=p["gains_fen"],
            confiscated_property=p.get("property"),
            basis=p.get("basis"),
            discretion=Discretion(p["discretion"]) if p.get("discretion") else None,
            discretion_ref=p.get("discretion_ref"),
            ground=Ground(p["ground"]) if p.get("ground") else None,
            citation=p.get("citation"),
            restriction_months=p.get("restriction_months"),
        )

    @property
    def warning_only(self) -> bool:
        """G-1: a decision of a warning and nothing else is not disclosed."""
        return self.outcome is Outcome.PENALTY and set(self.sanctions) == {Sanction.WARNING}

    @property
    def money_fen(self) -> int:
        return self.fine_fen + self.gains_fen

    def content(self) -> str:
        """The penalty content in words, as a disclosure (G-3) shows it."""
        from caseledger.domain.money import yuan_text

        if self.outcome is not Outcome.PENALTY:
            return self.outcome.label
        parts = []
        for s in self.sanctions:
            if s is Sanction.FINE:
                parts.append(f"罚款{yuan_text(self.fine_fen)}元")
            elif s is Sanction.CONFISCATE_GAINS:
                parts.append(f"没收违法所得{yuan_text(self.gains_fen)}元")
            elif s is Sanction.CONFISCATE_PROPERTY and self.confiscated_property:
                parts.append(f"没收非法财物（{self.confiscated_property}）")
            elif s in RESTRICTIONS and self.restriction_months:
                parts.append(f"{s.label}（{term_text(self.restriction_months)}）")
            else:
                parts.append(s.label)
        return "；".join(parts)


def heavier_than(decided: Proposal, notified: Proposal) -> list[str]:
    """N-4: in what ways `decided` is heavier than the proposal the party was notified of."""
    if decided.outcome is not Outcome.PENALTY:
        return []
    if notified.outcome is not Outcome.PENALTY:
        return [t("告知的拟处理意见未给予行政处罚", "the notice proposed no penalty")]
    reasons = []
    if decided.fine_fen > notified.fine_fen:
        reasons.append(t("罚款数额更高", "a larger fine"))
    if decided.gains_fen > notified.gains_fen:
        reasons.append(t("没收违法所得数额更高", "a larger confiscation of illegal gains"))
    extra = [s.label for s in decided.sanctions if s not in notified.sanctions]
    if extra:
        reasons.append(t("增加了告知书未载明的处罚种类：", "sanctions not in the notice: ")
                       + "、".join(extra))
    if (decided.restriction_months or 0) > (notified.restriction_months or 0) \
            and notified.restriction_months is not None:
        reasons.append(t("限制期限更长", "a longer restriction"))
    return reasons


MAX_RESTRICTION_MONTHS = 1200  # G-4: a restriction's term, at most a lifetime of 100 years


def term_text(months: int) -> str:
    years, rest = divmod(months, 12)
    return (f"{years}年" if years else "") + (f"{rest}个月" if rest or not years else "")


def build_proposal(
    *,
    warning: bool,
    criticism: bool,
    fine_fen: int | None,
    gains_fen: int | None,
    property_text: str | None,
    sanctions: list[str],
    basis: str | None,
    discretion: str | None,
    discretion_ref: str | None,
    no_penalty: str | None,
    citation: str | None,
    transfer: str | None,
    restriction_months: int | None = None,
) -> Proposal:
    """A checked proposal from `case propose` options; InputError (exit 2) when inconsistent."""
    from caseledger.domain.filing import choice

    penalty_given = any([warning, criticism, fine_fen, gains_fen, property_text, sanctions])
    chosen = [name for name, on in (("a penalty", penalty_given), ("--no-penalty", no_penalty),
                                    ("--transfer", transfer)) if on]
    if len(chosen) != 1:
        chosen_zh = ["给予处罚" if c == "a penalty" else c for c in chosen]
        raise InputError(t(
            "拟处理意见须是下列之一，且只能是其一：给予处罚（--warning、--criticism、--fine、"
            "--confiscate-gains、--confiscate-property、--sanction）、--no-penalty GROUND、"
            "--transfer judicial|agency" + (f"；实际给出了 {' 和 '.join(chosen_zh)}" if chosen else ""),
            "propose exactly one of: a penalty (--warning, --criticism, --fine, "
            "--confiscate-gains, --confiscate-property, --sanction), --no-penalty GROUND, "
            "--transfer judicial|agency" + (f"; got {' and '.join(chosen)}" if chosen else "")
        ))
    if no_penalty:
        ground = choice(Ground, no_penalty, t("不予处罚理由", "no-penalty ground"))
        if ground is Ground.OTHER and not (citation or "").strip():
            raise InputError(t("--no-penalty other 须以 --citation 载明法律依据",
                               "--no-penalty other needs --citation naming the legal basis"))
        return Proposal(Outcome.NO_PENALTY, ground=ground, citation=(citation or "").strip() or None,
                        basis=(basis or "").strip() or None)
    if transfer:
        kind = transfer.strip()
        if kind not in ("judicial", "agency"):
            raise InputError(t(f"未知的移送类型 {transfer!r}；可选：judicial（移送司法机关）、"
                               "agency（移送其他机关）",
                               f"unknown transfer {transfer!r}; one of: judicial, agency"))
        return Proposal(Outcome.TRANSFER_JUDICIAL if kind == "judicial" else Outcome.TRANSFER_AGENCY,
                        basis=(basis or "").strip() or None)
    if not (basis or "").strip():
        raise InputError(t("给予处罚的拟处理意见须有 --basis（所依据的法律条款）",
                           "a penalty proposal needs --basis (the provisions it rests on)"))
    kinds: list[Sanction] = []
    if warning:
        kinds.append(Sanction.WARNING)
    if criticism:
        kinds.append(Sanction.CRITICISM)
    if fine_fen is not None:
        if fine_fen <= 0:
            raise InputError(t("--fine 须大于零", "--fine must be more than zero"))
        kinds.append(Sanction.FINE)
    if gains_fen is not None:
        if gains_fen <= 0:
            raise InputError(t("--confiscate-gains 须大于零",
                               "--confiscate-gains must be more than zero"))
        kinds.append(Sanction.CONFISCATE_GAINS)
    if property_text:
        kinds.append(Sanction.CONFISCATE_PROPERTY)
    for text in sanctions:
        kind = choice(Sanction, text, t("处罚种类", "sanction"))
        if kind not in KIND_ONLY:
            raise InputError(t(f"{kind.value}（{kind.label}）须用其专门的选项 --{kind.value} 给出，"
                               "不能用 --sanction",
                               f"give {kind.value} with its own option (--{kind.value}), not --sanction"))
        if kind not in kinds:
            kinds.append(kind)
    if restriction_months is not None:
        if not 0 < restriction_months <= MAX_RESTRICTION_MONTHS:
            raise InputError(t(f"--restriction-months 须在 1 至 {MAX_RESTRICTION_MONTHS} 之间"
                               "（100年）",
                               f"--restriction-months must be from 1 to {MAX_RESTRICTION_MONTHS} "
                               "(100 years)"))
        if not RESTRICTIONS & set(kinds):
            raise InputError(t("--restriction-months 须与限制类处罚一并给出：--sanction "
                               + "、".join(f"{s.value}（{s.label}）" for s in RESTRICTIONS),
                               "--restriction-months goes with a restriction: --sanction "
                               + ", ".join(s.value for s in RESTRICTIONS)))
    the_discretion = (choice(Discretion, discretion, t("裁量情形", "discretion")) if discretion
                      else None)
    ref = (discretion_ref or "").strip() or None
    if the_discretion and the_discretion.needs_reference and not ref:
        raise InputError(t(f"--discretion {the_discretion.value}（{the_discretion.label}）须有 "
                           "--discretion-ref（所依据的清单条目）",
                           f"--discretion {the_discretion.value} needs --discretion-ref "
                           "(the list item)"))
    order = list(Sanction)
    return Proposal(
        Outcome.PENALTY,
        sanctions=tuple(sorted(kinds, key=order.index)),
        fine_fen=fine_fen or 0,
        gains_fen=gains_fen or 0,
        confiscated_property=property_text.strip() if property_text else None,
        basis=basis.strip() if basis else None,
        discretion=the_discretion,
        discretion_ref=ref,
        restriction_months=restriction_months,
    )
