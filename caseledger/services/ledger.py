"""The ledger itself: `init`, `info`, and the admin's settings (P-5)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseledger.domain import dates, text
from caseledger.domain.errors import InputError, Refused
from caseledger.domain.lang import t
from caseledger.domain.numbering import check_fits
from caseledger.domain.people import admin_problems
from caseledger.domain.record import GENESIS
from caseledger.domain.settings import SETTINGS, check_setting
from caseledger.services import staff as staff_service
from caseledger.store import chain, db
from caseledger.store.models import Case, ChainHead, Event, Setting, Staff
from caseledger.store.signing import Signer


def settings(session: Session) -> dict[str, str]:
    """Every setting: what an admin set, else its default (read once per transaction)."""
    cached = session.info.get("settings")
    if cached is None:
        stored = {k: v for k, v in session.execute(select(Setting.key, Setting.value))}
        cached = session.info["settings"] = {
            key: stored.get(key, s.default) for key, s in SETTINGS.items()
        }
    return dict(cached)


def _store(session: Session, key: str, value: str) -> None:
    session.info.pop("settings", None)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def init(url: str, login: str, bureau: str, prefix: str, signer: Signer,
         claimed: str | None = None) -> dict[str, Any]:
    """Create or upgrade the ledger and record the bureau. On a new ledger `login` becomes its
    first admin, with `signer`'s key registered as theirs (A-4); on an existing one the bureau's
    name and prefix are changed by the recorder the key proves (`claimed`: --as, if given)."""
    from caseledger.store import migrate

    bureau, prefix = check_setting("bureau", bureau), check_setting("prefix", prefix)
    login = text.login(login, t("首任管理员的登录名（--as）", "the first admin's login (--as)"))
    migrate.upgrade(url)
    with db.transaction(url, write=True) as session:
        head = chain.lock(session)
        current = settings(session)
        if not current["bureau"]:
            chain.sign_with(session, signer)
            payload = {"bureau": bureau, "prefix": prefix, "admin": login, "key": signer.public}
            _store(session, "bureau", bureau)
            _store(session, "prefix", prefix)
            staff_service.apply_add(session, first_admin(login, signer.public))
            chain.append(
                session, head, step="ledger.init", business_date=dates.today(), actor=login,
                payload=payload,
            )
            created = True
        else:
            created = False
            changes = [(k, v) for k, v in (("bureau", bureau), ("prefix", prefix))
                       if current[k] != v]
            if changes:
                recorder = staff_service.recorder(session, claimed, signer)
                for key, value in changes:
                    set_setting(session, recorder, key, value, head=head)
        return {"created": created, **info(session, url)}


def first_admin(login: str, key: str | None) -> dict[str, Any]:
    return {
        "login": login, "name": login, "roles": ["admin"], "cert_no": None, "cert_until": None,
        "legal_qualified": False, "key": key,
    }


def set_setting(
    session: Session, actor_login: str, key: str, value: str, head: ChainHead | None = None
) -> dict[str, str]:
    head = head or chain.lock(session)
    actor = staff_service.acting(session, actor_login)
    stored = check_setting(key, value)
    problems = admin_problems(actor)
    if problems:
        raise Refused(problems)
    if key in ("bureau", "prefix") and not stored:
        raise InputError(t(f"设置项 {key} 不能为空", f"setting {key} cannot be empty"))
    if key in ("prefix", "case_no_pattern", "decision_no_pattern"):
        would_be = settings(session) | {key: stored}
        for pattern in ("case_no_pattern", "decision_no_pattern"):
            check_fits(would_be[pattern], would_be["prefix"])
    _store(session, key, stored)
    chain.append(
        session, head, step="settings.set", business_date=dates.today(), actor=actor.login,
        payload={"key": key, "value": stored},
    )
    return {"key": key, "value": stored}


def info(session: Session, url: str) -> dict[str, Any]:
    head = session.get(ChainHead, 1)
    current = settings(session)
    return {
        "database": db.display_url(url),
        "schema_version": db.schema_revision(session),
        "bureau": current["bureau"],
        "prefix": current["prefix"],
        "chain_head": {"seq": head.seq if head else 0, "hash": head.hash if head else None},
        "counts": {
            "cases": session.scalar(select(func.count()).select_from(Case)),
            "events": session.scalar(select(func.count()).select_from(Event)),
            "staff": session.scalar(select(func.count()).select_from(Staff)),
            "active_staff": session.scalar(
                select(func.count()).select_from(Staff).where(Staff.active.is_(True))
            ),
        },
    }


def chain_head(session: Session) -> dict[str, Any]:
    """The newest event as `SEQ:HASH` (A-5): what reports print and `verify --head` checks."""
    row = session.get(ChainHead, 1)
    seq, value = (row.seq, row.hash) if row else (0, GENESIS)
    return {"seq": seq, "hash": value, "head": f"{seq}:{value}"}
