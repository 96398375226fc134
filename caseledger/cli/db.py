"""`caseledger db upgrade|current|check`: the schema migrations (Alembic)."""

from __future__ import annotations

import typer

from caseledger.cli.common import say, state
from caseledger.domain.lang import t

app = typer.Typer(help="Schema migrations.", no_args_is_help=True)


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Bring the ledger's schema to this program's version."""
    from caseledger.store import migrate

    url = state(ctx).url
    migrate.upgrade(url)
    say(t(f"数据库结构版本：{migrate.current(url)}", f"schema at {migrate.current(url)}"))


@app.command()
def current(ctx: typer.Context) -> None:
    """Print the ledger's schema revision."""
    from caseledger.store import migrate

    typer.echo(migrate.current(state(ctx).url) or t("无", "none"))


@app.command()
def check(ctx: typer.Context) -> None:
    """Exit 5 if the schema differs from what this program's models expect."""
    from caseledger.domain.errors import StorageError
    from caseledger.store import migrate

    diffs = migrate.differences(state(ctx).url)
    if diffs:
        raise StorageError(t(f"数据库结构与程序模型不一致：{diffs[0]!r}（另 {len(diffs) - 1} 处）",
                             f"the schema differs from the models: {diffs[0]!r} (+{len(diffs) - 1})"))
    say(t("数据库结构与程序模型一致", "schema matches the models"))


@app.command()
def roles(ctx: typer.Context) -> None:
    """PostgreSQL: create the group roles caseledger_writer (appends events, never updates,
    deletes or truncates them) and caseledger_admin (also the roster, settings and calendar);
    run as the database owner, again after each upgrade."""
    from caseledger.store.roles import create_roles

    result = create_roles(state(ctx).url)
    verb = "created" if result["created"] else "updated"
    verb_zh = "已创建" if result["created"] else "已更新"
    say(t(f"{verb_zh}数据库 {result['database']} 的角色 {result['role']} 和 {result['admin_role']}："
          "可读取全部数据、追加事件，永远不能修改或删除事件；为每名执法人员执行 "
          f"CREATE ROLE login LOGIN PASSWORD '...' IN ROLE {result['role']}"
          f"（管理员 IN ROLE {result['admin_role']}）",
          f"{verb} roles {result['role']} and {result['admin_role']} on {result['database']}: "
          "they read everything, append events and never update or delete them; add each "
          f"officer with CREATE ROLE login LOGIN PASSWORD '...' IN ROLE {result['role']} "
          f"(an admin IN ROLE {result['admin_role']})"))
