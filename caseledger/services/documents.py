"""Issuing the case's documents (文书) and recognising them again (CLI.md "Documents").

`issue` is one write transaction: the case's state folded from its events, the document's
gate (`documents.requirement`, exit 1 naming the rule) and its required items
(`documents.missing`, exit 2), its number (its own pattern, gap-free per year as F-3; the number
and date of a document stand once first issued, so a re-issue is the same paper), the file, and
a `doc.issue` event holding the file's SHA-256. The footer of every page carries the case
number and the hash of the case's latest step event, issue events aside: issuing the same
document twice from the same case state gives the same bytes (for DOCX; LibreOffice stamps a
PDF with the time of conversion, so each PDF is its own file, recorded on its own).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseledger.domain import dates
from caseledger.domain import documents as docs
from caseledger.domain.errors import InputError, NotFound, Refused
from caseledger.domain.lang import t
from caseledger.domain.numbering import format_number
from caseledger.services import cases, ledger
from caseledger.services import staff as staff_service
from caseledger.store import chain
from caseledger.store.models import Event, Staff

FORMATS = ("docx", "pdf")


def kind_of(kind: str) -> docs.Kind:
    found = docs.KINDS.get(kind)
    if found is None:
        listed = "、".join(f"{k.key}（{k.title}）" for k in docs.KINDS.values())
        raise InputError(t(f"未知的文书种类 {kind!r}；可选：{listed}",
                           f"unknown document kind {kind!r}; one of: {', '.join(docs.KINDS)}"))
    return found


def _dated(kind: str, state: dict[str, Any], first: dict[str, Any] | None,
           today: dt.date) -> dt.date:
    """The document's date: that of its first issue, which stands for every later issue (as
    its number does, and as `verify` holds it); a first issue takes the date of the step it
    records when that is recorded, else today."""
    if first:
        return dt.date.fromisoformat(first["dated"])
    hearing = state.get("hearing") or {}
    recorded = {
        "filing": state["filed_on"],
        "notice": state["notices"][-1]["on"] if state.get("notices") else None,
        "hearing-notice": hearing.get("noticed_on"),
        "review": state["reviews"][-1]["on"] if state.get("reviews") else None,
        "decision": (state.get("decision") or {}).get("on"),
        "service": (state.get("served") or {}).get("on"),
        "closing": (state.get("closed") or {}).get("on"),
        "disclosure": (state.get("disclosure") or {}).get("on"),
    }[kind]
    return dt.date.fromisoformat(recorded) if recorded else today


def _people(session: Session, state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    logins = set(state["officers"]) | {state["approved_by"]}
    logins |= {r["reviewer"] for r in state.get("reviews", [])}
    for key in ("decision", "closed"):
        if state.get(key):
            logins.add(state[key]["by"])
    rows = session.execute(select(Staff.login, Staff.name, Staff.cert_no)
                           .where(Staff.login.in_(sorted(x for x in logins if x))))
    return {login: {"name": name, "cert_no": cert} for login, name, cert in rows}


def _based_on(session: Session, case_id: int) -> tuple[int, str]:
    """The case's latest step event (issue events aside): what the document shows."""
    seq, value = session.execute(
        select(Event.seq, Event.hash).where(Event.case_id == case_id, Event.step != "doc.issue")
        .order_by(Event.seq.desc()).limit(1)).one()
    return seq, value


