"""Dates as officers and Excel write them (`2026-03-02`, `2026/3/2`, `2026年3月2日` ...), and the business-date checks F-1 asks for."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata

from caseledger.domain.errors import InputError
from caseledger.domain.lang import t

# The forms officers and Excel write (CLI.md "Global"): 2026-03-02, 2026/3/2, 2026.3.2, 20260302,
# 2026年3月2日; full-width digits and a midnight time Excel appends (`2026/3/2 0:00`) are
# accepted too.
_SEPARATED = re.compile(r"^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?:[ T]0{1,2}:00(?::00)?)?$")
_CHINESE = re.compile(r"^([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?$")
_COMPACT = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")
FORMS = "YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD or YYYY年M月D日"
FORMS_ZH = "YYYY-MM-DD、YYYY/M/D、YYYY.M.D、YYYYMMDD 或 YYYY年M月D日"
# The dates the ledger takes: from 1990 (older penalty files are paper archives) to 2099 (a
# limit or a certificate's end); a year outside is a typing error, and would take the working-day
# arithmetic out of the calendar's range.
EARLIEST, LATEST = dt.date(1990, 1, 1), dt.date(2099, 12, 31)


def today() -> dt.date:
    """Today's date; CASELEDGER_TODAY (YYYY-MM-DD) pins it for demos and reproducible runs."""
    pinned = os.environ.get("CASELEDGER_TODAY")
    return _pinned(pinned) if pinned else dt.date.today()


@functools.lru_cache(maxsize=8)
def _pinned(text: str) -> dt.date:
    return parse_date(text, "CASELEDGER_TODAY")


def parse_date(text: str, what: str, rule: str | None = None) -> dt.date:
    """A date in one of the FORMS, or InputError naming the field (and the rule, where one
    applies)."""
    value = unicodedata.normalize("NFKC", text).strip()
    parts = _parts(value)
    if parts is None:
        raise InputError(t(f"{what}: {text!r} 不是有效日期（可写作 {FORMS_ZH}）",
                           f"{what}: {text!r} is not a date ({FORMS})"), rule=rule)
    try:
        day = dt.date(*parts)
    except ValueError:
        raise InputError(t(f"{what}: {text!r} 不是实际存在的日期",
                           f"{what}: {text!r} is not a real date"), rule=rule) from None
    if not EARLIEST <= day <= LATEST:
        raise InputError(t(f"{what}: {day.isoformat()} 超出台账可录入的日期范围"
                           f"（{EARLIEST} 至 {LATEST}）",
                           f"{what}: {day.isoformat()} is outside the dates the ledger takes "
                           f"({EARLIEST} to {LATEST})"), rule=rule)
    return day


def _parts(value: str) -> tuple[int, int, int] | None:
    found = _SEPARATED.match(value)
    if found:
        return int(found[1]), int(found[3]), int(found[4])
    found = _CHINESE.match(value) or _COMPACT.match(value)
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


def iso(text: str, what: str, rule: str | None = None) -> str:
    """The date `text` names, spelled YYYY-MM-DD (for values kept as text, such as import cells)."""
    return parse_date(text, what, rule).isoformat()


def business_date(text: str | None, what: str, rule: str = "F-1") -> dt.date:
    """A step's business date: given or today, and never in the future."""
    on = today() if text is None else parse_date(text, what, rule)
    if on > today():
        raise InputError(t(f"{what}: {on.isoformat()} 晚于今天",
                           f"{what}: {on.isoformat()} is in the future"), rule=rule)
    return on


def check_year(year: int, what: str = "YEAR") -> int:
    """A year the ledger can hold (1990 to 2099, as its dates), else InputError (exit 2)."""
    if not EARLIEST.year <= year <= LATEST.year:
        raise InputError(t(f"{what}: {year} 超出台账可录入的年份范围"
                           f"（{EARLIEST.year} 至 {LATEST.year}）",
                           f"{what}: {year} is outside the years the ledger takes "
                           f"({EARLIEST.year} to {LATEST.year})"))
    return year
