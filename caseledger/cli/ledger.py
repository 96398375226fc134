"""`init`, `info`, `verify` and `settings`: the ledger as a whole."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from caseledger.cli import labels
from caseledger.cli.common import FormatOption, read, say, state, write
from caseledger.cli.output import OutputFormat, emit
from caseledger.domain.errors import InputError
from caseledger.domain.lang import english, t


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(info)
    app.command()(verify)
    app.command()(head)
    app.command()(demo)
    app.command()(deadlines)
    app.command()(backup)


def init(
    ctx: typer.Context,
    bureau: Annotated[str, typer.Option("--bureau", help="The bureau's name.")],
    prefix: Annotated[str, typer.Option("--prefix", help="Abbreviation in numbers, e.g. 广区市监.")],
) -> None:
    """Create or upgrade the ledger and record the bureau; you become its first admin."""
    from caseledger.services import ledger
    from caseledger.store.signing import local_signer

    g = state(ctx)
    result = ledger.init(g.url, g.login, bureau, prefix, local_signer(create=True), g.claimed)
    verb = "created" if result["created"] else "up to date"
    admin = g.login if result["created"] else t("未变", "unchanged")
    say(t(f"台账{'已创建' if result['created'] else '已是最新'}：{result['database']}"
          f"（结构版本 {result['schema_version']}，机关 {result['bureau']}，管理员 {admin}）",
          f"ledger {verb}: {result['database']} (schema {result['schema_version']}, "
          f"bureau {result['bureau']}, admin {admin})"))


def info(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Which database, schema version, bureau, chain head and counts."""
    from caseledger.services import ledger

    emit(read(ctx, ledger.info, state(ctx).url), fmt)


