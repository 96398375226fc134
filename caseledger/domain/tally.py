"""What each recorded step adds to the year tally (rule Y-1): the one place that says which
steps count, and how.

A step counts in the year (and month) its business date falls in. `legal_reviews`,
`case_reviews` and `discussions` count cases, not events: a case reviewed twice in the year
counts once. The fines and confiscations count with the penalty decision that imposed them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

COUNTS = ("filed", "decided", "no_penalty", "transferred", "police_accepted", "legal_reviews",
          "case_reviews", "discussions", "disclosed", "disclosed_late", "closed")
MONEY = ("fines", "confiscations")
DISTINCT = frozenset({"legal_reviews", "case_reviews", "discussions"})

# (count key, step, the details it counts or None for any)
RULES: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("filed", "case.open", None),
    ("decided", "case.decide", ("penalty",)),
    ("no_penalty", "case.decide", ("no-penalty",)),
    ("transferred", "case.transfer", ("police", "procuratorate")),
    ("police_accepted", "case.accept", None),
    ("legal_reviews", "case.review", ("legal",)),
    ("case_reviews", "case.review", ("case",)),
    ("discussions", "case.discuss", None),
    ("disclosed", "case.disclose", None),
    ("disclosed_late", "case.disclose", ("late",)),
    ("closed", "case.close", None),
)
STEPS = frozenset(step for _, step, _ in RULES)


class Fact(NamedTuple):
    """One count a step adds: its key, and the money a penalty decision imposed (fen)."""

    count: str
    fine_fen: int = 0
    gains_fen: int = 0


def facts(step: str, detail: str | None, payload: dict[str, Any]) -> list[Fact]:
    """The counts one event adds to its year's tally (none for most steps)."""
    if step not in STEPS:
        return []
    found = []
    for count, rule_step, details in RULES:
        if step == rule_step and (details is None or detail in details):
            if count == "decided":
                proposal = payload["proposal"]
                found.append(Fact(count, proposal["fine_fen"], proposal["gains_fen"]))
            else:
                found.append(Fact(count))
    return found
