"""Help answers without the database layer: `--help` must not import SQLAlchemy or Alembic."""

from __future__ import annotations

import subprocess
import sys

import pytest

from caseledger.cli.app import app


def imported_modules(*args: str) -> set[str]:
    code = "import sys; sys.argv = ['caseledger', *sys.argv[1:]]; from caseledger.cli.app import main; main()"
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code, *args],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return {
        line.split("|")[-1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize("args", [["--help"], ["case", "--help"], ["case", "open", "--help"],
                                  ["staff", "--help"]])
@pytest.mark.slow  # a fresh interpreter per command line
def test_help_does_not_import_the_database_layer(args):
    modules = imported_modules(*args)
    assert "typer" in modules  # the measurement itself works
    assert not {m for m in modules if m.split(".")[0] in ("sqlalchemy", "alembic")}
    assert "rich.table" not in modules


def test_every_command_has_help_text():
    import typer.main

    root = typer.main.get_command(app)

    def walk(command, path):  # type: ignore[no-untyped-def]
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    for path, command in walk(root, []):
        assert (command.help or "").strip(), f"`caseledger {' '.join(path)}` has no help"


def test_a_command_is_built_alone_and_answers_as_in_the_whole_tree():
    """`case open` is built without the other commands; usage errors still name the group."""
    from caseledger.cli.app import _command, _words

    assert _words(["--db", "x.db", "--no-input", "case", "open", "--on", "2026-01-01"]) == (
        "case", "open")
    assert _words(["case", "--help"]) == ("case", None)
    assert list(_command("case", "open").commands["case"].commands) == ["open"]
    assert len(_command("case", None).commands["case"].commands) > 20
    assert set(_command(None, None).commands) >= {"case", "staff", "init", "deadlines", "import"}


def test_shell_completion_scripts_and_answers(sh):
    """#14: `caseledger completion SHELL` prints a script; the shell's TAB asks the command."""
    for shell in ("bash", "zsh", "fish"):
        script = sh("completion", shell)
        assert script.exit_code == 0 and "_CASELEDGER_COMPLETE" in script.stdout, script.stderr
    assert sh("completion", "tcsh").exit_code == 2
    words = sh(env={"_CASELEDGER_COMPLETE": "complete_bash", "COMP_WORDS": "caseledger case op",
                    "COMP_CWORD": "2"})
    assert words.stdout.split() == ["open"], words
    options = sh(env={"_CASELEDGER_COMPLETE": "complete_bash",
                      "COMP_WORDS": "caseledger report year 2026 --b", "COMP_CWORD": "4"})
    assert "--by" in options.stdout.split(), options


def test_help_names_what_each_option_takes_and_shows_examples(run):
    result = run("case", "open", "--help")
    assert result.exit_code == 0
    assert "<str>" not in result.stdout and "--on DATE" in result.stdout
    assert "--officer LOGIN" in result.stdout and "Examples:" in result.stdout
    assert "--fine YUAN" in run("case", "propose", "--help").stdout


def test_help_is_chinese_by_default_and_fits_80_columns(run, monkeypatch):
    """#14: --help speaks Chinese unless English is asked for, laid out by screen width."""
    from rich.cells import cell_len

    monkeypatch.delenv("CASELEDGER_LANG")
    monkeypatch.setenv("COLUMNS", "80")
    for args in (["--help"], ["case", "open", "--help"], ["report", "year", "--help"],
                 ["import", "--help"], ["case", "propose", "--help"]):
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        assert "用法：" in result.stdout and "选项：" in result.stdout, result.stdout
        assert all(cell_len(line) <= 80 for line in result.stdout.splitlines()), result.stdout
    assert "立案" in run("case", "open", "--help").stdout
    english = run("--lang", "en", "case", "open", "--help")
    assert "Usage:" in english.stdout and "The party's name." in english.stdout
    assert "Usage:" in run("--help").stdout or "用法：" in run("--help").stdout


def test_every_help_text_has_its_chinese():
    """A help text changed or added without its Chinese would fall back to English."""
    import typer

    from caseledger.cli.app import app
    from caseledger.cli.help_zh import HELP_ZH

    texts: list[str] = []

    def walk(command) -> None:  # type: ignore[no-untyped-def]
        texts.append(getattr(command, "_help_en", None) or command.help or "")
        for param in command.params:
            texts.append(getattr(param, "_help_en", None) or getattr(param, "help", "") or "")
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    missing = sorted({text for text in texts if text and text not in HELP_ZH})
    assert not missing, missing
