"""`report year` (rule Y-1): per domain (or group, month, source, campaign), the steps whose
business date falls in the year, with the previous year's totals beside them.

Counting reads the read model each step keeps (`tally_total`, the per-case `case_tally` summed;
see `domain.tally` for what counts): a few hundred rows a year, however many cases.
`legal_reviews`, `case_reviews` and `discussions` count cases, not events. A decision revoked
later still counts in its own year. `police_accepted` counts the police's acceptances dated in
the year (a step counts in the year its business date falls in).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from caseledger.domain.filing import Source
from caseledger.domain.money import yuan_text
from caseledger.domain.tally import COUNTS, DISTINCT, MONEY
from caseledger.domain.vocabulary import domain, domains, groups
from caseledger.store.models import ChainHead, TallyTotal

LABELS = {
    "filed": "立案", "decided": "处罚决定", "no_penalty": "不予处罚", "transferred": "移送司法",
    "police_accepted": "公安立案", "legal_reviews": "法制审核", "case_reviews": "案件审核",
    "discussions": "集体讨论", "disclosed": "公示", "disclosed_late": "逾期公示", "closed": "结案",
    "fines": "罚款金额", "confiscations": "没收金额",
}
BY = ("domain", "group", "month", "source", "campaign")


def _key(by: str) -> ColumnElement[Any] | None:
    return None if by == "total" else {
        "domain": TallyTotal.domain, "group": TallyTotal.domain, "month": TallyTotal.month,
        "source": TallyTotal.source, "campaign": TallyTotal.campaign}[by]


def _tally(session: Session, year: int, by: str) -> dict[Any, dict[str, int]]:
    """The year's rows of the totals the steps keep (`tally_total`, a few hundred rows however
    large the ledger), grouped by the row key."""
    key = _key(by)
    keys = [] if key is None else [key]
    found: dict[Any, dict[str, int]] = {}
    t = TallyTotal
    rows = session.execute(
        select(*keys, t.fact, func.sum(t.events), func.sum(t.once), func.sum(t.cases),
               func.sum(t.fine_fen), func.sum(t.gains_fen))
        .where(t.year == year)
        .group_by(*keys, t.fact)
    )
    for row in rows:
        k, (fact, events, once, months, fines, gains) = \
            (None, row) if key is None else (row[0], row[1:])
        if not (events or once or months or fines or gains):
            continue  # a bucket a correction emptied (its case moved to another source)
        if by in ("source", "campaign") and k == "":
            k = None  # the totals spell "none" as an empty string
        counts = found.setdefault(_norm(by, k), dict.fromkeys(COUNTS + MONEY, 0))
        # A distinct count is of cases: once in the year, or once in each month by month.
        counts[fact] += int(months if by == "month" else once) if fact in DISTINCT else int(events)
        if fact == "decided":
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
    """The Y-1 tally for `year` as CLI.md's JSON shape."""
    from caseledger.domain.dates import check_year
    from caseledger.services.ledger import settings

    check_year(year)

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
