"""The `caseledger` command: global options, the nouns, and the one place errors become exit codes."""

from __future__ import annotations

import functools
import os
import sys
from typing import Annotated, Any

import typer

from caseledger.cli import calendar, case, db, doc, io, keys, ledger, party, report, rules, staff
from caseledger.cli.common import Globals
from caseledger.domain.lang import t
from caseledger.domain.text import shown

SETTINGS: dict[str, Any] = dict(
    name="caseledger",
    help="A tamper-evident ledger of administrative-penalty cases (行政处罚案件).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app = typer.Typer(**SETTINGS)


def _globals(
    ctx: typer.Context,
    db_url: Annotated[
        str | None,
        typer.Option("--db", envvar="CASELEDGER_DB",
                     help="SQLAlchemy URL or SQLite file (default: ledger.db in the user data dir)."),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--as", envvar="CASELEDGER_USER",
                     help="Staff login recording the step; the local signing key must be its "
                          "registered key (default: the member whose key it is)."),
    ] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", envvar="CASELEDGER_LANG",
                     help="Language of messages and tables: zh (中文, default) or en."),
    ] = None,
) -> None:
    from caseledger.domain import lang as language

    try:
        language.choose(lang)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--lang") from None
    ctx.obj = Globals(db=db_url, user=user, no_input=no_input, debug=debug)


NOUNS = {"staff": staff.app, "case": case.app, "party": party.app, "report": report.app,
         "db": db.app, "settings": ledger.settings_app, "calendar": calendar.app,
         "export": io.app, "key": keys.app, "doc": doc.app}
app.callback()(_globals)
ledger.register(app)
for _noun, _group in NOUNS.items():
    app.add_typer(_group, name=_noun)
app.command("import")(io.import_)
app.command("rules")(rules.rules)


@app.command("completion")
def completion(shell: Annotated[str, typer.Argument(metavar="bash|zsh|fish",
                                                     help="Your shell.")]) -> None:
    """Print the shell's completion script: `eval "$(caseledger completion bash)"` in ~/.bashrc
    (zsh: ~/.zshrc; fish: `caseledger completion fish > ~/.config/fish/completions/caseledger.fish`).
    Commands, options and choices complete on TAB; nothing is loaded until TAB is pressed."""
    from typer._completion_shared import get_completion_script

    if shell not in ("bash", "zsh", "fish"):
        raise typer.BadParameter(t(f"{shell!r} 不是 bash、zsh 或 fish",
                                   f"{shell!r} is not bash, zsh or fish"), param_hint="SHELL")
    typer.echo(get_completion_script(prog_name="caseledger", complete_var=COMPLETE_VAR,
                                     shell=shell))
GLOBAL_VALUES = ("--db", "--as", "--lang")  # global options that take a value
COMPLETE_VAR = "_CASELEDGER_COMPLETE"
INTERNAL_ERROR = 70  # CLI.md: a defect of caseledger, not of the input (EX_SOFTWARE)


def _words(args: list[str]) -> tuple[str | None, str | None]:
    """The group and the command asked for (`case`, `open` in `--db x case open 2026-1`)."""
    words: list[str] = []
    it = iter(args)
    for arg in it:
        if arg in GLOBAL_VALUES and not words:
            next(it, None)
        elif not arg.startswith("-"):
            words.append(arg)
            if len(words) == 2:
                break
        elif words:
            break  # the group's own options: let the whole group answer
    noun, verb = (words + [None, None])[:2]
    return noun, verb


@functools.cache
def _command(noun: str | None = None, verb: str | None = None) -> Any:
    """The Click command tree, built once per process, and for `GROUP COMMAND` from that one
    command alone: building reads every command's signature, which is most of the start-up."""
    if noun not in NOUNS:
        return _metavars(typer.main.get_command(app))
    group = NOUNS[noun]
    chosen = [c for c in group.registered_commands
              if (c.name or c.callback.__name__.replace("_", "-")) == verb]  # type: ignore[union-attr]
    if chosen and group.registered_callback is None:  # a group callback would need the group
        narrow = typer.Typer(help=group.info.help, no_args_is_help=True)
        narrow.registered_commands = chosen
        group = narrow
    one = typer.Typer(**SETTINGS)
    one.callback()(_globals)
    one.add_typer(group, name=noun)
    return _metavars(typer.main.get_command(one))


# What an option's value is, shown in --help instead of the type's `<str>`.
_METAVARS = {"DATE": ("on", "until", "lead-on", "cert-until", "requested-on", "noticed-on",
                      "held-on", "withdrawn-on", "absent-on", "waived-on", "scheduled-for",
                      "accepted-on"),
             "LOGIN": ("officer", "approved-by", "reviewer", "by", "attendee", "as"),
             "YUAN": ("fine", "confiscate-gains", "amount"),
             "FILE": ("output", "head-file", "template", "sheet"),
             "URL": ("db", "url"),
             "N": ("days", "within", "year", "restriction-months"),
             "SEQ:HASH": ("head",), "DOMAIN": ("domain",), "KIND": ("party-kind",),
             "NAME": ("party-name", "name", "bureau", "agency", "campaign"),
             "ID": ("party-id", "party",), "ABBR": ("prefix",)}
