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
from caseledger.domain.lang import t

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")

FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table, json or csv", case_sensitive=False)
]
NoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Never prompt: a missing option is an error.")
]
OnOption = Annotated[str | None, typer.Option("--on", help="Business date (default today): 2026-03-02, 2026/3/2, 20260302 or 2026年3月2日.")]


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
    def claimed(self) -> str | None:
        """The login --as or CASELEDGER_USER names, which the local key must prove (A-4)."""
        return self.user or os.environ.get("CASELEDGER_USER") or None

    @property
    def login(self) -> str:
        """The claimed login, else the operating-system login (the first admin of `init`)."""
        if self.claimed:
            return self.claimed
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
        raise InputError(t(f"缺少选项 {option}{hint}", f"missing option {option}{hint}"), rule=rule)
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


def write(ctx: typer.Context, fn: Callable[..., T], *args: Any, first_key: bool = False,
          **kwargs: Any) -> T:
    """Run a step: one write transaction, committed only if it all succeeds. The recorder comes
    first: the member the local key proves (A-4), who signs every event the step appends."""
    with recording(ctx, first_key=first_key) as (s, login):
        return fn(s, login, *args, **kwargs)


@contextmanager
def recording(ctx: typer.Context, *, first_key: bool = False) -> Iterator[tuple[Session, str]]:
    """A write transaction and its recorder, proven by the local key (A-4)."""
    from caseledger.services.staff import recorder

    signer = _local_key()
    with session(ctx, write=True) as s:
        yield s, recorder(s, state(ctx).claimed, signer, first_key=first_key)


def _local_key() -> Any:
    """The local signing key, or None when this computer has none (A-4 then refuses)."""
    from caseledger.domain.errors import NotFound
    from caseledger.store.signing import load_key

    try:
        return load_key()
    except NotFound:
        return None


def say(text: str) -> None:
    """A human-facing line on stderr, so stdout stays clean for scripts."""
    from caseledger.domain.text import shown

    typer.echo(shown(text, one_line=True), err=True)
