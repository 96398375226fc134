"""`caseledger staff add|list|retire|key`: the bureau's roster (changes need the admin role,
P-5) and the keys its members sign with (A-4)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from caseledger.cli.common import FormatOption, read, say, write
from caseledger.cli.output import OutputFormat, emit
from caseledger.domain.lang import t

app = typer.Typer(help="The bureau's staff and their roles.", no_args_is_help=True)

COLUMNS = [
    ("login", "登录名"), ("name", "姓名"), ("role_labels", "角色"), ("cert_no", "执法证号"),
    ("cert_until", "有效期至"), ("legal_qualified", "法律职业资格"), ("active", "在岗"),
    ("signs", "签名密钥"),
]


@app.command()
def add(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="The login they record steps with.")],
    name: Annotated[str, typer.Option("--name", help="Full name.")],
    roles: Annotated[list[str], typer.Option("--role", help="officer, reviewer, head or admin; repeatable.")],
    cert: Annotated[str | None, typer.Option("--cert", help="Enforcement certificate (执法证) number.")] = None,
    cert_until: Annotated[str | None, typer.Option("--cert-until", help="Certificate valid until (YYYY-MM-DD, inclusive).")] = None,
    legal_qualified: Annotated[bool, typer.Option("--legal-qualified", help="Holds the legal professional qualification (法律职业资格).")] = False,
    key: Annotated[str | None, typer.Option("--key", help="Their public signing key (`caseledger key show` on their computer).")] = None,
) -> None:
    """Add a staff member (admin)."""
    from caseledger.services import staff

    row = write(ctx, staff.add, login=login, name=name, roles=roles, cert_no=cert,
                cert_until=cert_until, legal_qualified=legal_qualified, key=key)
    say(t(f"已增加 {row['login']}（{row['name']}）：{'、'.join(row['role_labels'])}",
          f"added {row['login']} ({row['name']}): {', '.join(row['roles'])}"))


@app.command("list")
def list_(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Everyone on the roster, active and retired."""
    from caseledger.services import staff

    emit(read(ctx, staff.roster), fmt, COLUMNS)


@app.command()
def retire(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Who leaves; they can no longer act (P-4).")],
) -> None:
    """Retire a staff member (admin): kept in the record, no longer able to act or be assigned."""
    from caseledger.services import staff

    row = write(ctx, staff.retire, login)
    say(t(f"{row['login']}（{row['name']}）已离岗", f"retired {row['login']} ({row['name']})"))


@app.command("key")
def key_(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Whose key.")],
    public_key: Annotated[str, typer.Argument(metavar="PUBLIC_KEY", help="ed25519:... as `caseledger key show` prints it.")],
) -> None:
    """Register or rotate a member's signing key (admin). On a ledger upgraded from before
    signatures, an admin first registers their own local key."""
    from caseledger.services import staff

    row = write(ctx, staff.register_key, login, public_key, first_key=True)
    say(t(f"{row['login']}（{row['name']}）的签名密钥现为 {row['key']}",
          f"{row['login']} ({row['name']}) now signs with {row['key']}"))


@app.command("export")
def export_(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, json or xlsx.")] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
) -> None:
    """The roster as a file `staff import` reads (CSV with BOM, JSON or XLSX): to carry it to
    another ledger with the cases."""
    from caseledger.cli.io import ExportFormat, export_rows
    from caseledger.services import roster

    try:
        chosen = ExportFormat(fmt)
    except ValueError:
        raise typer.BadParameter(t(f"{fmt!r} 不是 csv、json 或 xlsx", f"{fmt!r} is not csv, json or xlsx"),
                                 param_hint="--format") from None
    export_rows(ctx, "staff", roster.rows, tuple(roster.COLUMNS), None, chosen, output)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="CSV or XLSX from `staff export` (English keys or Chinese headers).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row; write nothing.")] = False,
    all_active: Annotated[bool, typer.Option("--all-active", help="Add members the file marks retired as active, to import their old cases first; retire them afterwards.")] = False,
    encoding: Annotated[str, typer.Option("--encoding", help="auto, utf-8 or gb18030.")] = "auto",
    sheet: Annotated[str | None, typer.Option("--sheet", help="XLSX sheet (default: the first).")] = None,
) -> None:
    """Bring a roster in (admin, P-5): adds the members the ledger lacks, retires those the file
    marks retired, leaves identical ones alone; all or nothing."""
    from caseledger.cli.common import recording
    from caseledger.cli.io import Rejected
    from caseledger.services import roster

    with recording(ctx) as (s, login):
        result = roster.import_roster(s, login, file, encoding=encoding, sheet=sheet,
                                      all_active=all_active)
        if result.errors:
            raise Rejected([*result.errors, t(
                f"{result.rows} 行中共 {len(result.errors)} 处问题；未导入任何内容",
                f"{len(result.errors)} problem(s) in {result.rows} rows; nothing was imported")])
        if dry_run:
            s.rollback()
            say(t(f"试运行：全部 {result.rows} 行均通过（将增加 {len(result.added)} 人，"
                  f"{len(result.unchanged)} 人已在人员名单中）；未写入任何内容",
                  f"dry run: all {result.rows} rows pass ({len(result.added)} to add, "
                  f"{len(result.unchanged)} already on the staff list); nothing was written"))
            return
    say(t(f"人员导入：增加 {len(result.added)} 人，{len(result.unchanged)} 人已在名单中，"
          f"{len(result.retired)} 人设为离岗",
          f"staff import: {len(result.added)} added, {len(result.unchanged)} already on the staff "
          f"list, {len(result.retired)} retired"))
    if result.kept_active:
        say(t(f"文件中标为离岗、暂保留在岗的人员：{'、'.join(result.kept_active)}；其案件导入后，"
              "请逐一以 `caseledger staff retire LOGIN` 设为离岗",
              f"kept active though the file marks them retired: {', '.join(result.kept_active)}; "
              "retire each with `caseledger staff retire LOGIN` once their cases are in"))
