"""`verify` (rule A-2): recompute the hash chain, then every derived value, from the events alone.

Silent success returns a summary; the first mismatch raises IntegrityFailure (exit 4) naming the
event. Memory stays flat however large the ledger: the walk streams events in chain order keeping
only the recently used case states (`States`), and the caches (case table, officers, clocks,
tally) are then compared case by case, each table read in case order beside the events.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from collections.abc import Iterator, MutableMapping
from itertools import groupby
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseledger.domain.calendar import Calendar
from caseledger.domain.case_state import FIELDS, State, fold, step_into
from caseledger.domain.clocks import case_clocks
from caseledger.domain.disclosure import published
from caseledger.domain.errors import IntegrityFailure
from caseledger.domain.identifiers import PartyKind
from caseledger.domain.lang import t
from caseledger.domain.numbering import format_number
from caseledger.domain.penalty import Outcome, Proposal
from caseledger.domain.record import GENESIS
from caseledger.domain.settings import SETTINGS
from caseledger.domain.workflow import hearing_right, review_kind
from caseledger.services.replay import Replay
from caseledger.store.bulk import run_message
from caseledger.store.chain import stored_hash
from caseledger.store.models import (
    CalendarDay,
    Case,
    CaseClock,
    CaseOfficer,
    ChainHead,
    Counter,
    Event,
    Setting,
    Staff,
)
from caseledger.store.signing import verifier


def verify(session: Session, heads: list[tuple[int, str]] | None = None) -> dict[str, Any]:
    """`heads`: kept heads (seq, hash) that must still be in the chain (A-5)."""
    kept: dict[int, set[str]] = {}
    for seq, value in heads or []:
        kept.setdefault(seq, set()).add(value)
    signatures = Signatures()
    replay = Replay()
    previous, expected_seq = GENESIS, 1
    cases = States(session)
    numbered: dict[str, dict[int, int]] = {"case": {}, "decision": {}}  # F-3: per kind and year
    staff: dict[str, dict[str, Any]] = {}
    settings: dict[str, str] = {}
    calendar_days: dict[str, bool] = {}
    frozen = Frozen(settings, calendar_days)
    # Plain rows through the connection, past the ORM's result handling: the walk only reads
    # them (attribute access stays the same).
    rows = session.connection().execute(select(*Event.__table__.columns).order_by(Event.seq)
                                        .execution_options(yield_per=2000))
    for row in rows:
        cases.now, cases.opening = row.seq, None
        if row.step == "case.open" and row.case_id is not None and cases.open(row.case_id):
            cases.opening = row.case_id  # no state before it (a second opening is looked up)
        where = _Where(row, cases)  # spelled out only when something fails
        if row.seq != expected_seq:
            raise IntegrityFailure(t(
                f"缺少事件 #{expected_seq}：事件链从 #{expected_seq - 1} 直接跳到 #{row.seq}"
                "（被删除？）",
                f"event #{expected_seq} is missing: the chain jumps from #{expected_seq - 1} "
                f"to #{row.seq} (deleted?)"
            ))
        if row.prev_hash != previous:
            raise IntegrityFailure(t(f"{where}未链接到其前一个事件",
                                     f"{where} does not link to the event before it"))
        try:
            payload = json.loads(row.payload)  # once: hashed, replayed, derived, applied
        except ValueError:
            raise IntegrityFailure(t(f"{where}：其内容（payload）不是 JSON（被改动？）",
                                     f"{where}: its payload is not JSON (edited?)")) from None
        if stored_hash(row, previous, payload) != row.hash:
            raise IntegrityFailure(t(f"{where}：其内容与哈希值不符（被改动？）",
                                     f"{where}: its contents do not match its hash (edited?)"))
        if row.seq in kept:
            lost = sorted(kept.pop(row.seq) - {row.hash})
            if lost:
                raise IntegrityFailure(t(f"留存的链头 {row.seq}:{lost[0]} 不在事件链中："
                                         f"事件 #{row.seq} 现在的哈希值为 {row.hash[:16]}…"
                                         "（历史被改写）",
                                         f"the kept head {row.seq}:{lost[0]} is not in the chain: "
                                         f"event #{row.seq} now hashes to {row.hash[:16]}… "
                                         "(history rewritten)"))
        if row.step == "ledger.init" and row.seq != 1:
            raise IntegrityFailure(t(f"{where}：台账只能由其第一个事件创建，且只创建一次",
                                     f"{where}: a ledger is created once, by its first event"))
        problem = signatures.check(row, staff)
        if problem:
            raise IntegrityFailure(t(f"{where}：{problem}", f"{where}: {problem}"))
        try:
            refused = replay.problems(
                step=row.step, on=row.business_date, actor=row.actor,
                responsible=row.responsible, payload=payload,
                case_id=row.case_id, cases=cases, staff=staff, settings=frozen.effective_settings(),
                calendars=frozen.calendars)
        except (KeyError, ValueError, TypeError) as exc:
            raise IntegrityFailure(t(f"{where}无法重放：{exc!r}",
                                     f"{where} cannot be replayed: {exc!r}")) from None
        if refused:
            raise IntegrityFailure(t(f"{where}：按规则，{row.business_date} 本应拒绝记录该事件：",
                                     f"{where}: the rules would have refused it on "
                                     f"{row.business_date}: ") + t("；", "; ").join(
                                       f"[{p.rule}] {p.why}" for p in refused))
        try:
            mismatch = frozen.check(row, payload, cases)
            _apply(row, payload, cases, staff, settings, calendar_days)
        except (KeyError, ValueError, TypeError) as exc:
            raise IntegrityFailure(t(f"{where}无法重放：{exc!r}",
                                     f"{where} cannot be replayed: {exc!r}")) from None
        if mismatch:
            raise IntegrityFailure(t(f"{where}：{mismatch}", f"{where}: {mismatch}"))
        if row.case_id is None:
            replay.forget_staff()  # a roster change: the views it keeps are out of date
        if row.step == "calendar.set":
            frozen.calendar = None
        elif row.step in ("settings.set", "ledger.init"):
            frozen.effective = None
        if row.step == "case.open" or (row.step == "case.decide" and payload["decision_no"]):
            kind = "case" if row.step == "case.open" else "decision"
            per_year = numbered[kind]
            per_year[row.business_date.year] = per_year.get(row.business_date.year, 0) + 1
        previous, expected_seq = row.hash, row.seq + 1

    problem = signatures.finish()
    if problem:
        raise IntegrityFailure(problem)
    head = session.get(ChainHead, 1)
    last_seq = expected_seq - 1
    if kept:
        seq = min(kept)
        raise IntegrityFailure(t(f"留存的链头 {seq}:{min(kept[seq])} 不在事件链中：事件链止于 "
                                 f"#{last_seq}（被截断）",
                                 f"the kept head {seq}:{min(kept[seq])} is not in the chain: it "
                                 f"ends at #{last_seq} (truncated)"))
    if head is None or head.seq != last_seq or head.hash != previous:
        raise IntegrityFailure(t(
            f"链头记录的是事件 #{head.seq if head else '?'}，但事件链止于 #{last_seq}"
            "（事件被删除或链头被改动）",
            f"the chain head records event #{head.seq if head else '?'} but the chain ends at "
            f"#{last_seq} (events deleted or head edited)"
        ))
    _compare_staff(session, staff)
    _compare_settings(session, settings)
    _compare_calendar(session, calendar_days)
    counted = _compare_cases(session)
    _compare_tally(session)
    _compare_totals(session)
    documents = frozen.numbers_of_documents()
    for kind in session.scalars(select(Counter.kind).where(Counter.kind.like("doc:%")).distinct()):
        documents.setdefault(kind, {})
    for kind, count in sorted(documents.items()):
        _compare_counter(session, kind, count, t("份已编号的文书", "numbered documents"))
    _compare_counter(session, "case", numbered["case"], t("个已编号的案件", "numbered cases"))
    _compare_counter(session, "decision", numbered["decision"],
                     t("份已编号的决定书", "numbered decisions"))
    return {
        "ok": True,
        "events": last_seq,
        "cases": counted,
        "staff": len(staff),
        "signed": signatures.signed,
        "unsigned": signatures.unsigned,
        "signatures": signatures.signatures,
        "heads_checked": len(heads or []),
        "chain_head": previous,
        "head": f"{last_seq}:{previous}",
    }


class States(MutableMapping[int, State]):
    """The case states of the walk, as of the event being checked: the most recently used are
    kept (`KEPT`), any other is folded again from its earlier events when an event needs it, so
    memory stays flat however large the ledger. An import's cases have their events together,
    so the walk seldom folds one twice."""

    KEPT = 5000

    def __init__(self, session: Session) -> None:
        self.session = session
        self.now = 0  # the seq of the event being checked: a state holds the events before it
        self.opening: int | None = None  # the case that event opens, which has no state yet
        self._kept: OrderedDict[int, State] = OrderedDict()
        self._opened = bytearray()  # one bit per case id opened so far (flat: 125 KB a million)

    def open(self, case_id: int) -> bool:
        """Note that the walk met the case's opening; False when it had met one already."""
        byte, bit = divmod(case_id, 8)
        if byte >= len(self._opened):
            self._opened.extend(bytes(byte + 1 - len(self._opened) + 4096))
        seen = bool(self._opened[byte] & (1 << bit))
        self._opened[byte] |= 1 << bit
        return not seen

    def __getitem__(self, case_id: int) -> State:
        state = self._kept.get(case_id)
        if state is None:
            if case_id == self.opening:
                raise KeyError(case_id)
            events = self.session.execute(
                select(Event.step, Event.business_date, Event.payload)
                .where(Event.case_id == case_id, Event.seq < self.now).order_by(Event.seq))
            state = fold((step, on.isoformat(), json.loads(p)) for step, on, p in events)
            if state is None:
                raise KeyError(case_id)
            self[case_id] = state
        else:
            self._kept.move_to_end(case_id)
        return state

    def __setitem__(self, case_id: int, state: State) -> None:
        self._kept[case_id] = state
        self._kept.move_to_end(case_id)
        if len(self._kept) > self.KEPT:
            self._kept.popitem(last=False)

    def __delitem__(self, case_id: int) -> None:
        del self._kept[case_id]

    def __iter__(self) -> Iterator[int]:
        return iter(self._kept)

    def __len__(self) -> int:
        return len(self._kept)

    def same_party(self, party_id: str, domain: str) -> list[int]:
        """The cases of this party in this domain, by the case table (which the end of the walk
        checks against the events, so a tampered row still fails `verify`)."""
        return list(self.session.scalars(select(Case.id).where(
            Case.party_id == party_id, Case.domain == domain).order_by(Case.id)))


