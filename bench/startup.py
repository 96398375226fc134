"""Whole-process start-up times of the `caseledger` command, as ratios to `python -c pass`.

    python bench/startup.py [--cases 10000] [--repeat 15] [--out DIR] [--json]

Builds a SQLite ledger of --cases cases (init and staff through the command line, the cases
in-process through `services.cases.open_case`, about 1,000 per transaction), then times, round
after round and in rotating order so no command always runs first or last:

    python -c pass                        the interpreter's own start-up, measured in the same run
    python -c "import sqlalchemy"         the floor of any command that opens the ledger (#13)
    caseledger --help                     import of the CLI and Typer's help
    caseledger case --help
    caseledger case open ...              a new valid case each run, on the --cases ledger
    caseledger case open ... (empty)      the same on a ledger holding no cases, for comparison
    caseledger case show 2025-1 -f json

Each figure is the wall time of one `subprocess.run` (time.perf_counter around it). The report gives
the median and minimum per command and the ratio of its median to the `python -c pass` median.
The interpreter is the one running this script (sys.executable); `caseledger` is the console script
next to it, else `sys.executable -m caseledger`. Any command that fails stops the run (exit 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BUREAU = "基准市场监督管理局"
PREFIX = "基准市监"
ADMIN = "admin"
OFFICERS = ("zhang", "li")
HEAD = "wang"
STAFF = [
    # login, name, role, cert, cert-until
    ("zhang", "张三", "officer", "51000001", "2030-12-31"),
    ("li", "李四", "officer", "51000002", "2030-12-31"),
    ("wang", "王局", "head", None, None),
]
YEAR = 2025
BATCH = 1000
# The timed `case open` runs file on the last day of the year, after every built case.
TIMED_ON = f"{YEAR}-12-31"

# ---------------------------------------------------------------------------------------------
# Valid unified social credit codes (copied from tests/ids.py so the bench stands alone).

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(n: int, region: str = "511602") -> str:
    """A valid 18-character unified social credit code, distinct for each n."""
    from stdnum.cn import uscc

    body = "91" + region
    digits = ""
    for _ in range(9):
        digits = _USCC_ALPHABET[n % 31] + digits
        n //= 31
    stem = body + digits
    return stem + uscc.calc_check_digit(stem)


# ---------------------------------------------------------------------------------------------
# Running commands.


class CommandFailed(RuntimeError):
    pass


def caseledger_command() -> list[str]:
    """The console script next to the running interpreter, else `python -m caseledger`."""
    bindir = Path(sys.executable).parent
    for name in ("caseledger", "caseledger.exe"):
        script = bindir / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    return [sys.executable, "-m", "caseledger"]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run one command to completion; its wall time in seconds. Raises CommandFailed on exit != 0."""
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, encoding="utf-8", errors="replace")
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise CommandFailed(
            f"command failed with exit {proc.returncode}: {' '.join(argv)}\n"
            f"--- stdout ---\n{proc.stdout.strip()}\n--- stderr ---\n{proc.stderr.strip()}"
        )
    return elapsed, proc


def bench_signer() -> Any:
    """The benchmark's own signing key (A-4), in a temporary folder and named by
    CASELEDGER_KEY for every command this process starts: the user's own key is never touched,
    and every event the benchmark records is signed, as a bureau's would be."""
    from caseledger.store.signing import create_key, load_key

    path = os.environ.get("CASELEDGER_KEY")
    if path and path.startswith(tempfile.gettempdir()) and Path(path).exists():
        return load_key(Path(path))
    path = str(Path(tempfile.mkdtemp(prefix="caseledger-bench-key-")) / "signing.key")
    os.environ["CASELEDGER_KEY"] = path
    return create_key(Path(path))


def ledger_env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["CASELEDGER_DB"] = str(db)
    env["CASELEDGER_USER"] = ADMIN
    env.pop("CASELEDGER_TODAY", None)  # a pinned "today" before 2025-12-31 would refuse --on
    return env


# ---------------------------------------------------------------------------------------------
# Building the ledgers.


def init_ledger(cli: list[str], db: Path) -> None:
    """`init` and `staff add` through the command line, as a bureau would."""
    bench_signer()
    env = ledger_env(db)
    run(cli + ["init", "--bureau", BUREAU, "--prefix", PREFIX], env)
    for login, name, role, cert, until in STAFF:
        argv = cli + ["staff", "add", login, "--name", name, "--role", role]
        if cert:
            argv += ["--cert", cert, "--cert-until", until]
        run(argv, env)


