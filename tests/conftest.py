"""Shared fixtures: a fresh ledger per test (SQLite, or PostgreSQL when CASELEDGER_TEST_DB names
a server), the CLI run in-process or as the installed `caseledger` command, and a staffed bureau.

The ledger location always comes from a temporary directory, so tests never touch real data.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.keys import claimed, key_file, public_key

PG_SERVER = os.environ.get("CASELEDGER_TEST_DB", "")
BUREAU = "广安市广安区市场监督管理局"
PREFIX = "广区市监"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def json(self):  # type: ignore[no-untyped-def]
        import json

        return json.loads(self.stdout)


def _pg_admin_engine():  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A URL for an empty database of its own: a SQLite file, or a new PostgreSQL database."""
    if not PG_SERVER:
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = f"cl_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        from caseledger.store.db import engine_for

        engine_for(url).dispose()
        engine_for.cache_clear()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the user's ledger or login: both point into the test's own directory."""
    monkeypatch.setenv("CASELEDGER_DB", f"sqlite:///{tmp_path / 'default.db'}")
    monkeypatch.setenv("CASELEDGER_USER", "admin")
    monkeypatch.setenv("CASELEDGER_KEY", str(key_file("admin")))
    monkeypatch.delenv("CASELEDGER_TODAY", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    # Messages in English, the language the assertions are written in; tests of the Chinese
    # default (tests/test_language.py) unset it.
    monkeypatch.setenv("CASELEDGER_LANG", "en")
    monkeypatch.setattr("caseledger.domain.lang._chosen", None)  # an in-process run's choice


@pytest.fixture
def run(db_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run the CLI in-process against the test's ledger: run('case', 'show', X) -> Result."""
    from caseledger.cli.app import main

    monkeypatch.setenv("CASELEDGER_DB", db_url)

    def invoke(*args: str, user: str | None = None, input: str = "",
               key: str | None = None) -> Result:
        """`key`: the signing key file to use; by default the key of the login recorded as."""
        out, err = io.StringIO(), io.StringIO()
        argv = [*(["--as", user] if user else []), *args]
        stdin, saved_key = sys.stdin, os.environ.get("CASELEDGER_KEY")
        sys.stdin = io.StringIO(input)
        os.environ["CASELEDGER_KEY"] = key or str(
            key_file(claimed(args, user, os.environ.get("CASELEDGER_USER"))))
        code = 0
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            sys.stdin = stdin
            if saved_key is None:
                os.environ.pop("CASELEDGER_KEY", None)
            else:
                os.environ["CASELEDGER_KEY"] = saved_key
        return Result(code, out.getvalue(), err.getvalue())

    return invoke


def caseledger_command() -> list[str]:
    """The installed console script (as a user runs it), else `python -m caseledger`."""
    exe = shutil.which("caseledger", path=str(Path(sys.executable).parent)) or shutil.which(
        "caseledger"
    )
    return [exe] if exe else [sys.executable, "-m", "caseledger"]


@pytest.fixture
def sh(db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run the installed `caseledger` as a subprocess against the test's ledger."""

    def invoke(*args: str, user: str | None = None, input: str = "",
               env: dict[str, str] | None = None) -> Result:
        full_env = {**os.environ, "CASELEDGER_DB": db_url, "CASELEDGER_USER": user or "admin",
                    "CASELEDGER_KEY": str(key_file(claimed(args, user, "admin"))),
                    **(env or {})}
        proc = subprocess.run(
            [*caseledger_command(), *args], input=input, capture_output=True, text=True,
            env=full_env, timeout=120,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return invoke


STAFF = [
    ("zhang", "张三", ["officer"], "51000001", "2030-12-31", False),
    ("li", "李四", ["officer"], "51000002", "2030-12-31", False),
    ("zhao", "赵六", ["officer"], "51000003", "2030-12-31", False),
    ("old", "钱七", ["officer"], "51000004", "2020-06-30", False),
    ("chen", "陈审", ["reviewer"], None, None, True),
    ("wang", "王局", ["head"], None, None, False),
]


def staff_commands() -> list[list[str]]:
    commands = [["init", "--bureau", BUREAU, "--prefix", PREFIX]]
    for login, name, roles, cert, until, legal in STAFF:
        args = ["staff", "add", login, "--name", name]
        for r in roles:
            args += ["--role", r]
        if cert:
            args += ["--cert", cert, "--cert-until", until]
        if legal:
            args.append("--legal-qualified")
        commands.append([*args, "--key", public_key(login)])
    return commands


@pytest.fixture(scope="session")
def template_ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The staffed bureau, built once per session through the CLI, then copied for each test."""
    from caseledger.cli.app import main
    from caseledger.store.db import engine_for

    if PG_SERVER:
        from sqlalchemy import text
        from sqlalchemy.engine import make_url

        name = f"cl_template_{uuid.uuid4().hex[:8]}"
        with _pg_admin_engine().connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('template') / 'ledger.db'}"
    saved = {k: os.environ.get(k) for k in ("CASELEDGER_DB", "CASELEDGER_USER", "CASELEDGER_KEY")}
    os.environ.update(CASELEDGER_DB=url, CASELEDGER_USER="admin",
                      CASELEDGER_KEY=str(key_file("admin")))
    try:
        for args in staff_commands():
            with contextlib.redirect_stderr(io.StringIO()):
                try:
                    main(args)
                except SystemExit as exc:
                    assert exc.code in (0, None), args
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    engine_for(url).dispose()
    yield url
    if PG_SERVER:
        from sqlalchemy import text

        with _pg_admin_engine().connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def clone(template: str, target: str) -> None:
    """Make `target` a copy of the template ledger."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from caseledger.store.db import engine_for

    if PG_SERVER:
        name = make_url(target).database
        source = make_url(template).database
        engine_for(target).dispose()
        with _pg_admin_engine().connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source}"'))
    else:
        shutil.copyfile(make_url(template).database, make_url(target).database)


@pytest.fixture
def bureau(run, template_ledger: str, db_url: str):  # type: ignore[no-untyped-def]
    """An initialised ledger with officers, a reviewer and a head; returns the `run` function."""
    clone(template_ledger, db_url)
    return run


def open_args(party_id: str, *, domain: str = "food", kind: str = "org",
              officers: tuple[str, ...] = ("zhang", "li"), approved_by: str = "wang",
              on: str = "2023-03-01", extra: tuple[str, ...] = ()) -> list[str]:
    args = ["case", "open", "--domain", domain, "--party-kind", kind, "--party-name", "广安某某商行",
            "--party-id", party_id, "--violation", "销售过期食品", "--approved-by", approved_by,
            "--on", on, "--no-input"]
    for o in officers:
        args += ["--officer", o]
    return [*args, *extra]
