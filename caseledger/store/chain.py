"""Appending to the hash-chained record (A-1, A-2) and giving out numbers (F-3).

Every write transaction calls `lock` first: it locks the chain head row (FOR UPDATE on PostgreSQL;
SQLite's BEGIN IMMEDIATE already holds the write lock), so appends and numbers never race.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from json.encoder import encode_basestring as _encode_string
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseledger.domain import text
from caseledger.domain.errors import IntegrityFailure
from caseledger.domain.lang import t
from caseledger.domain.record import canonical, canonical_payload, chain_hash, utc_text
from caseledger.store.models import ChainHead, Counter, Event
from caseledger.store.signing import Signer


def lock(session: Session) -> ChainHead:
    """The chain head, locked for the rest of the transaction (asked once per transaction)."""
    head = session.info.get("chain_head")
    if head is None or head not in session:
        head = session.info["chain_head"] = session.execute(
            select(ChainHead).where(ChainHead.id == 1).with_for_update()
        ).scalar_one()
        last = session.execute(select(Event.signer_key, Event.signature)
                               .where(Event.seq == head.seq)).first()
        if last is not None and last.signer_key and not last.signature:
            # Only an import's run is left unsigned, and it ends signed: nothing may be
            # appended after events slipped in without a signature.
            raise IntegrityFailure(t(
                f"[A-4] 链上最后一个事件 #{head.seq} 载明了签名密钥，却没有签名"
                "（有事件绕过台账被加入？）；未写入任何内容，请运行 `caseledger verify`",
                f"[A-4] the chain's last event #{head.seq} names a signing key but carries no "
                "signature (events added behind the ledger's back?); nothing was written: run "
                "`caseledger verify`"))
    return head


def append(
    session: Session,
    head: ChainHead,
    *,
    step: str,
    business_date: dt.date,
    actor: str,
    payload: dict[str, Any],
    case_id: int | None = None,
    responsible: str | None = None,
    detail: str | None = None,
) -> Event | dict[str, Any]:
    """Append one event after `head` (which the caller locked) and move the head to it, signed
    with the transaction's signer (`sign_with`). The event is written at the next flush (a query
    or the commit); on an import's bulk path (`store.bulk`) its values go to the batch."""
    text.check_recorded(payload)
    signer = session.info.get("signer")
    if signer is None:
        raise RuntimeError("an event must be signed: the transaction has no signer (A-4)")
    bulk = session.info.get("bulk")
    previous = bulk.hash if bulk else head.hash
    values: dict[str, Any] = {
        "seq": (bulk.seq if bulk else head.seq) + 1,
        "case_id": case_id,
        "step": step,
        "detail": detail,
        "business_date": business_date,
        "actor": actor,
        "responsible": responsible,
        "recorded_at": dt.datetime.now(dt.UTC),
        # Stored in its canonical spelling, so what is hashed is what is stored.
        "payload": canonical_payload(payload),
        "prev_hash": previous,
        "signer_key": signer.public,
    }
    values["hash"] = chain_hash(previous, _fast_encoded(values))
    if bulk:
        # Signed with the run it belongs to, when the bulk path writes it (`bulk.Bulk.write`).
        values["signature"] = None
        bulk.add_event(values)
        return values
    values["signature"] = signer.sign(values["hash"])
    row = Event(**values)
    session.add(row)
    head.seq, head.hash = row.seq, row.hash
    return row


def _encoded(field: Callable[[str], Any], payload: dict[str, Any] | None = None) -> bytes:
    """The canonical encoding of an event whose stored fields `field` gives by name."""
    return canonical(
        seq=field("seq"),
        case_id=field("case_id"),
        step=field("step"),
        detail=field("detail"),
        business_date=field("business_date"),
        actor=field("actor"),
        responsible=field("responsible"),
        recorded_at=field("recorded_at"),
        payload=json.loads(field("payload")) if payload is None else payload,
        signer_key=field("signer_key"),
    )


def _text(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False)`: for a string, the same C encoder without
    building an encoder per call."""
    if type(value) is str:
        return _encode_string(value)
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _number(value: Any) -> str:
    return str(value) if type(value) is int else json.dumps(value)  # a stored oddity: as dumps


def _fast_encoded(values: Any) -> bytes:
    """`_encoded` for an event being appended, whose payload is already in canonical text: the
    same bytes (a test holds them equal), without parsing the payload back and encoding it again.
    The keys are those of `record.canonical`, in sorted order. `values`: a mapping of the stored
    fields (a dict, or a row's `_mapping`)."""
    key = values["signer_key"]
    return (
        f'{{"actor":{_text(values["actor"])},"case":{_number(values["case_id"])},'
        f'"detail":{_text(values["detail"])},'
        + (f'"key":{_text(key)},' if key is not None else "")
        + f'"on":"{values["business_date"].isoformat()}","payload":{values["payload"]},'
        f'"recorded_at":"{utc_text(values["recorded_at"])}",'
        f'"responsible":{_text(values["responsible"])},'
        f'"seq":{_number(values["seq"])},"step":{_text(values["step"])}}}'
    ).encode("utf-8")


def stored_hash(row: Any, previous: str, payload: dict[str, Any]) -> str:
    """`event_hash` of a stored row, fast when its payload is stored in canonical spelling (as
    `append` stores it): the bytes are then built around the stored text, and only a payload
    spelled otherwise is encoded again from `payload` (its parsed value). Same result either
    way; `verify` hashes every event this way."""
    if not (row.payload.startswith("{") and row.payload.endswith("}")):
        return event_hash(row, previous, payload)  # not a JSON object: let the hash say so
    fast = chain_hash(previous, _fast_encoded(row._mapping))
    if fast == row.hash:
        return fast
    return event_hash(row, previous, payload)


def event_hash(row: Event, previous: str, payload: dict[str, Any] | None = None) -> str:
    """The hash `row` should carry after `previous`, recomputed from its stored fields
    (`payload`: its payload already parsed)."""
    return chain_hash(previous, _encoded(lambda name: getattr(row, name), payload))


def sign_with(session: Session, signer: Signer) -> None:
    """Every event this transaction appends is signed by `signer` (the recorder's key, A-4)."""
    session.info["signer"] = signer


def next_number(session: Session, kind: str, year: int) -> int:
    """The next number of `kind` in `year`: 1, 2, 3 ... with no gaps (rolled back with the step).
    The caller holds the chain lock (`lock`), which keeps every other writer out."""
    bulk = session.info.get("bulk")
    if bulk is not None:
        return bulk.next_number(kind, year)
    held = session.info.setdefault("counters", {})  # the identity map holds rows only weakly
    counter = held.get((kind, year))
    if counter is None or counter not in session:
        counter = held[kind, year] = session.get(Counter, (kind, year))
    if counter is None:
        counter = held[kind, year] = Counter(kind=kind, year=year, last=0)
        session.add(counter)
        session.flush()
    counter.last += 1
    return counter.last
