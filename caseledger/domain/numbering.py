"""Case and decision numbers (rule F-3): a configurable pattern, `{n}` restarting each year."""

from __future__ import annotations

import re
import string

from caseledger.domain import text
from caseledger.domain.errors import InputError
from caseledger.domain.lang import t

CASE_PATTERN = "{prefix}立〔{year}〕{n}号"
DECISION_PATTERN = "{prefix}处罚〔{year}〕{n}号"
_FIELDS = {"prefix", "year", "n"}
_PADDING = re.compile(r"0[1-9]d")
MAX_PATTERN = 100
MAX_NUMBER = 128  # characters in a case or decision number (its database column)
LONGEST_N = 999_999  # the most cases one bureau files in a year, with room to spare


def check_pattern(pattern: str) -> str:
    """A pattern may use {prefix}, {year} and {n}; it needs {year} and {n} to stay unique."""
    if len(pattern) > MAX_PATTERN:
        raise InputError(t(f"编号格式超过 {MAX_PATTERN} 个字符",
                           f"number pattern is longer than {MAX_PATTERN} characters"), rule="F-3")
    text.name(pattern, t("编号格式", "the number pattern"), MAX_PATTERN, rule="F-3")
    try:
        parts = [p for p in string.Formatter().parse(pattern) if p[1] is not None]
    except ValueError as exc:
        raise InputError(t(f"编号格式 {pattern!r} 写法有误：{exc}",
                           f"number pattern {pattern!r} is malformed: {exc}"), rule="F-3") from None
    names = {field for _, field, _, _ in parts}
    for _, field, spec, conversion in parts:
        # Only zero padding of {n} ({n:03d}); any other format would fail or run away later.
        if conversion or (spec and not (field == "n" and _PADDING.fullmatch(spec))):
            raise InputError(t(f"编号格式 {pattern!r}：{{{field}}} 不能带格式说明"
                               "（只有 {n} 可以补零，如 {n:03d}，最多 9 位）",
                               f"number pattern {pattern!r}: {{{field}}} takes no format "
                               "(only {n:03d}-style zero padding, up to 9 digits)"), rule="F-3")
    unknown = names - _FIELDS
    if unknown:
        raise InputError(
            t(f"编号格式 {pattern!r} 使用了未知字段 {sorted(unknown)}；"
              "可用字段为 {prefix}、{year} 和 {n}",
              f"number pattern {pattern!r} uses unknown field(s) {sorted(unknown)}; "
              "use {prefix}, {year} and {n}"),
            rule="F-3",
        )
    if not {"year", "n"} <= names:
        raise InputError(
            t(f"编号格式 {pattern!r} 须包含 {{year}} 和 {{n}}，编号才能保持唯一",
              f"number pattern {pattern!r} must contain {{year}} and {{n}} so numbers stay "
              "unique"),
            rule="F-3",
        )
    return pattern


def check_fits(pattern: str, prefix: str) -> None:
    """F-3: the longest number `pattern` gives with `prefix` fits a number's 128 characters."""
    longest = format_number(pattern, prefix, 2099, LONGEST_N)
    if len(longest) > MAX_NUMBER:
        raise InputError(t(f"前缀为 {prefix!r} 时，编号格式 {pattern!r} 生成的编号最长达 "
                           f"{len(longest)} 个字符，最多 {MAX_NUMBER} 个",
                           f"with prefix {prefix!r}, pattern {pattern!r} gives numbers of up to "
                           f"{len(longest)} characters; at most {MAX_NUMBER}"), rule="F-3")


def format_number(pattern: str, prefix: str, year: int, n: int) -> str:
    return pattern.format(prefix=prefix, year=year, n=n)
