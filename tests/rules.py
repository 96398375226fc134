"""Marks that tie a test to the rule it proves, for the coverage check in test_rule_coverage.py.

Every rule id in RULES.md has at least one test marked `@refuses(ID)` and one marked `@allows(ID)`:
- refuses: the rule says no. A gate refuses the step; a clock flags it late or breached; an input,
  counting or masking rule rejects, excludes or hides what it must;
- allows: the rule says yes: the step passes once its condition holds, the clock is met, the value
  is accepted, counted or shown.

The marks are read from the test files' source (not from a collected run), so the check holds
whichever subset of the suite is run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest

F = TypeVar("F", bound=Callable[..., object])


def refuses(*rules: str) -> Callable[[F], F]:
    """This test shows each of `rules` refusing (or flagging) what it forbids."""
    return pytest.mark.rule(*rules, verdict="refuses")


def allows(*rules: str) -> Callable[[F], F]:
    """This test shows each of `rules` allowing what it permits."""
    return pytest.mark.rule(*rules, verdict="allows")
