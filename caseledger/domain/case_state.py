"""A case's derived state, folded from its events alone.

The case table is a cache of this fold; `verify` recomputes it from the events and compares.
Each step contributes one pure `apply` function; later steps add theirs to `APPLY`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

State = dict[str, Any]

STATUS_LABELS = {
    "filed": "已立案",
    "proposed": "调查终结",
    "reviewed": "已审核",
    "notified": "已告知",
    "decided": "已决定",
    "served": "已送达",
    "executed": "已执行",
    "transferred": "已移送",
    "terminated": "已终止",
    "closed": "已结案",
}

# The fields of the case table the fold must reproduce, in the order verify reports them.
FIELDS = (
    "case_no",
    "year",
    "seq",
    "domain",
    "party_kind",
    "party_name",
    "party_id",
    "party_id_type",
    "violation",
    "source",
    "lead_on",
    "major",
    "campaign",
    "filed_on",
    "approved_by",
    "officers",
    "status",
)


def _open(state: State | None, on: str, payload: dict[str, Any]) -> State:
    if state is not None:
        raise ValueError("a case is opened once")
    return {
        "case_no": payload["case_no"],
        "year": payload["year"],
        "seq": payload["seq"],
        "domain": payload["domain"],
        "party_kind": payload["party_kind"],
        "party_name": payload["party_name"],
        "party_id": payload["party_id"],
        "party_id_type": payload["party_id_type"],
        "violation": payload["violation"],
        "source": payload.get("source"),
        "lead_on": payload.get("lead_on"),
        "major": payload.get("major"),
        "campaign": payload.get("campaign"),
        "filed_on": on,
        "approved_by": payload["approved_by"],
        "officers": list(payload["officers"]),
        "status": "filed",
    }


APPLY: dict[str, Callable[[State | None, str, dict[str, Any]], State]] = {
    "case.open": _open,
}


def fold(events: Iterable[tuple[str, str, dict[str, Any]]]) -> State | None:
    """The state after (step, business date ISO, payload) events, in chain order."""
    state: State | None = None
    for step, on, payload in events:
        state = APPLY[step](state, on, payload)
    return state
