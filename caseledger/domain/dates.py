"""Dates as the user types them (`YYYY-MM-DD`), and the business-date checks F-1 asks for."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re

from caseledger.domain.errors import InputError

_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
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
    """A `YYYY-MM-DD` date, or InputError naming the field (and the rule, where one applies)."""
    value = text.strip()
    if not _ISO.match(value):
        raise InputError(f"{what}: {text!r} is not a date in YYYY-MM-DD form", rule=rule)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{what}: {text!r} is not a real date", rule=rule) from None
    if not EARLIEST <= day <= LATEST:
        raise InputError(f"{what}: {value} is outside the dates the ledger takes "
                         f"({EARLIEST} to {LATEST})", rule=rule)
    return day


def business_date(text: str | None, what: str, rule: str = "F-1") -> dt.date:
    """A step's business date: given or today, and never in the future."""
    on = today() if text is None else parse_date(text, what, rule)
    if on > today():
        raise InputError(f"{what}: {on.isoformat()} is in the future", rule=rule)
    return on


def check_year(year: int, what: str = "YEAR") -> int:
    """A year the ledger can hold (1990 to 2099, as its dates), else InputError (exit 2)."""
    if not EARLIEST.year <= year <= LATEST.year:
        raise InputError(f"{what}: {year} is outside the years the ledger takes "
                         f"({EARLIEST.year} to {LATEST.year})")
    return year