class Signatures:
    """A-4: each event is signed by its recorder with the key registered to them when it was
    recorded. Events from before the ledger was upgraded to signatures are counted as unsigned;
    after the first signed event, an unsigned one is a failure.

    An import signs its events in runs (`store.bulk`): every event of a run names its recorder's
    key, and the run's last event carries the signature over `run:FIRST:HASH`: its hash, which
    chains every event before it, bound to the run's first event. An event without a signature
    is therefore accepted only while the events after it name the same key up to one whose
    signature holds for exactly that run; a run left open at the end of the chain, closed by
    another key, or followed by an ordinary step's signature (over its hash alone, which would
    let anyone slip unsigned events in before the key holder's next step) fails."""

    def __init__(self) -> None:
        self.signed = self.unsigned = self.signatures = 0
        self._checkers: dict[str, Any] = {}
        self._open: tuple[int, str] | None = None  # (first seq, key) of a run awaiting its signature
        self._run = 0

    def check(self, row: Event, staff: dict[str, dict[str, Any]]) -> str | None:
        if row.signer_key is None:
            if self.signed or self._open:
                return t("该事件未签名，而此前的事件已签名（签名被去除，或有事件绕过台账被添加）",
                         "it is not signed, though events before it are (a signature stripped, "
                         "or an event added behind the ledger's back)")
            self.unsigned += 1
            return None
        in_force = self._key_in_force(row, staff)
        if in_force is None:
            return t(f"该事件由 {row.actor!r} 记录，但其当时没有登记的签名密钥",
                     f"it is recorded by {row.actor!r}, who had no registered signing key then")
        if row.signer_key != in_force:
            return t(f"该事件以 {row.signer_key[:20]}… 签名，而不是 {row.actor} 当时有效的密钥"
                     f"（{in_force[:20]}…）：系伪造",
                     f"it is signed with {row.signer_key[:20]}…, not with {row.actor}'s key in "
                     f"force then ({in_force[:20]}…): forged")
        if self._open is not None and self._open[1] != row.signer_key:
            return t(f"事件 #{self._open[0]} 及其后的事件未签名，也没有该密钥的签名覆盖它们"
                     "（签名被去除，或有事件绕过台账被添加）",
                     f"event #{self._open[0]} and those after it are not signed, and no signature "
                     "of their key covers them (signatures stripped, or events added behind the "
                     "ledger's back)")
        self._run += 1
        if not row.signature:
            self._open = self._open or (row.seq, row.signer_key)
            return None
        checker = self._checkers.get(in_force)
        if checker is None:
            try:
                checker = self._checkers[in_force] = verifier(in_force)
            except (ValueError, TypeError):
                return t(f"其密钥 {in_force[:20]}… 不是 Ed25519 公钥（被改动）",
                         f"its key {in_force[:20]}… is not an Ed25519 public key (altered)")
        first = self._open[0] if self._open else row.seq
        if not checker(run_message(first, row.seq, row.hash), row.signature):
            if self._open:
                return t(f"其签名未覆盖此前自 #{first} 起的未签名事件"
                         "（有事件绕过台账被插入，或被改动）",
                         f"its signature does not cover the unsigned events from #{first} before "
                         "it (events slipped in behind the ledger's back, or altered)")
            return t(f"其签名不是 {row.actor} 对该事件的签名（伪造或被改动）",
                     f"its signature is not {row.actor}'s signature of it (forged or altered)")
        self.signatures += 1
        self.signed += self._run
        self._open, self._run = None, 0
        return None

    def finish(self) -> str | None:
        """The chain's end: a run of unsigned events left there has no signature covering it."""
        if self._open is None:
            return None
        return t(f"事件 #{self._open[0]} 及其后直至链尾的事件均未签名，也没有签名覆盖它们"
                 "（签名被去除，或有事件绕过台账被添加）",
                 f"event #{self._open[0]} and those after it to the end of the chain are not "
                 "signed, and no signature covers them (a signature stripped, or events added "
                 "behind the ledger's back)")

    @staticmethod
    def _key_in_force(row: Event, staff: dict[str, dict[str, Any]]) -> str | None:
        member = staff.get(row.actor)
        key = member.get("public_key") if member else None
        first_key = row.step == "staff.key" and not any(
            m.get("public_key") for m in staff.values())
        if (row.step == "ledger.init" and row.seq == 1) or first_key:
            # The first admin's key comes with the ledger; on a ledger upgraded from before
            # signatures the first key of all is registered by its own holder, who signs that
            # event with it. Neither is possible once someone holds a key.
            payload = json.loads(row.payload)
            if payload.get("login", payload.get("admin")) == row.actor:
                return payload.get("key")
        return key


