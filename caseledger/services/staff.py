"""Staff (P-4, P-5): who may act, and the admin's changes to the roster; who records (A-4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseledger.domain import dates, text
from caseledger.domain.errors import InputError, Problem, Refused, UnknownStaff
from caseledger.domain.lang import t
from caseledger.domain.people import (
    Role,
    StaffView,
    admin_problems,
    last_admin_problems,
    may_act,
    recorder_problems,
    role,
)
from caseledger.store import chain
from caseledger.store.models import Staff
from caseledger.store.signing import Signer, parse_public


def view(row: Staff) -> StaffView:
    return StaffView(
        login=row.login,
        name=row.name,
        roles=frozenset(Role(r) for r in row.roles.split(",") if r),
        cert_no=row.cert_no,
        cert_until=row.cert_until,
        legal_qualified=row.legal_qualified,
        active=row.active,
        public_key=row.public_key,
    )


def find(session: Session, login: str, as_what: str | None = None) -> Staff:
    """The member `login`, or UnknownStaff (exit 3) naming them `as_what` (default: staff)."""
    known: dict[str, Staff] = session.info.setdefault("staff", {})
    row = known.get(login)
    if row is None:
        row = session.execute(select(Staff).where(Staff.login == login)).scalar_one_or_none()
        if row is not None:
            known[login] = row
    if row is None:
        as_what = as_what or t("人员", "staff")
        raise UnknownStaff(t(f"{as_what} {login!r} 不在本台账的人员名单中（见 `staff list`）",
                             f"{as_what} {login!r} is not on the ledger's staff list "
                             "(see `staff list`)"), login)
    return row


def cached_view(session: Session, login: str, as_what: str) -> StaffView:
    """`view(find(...))`, kept for the rest of an import's bulk path (which changes no staff)."""
    bulk = session.info.get("bulk")
    if bulk is None:
        return view(find(session, login, as_what))
    person = bulk.views.get(login)
    if person is None:
        person = bulk.views[login] = view(find(session, login, as_what))
    return person


def acting(session: Session, login: str) -> StaffView:
    """The recorder of a step: known (else exit 3) and active (else P-4)."""
    person = view(find(session, login, t("记录人（--as / CASELEDGER_USER）",
                                         "recorder (--as / CASELEDGER_USER)")))
    problems = may_act(person, t("记录人", "the recorder"))
    if problems:
        raise Refused(problems)
    return person


def recorder(session: Session, claimed: str | None, signer: Signer | None, *,
             first_key: bool = False) -> str:
    """A-4: the login that records this transaction's steps, proven by the local key `signer`
    (None: this computer has none); every event appended is then signed with it.

    `claimed` is --as / CASELEDGER_USER (an unknown login is exit 3). `first_key`: `staff key`
    on a ledger upgraded from before signatures, where nobody has a key yet: an active admin
    may then register their own key, the first one, and sign with it."""
    chain.lock(session)  # first: the roster read below cannot change until the step commits
    member = view(find(session, claimed, t("记录人（--as / CASELEDGER_USER）",
                                           "recorder (--as / CASELEDGER_USER)"))) \
        if claimed else None
    local = signer.public if signer else None
    holder_row = session.execute(select(Staff).where(Staff.public_key == local)).scalar_one_or_none() \
        if local else None
    holder = view(holder_row) if holder_row else None
    if first_key and member is not None and signer is not None and member.public_key is None \
            and Role.ADMIN in member.roles and not _anyone_has_a_key(session):
        problems = may_act(member, t("记录人", "the recorder"))
    else:
        problems = recorder_problems(member, holder, local)
    if problems:
        raise Refused(problems)
    assert signer is not None and (member or holder) is not None
    chain.sign_with(session, signer)
    return (member or holder).login  # type: ignore[union-attr]


def _anyone_has_a_key(session: Session) -> bool:
    return session.execute(select(Staff.id).where(Staff.public_key.is_not(None)).limit(1)) \
        .first() is not None


def _check_key(session: Session, key: str, login: str) -> str:
    """A public key `login` may register: well formed, and no one else's (A-4)."""
    public = parse_public(key)
    other = session.execute(select(Staff.login).where(Staff.public_key == public)).scalar()
    if other is not None and other != login:
        raise InputError(t(f"该密钥已属于 {other}；每名人员须用自己的密钥签名",
                           f"that key is already {other}'s; each member signs with their own"),
                         rule="A-4")
    return public


def _admin_change(session: Session, actor_login: str, login: str) -> tuple[Any, StaffView, Staff]:
    """The locked chain head, the recorder and the member an admin's change is about (P-5)."""
    head = chain.lock(session)
    actor = acting(session, actor_login)
    row = find(session, login)
    problems = admin_problems(actor)
    if problems:
        raise Refused(problems)
    return head, actor, row


