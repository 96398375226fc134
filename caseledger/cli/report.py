"""`caseledger report year|compliance`: tallies for supervisors and scripts."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from caseledger.cli.common import read

app = typer.Typer(help="Reports for supervisors and scripts.", no_args_is_help=True)


class ReportFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"  # report year only


class By(StrEnum):
    DOMAIN = "domain"
    GROUP = "group"
    MONTH = "month"
    SOURCE = "source"
    CAMPAIGN = "campaign"


def render(report: dict, fmt: ReportFormat, kind: str) -> None:
    """JSON is the report value itself; table, CSV and Markdown come from reports.render."""
    from caseledger.reports import render as renderers

    if fmt is ReportFormat.JSON:
        from caseledger.cli.output import to_json

        sys.stdout.write(to_json(report))
    else:
        getattr(renderers, f"{kind}_{fmt.value}")(report)


def render_year(report: dict, fmt: ReportFormat) -> None:
    render(report, fmt, "year")


@app.command()
def year(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="The year, e.g. 2023.")],
    by: Annotated[By, typer.Option("--by", help="domain, group, month, source or campaign.")] = By.DOMAIN,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="table, json, csv, markdown or html (a page with charts, by domain and month).")] = ReportFormat.TABLE,
) -> None:
    """The year's tally (Y-1) with the previous year beside it and the chain head.

    \b
    Examples:
      caseledger report year 2026          (a table, stacked to fit the terminal)
      caseledger report year 2026 --by month -f csv > 2026.csv
      caseledger report year 2026 -f json | jq .total.filed
      caseledger report year 2026 -f html > 2026年统计.html
    """
    from caseledger.reports.year import year_report

    if fmt is ReportFormat.HTML:
        from caseledger.reports.html import year_page

        def pages(session):  # type: ignore[no-untyped-def]
            return [year_report(session, y, b) for y in (year, year - 1)
                    for b in ("domain", "month")]

        this_domain, this_month, prev_domain, prev_month = read(ctx, pages)
        sys.stdout.write(year_page(this_domain, this_month, prev_domain, prev_month))
        return
    render_year(read(ctx, year_report, year, by.value), fmt)


@app.command()
def compliance(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="The year of the decisions.")],
    on: Annotated[str | None, typer.Option("--on", help="Evaluate as of this date (default today).")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")] = ReportFormat.TABLE,
) -> None:
    """The year's compliance (Y-2): missing reviews and discussions, late steps, and the cases.

    \b
    Examples:
      caseledger report compliance 2026
      caseledger report compliance 2025 --on 2025-12-31 -f markdown > 合规.md
    """
    from caseledger.domain import dates
    from caseledger.reports.compliance import compliance_report

    as_of = dates.parse_date(on, "--on") if on else dates.today()
    if fmt is ReportFormat.HTML:
        from caseledger.domain.errors import InputError
        from caseledger.domain.lang import t

        raise InputError(t("html 格式仅用于 report year；合规报告可用 table、json、csv 或 markdown",
                           "html is for report year; compliance takes table, json, csv or "
                           "markdown"))
    render(read(ctx, compliance_report, year, as_of), fmt, "compliance")
