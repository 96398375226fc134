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
from caseledger.domain.lang import english, t

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


Choice = tuple[str, str]  # (the key the option takes, its Chinese label)


def ask(
    ctx: typer.Context,
    value: T | None,
    option: str,
    *,
    choices: list[str] | list[Choice] | None = None,
    check: Callable[[str], Any] | None = None,
    no_input: bool = False,
    rule: str | None = None,
    label: str | None = None,
    default: str | None = None,
) -> T | str:
    """`value`, or on a terminal the answer to a prompt for it, or a usage error (exit 2) naming
    the option. The prompt offers `choices` by number, key or Chinese label, and re-asks until
    the answer is one of them and `check` (a domain check that raises LedgerError) accepts it:
    one bad answer never throws the others away."""
    if value not in (None, "", []):
        return value  # type: ignore[return-value]
    keys = [c if isinstance(c, str) else c[0] for c in choices or []]
    if not interactive(ctx, no_input):
        hint = f" ({'|'.join(keys)})" if keys else ""
        raise InputError(t(f"缺少选项 {option}{hint}", f"missing option {option}{hint}"), rule=rule)
    return prompt(option, choices=choices, check=check, label=label, default=default)


def prompt(option: str, *, choices: list[str] | list[Choice] | None = None,
           check: Callable[[str], Any] | None = None, label: str | None = None,
           default: str | None = None) -> str:
    """Ask on the terminal until the answer is acceptable (see `ask`)."""
    from caseledger.domain.errors import LedgerError

    pairs = [(c, "") if isinstance(c, str) else c for c in choices or []]
    name = option.lstrip("-")
    text = f"{label}（{option}）" if label and not english() else name
    if pairs:
        menu = "  ".join(f"{i}) {key}{' ' + lab if lab and not english() else ''}"
                         for i, (key, lab) in enumerate(pairs, start=1))
        typer.echo(menu)
        text += f" [{'/'.join(key for key, _ in pairs)}]" if len(pairs) <= 6 else \
            t(" [编号、键或名称]", " [number, key or label]")
    while True:
        answer = str(typer.prompt(text, default=default, show_default=default is not None)).strip()
        if pairs:
            picked = _pick(answer, pairs)
            if picked is None:
                typer.echo(t(f"“{answer}”不在可选项中；请输入编号（1-{len(pairs)}）、键或名称",
                             f"{answer!r} is not one of the choices; give its number "
                             f"(1-{len(pairs)}), key or label"), err=True)
                continue
            answer = picked
        if check is not None:
            try:
                check(answer)
            except LedgerError as exc:
                for line in exc.lines():
                    typer.echo(line, err=True)
                continue
        return answer


def _pick(answer: str, pairs: list[Choice]) -> str | None:
    """The key an answer names: its number in the menu, the key itself, or its label."""
    if answer.isdigit() and 1 <= int(answer) <= len(pairs):
        return pairs[int(answer) - 1][0]
    folded = answer.casefold()
    for key, lab in pairs:
        if folded == key.casefold() or (lab and answer == lab):
            return key
    return None


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