_METAVAR_OF = {name: metavar for metavar, names in _METAVARS.items() for name in names}


def _metavars(command: Any) -> Any:
    """Give every option that takes a value a metavar naming what it is (DATE, LOGIN, YUAN ...,
    else TEXT), through the whole command tree."""
    for param in getattr(command, "params", []):
        if param.param_type_name == "argument" and param.metavar is None:
            param.metavar = (param.name or "").upper()
            continue
        if getattr(param, "is_flag", False) or getattr(param, "count", False) or \
                param.metavar is not None or param.param_type_name != "option":
            continue
        if getattr(param.type, "choices", None):
            continue  # Click shows the choices themselves
        name = param.opts[0].lstrip("-") if param.opts else ""
        param.metavar = _METAVAR_OF.get(name, "TEXT")
    for sub in getattr(command, "commands", {}).values():
        _metavars(sub)
    return command


def main(argv: list[str] | None = None) -> None:
    """Run the command line; every failure becomes one or two lines and CLI.md's exit code."""
    from caseledger.domain.errors import LedgerError

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    if COMPLETE_VAR in os.environ:  # the shell asks for completions (`caseledger completion`)
        from typer._completion_classes import completion_init

        completion_init()
    if "--help" in args or "-h" in args or not args:
        _help_language(args)
    try:
        code = _command(*_words(args))(args=args, prog_name="caseledger", standalone_mode=False)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
    except LedgerError as exc:
        if debug:
            raise
        for line in exc.lines():
            typer.echo(shown(line, one_line=True), err=True)
        code = exc.exit_code
    except BrokenPipeError:
        code = _reader_gone()
    except SystemExit as exc:
        # Click turns a closed pipe into exit 1 after wrapping stdout in its PacifyFlushWrapper;
        # rich raises SystemExit(1) while handling the BrokenPipeError.
        if type(sys.stdout).__name__ != "PacifyFlushWrapper" \
                and not isinstance(exc.__context__, BrokenPipeError):
            raise
        code = _reader_gone()
    except KeyboardInterrupt:
        typer.echo(t("已中断；未写入任何内容", "interrupted; nothing was written"), err=True)
        code = 130
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, not a traceback
        code = _click_error(exc)
        if code is None:
            if debug:
                raise
            typer.echo(shown(t(f"internal error: {type(exc).__name__}: {exc}; 未写入任何内容",
                               f"internal error: {type(exc).__name__}: {exc}; nothing was written")),
                       err=True)
            typer.echo(t("这是 caseledger 的缺陷；加 --debug 运行可查看调用栈",
                         "this is a defect of caseledger; run with --debug for the traceback"),
                       err=True)
            code = INTERNAL_ERROR
    sys.exit(code if isinstance(code, int) else 0)


def _help_language(args: list[str]) -> None:
    """Help is built before `--lang` is parsed: read it (or CASELEDGER_LANG) from the words
    given, swap the help texts and, for Chinese, lay them out by screen width."""
    from typer._click.core import Context
    from typer._click.formatting import HelpFormatter

    from caseledger.cli import helpfmt
    from caseledger.domain import lang

    chosen = None
    if "--lang" in args and args.index("--lang") + 1 < len(args):
        chosen = args[args.index("--lang") + 1]
    try:
        lang.choose(chosen)
    except ValueError:
        lang.choose(None)
    english = lang.english()
    helpfmt.localize(_command(*_words(args)), english)
    Context.formatter_class = HelpFormatter if english else helpfmt.formatter_class()


def _reader_gone() -> int:
    """A reader that stopped early (`| head`) is not a failure: exit 0 and say nothing more."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    except OSError:  # pragma: no cover - no file descriptor 1 to replace
        pass
    return 0


def _click_error(exc: Exception) -> int | None:
    """Typer's own usage errors (unknown option, bad choice): two plain lines, exit 2.

    Recognised by shape rather than by class, since Typer has moved its Click classes before.
    """
    if isinstance(exc, typer.Abort):
        typer.echo(t("在提问处中止；未写入任何内容", "aborted at a prompt; nothing was written"), err=True)
        return 2  # the answer was not given: missing input, not a rule's refusal
    if not (hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int)):
        return None
    if type(exc).__name__ == "NoArgsIsHelpError":
        exc.show()  # type: ignore[attr-defined]
        return 2
    typer.echo(shown(f"error: {exc.format_message()}"), err=True)  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        typer.echo(t(f"用法见 '{ctx.command_path} --help'", f"see '{ctx.command_path} --help'"),
                   err=True)
    return exc.exit_code  # type: ignore[attr-defined]