class Frozen:
    """The values a step worked out when it was recorded and stored in its payload (numbers,
    the review kind, the hearing right, the disclosure's record and dates), derived again from
    the case as it stood, the settings and the calendar of that moment in the chain."""

    def __init__(self, settings: dict[str, str], calendar_days: dict[str, bool]):
        self.settings, self.calendar_days = settings, calendar_days
        self.calendar: Calendar | None = None  # rebuilt after a calendar.set
        self.effective: dict[str, str] | None = None  # rebuilt after a settings change
        self.numbers: dict[tuple[str, int], int] = {}

    def _settings(self) -> dict[str, str]:
        if self.effective is None:
            self.effective = {key: self.settings.get(key, s.default) for key, s in SETTINGS.items()}
        return self.effective

    def effective_settings(self) -> dict[str, str]:
        return self._settings()

    def calendars(self) -> Iterator[Calendar]:
        """The calendar now, then the one of weekends and entered days alone (see replay)."""
        yield self._calendar()
        yield Calendar(self._calendar().entered, bundled=False)

    def _calendar(self) -> Calendar:
        if self.calendar is None:
            self.calendar = Calendar({dt.date.fromisoformat(d): w
                                      for d, w in self.calendar_days.items()})
        return self.calendar

    def numbers_of_documents(self) -> dict[str, dict[int, int]]:
        """The documents numbered in the walk, per counter kind (`doc:notice` ...) and year."""
        out: dict[str, dict[int, int]] = {}
        for (kind, year), n in self.numbers.items():
            if kind.startswith("doc:"):
                out.setdefault(kind, {})[year] = n
        return out

    def _number(self, kind: str, year: int, pattern: str) -> str:
        n = self.numbers[kind, year] = self.numbers.get((kind, year), 0) + 1
        cfg = self._settings()
        return format_number(cfg[pattern], cfg["prefix"], year, n)

    def _document(self, p: dict[str, Any], state: State) -> dict[str, Any]:
        return _document_number(self, p, state)

    def check(self, row: Event, p: dict[str, Any], cases: dict[int, State]) -> str | None:
        """What in the event's payload differs from what it should hold, or None."""
        if row.case_id is None:
            return None
        on = row.business_date
        state = cases.get(row.case_id) or {}
        want: dict[str, Any] = {}
        if row.step == "case.open":
            want["case_no"] = self._number("case", on.year, "case_no_pattern")
            want["seq"] = self.numbers["case", on.year]
        elif row.step == "case.review":
            want["kind"] = review_kind(state)
        elif row.step == "case.notify":
            want["proposal"] = state["proposal"]
            want["hearing_right"] = hearing_right(Proposal.from_payload(state["proposal"]),
                                                  _reckoned_kind(state, p), self._settings())
        elif row.step == "case.decide":
            want["proposal"] = state["proposal"]
            penalty = state["proposal"]["outcome"] == Outcome.PENALTY.value
            want["decision_no"] = (self._number("decision", on.year, "decision_no_pattern")
                                   if penalty else None)
        elif row.step == "doc.issue":
            want = self._document(p, state)
        elif row.step == "case.disclose":
            cal, cfg = self._calendar(), self._settings()
            as_then = state | {"party_kind": _reckoned_kind(state, p)}
            want = published(as_then, on, cfg, cal)
            if p.get("due") != want["due"] and p.get("provisional", True):
                # Recorded from weekends alone (D-3) before the bundled schedule covered the
                # year: the date stands as it was reckoned then.
                want = published(as_then, on, cfg, Calendar(cal.entered, bundled=False))
            if "provisional" not in p:
                want.pop("provisional")  # events recorded before the flag was kept
            if as_then["party_kind"] != state["party_kind"]:
                want["record"]["party_id"] = _first_edition_mask(state["party_id"])
        for key, value in want.items():
            if p.get(key) != value:
                return t(f"其 {key} 为 {p.get(key)!r}，但按当时的案件、设置和日历应为 {value!r}",
                         f"its {key} is {p.get(key)!r} but the case, settings and calendar of "
                         f"that moment give {value!r}")
        return None


