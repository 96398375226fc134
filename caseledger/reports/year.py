"""`report year` (rule Y-1): per domain (or group, month, source, campaign), the steps whose
business date falls in the year, with the previous year's totals beside them.

Counting is done in SQL, grouped by the row key, step and detail, so it stays fast on a million
cases. `legal_reviews`, `case_reviews` and `discussions` count cases, not events. A decision
revoked later still counts in its own year. `police_accepted` counts the police's acceptances
dated in the year (a step counts in the year its business date falls in).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from caseledger.domain.filing import Source
from caseledger.domain.money import yuan_text
from caseledger.domain.vocabulary import domain, domains, groups
from caseledger.store.models import Case, ChainHead, Event

COUNTS = ("filed", "decided", "no_penalty", "transferred", "police_accepted", "legal_reviews",
          "case_reviews", "discussions", "disclosed", "disclosed_late", "closed")
MONEY = ("fines", "confiscations")
LABELS = {
    "filed": "立案", "decided": "处罚决定", "no_penalty": "不予处罚", "transferred": "移送司法",
    "police_accepted": "公安立案", "legal_reviews": "法制审核", "case_reviews": "案件审核",
    "discussions": "集体讨论", "disclosed": "公示", "disclosed_late": "逾期公示", "closed": "结案",
    "fines": "罚款金额", "confiscations": "没收金额",
}
BY = ("domain", "group", "month", "source", "campaign")

# (count key, step, detail or None for any, count distinct cases?)
_RULES: tuple[tuple[str, str, tuple[str, ...] | None, bool], ...] = (
    ("filed", "case.open", None, False),
    ("decided", "case.decide", ("penalty",), False),
    ("no_penalty", "case.decide", ("no-penalty",), False),
    ("transferred", "case.transfer", ("police", "procuratorate"), False),
    ("police_accepted", "case.accept", None, False),
    ("legal_reviews", "case.review", ("legal",), True),
    ("case_reviews", "case.review", ("case",), True),
    ("discussions", "case.discuss", None, True),
    ("disclosed", "case.disclose", None, False),
    ("disclosed_late", "case.disclose", ("late",), False),
    ("closed", "case.close", None, False),
)


def _key(by: str, date_column: Any) -> ColumnElement[Any] | None:
    if by == "total":
        return None
    if by in ("domain", "group"):
        return Case.domain
    if by == "month":
        return func.extract("month", date_column)
    if by == "source":
        return Case.source
    return Case.campaign


def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _tally(session: Session, year: int, by: str) -> dict[Any, dict[str, int]]:
    start, end = _bounds(year)
    key = _key(by, Event.business_date)
    found: dict[Any, dict[str, int]] = {}
    steps = {step for _, step, _, _ in _RULES}
    keys = [] if key is None else [key]
    rows = session.execute(
        select(*keys, Event.step, Event.detail, func.count(), func.count(Event.case_id.distinct()))
        .join(Case, Case.id == Event.case_id)
        .where(Event.step.in_(steps), Event.business_date.between(start, end))
        .group_by(*keys, Event.step, Event.detail)
    )
    for row in rows:
        k, (step, detail, events, cases) = (None, row) if key is None else (row[0], row[1:])
        counts = found.setdefault(_norm(by, k), dict.fromkeys(COUNTS + MONEY, 0))
        for name, rule_step, details, distinct in _RULES:
            if step == rule_step and (details is None or detail in details):
                counts[name] += cases if distinct else events
    money_key = _key(by, Case.decided_on)
    money_keys = [] if money_key is None else [money_key]
    for row in session.execute(
        select(*money_keys, func.coalesce(func.sum(Case.fine_fen), 0),
               func.coalesce(func.sum(Case.gains_fen), 0))
        .where(and_(Case.outcome == "penalty", Case.decided_on.between(start, end)))
        .group_by(*money_keys)
    ):
        k, fines, gains = (None, *row) if money_key is None else row
        counts = found.setdefault(_norm(by, k), dict.fromkeys(COUNTS + MONEY, 0))
        counts["fines"] += int(fines)
        counts["confiscations"] += int(gains)
    if by == "group":
        merged: dict[Any, dict[str, int]] = {}
        for k, counts in found.items():
            into = merged.setdefault(domain(k).group, dict.fromkeys(COUNTS + MONEY, 0))
            for name in COUNTS + MONEY:
                into[name] += counts[name]
        return merged
    return found


def _norm(by: str, key: Any) -> Any:
    return int(key) if by == "month" and key is not None else key


def _row_keys(by: str, found: dict[Any, dict[str, int]]) -> list[tuple[Any, str]]:
    if by == "domain":
        return [(d.key, d.label) for d in domains()]
    if by == "group":
        return groups()
    if by == "month":
        return [(m, f"{m}月") for m in range(1, 13)]
    if by == "source":
        keys = [(s.value, s.label) for s in Source]
        return keys + ([(None, "未填")] if None in found else [])
    names = sorted(k for k in found if k is not None)
    return [(k, k) for k in names] + ([(None, "无")] if None in found else [])


def _present(counts: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {name: counts[name] for name in COUNTS}
    out.update({name: yuan_text(counts[name]) for name in MONEY})
    return out


def year_report(session: Session, year: int, by: str = "domain") -> dict[str, Any]:
    from caseledger.domain.dates import check_year

    check_year(year)
    """The Y-1 tally for `year` as CLI.md's JSON shape."""
    from caseledger.services.ledger import settings

    found = _tally(session, year, by)
    # Totals are counted on their own: a case reviewed in two months counts once in the year.
    total = _tally(session, year, "total").get(None, dict.fromkeys(COUNTS + MONEY, 0))
    previous = _tally(session, year - 1, "total").get(None, dict.fromkeys(COUNTS + MONEY, 0))
    rows = []
    for key, label in _row_keys(by, found):
        counts = found.get(key, dict.fromkeys(COUNTS + MONEY, 0))
        rows.append({"key": key, "label": label, **_present(counts)})
    head = session.get(ChainHead, 1)
    return {
        "year": year,
        "bureau": settings(session)["bureau"],
        "by": by,
        "rows": rows,
        "total": _present(total),
        "previous": {"year": year - 1, "total": _present(previous)},
        "chain_head": head.hash if head else None,
        "head": f"{head.seq}:{head.hash}" if head else None,
    }