def issue(session: Session, actor_login: str, kind: str, ref: str, *, fmt: str = "docx",
          template: Path | None = None) -> dict[str, Any]:
    """Issue document `kind` of case `ref`; returns its bytes, number, SHA-256 and file name."""
    from caseledger.reports import docx

    the_kind = kind_of(kind)
    if fmt not in FORMATS:
        raise InputError(t(f"未知的文书格式 {fmt!r}；可选：docx、pdf",
                           f"unknown document format {fmt!r}; one of: docx, pdf"))
    if template is not None and not template.is_file():
        raise InputError(t(f"{template}: 模板文件不存在", f"{template}: no such template file"))
    head = chain.lock(session)
    actor = staff_service.acting(session, actor_login)
    row = cases.find(session, ref)
    state = cases.load_state(session, row)
    problem = docs.requirement(kind, state)
    if problem is not None:
        raise Refused([problem])
    settings = ledger.settings(session)
    lacking = docs.missing(kind, state, settings)
    if lacking:
        raise InputError(t(f"{the_kind.title}缺少必须载明的事项：", f"the {kind} lacks what it must "
                           "state: ") + t("；", "; ").join(lacking))
    today = dates.today()
    first = state.get("documents", {}).get(kind)
    dated = _dated(kind, state, first, today)
    number = first["number"] if first else None
    if number is None and the_kind.numbered:
        n = chain.next_number(session, the_kind.counter, dated.year)
        number = format_number(settings[the_kind.numbered], settings["prefix"], dated.year, n)
    doc = docs.build(kind, state, bureau=settings["bureau"], number=number, dated=dated,
                     settings=settings, people=_people(session, state))
    seq, based = _based_on(session, row.id)
    footer = f"案号：{row.case_no}　依据事件 #{seq}：{based}"
    data = docx.render(doc, footer, template)
    name = f"{row.year}-{row.seq}_{doc.title}"
    if fmt == "pdf":
        data = docx.to_pdf(data, name)
    digest = hashlib.sha256(data).hexdigest()
    chain.append(session, head, step="doc.issue", business_date=today, actor=actor.login,
                 case_id=row.id, detail=kind,
                 payload={"kind": kind, "title": doc.title, "number": doc.number,
                          "dated": dated.isoformat(), "format": fmt, "sha256": digest,
                          "size": len(data), "based_on": f"{seq}:{based}",
                          "template": hashlib.sha256(template.read_bytes()).hexdigest()
                          if template else None})
    return {"data": data, "kind": kind, "title": doc.title, "number": doc.number,
            "dated": dated.isoformat(), "sha256": digest, "format": fmt,
            "file_name": f"{name}.{fmt}", "case_no": row.case_no, "based_on": f"{seq}:{based}"}


def recognise(session: Session, data: bytes) -> dict[str, Any]:
    """The issue of a file the ledger issued byte for byte (its first issue), else NotFound."""
    import json

    digest = hashlib.sha256(data).hexdigest()
    found = session.execute(
        select(Event.seq, Event.case_id, Event.business_date, Event.actor, Event.payload)
        .where(Event.step == "doc.issue", Event.payload.contains(f'"sha256":"{digest}"'))
        .order_by(Event.seq).limit(1)).first()
    if found is None:
        raise NotFound(t(f"本台账没有出具过该文件（SHA-256 {digest}）：与出具的文书不一致或不是本台账的文书",
                         f"the ledger issued no file with SHA-256 {digest}: it differs from "
                         "what was issued, or is not this ledger's"))
    seq, case_id, on, actor, payload = found
    p = json.loads(payload)
    from caseledger.store.models import Case

    case_no = session.execute(select(Case.case_no).where(Case.id == case_id)).scalar_one()
    return {"sha256": digest, "case_no": case_no, "kind": p["kind"], "title": p["title"],
            "number": p["number"], "dated": p["dated"], "format": p["format"],
            "issued_on": on.isoformat(), "issued_by": actor, "event": seq,
            "based_on": p["based_on"]}


def fields(kind: str) -> list[dict[str, str]]:
    """The placeholders a template of `kind` can use, each with what it holds."""
    kind_of(kind)
    common = ["bureau", "title", "number", "date", "case_no", "party_name", "party_kind",
              "party_id_label", "party_id", "party_address", "legal_rep", "violation",
              "filed_on", "officers", "approved_by", "facts", "evidence", "basis", "proposal",
              "footer"]
    own = {
        "filing": ["source", "lead_on", "major"],
        "notice": ["hearing_right"],
        "hearing-notice": ["requested_on", "scheduled_for"],
        "review": ["review_kind", "reviewer", "reviewed_on", "outcome", "opinion"],
        "decision": ["decided_on", "payment_account", "review_organ", "court", "fine", "gains",
                     "discretion", "discretion_ref"],
        "service": ["served_document", "served_on", "served_method"],
        "closing": ["outcome", "decision_no", "decided_on", "executed", "closed_on",
                    "closed_by"],
        "disclosure": ["decision_no", "penalty", "decided_on", "disclosed_on", "until"],
    }[kind]
    out = [{"name": name, "note": docs.FIELD_NOTES.get(name, "")} for name in common + own]
    if kind == "disclosure":
        out = [f for f in out if f["name"] not in ("party_address", "legal_rep", "facts",
                                                   "evidence")]
    return out