def _document_number(frozen: Frozen, p: dict[str, Any], state: State) -> dict[str, Any]:
    """A document keeps the number and date of its first issue; a first issue of a numbered
    kind takes the next number of its year (gap-free, as F-3)."""
    from caseledger.domain.documents import KINDS

    first = (state.get("documents") or {}).get(p["kind"])
    if first is not None:
        return {"number": first["number"], "dated": first["dated"]}
    kind = KINDS.get(p["kind"])
    if kind is None or kind.numbered is None:
        return {}
    year = dt.date.fromisoformat(p["dated"]).year
    return {"number": frozen._number(kind.counter, year, kind.numbered)}


def _reckoned_kind(state: State, payload: dict[str, Any]) -> str:
    """The party kind a notice or disclosure was reckoned with: edition 1 (see rules.EDITION)
    took a party of kind `other` for an organisation."""
    if payload.get("edition", 1) < 2 and state["party_kind"] == PartyKind.OTHER:
        return PartyKind.ORG.value
    return state["party_kind"]


def _first_edition_mask(party_id: str) -> str:
    """How edition 1 published an `other` party's identifier: whole up to 10 characters, else
    its first 6 and last 4. Exports mask it again under G-3 as it stands now."""
    return party_id if len(party_id) <= 10 else party_id[:6] + "*" * (len(party_id) - 10) + party_id[-4:]


