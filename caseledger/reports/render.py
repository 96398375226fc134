"""Rendering report values: table (Chinese labels, a 合计 row), CSV, Markdown. JSON is the value."""

from __future__ import annotations

import csv
import sys
from typing import Any

from caseledger.reports.year import COUNTS, LABELS, MONEY

KEYS = COUNTS + MONEY


def year_csv(report: dict[str, Any]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["key", "label", *KEYS])
    for row in report["rows"]:
        writer.writerow([row["key"] if row["key"] is not None else "", row["label"],
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
    out += ["", f"链头哈希 (chain head): `{report['chain_head']}`"]
    sys.stdout.write("\n".join(out) + "\n")


def year_table(report: dict[str, Any]) -> None:
    from rich.table import Table

    from caseledger.cli.output import console

    table = Table(title=_title(report), caption=f"chain head {report['chain_head']}")
    table.add_column("", no_wrap=True)
    for k in KEYS:
        table.add_column(LABELS[k], justify="right", no_wrap=True)
    lines = _lines(report)
    for i, line in enumerate(lines):
        table.add_row(*line, end_section=i == len(lines) - 3, style="bold" if i >= len(lines) - 2 else None)
    console().print(table)
