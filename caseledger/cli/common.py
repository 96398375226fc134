"""What every command shares: the global options, prompting, and running one transaction."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from caseledger.cli.output import OutputFormat
from caseledger.domain.errors import InputError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")

FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table, json or csv", case_sensitive=False)
]
NoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Never prompt: a missing option is an error.")
]
OnOption = Annotated[str | None, typer.Option("--on", help="Business date YYYY-MM-DD (default today).")]


@dataclass
class Globals:
    db: str | None = None
    user: str | None = None
    no_input: bool = False
    debug: bool = False

    @property
    def url(self) -> str:
        from caseledger.store.db import resolve_url

        return resolve_url(self.db)

    @property
    def login(self) -> str:
        """--as, then CASELEDGER_USER, then the operating-system login."""
        if self.user:
            return self.user
        env = os.environ.get("CASELEDGER_USER")
        if env:
            return env
        try:
            return getpass.getuser()
        except (KeyError, OSError):  # no passwd entry, e.g. in some containers
            return "unknown"


def state(ctx: typer.Context) -> Globals:
    root = ctx.find_root()
    if not isinstance(root.obj, Globals):
        root.obj = Globals()
    return root.obj


def interactive(ctx: typer.Context, no_input: bool = False) -> bool:
    return not (no_input or state(ctx).no_input) and sys.stdin.isatty()


def ask(
    ctx: typer.Context,
    value: T | None,
    option: str,
    *,
    choices: list[str] | None = None,
    no_input: bool = False,
    rule: str | None = None,
) -> T | str:
    """`value`, or a prompt for it on a terminal, or a usage error (exit 2) naming the option."""
    if value not in (None, "", []):
        return value  # type: ignore[return-value]
    if not interactive(ctx, no_input):
        hint = f" ({'|'.join(choices)})" if choices else ""
        raise InputError(f"missing option {option}{hint}", rule=rule)
    shown = f" [{'/'.join(choices)}]" if choices else ""
    return typer.prompt(f"{option.lstrip('-')}{shown}").strip()


@contextmanager
def session(ctx: typer.Context, *, write: bool) -> Iterator[Session]:
    from caseledger.store.db import transaction

    with transaction(state(ctx).url, write=write) as s:
        yield s


def read(ctx: typer.Context, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a read-only service function in one transaction."""
    with session(ctx, write=False) as s:
        return fn(s, *args, **kwargs)


def write(ctx: typer.Context, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a step: one write transaction, the recorder first, committed only if it all succeeds."""
    with session(ctx, write=True) as s:
        return fn(s, state(ctx).login, *args, **kwargs)


def say(text: str) -> None:
    """A human-facing line on stderr, so stdout stays clean for scripts."""
    from caseledger.domain.text import shown

    typer.echo(shown(text), err=True)