class _Where:
    """How a failure names the event: `event #12 (case.pay, case 2025-3)`."""

    def __init__(self, row: Any, cases: dict[int, State]) -> None:
        self.row, self.cases = row, cases
        self.opening = cases.opening if isinstance(cases, States) else None

    def __str__(self) -> str:
        row = self.row
        if row.case_id is None:
            return t(f"事件 #{row.seq}（{row.step}）", f"event #{row.seq} ({row.step})")
        state = None if row.case_id == self.opening else self.cases.get(row.case_id)
        case = t(f"案件 {state['case_no']}", f"case {state['case_no']}") if state else \
            t(f"案件 id {row.case_id}", f"case id {row.case_id}")
        return t(f"事件 #{row.seq}（{row.step}，{case}）", f"event #{row.seq} ({row.step}, {case})")


def _apply(
    row: Event,
    payload: dict[str, Any],
    cases: dict[int, State],
    staff: dict[str, dict[str, Any]],
    settings: dict[str, str],
    calendar_days: dict[str, bool],
) -> None:
    if row.case_id is not None:
        step_into(cases.setdefault(row.case_id, {}), row.step, row.business_date.isoformat(),
                  payload)
    elif row.step == "ledger.init":
        settings.update(bureau=payload["bureau"], prefix=payload["prefix"])
        staff[payload["admin"]] = {
            "name": payload["admin"], "roles": "admin", "cert_no": None, "cert_until": None,
            "legal_qualified": False, "active": True, "public_key": payload.get("key"),
        }
    elif row.step == "staff.add":
        staff[payload["login"]] = {
            "name": payload["name"], "roles": ",".join(payload["roles"]),
            "cert_no": payload["cert_no"], "cert_until": payload["cert_until"],
            "legal_qualified": payload["legal_qualified"], "active": True,
            "public_key": payload.get("key"),
        }
    elif row.step == "staff.key":
        staff[payload["login"]]["public_key"] = payload["key"]
    elif row.step == "staff.retire":
        staff[payload["login"]]["active"] = False
    elif row.step == "settings.set":
        settings[payload["key"]] = payload["value"]
    elif row.step == "calendar.set":
        calendar_days[payload["day"]] = payload["working"]
    else:
        raise ValueError(t(f"未知的步骤 {row.step}", f"unknown step {row.step}"))


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _compare_cases(session: Session) -> int:
    """Every case's row, officers and clocks hold what its events give: the events are folded
    case by case in id order beside the three tables read in the same order, so memory stays
    that of one case. Returns the number of cases."""
    from caseledger.domain import dates
    from caseledger.services.calendar import load

    cal, today = load(session), dates.today()
    names = [f for f in FIELDS if f != "officers"]
    run = session.connection().execute  # plain rows, past the ORM's result handling
    table = run(select(Case.id, *(getattr(Case, f) for f in names))
                .order_by(Case.id).execution_options(yield_per=5000))
    officers = groupby(run(
        select(CaseOfficer.case_id, Staff.login).join(Staff, Staff.id == CaseOfficer.staff_id)
        .order_by(CaseOfficer.case_id, CaseOfficer.position).execution_options(yield_per=5000)),
        key=lambda r: r[0])
    clock_fields = ("due", "unit", "met_on", "provisional", "party_window", "paused", "warn_from")
    clocks = groupby(run(
        select(CaseClock.case_id, CaseClock.rule, *(getattr(CaseClock, f) for f in clock_fields))
        .order_by(CaseClock.case_id, CaseClock.rule).execution_options(yield_per=5000)),
        key=lambda r: r[0])
    events = groupby(run(
        select(Event.case_id, Event.seq, Event.step, Event.business_date, Event.payload)
        .where(Event.case_id.is_not(None)).order_by(Event.case_id, Event.seq)
        .execution_options(yield_per=5000)), key=lambda r: r[0])
    stream = _Merged(officers, clocks)
    count = 0
    folded = next(events, None)
    for row in table:
        case_id, values = row[0], dict(zip(names, row[1:], strict=True))
        while folded is not None and folded[0] < case_id:
            _no_case_row(folded)
        if folded is None or folded[0] != case_id:
            raise IntegrityFailure(t(
                f"案件 {values['case_no']} 在事件链中没有立案事件（绕过台账插入，或其事件被删除）",
                f"case {values['case_no']} has no filing event in the chain (inserted behind "
                "the ledger's back, or its events were deleted)"))
        last = 0
        steps = []
        for _, seq, step, on, payload in folded[1]:
            last = seq
            steps.append((step, on.isoformat(), json.loads(payload)))
        try:
            state = fold(steps)
        except (KeyError, ValueError, TypeError) as exc:
            raise IntegrityFailure(t(f"案件 {values['case_no']}：无法由截至 #{last} 的事件推演出"
                                     f"案件状态：{exc!r}",
                                     f"case {values['case_no']}: its events up to #{last} cannot "
                                     f"be folded: {exc!r}")) from None
        if state is None:
            raise IntegrityFailure(t(f"案件 {values['case_no']} 在事件链中没有立案事件",
                                     f"case {values['case_no']} has no filing event in the chain"))
        values["officers"] = [login for _, login in stream.take(0, case_id)]
        for field in FIELDS:
            actual = _iso(values[field])
            if actual != state[field]:
                raise IntegrityFailure(t(
                    f"案件 {state['case_no']}：案件表中 {field} 为 {actual!r}，但截至 #{last} 的"
                    f"事件得出 {state[field]!r}",
                    f"case {state['case_no']}: {field} is {actual!r} in the case table but the "
                    f"events up to #{last} give {state[field]!r}"))
        have = {r[1]: SimpleNamespace(**dict(zip(clock_fields, r[2:], strict=True)))
                for r in stream.take(1, case_id)}
        _compare_clocks(state, have, case_clocks(state, cal, today), clock_fields)
        count += 1
        folded = next(events, None)
    if folded is not None:
        _no_case_row(folded)
    stream.no_more()
    return count


