"""`caseledger case ...`: filing (立案) and reading cases back."""

from __future__ import annotations

from typing import Annotated

import typer

from caseledger.cli.common import FormatOption, NoInputOption, OnOption, ask, read, say, write
from caseledger.cli.output import OutputFormat, emit

app = typer.Typer(help="Cases (行政处罚案件): file them and follow them.", no_args_is_help=True)

LIST_COLUMNS = [
    ("case_no", "案号"), ("short_id", "短号"), ("filed_on", "立案日期"), ("domain_label", "领域"),
    ("party_name", "当事人"), ("status_label", "状态"),
]
HISTORY_COLUMNS = [
    ("seq", "#"), ("business_date", "业务日期"), ("step_label", "环节"), ("actor", "记录人"),
    ("responsible", "责任人"), ("recorded_at", "记录时间"), ("hash", "哈希"),
]

CaseArg = Annotated[str, typer.Argument(metavar="CASE", help="Case number or short id (2023-17).")]


@app.command("open")
def open_(
    ctx: typer.Context,
    domain: Annotated[str | None, typer.Option("--domain", help="Domain key or label (food, 食品 ...).")] = None,
    party_kind: Annotated[str | None, typer.Option("--party-kind", help="org, individual-business, person or other.")] = None,
    party_name: Annotated[str | None, typer.Option("--party-name", help="The party's name.")] = None,
    party_id: Annotated[str | None, typer.Option("--party-id", help="Credit code or resident ID.")] = None,
    party_id_type: Annotated[str | None, typer.Option("--party-id-type", help="For kind other: the document type (passport ...).")] = None,
    violation: Annotated[str | None, typer.Option("--violation", help="What the party is suspected of.")] = None,
    officers: Annotated[list[str] | None, typer.Option("--officer", help="Handling officer login; at least two (P-1).")] = None,
    approved_by: Annotated[str | None, typer.Option("--approved-by", help="The head approving the filing (default: you).")] = None,
    source: Annotated[str | None, typer.Option("--source", help="inspection, complaint, sampling, referral, assigned or other.")] = None,
    lead_on: Annotated[str | None, typer.Option("--lead-on", help="Date the lead was found (starts F-4).")] = None,
    major: Annotated[str | None, typer.Option("--major", help="public-interest, hearing, complex or statutory (R-2).")] = None,
    campaign: Annotated[str | None, typer.Option("--campaign", help="Enforcement campaign (专项行动).")] = None,
    on: OnOption = None,
    no_input: NoInputOption = False,
    fmt: Annotated[OutputFormat | None, typer.Option("--format", "-f", help="Print the case as json/csv/table instead of its number.")] = None,
) -> None:
    """立案: file a case; prints its case number."""
    from caseledger.domain.identifiers import PartyKind
    from caseledger.domain.vocabulary import domains
    from caseledger.services import cases

    kind = ask(ctx, party_kind, "--party-kind", choices=[k.value for k in PartyKind],
               no_input=no_input, rule="F-1")
    fields = dict(
        domain_key=ask(ctx, domain, "--domain", choices=[d.key for d in domains()],
                       no_input=no_input, rule="F-1"),
        party_kind=kind,
        party_name=ask(ctx, party_name, "--party-name", no_input=no_input, rule="F-1"),
        party_id=ask(ctx, party_id, "--party-id", no_input=no_input, rule="F-2"),
        party_id_type=ask(ctx, party_id_type, "--party-id-type", no_input=no_input, rule="F-2")
        if kind == PartyKind.OTHER.value else party_id_type,
        violation=ask(ctx, violation, "--violation", no_input=no_input, rule="F-1"),
    )
    if not officers:
        # P-1 refuses fewer than two; on a terminal, ask rather than refuse.
        from caseledger.cli.common import interactive

        if interactive(ctx, no_input):
            answer = typer.prompt("officers (two or more logins, separated by commas)")
            officers = [o for o in answer.replace("，", ",").replace("、", ",").split(",")]
    result = write(ctx, cases.open_case, **fields, officers=officers or [],
                   approved_by=approved_by, on=on, source=source, lead_on=lead_on, major=major,
                   campaign=campaign)
    if fmt is None:
        typer.echo(result["case_no"])
        say(f"opened {result['short_id']}: {result['domain_label']}, {result['party']['name']}")
    else:
        emit(result, fmt)


@app.command()
def show(ctx: typer.Context, case: CaseArg, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Everything about one case: status, parties, officers, decision, disclosure."""
    from caseledger.services import cases

    emit(read(ctx, lambda s: cases.show(s, cases.find(s, case))), fmt, title=None)


@app.command()
def history(ctx: typer.Context, case: CaseArg, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """The case's events in order, with actor, business date, recorded time and hash."""
    from caseledger.services import cases

    events = read(ctx, lambda s: cases.history(s, cases.find(s, case)))
    emit(events, fmt, HISTORY_COLUMNS)


@app.command("list")
def list_(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Filing year.")] = None,
    domain: Annotated[str | None, typer.Option("--domain", help="Domain key or label.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="filed, proposed, ... closed.")] = None,
    party: Annotated[str | None, typer.Option("--party", help="Party identifier.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only undecided cases past their decision limit (X-2).")] = False,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Cases, oldest filing first; without filters, every case."""
    from caseledger.services import cases

    rows = read(ctx, cases.list_cases, year=year, domain_key=domain, status=status, party=party,
                overdue=overdue)
    emit(rows, fmt, LIST_COLUMNS)
