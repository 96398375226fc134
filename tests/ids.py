"""Valid (and deliberately broken) party identifiers for tests, made with python-stdnum."""

from __future__ import annotations

import datetime as dt

from stdnum.cn import ric, uscc

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(n: int, region: str = "511602") -> str:
    """A valid 18-character unified social credit code, distinct for each n."""
    body = "91" + region
    digits = ""
    for _ in range(9):
        digits = _USCC_ALPHABET[n % 31] + digits
        n //= 31
    stem = body + digits
    return stem + uscc.calc_check_digit(stem)


def resident_id(n: int, born: dt.date = dt.date(1990, 1, 1), region: str = "511602") -> str:
    """A valid 18-character resident ID, distinct for each n below 1000."""
    stem = f"{region}{born:%Y%m%d}{n % 1000:03d}"
    return stem + ric.calc_check_digit(stem + "0")


def wrong_check(value: str) -> str:
    """The same identifier with a different (so wrong) check character."""
    last = value[-1]
    replacement = "1" if last != "1" else "2"
    return value[:-1] + replacement


def full_width(value: str) -> str:
    """Full-width and lower-case spelling of an identifier (as typed with a Chinese IME)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in value.lower())
