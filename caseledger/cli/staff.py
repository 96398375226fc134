"""`caseledger staff add|list|retire|key`: the bureau's roster (changes need the admin role,
P-5) and the keys its members sign with (A-4)."""

from __future__ import annotations

from typing import Annotated

import typer

from caseledger.cli.common import FormatOption, read, say, write
from caseledger.cli.output import OutputFormat, emit

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
    say(f"added {row['login']} ({row['name']}): {', '.join(row['roles'])}")


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
    say(f"retired {row['login']} ({row['name']})")


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
    say(f"{row['login']} ({row['name']}) now signs with {row['key']}")
