"""Staff as the rules see them, the people rules P-1, P-3, P-4 and P-5, and who may record (A-4).

Each check returns problems (never raises) so that one refusal can name every rule at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from caseledger.domain.errors import InputError, Problem
from caseledger.domain.lang import t


class Role(StrEnum):
    OFFICER = "officer"
    REVIEWER = "reviewer"
    HEAD = "head"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"officer": "执法人员", "reviewer": "审核人员", "head": "负责人", "admin": "管理员"}[self]


def role(text: str) -> Role:
    try:
        return Role(text.strip())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        choices_zh = "、".join(f"{r.value}（{r.label}）" for r in Role)
        raise InputError(t(f"未知的角色 {text!r}；可选：{choices_zh}",
                           f"unknown role {text!r}; one of: {choices}")) from None


@dataclass(frozen=True)
class StaffView:
    """What the rules need to know of one staff member."""

    login: str
    name: str
    roles: frozenset[Role]
    cert_no: str | None
    cert_until: dt.date | None
    legal_qualified: bool
    active: bool
    public_key: str | None = None  # registered signing key

    def certified_on(self, day: dt.date) -> bool:
        """An enforcement certificate (执法证) is valid up to and including its end date (P-1)."""
        return bool(self.cert_no) and self.cert_until is not None and day <= self.cert_until


def may_act(person: StaffView, as_what: str) -> list[Problem]:
    """P-4: every step records who did it, and a retired member can no longer act."""
    if person.active:
        return []
    return [
        Problem(
            "P-4",
            t(f"{person.login}（{person.name}）已退休，不能作为{as_what}进行操作",
              f"{person.login} ({person.name}) is retired and cannot act as {as_what}"),
            t("指定在岗的工作人员", "name active staff"),
        )
    ]


def admin_problems(actor: StaffView) -> list[Problem]:
    """P-5: staff, settings and calendar changes are made by staff with the admin role."""
    if Role.ADMIN in actor.roles:
        return []
    return [
        Problem(
            "P-5",
            t(f"{actor.login} 不具有管理员角色（admin）",
              f"{actor.login} does not have the admin role"),
            t("以管理员身份执行（--as LOGIN）", "run it as an admin (--as LOGIN)"),
        )
    ]


def last_admin_problems(leaving: StaffView, admins_left: int) -> list[Problem]:
    """P-5: the ledger keeps an active admin, or nobody could change staff, settings or the
    calendar again. `admins_left`: the active admins once `leaving` has gone."""
    if Role.ADMIN not in leaving.roles or not leaving.active or admins_left > 0:
        return []
    return [
        Problem(
            "P-5",
            t(f"{leaving.login} 是台账最后一名在岗的管理员",
              f"{leaving.login} is the ledger's last active admin"),
            t("先增加另一名管理员（`staff add LOGIN --name N --role admin`）",
              "add another admin first (`staff add LOGIN --name N --role admin`)"),
        )
    ]


def head_problems(head: StaffView, what: str) -> list[Problem]:
    """P-3: filing, extensions, the decision and closing are approved by a head (负责人)."""
    problems = may_act(head, t(f"批准{what}的负责人", f"the head approving {what}"))
    if Role.HEAD not in head.roles:
        problems.append(
            Problem(
                "P-3",
                t(f"{what}须经负责人批准；{head.login} 不具有负责人角色（head）",
                  f"{what} must be approved by a head (负责人); {head.login} does not have the head role"),
                t("用 --approved-by 指定一名负责人", "name a head with --approved-by"),
            )
        )
    return problems


def handling_officer_problems(officers: list[StaffView], on: dt.date) -> list[Problem]:
    """P-1: at least two officers, each holding a certificate valid on the filing date."""
    problems: list[Problem] = []
    for person in officers:
        problems += may_act(person, t("办案人员", "a handling officer"))
    logins = {p.login for p in officers}
    if len(logins) < 2:
        problems.append(
            Problem(
                "P-1",
                t(f"案件应由两名以上执法人员办理；只指定了 {len(logins)} 名",
                  f"a case is handled by at least two officers; {len(logins)} named"),
                t("用 --officer LOGIN --officer LOGIN 指定两名执法人员",
                  "name two officers with --officer LOGIN --officer LOGIN"),
            )
        )
    for person in officers:
        if Role.OFFICER not in person.roles:
            problems.append(
                Problem(
                    "P-1",
                    t(f"{person.login} 不具有执法人员角色（officer）",
                      f"{person.login} does not have the officer role"),
                    t("指定执法人员（角色为 officer）", "name enforcement officers (role officer)"),
                )
            )
        elif not person.certified_on(on):
            held = (
                t(f"已于 {person.cert_until.isoformat()} 到期",
                  f"expired on {person.cert_until.isoformat()}")
                if person.cert_no and person.cert_until
                else t("未录入", "is not recorded")
            )
            problems.append(
                Problem(
                    "P-1",
                    t(f"{person.login} 的执法证{held}，在 {on.isoformat()} 无效",
                      f"{person.login}'s enforcement certificate (执法证) {held}, "
                      f"so it is not valid on {on.isoformat()}"),
                    t("指定执法证在该日期有效的执法人员",
                      "name an officer whose certificate is valid on that date"),
                )
            )
    return problems


def short_key(public: str) -> str:
    return public[:20] + "…"


def recorder_problems(claimed: StaffView | None, holder: StaffView | None,
                      local_key: str | None) -> list[Problem]:
    """A-4: the recorder is proven by the local key, not claimed.

    `claimed`: the member named by --as / CASELEDGER_USER, if any; `holder`: the member whose
    registered key is the local key, if any; `local_key`: the local key's public text, or None
    when this computer has no key."""
    fix_key = t("运行 `caseledger key init`，再由管理员用 "
                "`caseledger staff key LOGIN PUBLIC_KEY` 登记其输出的密钥",
                "run `caseledger key init`, then an admin registers the key it prints with "
                "`caseledger staff key LOGIN PUBLIC_KEY`")
    if local_key is None:
        return [Problem("A-4", t("本机没有签名密钥", "there is no signing key on this computer"),
                        fix_key)]
    if claimed is not None:
        if claimed.public_key is None:
            return [Problem("A-4", t(f"{claimed.login} 没有已登记的签名密钥",
                                     f"{claimed.login} has no registered signing key"),
                            t(f"由管理员登记：`caseledger staff key {claimed.login} {local_key}`",
                              f"an admin registers it: `caseledger staff key {claimed.login} "
                              f"{local_key}`"))]
        if claimed.public_key != local_key:
            return [Problem("A-4", t(f"本机密钥 {short_key(local_key)} 不是为 {claimed.login} "
                                     "登记的密钥；仅填写登录名不能证明本人身份",
                                     f"the local key {short_key(local_key)} is not "
                                     f"{claimed.login}'s registered key; naming a login is not "
                                     "proof of being it"),
                            t(f"以 {holder.login}（该密钥的持有人）的身份记录",
                              f"record as {holder.login} (the key's holder)") if holder else
                            t(f"使用 {claimed.login} 本人的密钥文件（CASELEDGER_KEY）",
                              f"use {claimed.login}'s own key file (CASELEDGER_KEY)"))]
        return may_act(claimed, t("记录人", "the recorder"))
    if holder is None:
        return [Problem("A-4", t(f"本机密钥 {short_key(local_key)} 未登记给任何工作人员",
                                 f"the local key {short_key(local_key)} is not registered to any "
                                 "staff member"),
                        t(f"由管理员登记：`caseledger staff key LOGIN {local_key}`",
                          f"an admin registers it: `caseledger staff key "
                          f"LOGIN {local_key}`"))]
    return may_act(holder, t("记录人", "the recorder"))