def verify(
    ctx: typer.Context,
    heads: Annotated[list[str] | None, typer.Option("--head", metavar="SEQ:HASH", help="A head kept outside the database (as `caseledger head` printed it) that must still be in the chain; repeatable.")] = None,
    head_file: Annotated[Path | None, typer.Option("--head-file", metavar="FILE", help="Kept heads, one SEQ:HASH a line.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Recompute the hash chain, every signature and every case's state, replay the rules,
    and check kept heads; exit 4 at the first mismatch.

    \b
    Examples:
      caseledger verify
      caseledger verify --head 5255:d2d2a1b7…   (a head kept from an earlier report)
      caseledger verify -f json
    """
    from caseledger.domain.record import parse_heads
    from caseledger.services.verify import verify as run

    kept = parse_heads(heads or [], "--head")
    if head_file is not None:
        try:
            lines = head_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(t(f"--head-file {head_file}: 无法读取（{exc}）",
                               f"--head-file {head_file}: cannot be read ({exc})")) from None
        kept += parse_heads(lines, str(head_file), loose=True)
    result = read(ctx, run, kept)
    if fmt is OutputFormat.TABLE:
        if english():
            unsigned = (f" ({result['unsigned']} unsigned, recorded before signatures)"
                        if result["unsigned"] else "")
            heads_text = f"; {result['heads_checked']} kept head(s) found" if kept else ""
            typer.echo(f"ok: {result['events']} events{unsigned}, {result['cases']} cases, "
                       f"{result['staff']} staff{heads_text}; chain head {result['head']}")
        else:
            unsigned = (f"（其中 {result['unsigned']:,} 个无签名，记录于启用签名之前）"
                        if result["unsigned"] else "")
            heads_text = f"；已核对 {result['heads_checked']} 个留存链头" if kept else ""
            typer.echo(f"ok: 校验通过：{result['events']:,} 个事件{unsigned}，"
                       f"{result['cases']:,} 件案件，{result['staff']} 名人员{heads_text}；"
                       f"链头 {result['head']}")
    else:
        emit(result, fmt)


def head(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Print the chain head as SEQ:HASH, to keep outside the database (A-5)."""
    from caseledger.services import ledger

    result = read(ctx, ledger.chain_head)
    if fmt is OutputFormat.TABLE:
        typer.echo(result["head"])
    else:
        emit(result, fmt)


settings_app = typer.Typer(help="Thresholds, look-back window, number patterns.",
                           no_args_is_help=True)


@settings_app.command("show")
def settings_show(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Every setting with its current value."""
    from caseledger.domain.settings import SETTINGS
    from caseledger.services import ledger

    current = read(ctx, ledger.settings)
    rows = [
        {"key": k, "value": v, "default": SETTINGS[k].default,
         "description": SETTINGS[k].description}
        for k, v in current.items()
    ]
    if fmt is OutputFormat.JSON:
        emit(current, fmt)
    else:
        emit(rows, fmt, [("key", "setting"), ("value", "value"), ("default", "default"),
                         ("description", "meaning")])


@settings_app.command("set")
def settings_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Setting name (see `settings show`).")],
    value: Annotated[str, typer.Argument(help="New value.")],
) -> None:
    """Change a setting (admin, rule P-5)."""
    from caseledger.services import ledger

    result = write(ctx, ledger.set_setting, key, value)
    say(f"{result['key']} = {result['value']}")


def demo(
    ctx: typer.Context,
    db_url: Annotated[str | None, typer.Option("--db", help="Where to build it (default: a scratch ledger).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv or markdown.")] = "table",
) -> None:
    """Build a sample ledger of one synthetic year (the 2023 report's figures) and print its tally."""
    import sys
    import tempfile

    from caseledger.cli.report import ReportFormat, render_year
    from caseledger.domain.errors import InputError
    from caseledger.services.demo import run_demo
    from caseledger.store.db import resolve_url

    try:
        out = ReportFormat(fmt)
    except ValueError:
        raise InputError(t(f"未知格式 {fmt!r}；可选：table、json、csv、markdown",
                           f"unknown format {fmt!r}; one of: table, json, csv, markdown")) from None
    # Only `demo --db` chooses the ledger: CASELEDGER_DB names the user's real one.
    url = resolve_url(db_url) if db_url else resolve_url(
        f"{tempfile.mkdtemp(prefix='caseledger-demo-')}/ledger.db")
    say(t(f"正在 {url} 生成演示台账……", f"building the demo ledger in {url} ..."))
    progress = None
    if sys.stderr.isatty():
        def progress(done: int, total: int) -> None:
            if done % 25 == 0 or done == total:
                sys.stderr.write(t(f"\r  {done}/{total} 件案件", f"\r  {done}/{total} cases"))
                sys.stderr.flush()
    report = run_demo(url, progress=progress)
    if progress:
        sys.stderr.write("\n")
    render_year(report, out)
    say(t(f"演示台账：{url}（可试：caseledger --db {url} case list --year 2023）",
          f"demo ledger: {url}  (try: caseledger --db {url} case list --year 2023)"))
    from pathlib import Path

    from caseledger.services.demo import issue_documents

    folder = Path(url.removeprefix("sqlite:///")).parent / "文书" if url.startswith(
        "sqlite:///") else Path(tempfile.mkdtemp(prefix="caseledger-demo-docs-"))
    case_no, files = issue_documents(url, folder)
    say(t(f"{case_no} 的 {len(files)} 份文书：{folder}", f"the {len(files)} documents of "
          f"{case_no}: {folder}"))


def deadlines(
    ctx: typer.Context,
    on: Annotated[str | None, typer.Option("--on", help="As of this date (default today).")] = None,
    within: Annotated[int | None, typer.Option("--within", help="Only clocks due within DAYS (breached ones always).")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Every open clock across the ledger, soonest first; breached ones stand out.

    \b
    Examples:
      caseledger deadlines --within 5
      caseledger deadlines --on 2026-06-30 -f csv
    """
    from caseledger.services.deadlines import deadlines as run

    rows = read(ctx, run, on, within)
    if fmt is OutputFormat.TABLE:
        rows = labels.clock_rows(rows)
    emit(rows, fmt, [("due", "期限"), ("case_no", "案号"), ("clock", "规则"), ("label", "事项"),
                     ("state", "状态"), ("days_left", "剩余"), ("unit", "单位")])


def backup(
    ctx: typer.Context,
    dest: Annotated[str, typer.Argument(metavar="DEST", help="The new file to write.")],
) -> None:
    """A consistent copy of a SQLite ledger while others keep working (checked after copying)."""
    from caseledger.services.backup import backup as run

    result = run(state(ctx).url, dest)
    typer.echo(t(f"{result['backup']}: {result['events']:,} 个事件，{result['cases']:,} 件案件；"
                 f"链头 {result['head']}",
                 f"{result['backup']}: {result['events']} events, {result['cases']} cases; "
                 f"chain head {result['head']}"))
