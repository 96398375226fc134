"""`staff export` / `staff import`: a ledger's roster carried to another ledger with its cases.

The file has one row per member, in English keys or the Chinese labels of COLUMNS. `staff import`
adds every member the ledger does not hold (each an admin's `staff.add`, P-5), retires those the
file marks as not active, and leaves alone a member the ledger already holds with the same
details; a member held with other details is a problem of that row (the ledger changes a member
only through its own steps). All or nothing, like the case import: every bad row is named and
nothing is written.

A case import replays each row's filing with today's roster, so a case naming a retired member
as its officer is refused (P-4). To bring old cases along, import the roster with
`--all-active`, then the cases, then retire the members the summary names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseledger.domain.errors import InputError, LedgerError
from caseledger.domain.lang import t
from caseledger.domain.people import Role
from caseledger.services import importer, staff
from caseledger.store.models import Staff

COLUMNS = {
    "login": "登录名", "name": "姓名", "roles": "角色", "cert_no": "执法证号",
    "cert_until": "有效期至", "legal_qualified": "法律职业资格", "active": "在岗", "key": "签名密钥",
}
HEADERS = {v: k for k, v in COLUMNS.items()} | {k: k for k in COLUMNS}
ROLES = {r.label: r.value for r in Role} | {r.value: r.value for r in Role}


def rows(session: Session, _year: int | None = None) -> Iterator[dict[str, Any]]:
    """The roster as export rows: roles comma-separated, yes/no for the flags."""
    for member in staff.roster(session):
        yield {
            "login": member["login"], "name": member["name"], "roles": ",".join(member["roles"]),
            "cert_no": member["cert_no"], "cert_until": member["cert_until"],
            "legal_qualified": "yes" if member["legal_qualified"] else "no",
            "active": "yes" if member["active"] else "no", "key": member["key"],
        }


@dataclass
class Result:
    rows: int = 0
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    kept_active: list[str] = field(default_factory=list)  # retired in the file (--all-active)
    errors: list[str] = field(default_factory=list)


def import_roster(session: Session, actor: str, path: Path, *, encoding: str = "auto",
                  sheet: str | None = None, all_active: bool = False) -> Result:
    """Bring the roster in `path` into the ledger (the caller commits, or rolls back when the
    result has errors)."""
    lines = importer.read_rows(path, encoding, sheet)
    keys = importer.header_keys(path, lines, HEADERS, {"login", "name", "roles"})
    result = Result()
    seen: dict[str, int] = {}
    for number, values in enumerate(lines, start=2):
        row, stray = importer.row_cells(keys, values)
        if not any(row.values()) and not stray:
            continue
        result.rows += 1
        if stray:
            result.errors.append(importer.stray_line(number, stray))
            continue
        login = row.get("login", "")
        if login in seen:
            result.errors.append(t(f"row {number}: login: {login!r} 已在第 {seen[login]} 行出现",
                                   f"row {number}: login: {login!r} is already in row "
                                   f"{seen[login]}"))
            continue
        seen[login] = number
        savepoint = session.begin_nested()
        try:
            _member(session, actor, row, result, all_active)
            savepoint.commit()
        except _CellError as exc:
            savepoint.rollback()
            result.errors.append(f"row {number}: {exc.column}: {exc}")
        except LedgerError as exc:
            savepoint.rollback()
            result.errors.extend(f"row {number}: {line}" for line in exc.lines())
    return result


class _CellError(Exception):
    def __init__(self, column: str, text: str):
        super().__init__(text)
        self.column = column


def _member(session: Session, actor: str, row: dict[str, str], result: Result,
            all_active: bool) -> None:
    login = row.get("login", "")
    roles = []
    for part in importer.split_list(row.get("roles", "")):
        if part not in ROLES:
            raise _CellError("roles", t(f"未知的角色 {part!r}；可选：执法人员、审核人员、负责人、"
                                        "管理员（或 officer、reviewer、head、admin）",
                                        f"unknown role {part!r}; one of: officer, reviewer, "
                                        "head, admin (执法人员, 审核人员, 负责人, 管理员)"))
        roles.append(ROLES[part])
    wanted = {
        "name": row.get("name", ""), "roles": roles,
        "cert_no": row.get("cert_no") or None, "cert_until": row.get("cert_until") or None,
        "legal_qualified": _flag(row, "legal_qualified", False),
        "active": _flag(row, "active", True),
        "key": row.get("key") or None,
    }
    if wanted["cert_until"]:
        from caseledger.domain import dates

        try:
            wanted["cert_until"] = dates.iso(wanted["cert_until"], "cert_until")
        except InputError as exc:
            # The date's message opens with the field named above (`cert_until: ...`), which
            # the row's `row N: cert_until: ` already says: the key stays as it is in both
            # languages so it can be cut here.
            said = str(exc)
            raise _CellError("cert_until", said.removeprefix("cert_until: ")
                             .removeprefix("cert_until：")) from None
    held = session.execute(select(Staff).where(Staff.login == login)).scalar_one_or_none()
    if held is not None:
        _same(staff.as_dict(held), wanted, all_active)
        result.unchanged.append(login)
        return
    staff.add(session, actor, login=login, name=wanted["name"], roles=roles,
              cert_no=wanted["cert_no"], cert_until=wanted["cert_until"],
              legal_qualified=wanted["legal_qualified"], key=wanted["key"])
    result.added.append(login)
    if not wanted["active"]:
        if all_active:
            result.kept_active.append(login)
        else:
            staff.retire(session, actor, login)
            result.retired.append(login)


def _same(have: dict[str, Any], wanted: dict[str, Any], all_active: bool) -> None:
    """A member the ledger holds must match the file (a key left empty in the file matches)."""
    differ = [k for k in ("name", "cert_no", "cert_until", "legal_qualified")
              if have[k] != wanted[k]]
    if sorted(have["roles"]) != sorted(set(wanted["roles"])):
        differ.append("roles")
    if have["active"] != wanted["active"] and not (all_active and have["active"]):
        differ.append("active")
    if wanted["key"] and have["key"] != wanted["key"]:
        differ.append("key")
    if differ:
        named = "、".join(f"{k}（{COLUMNS[k]}）" for k in differ)
        raise _CellError(differ[0], t(f"{have['login']!r} 已在人员名单中，但 {named}不同；台账只能"
                                      "通过 `staff` 命令（retire、key）变更人员信息",
                                      f"{have['login']!r} is already on the staff list with "
                                      f"another {', '.join(differ)}; the ledger changes a member "
                                      "only through `staff` commands (retire, key)"))


def _flag(row: dict[str, str], key: str, default: bool) -> bool:
    value = row.get(key, "").strip().lower()
    if not value:
        return default
    if value in importer.YES:
        return True
    if value in importer.NO:
        return False
    raise _CellError(key, t(f"{row[key]!r} 不是 是/否、yes/no、true/false 或 1/0",
                            f"{row[key]!r} is not yes/no, true/false, 1/0 or 是/否"))
