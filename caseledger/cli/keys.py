"""`caseledger key init|show`: the running user's signing key (A-4)."""

from __future__ import annotations

from typing import Annotated

import typer

from caseledger.cli.common import say
from caseledger.domain.lang import t

app = typer.Typer(help="Your signing key: every step you record is signed with it (A-4).",
                  no_args_is_help=True)


@app.command()
def init(
    force: Annotated[bool, typer.Option("--force", help="Replace an existing key.")] = False,
) -> None:
    """Create your Ed25519 signing key (mode 0600) and print its public key for an admin to
    register with `staff key LOGIN PUBLIC_KEY`."""
    from caseledger.store.signing import create_key, key_path

    signer = create_key(key_path(), force=force)
    typer.echo(signer.public)
    say(t(f"签名密钥已写入 {key_path()}；请管理员以 `caseledger staff key LOGIN PUBLIC_KEY` "
          "登记上面一行公钥",
          f"signing key written to {key_path()}; an admin registers the line above with "
          "`caseledger staff key LOGIN PUBLIC_KEY`"))


@app.command()
def show() -> None:
    """Print the public key of your signing key."""
    from caseledger.store.signing import load_key

    typer.echo(load_key().public)