class _Merged:
    """Streams grouped by case id (officers, clocks), each taken in step with the walk over the
    case table: rows of a case id the table does not hold are an integrity failure."""

    NAMES = ("officer table holds officers", "clock table holds clocks")

    def __init__(self, *streams: Iterator[tuple[int, Iterator[Any]]]) -> None:
        self.streams = list(streams)
        self.heads: list[tuple[int, Iterator[Any]] | None] = [next(s, None) for s in streams]

    def take(self, which: int, case_id: int) -> list[Any]:
        head = self.heads[which]
        if head is not None and head[0] < case_id:
            self._stray(which, head[0])
        if head is None or head[0] != case_id:
            return []
        rows = list(head[1])
        self.heads[which] = next(self.streams[which], None)
        return rows

    def no_more(self) -> None:
        for which, head in enumerate(self.heads):
            if head is not None:
                self._stray(which, head[0])

    def _stray(self, which: int, case_id: int) -> None:
        table, rows = (("执法人员表", "执法人员"), ("期限表", "期限"))[which]
        raise IntegrityFailure(t(f"{table}中有案件 id {case_id} 的{rows}，而案件表和事件中都没有"
                                 "该案件",
                                 f"the {self.NAMES[which]} of case id {case_id}, which the case "
                                 "table and the events do not know"))


