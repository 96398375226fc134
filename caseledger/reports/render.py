"""Rendering report values: table (Chinese labels, a 合计 row), CSV, Markdown. JSON is the value."""

from __future__ import annotations

import csv
import sys
from typing import Any

from caseledger.domain.lang import english, t
from caseledger.domain.text import shown
from caseledger.reports.cells import inert
from caseledger.reports.year import COUNTS, LABELS, MONEY

KEYS = COUNTS + MONEY


def _cell(value: str) -> str:
    """A text cell of a CSV report: inert for Excel, and escaped only on a terminal."""
    return inert(shown(value) if sys.stdout.isatty() else value)


def year_csv(report: dict[str, Any]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["key", "label", *KEYS])
    for row in report["rows"]:
        writer.writerow([_cell(row["key"]) if row["key"] is not None else "", _cell(row["label"]),
                         *(row[k] for k in KEYS)])
    writer.writerow(["total", "合计", *(report["total"][k] for k in KEYS)])


def _lines(report: dict[str, Any]) -> list[list[str]]:
    lines = [[row["label"], *(str(row[k]) for k in KEYS)] for row in report["rows"]]
    lines.append(["合计", *(str(report["total"][k]) for k in KEYS)])
    prev = report["previous"]
    lines.append([f"上年 {prev['year']}", *(str(prev["total"][k]) for k in KEYS)])
    return lines


def _title(report: dict[str, Any]) -> str:
    by = {"domain": "领域", "group": "类别", "month": "月份", "source": "案件来源",
          "campaign": "专项行动"}[report["by"]]
    return f"{report['bureau']} {report['year']}年 行政处罚案件统计（按{by}）"


def year_markdown(report: dict[str, Any]) -> None:
    out = [f"## {_title(report)}", "", "| " + " | ".join(["", *(LABELS[k] for k in KEYS)]) + " |",
           "|" + "---|" * (len(KEYS) + 1)]
    for line in _lines(report):
        out.append("| " + " | ".join(line) + " |")
    out += ["", f"链头 (chain head): `{report['head']}`"]
    sys.stdout.write(shown("\n".join(out)) + "\n")


def year_table(report: dict[str, Any]) -> None:
    """The tally as a table that reads whole at any width: where the terminal is too narrow for
    every column, the columns are stacked in as many tables as it takes, each repeating the row
    labels; no number is cut. Money with thousands separators."""
    from caseledger.cli.output import stacked

    lines = [[line[0], *(_money(v) if k in MONEY else v for k, v in zip(KEYS, line[1:],
                                                                         strict=True))]
             for line in _lines(report)]
    stacked(_title(report), t(f"链头 {report['head']}", f"chain head {report['head']}"),
            [LABELS[k] if not english() else k.replace("_", " ") for k in KEYS], lines,
            bold_from=len(lines) - 2, rule_before=len(lines) - 2)


def _money(text: str) -> str:
    """`1234567.50` as `1,234,567.50`."""
    whole, _, cents = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}" + (f".{cents}" if cents else "")


COMPLIANCE_LABELS = {
    "decisions": "作出决定", "decisions_without_review": "未经审核的决定（应为0）",
    "major_decisions_without_discussion": "未经集体讨论的重大案件决定（应为0）",
    "decisions_late": "超期决定", "services_late": "超期送达", "disclosures_due": "应公示",
    "disclosures_late": "逾期公示", "disclosures_missing": "未公示", "withdrawals_late": "逾期撤回公示",
    "open_past_limit": "超期未决案件", "median_days_to_decision": "立案至决定天数（中位数）",
}


def _compliance_lines(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(key, label, "" if report[key] is None else str(report[key]))
            for key, label in COMPLIANCE_LABELS.items()]


def compliance_csv(report: dict[str, Any]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["key", "label", "value"])
    writer.writerows(_compliance_lines(report))
    writer.writerow([])
    writer.writerow(["case_no", "rule", "detail"])
    for p in report["problems"]:
        writer.writerow([_cell(p["case_no"]), p["rule"], _cell(p["detail"])])


def compliance_markdown(report: dict[str, Any]) -> None:
    out = [f"## {report['bureau']} {report['year']}年 执法合规情况（截至 {report['on']}）", "",
           "| 项目 | 数量 |", "|---|---|"]
    out += [f"| {label} | {value} |" for _, label, value in _compliance_lines(report)]
    if report["problems"]:
        out += ["", "| 案号 | 规则 | 情况 |", "|---|---|---|"]
        out += [f"| {p['case_no']} | {p['rule']} | {p['detail']} |" for p in report["problems"]]
    out += ["", f"链头 (chain head): `{report['head']}`"]
    sys.stdout.write(shown("\n".join(out)) + "\n")


def compliance_table(report: dict[str, Any]) -> None:
    from rich.table import Table

    from caseledger.cli.output import Alarm, cell, console

    table = Table(title=cell(f"{report['bureau']} {report['year']}年 执法合规情况（截至 {report['on']}）"))
    table.add_column("项目")
    table.add_column("数量", justify="right")
    for key, label, value in _compliance_lines(report):
        bad = key not in ("decisions", "disclosures_due", "median_days_to_decision") and value not in ("0", "")
        table.add_row(label, cell(Alarm(value) if bad else value))
    console().print(table)
    if report["problems"]:
        problems = Table(title="问题案件")
        for header in ("案号", "规则", "情况"):
            problems.add_column(header, overflow="fold")
        for p in report["problems"]:
            problems.add_row(cell(p["case_no"]), p["rule"], cell(p["detail"]))
        console().print(problems)
