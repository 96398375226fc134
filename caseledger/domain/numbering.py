"""Case and decision numbers (rule F-3): a configurable pattern, `{n}` restarting each year."""

from __future__ import annotations

import string

from caseledger.domain.errors import InputError

CASE_PATTERN = "{prefix}立〔{year}〕{n}号"
DECISION_PATTERN = "{prefix}处罚〔{year}〕{n}号"
_FIELDS = {"prefix", "year", "n"}


def check_pattern(pattern: str) -> str:
    """A pattern may use {prefix}, {year} and {n}; it needs {year} and {n} to stay unique."""
    try:
        names = {field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None}
    except ValueError as exc:
        raise InputError(f"number pattern {pattern!r} is malformed: {exc}", rule="F-3") from None
    unknown = names - _FIELDS
    if unknown:
        raise InputError(
            f"number pattern {pattern!r} uses unknown field(s) {sorted(unknown)}; "
            "use {prefix}, {year} and {n}",
            rule="F-3",
        )
    if not {"year", "n"} <= names:
        raise InputError(
            f"number pattern {pattern!r} must contain {{year}} and {{n}} so numbers stay unique",
            rule="F-3",
        )
    return pattern


def format_number(pattern: str, prefix: str, year: int, n: int) -> str:
    return pattern.format(prefix=prefix, year=year, n=n)
