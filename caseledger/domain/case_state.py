"""A case's derived state, folded from its events alone.

The case table is a cache of part of this fold; `verify` recomputes it from the events and
compares. Every value a step decided when it was recorded (a decision number, the hearing right,
a disclosure's end date) is in its payload; the status transitions are computed here, so a
tampered status cannot hide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from caseledger.domain.lang import t

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
    "case_no", "year", "seq", "domain", "party_kind", "party_name", "party_id", "party_id_type",
    "violation", "source", "lead_on", "major", "campaign", "filed_on", "approved_by", "officers",
    "status", "outcome", "decided_on", "decision_no", "fine_fen", "gains_fen",
)

Apply = Callable[[State, str, dict[str, Any]], None]


def _open(state: State, on: str, p: dict[str, Any]) -> None:
    if state:
        raise ValueError(t("一个案件只能立案一次", "a case is opened once"))
    state.update(
        case_no=p["case_no"], year=p["year"], seq=p["seq"], domain=p["domain"],
        party_kind=p["party_kind"], party_name=p["party_name"], party_id=p["party_id"],
        party_id_type=p["party_id_type"], violation=p["violation"], source=p.get("source"),
        lead_on=p.get("lead_on"), lead_extended=p.get("lead_extended", False), major=p.get("major"), campaign=p.get("campaign"),
        filed_on=on, approved_by=p["approved_by"], officers=list(p["officers"]),
        status="filed", outcome=None, decided_on=None, decision_no=None, fine_fen=0, gains_fen=0,
        proposal=None, proposed_on=None, reviews=[], notices=[], statement=None, hearing={},
        discussions=[], extensions=[], suspensions=[], decision=None, served=None,
        paid_fen=0, paid_on=None, disclosure=None, transfer=None, terminated=None, closed=None,
        typical=[], past_hearings=[], last_on=on, review_extensions=[],
        party_address=p.get("party_address"), legal_rep=p.get("legal_rep"), facts=None,
        evidence=[], documents={},
    )


def _propose(state: State, on: str, p: dict[str, Any]) -> None:
    state.update(proposal=p["proposal"], proposed_on=on, status="proposed",
                 review_extensions=[])  # R-5 starts afresh with each proposal
    if "facts" in p:  # the investigation's findings, for the documents; a later proposal
        state.update(facts=p["facts"], evidence=list(p.get("evidence", [])))  # without keeps them


def _review(state: State, on: str, p: dict[str, Any]) -> None:
    state["reviews"].append({"on": on, "outcome": p["outcome"], "kind": p["kind"],
                             "reviewer": p["reviewer"], "opinion": p["opinion"]})
    if p["outcome"] == "agree":
        if state["status"] == "proposed":
            state["status"] = "reviewed"
    elif p["outcome"] == "investigate":
        # the case returns to investigation and needs a new proposal.
        state.update(status="filed", proposal=None, proposed_on=None)
    elif state["status"] == "reviewed":
        state["status"] = "proposed"


def _notify(state: State, on: str, p: dict[str, Any]) -> None:
    state["notices"].append({"on": on, "proposal": p["proposal"],
                             "hearing_right": p["hearing_right"]})
    if state["hearing"]:
        state["past_hearings"].append(state["hearing"])
    state.update(status="notified", statement=None, hearing={})


def _statement(state: State, on: str, p: dict[str, Any]) -> None:
    state["statement"] = {"on": on, "waived": p["waived"]}


def _hearing(state: State, on: str, p: dict[str, Any]) -> None:
    state["hearing"] = {**state["hearing"], p["event"]: on}
    if p.get("scheduled_for"):
        state["hearing"]["scheduled_for"] = p["scheduled_for"]  # the hearing notice's date
    if p["event"] == "held_on" and not state["major"]:
        state["major"] = "hearing"  # a hearing held makes the case major


def _discuss(state: State, on: str, p: dict[str, Any]) -> None:
    state["discussions"].append({"on": on, "conclusion": p["conclusion"]})


def _extend_review(state: State, on: str, p: dict[str, Any]) -> None:
    state["review_extensions"].append({"on": on, "days": p["days"]})


def _extend(state: State, on: str, p: dict[str, Any]) -> None:
    state["extensions"].append({"on": on, "days": p.get("days"), "until": p.get("until")})


def _suspend(state: State, on: str, p: dict[str, Any]) -> None:
    state["suspensions"].append({"from": on, "to": None, "reason": p["reason"]})


def _resume(state: State, on: str, p: dict[str, Any]) -> None:
    state["suspensions"][-1]["to"] = on


def _decide(state: State, on: str, p: dict[str, Any]) -> None:
    proposal = p["proposal"]
    state.update(
        decision={"on": on, "proposal": proposal, "number": p.get("decision_no"),
                  "by": p["by"], "revoked_on": None},
        status="decided", outcome=proposal["outcome"], decided_on=on,
        decision_no=p.get("decision_no"),
        fine_fen=proposal["fine_fen"] if proposal["outcome"] == "penalty" else 0,
        gains_fen=proposal["gains_fen"] if proposal["outcome"] == "penalty" else 0,
    )


def owed_fen(state: State) -> int:
    decision = state["decision"]
    if not decision or decision["proposal"]["outcome"] != "penalty":
        return 0
    return decision["proposal"]["fine_fen"] + decision["proposal"]["gains_fen"]


def _serve(state: State, on: str, p: dict[str, Any]) -> None:
    state["served"] = {"on": on, "method": p["method"]}
    penalty = state["outcome"] == "penalty"
    # K-1: a penalty without money is executed once served.
    state["status"] = "executed" if penalty and owed_fen(state) == 0 else "served"


def _pay(state: State, on: str, p: dict[str, Any]) -> None:
    state["paid_fen"] += p["amount_fen"]
    state["paid_on"] = on
    if state["paid_fen"] >= owed_fen(state) and state["status"] == "served":
        state["status"] = "executed"


def _disclose(state: State, on: str, p: dict[str, Any]) -> None:
    state["disclosure"] = {"on": on, "until": p["until"], "due": p["due"], "late": p["late"],
                           "record": p["record"], "withdrawn_on": None, "url": p.get("url")}


def _revoke(state: State, on: str, p: dict[str, Any]) -> None:
    state["decision"]["revoked_on"] = on


def _withdraw(state: State, on: str, p: dict[str, Any]) -> None:
    state["disclosure"]["withdrawn_on"] = on


def _transfer(state: State, on: str, p: dict[str, Any]) -> None:
    state["transfer"] = {"to": p["to"], "agency": p.get("agency"), "on": on, "accepted_on": None}
    # A penalty stays to be served and paid: a fine never replaces a transfer, nor the reverse.
    if state["outcome"] != "penalty" and state["status"] != "closed":
        state["status"] = "transferred"


def _accept(state: State, on: str, p: dict[str, Any]) -> None:
    state["transfer"]["accepted_on"] = on


def _terminate(state: State, on: str, p: dict[str, Any]) -> None:
    state.update(terminated={"on": on, "reason": p["reason"]}, status="terminated")


def _close(state: State, on: str, p: dict[str, Any]) -> None:
    state.update(closed={"on": on, "by": p["by"]}, status="closed")


def _tag(state: State, on: str, p: dict[str, Any]) -> None:
    if p.get("typical") and p["typical"] not in state["typical"]:
        state["typical"].append(p["typical"])
    if p.get("campaign"):
        state["campaign"] = p["campaign"]


def _correct(state: State, on: str, p: dict[str, Any]) -> None:
    state[p["field"]] = p["value"]


def _issue(state: State, on: str, p: dict[str, Any]) -> None:
    """A document issued (doc.issue): its number and date stand for every later issue of it."""
    documents = state.setdefault("documents", {})
    first = documents.setdefault(p["kind"], {"number": p.get("number"), "dated": p["dated"],
                                             "issued": []})
    first["issued"].append({"on": on, "sha256": p["sha256"], "format": p["format"]})


APPLY: dict[str, Apply] = {
    "case.open": _open,
    "case.propose": _propose,
    "case.review": _review,
    "case.notify": _notify,
    "case.statement": _statement,
    "case.hearing": _hearing,
    "case.discuss": _discuss,
    "case.extend": _extend,
    "case.extend_review": _extend_review,
    "case.suspend": _suspend,
    "case.resume": _resume,
    "case.decide": _decide,
    "case.serve": _serve,
    "case.pay": _pay,
    "case.disclose": _disclose,
    "case.revoke": _revoke,
    "case.withdraw": _withdraw,
    "case.transfer": _transfer,
    "case.accept": _accept,
    "case.terminate": _terminate,
    "case.close": _close,
    "case.tag": _tag,
    "case.correct": _correct,
    "doc.issue": _issue,
}


UNORDERED = ("case.tag", "case.correct", "doc.issue")  # marks on the file, not steps of the procedure


def step_into(state: State, step: str, on: str, payload: dict[str, Any]) -> None:
    """Apply one event in place, keeping the date of the latest procedural step."""
    APPLY[step](state, on, payload)
    if step not in UNORDERED and on > state["last_on"]:
        state["last_on"] = on


def apply(state: State | None, step: str, on: str, payload: dict[str, Any]) -> State:
    """The state after one more event (a new dict; the old one is left as it was)."""
    new: State = _copy(state) if state else {}
    step_into(new, step, on, payload)
    return new


def _copy(value: Any) -> Any:
    """A deep copy of JSON-shaped data (dicts, lists, scalars): what deepcopy does, faster."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def fold(events: Iterable[tuple[str, str, dict[str, Any]]]) -> State | None:
    """The state after (step, business date ISO, payload) events, in chain order."""
    state: State = {}
    for step, on, payload in events:
        step_into(state, step, on, payload)
    return state or None