def fill_ledger(db: Path, n: int) -> None:
    """`n` cases through the filing service, ~BATCH per transaction, spread over domains and 2025."""
    from caseledger.domain.vocabulary import domains
    from caseledger.services.cases import open_case
    from caseledger.store.chain import sign_with
    from caseledger.store.db import engine_for, resolve_url, transaction

    url = resolve_url(str(db))
    keys = [d.key for d in domains()]
    first = dt.date(YEAR, 1, 1)
    days = (dt.date(YEAR, 12, 30) - first).days + 1  # leave 12-31 to the timed runs
    done = 0
    signer = bench_signer()
    while done < n:
        with transaction(url, write=True) as s:
            sign_with(s, signer)
            for i in range(done, min(done + BATCH, n)):
                open_case(
                    s, ADMIN,
                    domain_key=keys[i % len(keys)],
                    party_kind="org",
                    party_name=f"基准测试有限公司{i:05d}",
                    party_id=credit_code(i),
                    party_id_type=None,
                    violation="涉嫌违法行为（基准测试）",
                    officers=list(OFFICERS),
                    approved_by=HEAD,
                    on=(first + dt.timedelta(days=i * days // n)).isoformat(),
                )
        done = min(done + BATCH, n)
    # Close the pooled connections: the last close checkpoints the WAL into the database file,
    # so the timed runs see a ledger at rest rather than one with a large pending WAL.
    engine_for(url).dispose()


def count_cases(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM cases").fetchone()[0]


# ---------------------------------------------------------------------------------------------
# Timing.


class OpenCase:
    """argv for `case open`, a new valid case (new party) each call."""

    def __init__(self, cli: list[str], start: int) -> None:
        self.cli = cli
        self.next = start

    def __call__(self) -> list[str]:
        n = self.next
        self.next += 1
        return self.cli + [
            "case", "open", "--no-input", "--domain", "food", "--party-kind", "org",
            "--party-name", f"计时测试有限公司{n}", "--party-id", credit_code(n),
            "--violation", "涉嫌违法行为（计时）", "--officer", OFFICERS[0],
            "--officer", OFFICERS[1], "--approved-by", HEAD, "--on", TIMED_ON,
        ]


def check_show(proc: subprocess.CompletedProcess[str]) -> None:
    data = json.loads(proc.stdout)
    if data.get("short_id") != f"{YEAR}-1":
        raise CommandFailed(f"case show 2025-1 printed an unexpected case: {proc.stdout[:200]}")


def time_all(commands: list[dict[str, Any]], repeat: int, warmup: int) -> None:
    """Round-robin: each round runs every command once, the starting command rotating."""
    for _ in range(warmup):  # byte-compile caches, page cache, SQLite file; not recorded
        for c in commands:
            run(c["argv"](), c["env"])
    for c in commands:
        c["times"] = []
    for r in range(repeat):
        k = r % len(commands)
        for c in commands[k:] + commands[:k]:
            elapsed, proc = run(c["argv"](), c["env"])
            if c.get("check"):
                c["check"](proc)
            c["times"].append(elapsed)


def summarise(commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    base = statistics.median(commands[0]["times"])
    rows = []
    for c in commands:
        t = c["times"]
        med = statistics.median(t)
        rows.append({
            "name": c["name"],
            "median_ms": round(med * 1000, 2),
            "min_ms": round(min(t) * 1000, 2),
            "max_ms": round(max(t) * 1000, 2),
            "ratio_to_python": round(med / base, 2),
            "runs": len(t),
            "times_ms": [round(x * 1000, 2) for x in t],
        })
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    width = max(len(r["name"]) for r in rows)
    lines = [f"{'command':<{width}}  {'median ms':>9}  {'min ms':>8}  {'x python':>8}"]
    lines.append("-" * len(lines[0]))
    for r in rows:
        lines.append(f"{r['name']:<{width}}  {r['median_ms']:>9.1f}  {r['min_ms']:>8.1f}  "
                     f"{r['ratio_to_python']:>8.2f}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cases", type=int, default=10_000, help="cases on the ledger (default 10000)")
    p.add_argument("--repeat", type=int, default=15, help="timed runs per command (default 15)")
    p.add_argument("--warmup", type=int, default=1, help="untimed runs per command first (default 1)")
    p.add_argument("--out", type=Path, help="directory for the ledgers (default: a temporary one, "
                                            "removed afterwards); results.json is written there too")
    p.add_argument("--json", action="store_true",
                   help="write the results as JSON to stdout (the table then goes to stderr)")
    args = p.parse_args(argv)
    if args.cases < 1 or args.repeat < 1 or args.warmup < 0:
        p.error("--cases and --repeat must be at least 1, --warmup at least 0")

    say = (lambda s: print(s, file=sys.stderr)) if args.json else print
    cli = caseledger_command()
    python = [sys.executable]

    if args.out:
        workdir = args.out.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        cleanup = False
    else:
        workdir = Path(tempfile.mkdtemp(prefix="caseledger-bench-"))
        cleanup = True
    full_db, empty_db = workdir / "ledger.db", workdir / "empty.db"
    for db in (full_db, empty_db):
        if db.exists():
            p.error(f"{db} already exists; remove it or choose another --out")

    try:
        say(f"python:     {sys.executable} ({platform.python_version()})")
        say(f"caseledger: {' '.join(cli)}")
        say(f"ledgers in: {workdir}")

        t0 = time.perf_counter()
        init_ledger(cli, full_db)
        t1 = time.perf_counter()
        fill_ledger(full_db, args.cases)
        t2 = time.perf_counter()
        init_ledger(cli, empty_db)
        found = count_cases(full_db)
        if found != args.cases:
            raise CommandFailed(f"built ledger holds {found} cases, expected {args.cases}")
        build = {"init_and_staff_s": round(t1 - t0, 2), "cases_s": round(t2 - t1, 2),
                 "total_s": round(t2 - t0, 2), "cases": found}
        say(f"built {found} cases in {build['total_s']:.1f} s "
            f"(init + staff via CLI {build['init_and_staff_s']:.1f} s, "
            f"cases in-process {build['cases_s']:.1f} s)")

        full_env, empty_env = ledger_env(full_db), ledger_env(empty_db)
        # A fresh party per run: numbers above the built ones, separate ranges per ledger.
        commands: list[dict[str, Any]] = [
            {"name": "python -c pass", "argv": lambda: python + ["-c", "pass"], "env": full_env},
            {"name": "import sqlalchemy", "argv": lambda: python + ["-c", "import sqlalchemy"],
             "env": full_env},
            {"name": "caseledger --help", "argv": lambda: cli + ["--help"], "env": full_env},
            {"name": "caseledger case --help", "argv": lambda: cli + ["case", "--help"],
             "env": full_env},
            {"name": f"case open ({found} cases)", "argv": OpenCase(cli, 10_000_000),
             "env": full_env},
            {"name": "case open (empty ledger)", "argv": OpenCase(cli, 20_000_000),
             "env": empty_env},
            {"name": "case show 2025-1 -f json",
             "argv": lambda: cli + ["case", "show", f"{YEAR}-1", "-f", "json"],
             "env": full_env, "check": check_show},
        ]
        say(f"timing {len(commands)} commands x {args.repeat} runs "
            f"(+{args.warmup} warm-up each), round-robin ...")
        time_all(commands, args.repeat, args.warmup)
        rows = summarise(commands)

        by_name = {r["name"]: r for r in rows}
        full_open = by_name[f"case open ({found} cases)"]["median_ms"]
        empty_open = by_name["case open (empty ledger)"]["median_ms"]
        result = {
            "python": sys.executable,
            "python_version": platform.python_version(),
            "caseledger": cli,
            "platform": platform.platform(),
            "cases": found,
            "repeat": args.repeat,
            "warmup": args.warmup,
            "build": build,
            "results": rows,
            "open_full_vs_empty": round(full_open / empty_open, 2),
            "open_vs_import_sqlalchemy": round(
                full_open / by_name["import sqlalchemy"]["median_ms"], 2),
        }
        say("")
        say(table(rows))
        say(f"\ncase open on {found} cases vs empty ledger: {result['open_full_vs_empty']:.2f}x")
        say(f"case open (a step) vs python -c 'import sqlalchemy': "
            f"{result['open_vs_import_sqlalchemy']:.2f}x (#13 asks at most 1.5x)")
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=2))
        if args.out:
            (workdir / "results.json").write_text(
                json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return 0
    except CommandFailed as exc:
        print(f"bench/startup.py: {exc}", file=sys.stderr)
        return 1
    finally:
        if cleanup:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