def register_key(session: Session, actor_login: str, login: str, key: str) -> dict[str, Any]:
    """`staff key LOGIN PUBLIC_KEY`: register or rotate a member's key (admin). Earlier events
    stay verifiable with the key in force when they were recorded."""
    head, actor, row = _admin_change(session, actor_login, login)
    public = _check_key(session, key, login)
    if not _anyone_has_a_key(session) and (login != actor.login
                                           or session.info["signer"].public != public):
        raise Refused([Problem("A-4", t("台账登记的第一个密钥须是管理员本人的本机密钥，"
                                        "并由该管理员本人登记",
                                        "the first key a ledger registers is the admin's own "
                                        "local key, registered by that admin"),
                               f"`caseledger --as {actor.login} staff key {actor.login} "
                               "$(caseledger key show)`")])
    was = row.public_key
    row.public_key = public
    chain.append(session, head, step="staff.key", business_date=dates.today(), actor=actor.login,
                 payload={"login": login, "key": public, "was": was})
    return as_dict(row)


def as_dict(row: Staff) -> dict[str, Any]:
    person = view(row)
    return {
        "login": row.login,
        "name": row.name,
        "roles": [r.value for r in Role if r in person.roles],
        "role_labels": [r.label for r in Role if r in person.roles],
        "cert_no": row.cert_no,
        "cert_until": row.cert_until.isoformat() if row.cert_until else None,
        "legal_qualified": row.legal_qualified,
        "active": row.active,
        "key": row.public_key,
        "signs": row.public_key is not None,
    }


def add(
    session: Session,
    actor_login: str,
    *,
    login: str,
    name: str,
    roles: list[str],
    cert_no: str | None = None,
    cert_until: str | None = None,
    legal_qualified: bool = False,
    key: str | None = None,
) -> dict[str, Any]:
    head = chain.lock(session)
    actor = acting(session, actor_login)
    login = text.login(login)
    name = text.name(name, t("人员姓名（--name）", "the staff member's name (--name)"), text.SHORT)
    if not roles:
        raise InputError(t("请至少给出一个 --role（officer 执法人员、reviewer 审核人员、head 负责人、"
                           "admin 管理员）",
                           "give at least one --role (officer, reviewer, head, admin)"))
    chosen = sorted({role(r) for r in roles}, key=list(Role).index)
    until: dt.date | None = None
    if cert_no or cert_until:
        if not (cert_no and cert_no.strip() and cert_until):
            raise InputError(t("--cert 与 --cert-until 须同时给出",
                               "--cert and --cert-until go together"))
        cert_no = text.name(cert_no, t("执法证号（--cert）", "the certificate number (--cert)"),
                            text.SHORT)
        until = dates.parse_date(cert_until, "--cert-until")
    problems = admin_problems(actor)
    if problems:
        raise Refused(problems)
    if session.execute(select(Staff.id).where(Staff.login == login)).first():
        raise InputError(t(f"人员 {login!r} 已存在", f"staff {login!r} already exists"))
    public = _check_key(session, key, login) if key else None
    payload = {
        "login": login,
        "name": name,
        "roles": [r.value for r in chosen],
        "cert_no": cert_no if until else None,
        "cert_until": until.isoformat() if until else None,
        "legal_qualified": legal_qualified,
        "key": public,
    }
    row = apply_add(session, payload)
    chain.append(
        session, head, step="staff.add", business_date=dates.today(), actor=actor.login,
        payload=payload,
    )
    return as_dict(row)


def apply_add(session: Session, payload: dict[str, Any]) -> Staff:
    row = Staff(
        login=payload["login"],
        name=payload["name"],
        roles=",".join(payload["roles"]),
        cert_no=payload["cert_no"],
        cert_until=dt.date.fromisoformat(payload["cert_until"]) if payload["cert_until"] else None,
        legal_qualified=payload["legal_qualified"],
        active=True,
        public_key=payload.get("key"),
    )
    session.add(row)
    session.flush()
    return row


def retire(session: Session, actor_login: str, login: str) -> dict[str, Any]:
    head, actor, row = _admin_change(session, actor_login, login)
    if not row.active:
        raise InputError(t(f"人员 {login!r} 已离岗", f"staff {login!r} is already retired"))
    admins = [r for r in session.execute(select(Staff).where(Staff.active)).scalars()
              if Role.ADMIN.value in r.roles.split(",") and r.id != row.id]
    problems = last_admin_problems(view(row), len(admins))
    if problems:
        raise Refused(problems)
    row.active = False
    chain.append(
        session, head, step="staff.retire", business_date=dates.today(), actor=actor.login,
        payload={"login": login},
    )
    return as_dict(row)


def roster(session: Session) -> list[dict[str, Any]]:
    return [as_dict(r) for r in session.execute(select(Staff).order_by(Staff.id)).scalars()]
