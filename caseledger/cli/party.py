"""`caseledger party history ID`: a party's cases and its first-violation standing (X-5)."""

from __future__ import annotations

from typing import Annotated

import typer

from caseledger.cli.common import FormatOption, read
from caseledger.cli.output import OutputFormat, emit

app = typer.Typer(help="Parties (当事人).", no_args_is_help=True)


@app.command()
def history(
    ctx: typer.Context,
    party_id: Annotated[str, typer.Argument(metavar="ID", help="Credit code, resident ID or other identifier.")],
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """The party's cases, and per domain whether a first-violation ground is open to it."""
    from caseledger.services import cases

    result = read(ctx, cases.party_history, party_id)
    if fmt is OutputFormat.JSON:
        emit(result, fmt)
        return
    from caseledger.cli.case import LIST_COLUMNS

    emit(result["cases"], fmt, LIST_COLUMNS, title=f"{result['party_id']} {'、'.join(result['names'])}")
    if fmt is OutputFormat.TABLE:
        emit(result["first_violation"], fmt,
             [("domain_label", "领域"), ("first_violation_open", "首违不罚可适用"),
              ("blocked_by", "在先处罚案件")])
