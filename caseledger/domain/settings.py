"""The ledger's settings: the bureau, number patterns and the configurable thresholds of RULES.md.

Each setting has a default and a checker; the ledger stores only values an admin has set (P-5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from caseledger.domain import text
from caseledger.domain.errors import InputError
from caseledger.domain.lang import t
from caseledger.domain.money import parse_yuan
from caseledger.domain.numbering import CASE_PATTERN, DECISION_PATTERN, check_pattern


def _bureau(value: str) -> str:
    return text.name(value, t("设置值", "the value"))


def _prefix(value: str) -> str:
    return text.name(value, t("设置值", "the value"), text.SHORT)


def _yuan(value: str) -> str:
    return f"{parse_yuan(value):.2f}"


def _free(value: str) -> str:
    return text.name(value, t("设置值", "the value"))


def _years(value: str) -> str:
    if not value.strip().isdigit() or not 1 <= int(value) <= 10:
        raise InputError(t(f"{value!r} 不是 1 至 10 之间的年数",
                           f"{value!r} is not a number of years from 1 to 10"))
    return str(int(value))


@dataclass(frozen=True)
class Setting:
    key: str
    default: str
    check: Callable[[str], str]
    description_en: str
    description_zh: str

    @property
    def description(self) -> str:
        """What the setting means, in the reader's language (`settings show`)."""
        return t(self.description_zh, self.description_en)


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("bureau", "", _bureau, "the bureau's name (市场监督管理局)",
                "本局名称（市场监督管理局）"),
        Setting("prefix", "", _prefix, "the bureau's abbreviation in numbers, e.g. 广区市监",
                "编号中的本局简称，如 广区市监"),
        Setting("case_no_pattern", CASE_PATTERN, check_pattern, "F-3 case number pattern",
                "F-3 案件编号格式"),
        Setting(
            "decision_no_pattern", DECISION_PATTERN, check_pattern, "F-3 decision number pattern",
            "F-3 处罚决定书文号格式",
        ),
        Setting("hearing_fine_person", "10000.00", _yuan, "N-3 hearing threshold, natural person",
                "N-3 听证标准，自然人"),
        Setting("hearing_fine_org", "100000.00", _yuan, "N-3 hearing threshold, organisation",
                "N-3 听证标准，单位"),
        Setting("low_fine_person", "10000.00", _yuan, "G-4 low fine (3 months), natural person",
                "G-4 较低数额罚款标准（公示 3 个月），自然人"),
        Setting("low_fine_org", "100000.00", _yuan, "G-4 low fine (3 months), organisation",
                "G-4 较低数额罚款标准（公示 3 个月），单位"),
        Setting("first_violation_years", "2", _years, "X-5 first-violation look-back, years",
                "X-5 首违不罚回溯期（年）"),
        # The documents (文书, CLI.md "Documents"): their own numbers, gap-free per year (as
        # F-3), and what the decision tells the party (APL Art. 59).
        Setting("notice_no_pattern", "{prefix}罚告〔{year}〕{n}号", check_pattern,
                "number pattern of the notice (行政处罚告知书)", "行政处罚告知书文号格式"),
        Setting("hearing_notice_no_pattern", "{prefix}听告〔{year}〕{n}号", check_pattern,
                "number pattern of the hearing notice (听证通知书)", "听证通知书文号格式"),
        Setting("review_no_pattern", "{prefix}审〔{year}〕{n}号", check_pattern,
                "number pattern of the review opinion (法制审核意见书 / 案件审核表)",
                "法制审核意见书 / 案件审核表编号格式"),
        Setting("payment_account", "", _free,
                "where a fine is paid: bank, account name and number (the decision states it)",
                "罚款缴纳账户：开户行、户名、账号（处罚决定书载明）"),
        Setting("review_organ", "", _free,
                "the organ that hears an administrative review (行政复议机关)",
                "行政复议机关"),
        Setting("court", "", _free, "the court that hears a lawsuit against a decision",
                "行政诉讼管辖法院"),
    )
}


def check_setting(key: str, value: str) -> str:
    """The stored spelling of `value` for `key`, or InputError (exit 2)."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise InputError(t(f"未知的设置项 {key!r}；可选：{', '.join(SETTINGS)}",
                           f"unknown setting {key!r}; one of: {', '.join(SETTINGS)}"))
    try:
        return setting.check(value)
    except InputError as exc:
        raise InputError(t(f"设置项 {key}：{exc}", f"setting {key}: {exc}"),
                         rule=exc.rule) from None
