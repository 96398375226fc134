"""Staff as the rules see them, the people rules P-1, P-3, P-4 and P-5, and who may record (A-4).

Each check returns problems (never raises) so that one refusal can name every rule at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from caseledger.domain.errors import InputError, Problem


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
        raise InputError(f"unknown role {text!r}; one of: {choices}") from None


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
            f"{person.login} ({person.name}) is retired and cannot act as {as_what}",
            "name active staff",
        )
    ]


def admin_problems(actor: StaffView) -> list[Problem]:
    """P-5: staff, settings and calendar changes are made by staff with the admin role."""
    if Role.ADMIN in actor.roles:
        return []
    return [
        Problem(
            "P-5",
            f"{actor.login} does not have the admin role",
            "run it as an admin (--as LOGIN)",
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
            f"{leaving.login} is the ledger's last active admin",
            "add another admin first (`staff add LOGIN --name N --role admin`)",
        )
    ]


def head_problems(head: StaffView, what: str) -> list[Problem]:
    """P-3: filing, extensions, the decision and closing are approved by a head (负责人)."""
    problems = may_act(head, f"the head approving {what}")
    if Role.HEAD not in head.roles:
        problems.append(
            Problem(
                "P-3",
                f"{what} must be approved by a head (负责人); {head.login} does not have the head role",
                "name a head with --approved-by",
            )
        )
    return problems


def handling_officer_problems(officers: list[StaffView], on: dt.date) -> list[Problem]:
    """P-1: at least two officers, each holding a certificate valid on the filing date."""
    problems: list[Problem] = []
    for person in officers:
        problems += may_act(person, "a handling officer")
    logins = {p.login for p in officers}
    if len(logins) < 2:
        problems.append(
            Problem(
                "P-1",
                f"a case is handled by at least two officers; {len(logins)} named",
                "name two officers with --officer LOGIN --officer LOGIN",
            )
        )
    for person in officers:
        if Role.OFFICER not in person.roles:
            problems.append(
                Problem(
                    "P-1",
                    f"{person.login} does not have the officer role",
                    "name enforcement officers (role officer)",
                )
            )
        elif not person.certified_on(on):
            held = (
                f"expired on {person.cert_until.isoformat()}"
                if person.cert_no and person.cert_until
                else "is not recorded"
            )
            problems.append(
                Problem(
                    "P-1",
                    f"{person.login}'s enforcement certificate (执法证) {held}, "
                    f"so it is not valid on {on.isoformat()}",
                    "name an officer whose certificate is valid on that date",
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
    fix_key = "run `caseledger key init`, then an admin registers the key it prints with " \
              "`caseledger staff key LOGIN PUBLIC_KEY`"
    if local_key is None:
        return [Problem("A-4", "there is no signing key on this computer", fix_key)]
    if claimed is not None:
        if claimed.public_key is None:
            return [Problem("A-4", f"{claimed.login} has no registered signing key",
                            f"an admin registers it: `caseledger staff key {claimed.login} "
                            f"{local_key}`")]
        if claimed.public_key != local_key:
            return [Problem("A-4", f"the local key {short_key(local_key)} is not "
                                   f"{claimed.login}'s registered key; naming a login is not "
                                   "proof of being it",
                            f"record as {holder.login} (the key's holder)" if holder else
                            f"use {claimed.login}'s own key file (CASELEDGER_KEY)")]
        return may_act(claimed, "the recorder")
    if holder is None:
        return [Problem("A-4", f"the local key {short_key(local_key)} is not registered to any "
                               "staff member", f"an admin registers it: `caseledger staff key "
                                               f"LOGIN {local_key}`")]
    return may_act(holder, "the recorder")
