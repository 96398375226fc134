"""Party identifiers (rule F-2): credit codes and resident IDs, checked with python-stdnum.

Input is normalised first: full-width characters become half-width (NFKC), spaces and hyphens are
dropped, letters are upper-cased. An organisation or individual business carries an 18-character
unified social credit code (统一社会信用代码, GB 32100-2015); a natural person an 18-character resident
ID (GB 11643) whose birth date is real; a party of kind `other` a free-form identifier and its type.

A resident ID is checked for its length, digits, check character (mod 11-2) and birth date. Its
first six digits (the place of registration) are not looked up: F-2 does not ask for it, and
python-stdnum's table of county codes misses codes that were valid when older IDs were issued.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from caseledger.domain import text
from caseledger.domain.errors import InputError
from caseledger.domain.lang import t


class PartyKind(StrEnum):
    ORG = "org"
    INDIVIDUAL_BUSINESS = "individual-business"
    PERSON = "person"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def is_natural_person(self) -> bool:
        """Whether N-3's and G-4's natural-person thresholds apply.

        An individual business (个体工商户) counts as a natural person (N-3). A party of kind
        `other` does too: the kind exists for people without a resident ID (a foreign national with
        a passport, a Hong Kong, Macao or Taiwan resident with a permit), and the ledger cannot tell
        from a free-form identifier that it is not one. The lower fine threshold gives the party
        the hearing right sooner, the reading that protects the party.
        """
        return self is not PartyKind.ORG

    @property
    def has_credit_code(self) -> bool:
        """G-3: only an organisation's or individual business's credit code is published whole."""
        return self in (PartyKind.ORG, PartyKind.INDIVIDUAL_BUSINESS)


_KIND_LABELS = {
    PartyKind.ORG: "单位",
    PartyKind.INDIVIDUAL_BUSINESS: "个体工商户",
    PartyKind.PERSON: "自然人",
    PartyKind.OTHER: "其他",
}


def party_kind(given: str) -> PartyKind:
    value = given.strip()
    for kind in PartyKind:
        if value in (kind.value, kind.label):
            return kind
    choices = ", ".join(k.value for k in PartyKind)
    labelled = "、".join(f"{k.value}（{k.label}）" for k in PartyKind)
    raise InputError(t(f"未知的当事人类型 {given!r}；可选：{labelled}",
                       f"unknown party kind {given!r}; one of: {choices}"), rule="F-1")


@dataclass(frozen=True)
class PartyId:
    """A checked identifier: its normalised text and what kind of document it is."""

    value: str
    id_type: str  # uscc, ric, or the free-form type of an `other` party


def normalise(text: str) -> str:
    """Full-width to half-width, no spaces or hyphens, upper case: `ｉ` → `I`, `９１-５` → `915`."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and ch != "-").upper()


def check_party_id(
    kind: PartyKind, identifier: str, id_type: str | None = None, today: dt.date | None = None
) -> PartyId:
    """The normalised identifier of a party of `kind`, or InputError [F-2] saying what is wrong."""
    if kind is PartyKind.OTHER:
        if not identifier.strip():
            raise InputError(t("类型为 'other'（其他）的当事人须填写证件号码",
                               "a party of kind 'other' needs an identifier"), rule="F-2")
        value = text.name(unicodedata.normalize("NFKC", identifier),
                          t("当事人证件号码", "the party's identifier"), text.SHORT, rule="F-2")
        if not (id_type or "").strip():
            raise InputError(
                t("类型为 'other'（其他）的当事人须填写证件类型（--party-id-type，如 passport）",
                  "a party of kind 'other' needs the identifier's type (--party-id-type, "
                  "e.g. passport)"),
                rule="F-2",
            )
        kind_of_id = text.name(id_type or "",
                               t("证件类型（--party-id-type）",
                                 "the identifier's type (--party-id-type)"),
                               text.SHORT, rule="F-2")
        return PartyId(value, kind_of_id)
    value = normalise(identifier)
    if kind is PartyKind.PERSON:
        return PartyId(_check_resident_id(value, today or dt.date.today()), "ric")
    return PartyId(_check_credit_code(value), "uscc")


def _check_credit_code(value: str) -> str:
    from stdnum.cn import uscc
    from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

    try:
        return uscc.validate(value)
    except InvalidLength:
        problem = t(f"长度为 {len(value)} 位，应为 18 位", f"has {len(value)} characters, not 18")
    except InvalidChecksum:
        expected = uscc.calc_check_digit(value[:-1])
        problem = t(f"校验码错误（应为 {expected}）",
                    f"has a wrong check character (expected {expected})")
    except ValidationError:
        problem = t("含有不允许的字符（只能是数字和除 I、O、S、V、Z 以外的大写字母）",
                    "contains characters a credit code cannot hold (digits and A-Z except I, O, S, "
                    "V, Z)")
    raise InputError(t(f"统一社会信用代码 {value!r} {problem}",
                       f"unified social credit code {value!r} {problem}"), rule="F-2")


def _check_resident_id(value: str, today: dt.date) -> str:
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError

    if len(value) != 18:
        raise InputError(t(f"身份证号码 {value!r} 长度为 {len(value)} 位，应为 18 位",
                           f"resident ID {value!r} has {len(value)} characters, not 18"),
                         rule="F-2")
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise InputError(
            t(f"身份证号码 {value!r} 应为 17 位数字加 1 位数字或 X",
              f"resident ID {value!r} must be 17 digits and a digit or X"), rule="F-2"
        )
    try:
        born = ric.get_birth_date(value)
    except ValidationError:
        raise InputError(
            t(f"身份证号码 {value!r} 中的出生日期 {value[6:14]} 不可能存在",
              f"resident ID {value!r} has an impossible birth date {value[6:14]}"), rule="F-2"
        ) from None
    if born > today or born.year < 1900:
        raise InputError(
            t(f"身份证号码 {value!r} 中的出生日期 {born.isoformat()} 不可能存在",
              f"resident ID {value!r} has an impossible birth date {born.isoformat()}"),
            rule="F-2",
        )
    expected = ric.calc_check_digit(value)
    if value[-1] != expected:
        raise InputError(
            t(f"身份证号码 {value!r} 校验码错误（应为 {expected}）",
              f"resident ID {value!r} has a wrong check character (expected {expected})"),
            rule="F-2",
        )
    return value


def mask_resident_id(value: str) -> str:
    """G-3: keep the first 6 and last 4 characters, `*` for the rest (`511602********0017`).

    Anything that is not an 18-character resident ID is masked as `mask_other` does."""
    if len(value) != 18:
        return mask_other(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_other(value: str) -> str:
    """G-3 for a passport, a permit or any other identifier: at most the first 2 and the last 2
    characters are shown, and at least half of it is `*` (`E1*****78`, `AB**`, `A**`, `*`)."""
    shown = min(4, len(value) // 2)
    front = (shown + 1) // 2
    back = shown - front
    return value[:front] + "*" * (len(value) - shown) + (value[-back:] if back else "")