def _no_case_row(folded: tuple[int, Iterator[Any]]) -> None:
    case_id, events = folded
    payload = json.loads(next(events)[4])
    number = payload.get('case_no', f'id {case_id}')
    raise IntegrityFailure(t(
        f"案件 {number} 在事件中存在，但案件表中没有",
        f"case {number} is in the events but missing from the "
        "case table"))


def _compare_staff(session: Session, staff: dict[str, dict[str, Any]]) -> None:
    rows = {r.login: r for r in session.execute(select(Staff)).scalars()}
    for login in sorted(set(rows) | set(staff)):
        row, want = rows.get(login), staff.get(login)
        if row is None or want is None:
            where = t("人员表", "the staff table") if row is None else t("事件", "the events")
            raise IntegrityFailure(t(f"{where}中没有人员 {login!r}",
                                     f"staff {login!r} is missing from {where}"))
        actual = {
            "name": row.name, "roles": row.roles, "cert_no": row.cert_no,
            "cert_until": _iso(row.cert_until), "legal_qualified": row.legal_qualified,
            "active": row.active, "public_key": row.public_key,
        }
        for key, value in want.items():
            if actual[key] != value:
                raise IntegrityFailure(t(
                    f"人员 {login!r}：人员表中 {key} 为 {actual[key]!r}，但事件得出 {value!r}",
                    f"staff {login!r}: {key} is {actual[key]!r} in the staff table but the "
                    f"events give {value!r}"
                ))


def _compare_settings(session: Session, settings: dict[str, str]) -> None:
    rows = {k: v for k, v in session.execute(select(Setting.key, Setting.value))}
    for key in sorted(set(rows) | set(settings)):
        if rows.get(key) != settings.get(key):
            default = SETTINGS[key].default if key in SETTINGS else None
            raise IntegrityFailure(t(
                f"设置项 {key!r} 在设置表中为 {rows.get(key, default)!r}，但事件得出 "
                f"{settings.get(key, default)!r}",
                f"setting {key!r} is {rows.get(key, default)!r} in the settings table but the "
                f"events give {settings.get(key, default)!r}"
            ))


def _compare_counter(session: Session, kind: str, expected: dict[int, int], what: str) -> None:
    stored = {
        year: last
        for year, last in session.execute(
            select(Counter.year, Counter.last).where(Counter.kind == kind)
        )
    }
    for year in sorted(set(expected) | set(stored)):
        if stored.get(year, 0) != expected.get(year, 0):
            counter = {"case": "案号", "decision": "决定书文号"}.get(kind, f"文书（{kind}）编号")
            raise IntegrityFailure(t(
                f"{year} 年的{counter}计数器为 {stored.get(year, 0)}，但事件中有 "
                f"{expected.get(year, 0)} {what}",
                f"the {kind} counter for {year} is at {stored.get(year, 0)} but the events "
                f"hold {expected.get(year, 0)} {what}"
            ))


def _compare_calendar(session: Session, days: dict[str, bool]) -> None:
    rows = {d.isoformat(): w for d, w in session.execute(select(CalendarDay.day, CalendarDay.working))}
    for day in sorted(set(rows) | set(days)):
        if rows.get(day) != days.get(day):
            raise IntegrityFailure(t(
                f"日历表中 {day} 为 {rows.get(day)!r}，但事件得出 {days.get(day)!r}",
                f"calendar day {day} is {rows.get(day)!r} in the calendar table but the events "
                f"give {days.get(day)!r}"
            ))


