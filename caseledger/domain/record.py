"""The record's hash chain (rule A-2): SHA-256 over the previous hash and a canonical encoding.

The canonical encoding is JSON with sorted keys, no spaces and UTF-8 text, of every field an event
carries. Changing any of them, or re-pointing an event at another case, changes its hash. A signed
event (A-4) also carries its signer's public key in the encoding, so stripping its signature or
swapping the key breaks the chain; events recorded before signatures are encoded as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from caseledger.domain.errors import InputError
from caseledger.domain.lang import t

GENESIS = "0" * 64


def utc_text(moment: dt.datetime) -> str:
    """Recorded times in one spelling: UTC, microseconds, `Z` (a naive value is taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds") + "Z"  # as %Y-%m-%dT%H:%M:%S.%fZ, faster


def canonical_payload(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical(
    *,
    seq: int,
    case_id: int | None,
    step: str,
    detail: str | None,
    business_date: dt.date,
    actor: str,
    responsible: str | None,
    recorded_at: dt.datetime,
    payload: dict[str, Any],
    signer_key: str | None = None,
) -> bytes:
    body: dict[str, Any] = {
        "seq": seq,
        "case": case_id,
        "step": step,
        "detail": detail,
        "on": business_date.isoformat(),
        "actor": actor,
        "responsible": responsible,
        "recorded_at": utc_text(recorded_at),
        "payload": payload,
    }
    if signer_key is not None:
        body["key"] = signer_key
    return canonical_payload(body).encode("utf-8")


def chain_hash(previous: str, encoded: bytes) -> str:
    return hashlib.sha256(previous.encode("ascii") + encoded).hexdigest()


_HEAD = re.compile(r"(\d+):([0-9a-f]{64})")


def parse_heads(lines: list[str], source: str, *, loose: bool = False) -> list[tuple[int, str]]:
    """Kept heads `SEQ:HASH` (A-5). `loose`: lines of a file, each holding one head somewhere
    (a pasted `chain head 35:ab…` line will do); blank lines and `#` comments are skipped."""
    heads = []
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if loose and (not text or text.startswith("#")):
            continue
        found = _HEAD.search(text.lower()) if loose else _HEAD.fullmatch(text.lower())
        if not found:
            where = f"{source} line {number}" if loose else source
            where_zh = f"{source} 第 {number} 行" if loose else source
            raise InputError(t(f"{where_zh}：{text[:80]!r} 不是 SEQ:HASH 形式的链头"
                               "（应与 `caseledger head` 的输出一致）",
                               f"{where}: {text[:80]!r} is not a head SEQ:HASH (as `caseledger "
                               "head` prints it)"), rule="A-5")
        heads.append((int(found.group(1)), found.group(2)))
    return heads
