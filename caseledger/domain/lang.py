"""The language of human-facing text (CLI.md "Global"): Chinese by default, English with
`--lang en` or `CASELEDGER_LANG=en`. JSON keys, CSV header keys, rule ids, option names and the
fixed prefixes scripts read (`refused [R-1]:`, `error:`, `not found:`, `row N: column:`) stay the
same in both languages.

Each message is written in both languages where it is made, `t("中文", "English")`: the reader's
language is chosen once per process, and a message is only built when something is said, so the
cost is one comparison. Keeping the two side by side keeps them in step when a message changes.
"""

from __future__ import annotations

import os

LANGUAGES = ("zh", "en")
_chosen: str | None = None


def choose(lang: str | None) -> None:
    """Set the language for the rest of the process (None: CASELEDGER_LANG, else Chinese).
    Raises ValueError naming the choices for anything else."""
    global _chosen
    _chosen = None if lang is None else _normal(lang)


def current() -> str:
    if _chosen is not None:
        return _chosen
    env = os.environ.get("CASELEDGER_LANG")
    if not env:
        return "zh"
    try:
        return _normal(env)
    except ValueError:
        return "zh"  # a stray value in the environment never stops a command


def english() -> bool:
    return current() == "en"


def t(zh: str, en: str) -> str:
    """`zh` or `en`, whichever the reader asked for."""
    return en if current() == "en" else zh


def _normal(lang: str) -> str:
    key = lang.strip().lower().replace("_", "-")
    if key in ("zh", "zh-cn", "zh-hans", "cn", "chinese", "中文"):
        return "zh"
    if key in ("en", "en-us", "en-gb", "english"):
        return "en"
    raise ValueError(f"unknown language {lang!r}; one of: zh (中文, the default), en (English)")