def _compare_clocks(state: State, have: dict[str, Any], clocks: list[Any],
                    fields: tuple[str, ...]) -> None:
    """A case's clock rows hold what its events give (a paused limit's date moves daily)."""
    want = {c.rule: c for c in clocks}
    if set(have) != set(want):
        raise IntegrityFailure(t(f"案件 {state['case_no']}：期限表中的期限为 {sorted(have)}，"
                                 f"但事件得出 {sorted(want)}",
                                 f"case {state['case_no']}: its clocks are {sorted(have)} in the "
                                 f"clock table but the events give {sorted(want)}"))
    for rule, row in want.items():
        # A provisional date stored before the calendar covered its year (a newer bundled
        # schedule) is refreshed where it is read; only its rule and state must agree.
        outgrown = have[rule].provisional and not row.provisional
        for field in fields:
            if field == "due" and row.paused:
                continue
            if outgrown and field in ("due", "provisional", "warn_from"):
                continue
            if getattr(have[rule], field) != getattr(row, field):
                raise IntegrityFailure(t(
                    f"案件 {state['case_no']}：期限表中期限 {rule} 的 {field} 为 "
                    f"{getattr(have[rule], field)!r}，但事件得出 {getattr(row, field)!r}",
                    f"case {state['case_no']}: clock {rule} {field} is "
                    f"{getattr(have[rule], field)!r} in the clock table but the events give "
                    f"{getattr(row, field)!r}"))


def _compare_tally(session: Session) -> None:
    """The year tally's read model holds what the events give, case by case (Y-1): both sides
    are walked in case order, so memory stays that of one case."""
    from caseledger.services import tally

    def case_no(case_id: int) -> str:
        return session.scalar(select(Case.case_no).where(Case.id == case_id)) or f"id {case_id}"

    stored = tally.stored(session)
    have_id, have = next(stored, (None, {}))
    for case_id, want in tally.derived(session):
        if have_id is not None and have_id < case_id:
            break  # rows of a case with no counted event: named below
        got = have if have_id == case_id else {}
        if got != want:
            key = min(set(got) ^ set(want) or {k for k in want if got[k] != want[k]})
            year, _, fact, month = key
            raise IntegrityFailure(t(
                f"案件 {case_no(case_id)}：统计表中其 {year}-{month:02d} 的 {fact} 统计为 "
                f"{_tally_text(got.get(key))}，但事件得出 {_tally_text(want.get(key))}",
                f"case {case_no(case_id)}: its {fact} tally for {year}-{month:02d} is "
                f"{_tally_text(got.get(key))} in the tally table but the events give "
                f"{_tally_text(want.get(key))}"))
        if have_id == case_id:
            have_id, have = next(stored, (None, {}))
    if have_id is not None:
        raise IntegrityFailure(t(f"统计表为案件 {case_no(have_id)} 计入了其事件中没有的内容",
                                 f"the tally table counts case {case_no(have_id)} for something "
                                 "its events do not hold"))


def _tally_text(row: dict[str, Any] | None) -> str:
    if row is None:
        return t("缺失", "missing")
    return ", ".join(f"{k}={row[k]!r}" for k in ("domain", "source", "campaign", "events", "once",
                                                 "fine_fen", "gains_fen"))


def _compare_totals(session: Session) -> None:
    """The totals `report year` reads are the per-case tally summed (rows left at zero by a
    correction that moved a case to another source or campaign count as absent)."""
    from caseledger.services import tally

    stored = ((b, a) for b, a in tally.stored_totals(session) if any(a))
    summed = tally.summed_totals(session)
    have, want = next(stored, None), next(summed, None)
    while have is not None or want is not None:
        if have is not None and want is not None and have == want:
            have, want = next(stored, None), next(summed, None)
            continue
        bucket = min(x[0] for x in (have, want) if x is not None)
        got = have[1] if have is not None and have[0] == bucket else None
        expected = want[1] if want is not None and want[0] == bucket else None
        year, month, fact, domain, source, campaign = bucket
        raise IntegrityFailure(t(
            f"汇总表中 {year}-{month:02d}、领域 {domain}、案件来源 {source or '-'}、"
            f"专项行动 {campaign or '-'} 的 {fact} 合计为 {_amounts(got)}，但逐案统计之和为 "
            f"{_amounts(expected)}",
            f"the {fact} total for {year}-{month:02d}, {domain}, source {source or '-'}, "
            f"campaign {campaign or '-'} is {_amounts(got)} in the totals table but the "
            f"per-case tally sums to {_amounts(expected)}"))


def _amounts(values: list[int] | None) -> str:
    if values is None:
        return t("缺失", "missing")
    return ", ".join(f"{k}={v}" for k, v in zip(("events", "once", "cases", "fine_fen",
                                                  "gains_fen"), values, strict=True))
