"""`caseledger doc KIND CASE`: the case's documents (文书); `doc fields KIND` lists a template's
placeholders; `doc verify FILE` tells whether a file is one the ledger issued."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from caseledger.cli.common import FormatOption, read, say, state
from caseledger.cli.output import OutputFormat, emit
from caseledger.domain.lang import t

# The kinds and their titles, as domain.documents.KINDS holds them (a test keeps the two equal):
# listed here so that `--help` does not import the document builders.
KIND_TITLES = {"filing": "立案审批表", "notice": "行政处罚告知书", "hearing-notice": "听证通知书",
               "review": "法制审核意见书 / 案件审核表", "decision": "行政处罚决定书", "service": "送达回证",
               "closing": "结案审批表", "disclosure": "行政处罚信息公示"}

app = typer.Typer(help="The case's documents (文书): issue them, list a template's fields, "
                       "verify a file.", no_args_is_help=True)

CaseArg = Annotated[str, typer.Argument(metavar="CASE", help="Case number or short id (2023-17).")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: SHORTID_TITLE.docx here).")]
DocFormat = Annotated[str, typer.Option("--format", "-f", help="docx (default) or pdf (through LibreOffice).")]
TemplateOption = Annotated[Path | None, typer.Option("--template", help="A bureau's own DOCX with {{ placeholders }} (see `doc fields KIND`).")]


def _template(ctx: typer.Context, kind: str, given: Path | None) -> Path | None:
    """`--template`, else KIND.docx in CASELEDGER_TEMPLATES, else in `templates/` beside a
    SQLite ledger: a bureau's own layout replaces the built-in one."""
    import os

    if given is not None:
        return given
    folders = []
    if os.environ.get("CASELEDGER_TEMPLATES"):
        folders.append(Path(os.environ["CASELEDGER_TEMPLATES"]))
    url = state(ctx).url
    if url.startswith("sqlite:///"):
        folders.append(Path(url.removeprefix("sqlite:///")).parent / "templates")
    for folder in folders:
        if (folder / f"{kind}.docx").is_file():
            return folder / f"{kind}.docx"
    return None


def _issue(ctx: typer.Context, kind: str, case: str, output: Path | None, fmt: str,
           template: Path | None) -> None:
    from caseledger.cli.common import recording
    from caseledger.cli.io import _into
    from caseledger.services import documents

    chosen = _template(ctx, kind, template)
    with recording(ctx) as (s, login):
        result = documents.issue(s, login, kind, case, fmt=fmt, template=chosen)
        target = output or Path(result["file_name"])
        # Written before the issue is committed: a file that cannot be written records nothing.
        _into(target, lambda path: path.write_bytes(result["data"]))
    typer.echo(str(target))
    number = f" {result['number']}" if result["number"] else ""
    say(t(f"已出具{result['title']}{number}（{result['case_no']}），SHA-256 {result['sha256']}",
          f"issued {result['title']}{number} ({result['case_no']}), SHA-256 {result['sha256']}"))


def _register(kind: str, title: str) -> None:
    def issue(ctx: typer.Context, case: CaseArg, output: OutputOption = None,
              fmt: DocFormat = "docx", template: TemplateOption = None) -> None:
        _issue(ctx, kind, case, output, fmt, template)

    issue.__doc__ = f"{title}: issue it for CASE (recorded with the file's SHA-256)."
    app.command(kind)(issue)


for _key, _title in KIND_TITLES.items():
    _register(_key, _title)


@app.command("fields")
def fields(kind: Annotated[str, typer.Argument(metavar="KIND", help="filing, notice, hearing-notice, review, decision, service, closing or disclosure.")],
           fmt: FormatOption = OutputFormat.TABLE) -> None:
    """The {{ placeholders }} a bureau's template of KIND can use, with what each holds."""
    from caseledger.services.documents import fields as listed

    emit(listed(kind), fmt, [("name", "占位符"), ("note", "内容")])


@app.command("verify")
def verify(ctx: typer.Context,
           file: Annotated[Path, typer.Argument(metavar="FILE", help="A document file (DOCX or PDF).")],
           fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Exit 0 naming the document when FILE is byte for byte one the ledger issued; 4 when it
    is not."""
    from caseledger.domain.errors import InputError, IntegrityFailure, NotFound
    from caseledger.services.documents import recognise

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(t(f"{file}: 无法读取（{exc.strerror}）",
                           f"{file}: cannot be read ({exc.strerror})")) from None
    try:
        found = read(ctx, recognise, data)
    except NotFound as exc:
        raise IntegrityFailure(str(exc)) from None
    if fmt is not OutputFormat.TABLE:
        emit(found, fmt)
        return
    number = f" {found['number']}" if found["number"] else ""
    typer.echo(t(f"ok: {found['title']}{number}，{found['case_no']}，{found['issued_on']} 由 "
                 f"{found['issued_by']} 出具（事件 #{found['event']}）",
                 f"ok: {found['title']}{number}, {found['case_no']}, issued {found['issued_on']} "
                 f"by {found['issued_by']} (event #{found['event']})"))
