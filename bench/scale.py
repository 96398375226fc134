"""A province's scale (issue #13): a ledger of 1,000,000 cases built through the bulk path, then
every figure the issue asks for measured on it, each command as a whole process, in one run.

    python bench/scale.py [--cases 1000000] [--per-file 100000] [--verify-at 100000 ...]
                          [--repeat 3] [--out DIR]

The ledger is built as a province would fill it: `caseledger import` of generated spreadsheets of
`--per-file` rows each (bench/import.py's rows: a year's plausible mix, every row valid, with
`--open-share` of the cases, 1% by default, still under investigation, as in a year closed out;
`deadlines` lists their clocks, and the figure says how many), one
import per file, each all-or-nothing and signed. The first file is also stored by a plain
`sqlite3` executemany, for the import's ratio. With --out the ledger is kept and a later run goes
on from the cases it already holds.

Measured, whole process each (peak memory from the kernel's accounting of the child):
- import: rows/s of each file, peak memory, and the ratio to `sqlite3` executemany;
- verify at each --verify-at size and at the end: seconds, events/s, peak memory, and the
  ratio to checking the ledger's Ed25519 signatures alone;
- report year against the `sqlite3` command-line tool running the equivalent grouped queries on
  the same file (the three queries the report runs: the year by domain, its total, and the year
  before), and deadlines, case list, compliance, the exports and a step on the full ledger;
- start-up: `python -c "import sqlalchemy"` beside a step command that is refused before any
  write (the whole path of a step: imports, the ledger opened, the recorder proven).
"""

from __future__ import annotations

import argparse
import base64
import importlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from deadlines import ADMIN, YEAR, caseledger, staffed  # noqa: E402
from startup import bench_signer  # noqa: E402

generated = importlib.import_module("import")  # bench/import.py (a keyword, so not `import`)

# The report's three grouped queries (the year by domain, its total, the year before), over the
# totals it reads, and the same tally grouped from the per-case rows (what a report without the
# summed table would have to scan).
REPORT_SQL = """
SELECT domain, fact, sum(events), sum(once), sum(cases), sum(fine_fen), sum(gains_fen)
  FROM tally_total WHERE year = {year} GROUP BY domain, fact;
SELECT fact, sum(events), sum(once), sum(cases), sum(fine_fen), sum(gains_fen)
  FROM tally_total WHERE year = {year} GROUP BY fact;
SELECT fact, sum(events), sum(once), sum(cases), sum(fine_fen), sum(gains_fen)
  FROM tally_total WHERE year = {previous} GROUP BY fact;
"""
PER_CASE_SQL = REPORT_SQL.replace("tally_total", "case_tally").replace("sum(cases)", "count(*)")


def measured(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall seconds, peak resident memory (bytes) and stdout of one whole process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
        return elapsed, usage.ru_maxrss * 1024, out.read().decode()


def timed(cmd: list[str], env: dict[str, str], repeat: int) -> float:
    return statistics.median(measured(cmd, env)[0] for _ in range(repeat))


def info(env: dict[str, str]) -> dict[str, int]:
    return json.loads(subprocess.run([*caseledger(), "info", "-f", "json"], env=env,
                                     capture_output=True, text=True, check=True).stdout)["counts"]


def signature_check(db: Path) -> tuple[float, int]:
    """Seconds to check every signature the ledger holds with `cryptography` alone (a run's
    closing signature is over `run:FIRST:HASH`, as `store.bulk.run_message` spells it)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from caseledger.store.bulk import run_message

    signed, first = [], None
    with sqlite3.connect(db) as conn:
        for seq, public, signature, digest in conn.execute(
                "SELECT seq, signer_key, signature, hash FROM event ORDER BY seq"):
            if public and not signature:
                first = first or seq
            elif public:
                signed.append((public, signature, run_message(first or seq, seq, digest)))
                first = None
    keys: dict[str, Ed25519PublicKey] = {}
    started = time.perf_counter()
    for public, signature, message in signed:
        key = keys.get(public)
        if key is None:
            key = keys[public] = Ed25519PublicKey.from_public_bytes(
                base64.b64decode(public.removeprefix("ed25519:")))
        key.verify(base64.b64decode(signature), message.encode("ascii"))
    return time.perf_counter() - started, len(signed)


def verify_figures(db: Path, env: dict[str, str], cases: int) -> dict[str, float]:
    seconds, peak, stdout = measured([*caseledger(), "verify", "-f", "json"], env)
    result = json.loads(stdout)
    alone, signatures = signature_check(db)
    figures = {"cases": cases, "events": result["events"], "seconds": seconds,
               "events_per_s": result["events"] / seconds, "peak_mb": peak / 2**20,
               "signatures": signatures, "signature_check_s": alone}
    print(f"  verify at {cases:,} cases: {seconds:.1f} s, {figures['events_per_s']:,.0f} events/s, "
          f"peak {figures['peak_mb']:.0f} MB; {signatures:,} signatures checked alone in "
          f"{alone:.2f} s (verify is {seconds / alone:.0f}x that)", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--per-file", type=int, default=100_000)
    parser.add_argument("--verify-at", type=int, action="append", default=[],
                        help="also verify when the ledger reaches this many cases")
    parser.add_argument("--open-share", type=float, default=0.01,
                        help="share of cases still under investigation (a closed-out year)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-verify", action="store_true",
                        help="skip the final verify (run it on its own, it is the longest part)")
    parser.add_argument("--out", type=Path, help="keep the ledger and files here")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="caseledger-bench-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "ledger.db"
    key = folder / "signing.key"
    if key.exists():
        os.environ["CASELEDGER_KEY"] = str(key)
    url = f"sqlite:///{db}"
    env = {**os.environ, "CASELEDGER_DB": url, "CASELEDGER_USER": ADMIN}
    env.pop("CASELEDGER_TODAY", None)
    if not db.exists():
        bench_signer()
        key.write_bytes(Path(os.environ["CASELEDGER_KEY"]).read_bytes())
        key.chmod(0o600)
        os.environ["CASELEDGER_KEY"] = env["CASELEDGER_KEY"] = str(key)
        staffed(url)
    have = info(env)["cases"]
    print(f"ledger {db}: {have:,} cases; building to {args.cases:,} through `caseledger import` "
          f"of {args.per_file:,}-row files", flush=True)

    imports: list[tuple[int, float, int]] = []
    verified: list[dict[str, float]] = []
    baseline_s = None
    while have < args.cases:
        n = min(args.per_file, args.cases - have)
        csv_path = folder / "rows.csv"
        generated.write_csv(csv_path, generated.rows(n, start=have, open_share=args.open_share))
        if baseline_s is None:
            plain = folder / "plain.db"
            plain.unlink(missing_ok=True)
            baseline_s = generated.baseline(plain, csv_path)
            plain.unlink()
        seconds, peak, _ = measured([*caseledger(), "import", str(csv_path)], env)
        have += n
        imports.append((n, seconds, peak))
        print(f"  imported {n:,} rows in {seconds:.0f} s ({n / seconds:,.0f} rows/s, peak "
              f"{peak / 2**20:.0f} MB); {have:,} cases", flush=True)
        if have in args.verify_at:
            verified.append(verify_figures(db, env, have))
        csv_path.unlink()

    counts = info(env)
    print(f"\n{counts['cases']:,} cases, {counts['events']:,} events, "
          f"{db.stat().st_size / 2**30:.1f} GiB\n", flush=True)
    if imports:
        rows = sum(n for n, _, _ in imports)
        seconds = sum(s for _, s, _ in imports)
        first_n, first_s, _ = imports[0]
        print(f"import: {rows:,} rows in {seconds:.0f} s = {rows / seconds:,.0f} rows/s with "
              f"signing; peak memory {max(p for _, _, p in imports) / 2**20:.0f} MB")
        print(f"  sqlite3 executemany of the first file: {first_n / baseline_s:,.0f} rows/s; "
              f"import / executemany: {first_s / baseline_s:.0f}x\n")

    if not args.no_verify and (not verified or verified[-1]["cases"] != counts["cases"]):
        verified.append(verify_figures(db, env, counts["cases"]))
    if len(verified) > 1:
        spread = max(v["peak_mb"] for v in verified) - min(v["peak_mb"] for v in verified)
        print(f"  verify peak memory from {verified[0]['cases']:,} to {verified[-1]['cases']:,} "
              f"cases differs by {spread:.0f} MB")

    sqlite_s = timed(["sqlite3", str(db), REPORT_SQL.format(year=YEAR, previous=YEAR - 1)],
                     env, args.repeat)
    per_case_s = timed(["sqlite3", str(db), PER_CASE_SQL.format(year=YEAR, previous=YEAR - 1)],
                       env, args.repeat)
    report_s = timed([*caseledger(), "report", "year", str(YEAR), "-f", "json"], env, args.repeat)
    print(f"\nreport year (whole process): {report_s:.2f} s. The sqlite3 tool, whole process, on "
          f"the same grouped queries over the totals: {sqlite_s:.2f} s (ratio {report_s / sqlite_s:.1f}x,"
          f" the interpreter's start-up); on the per-case rows: {per_case_s:.2f} s (ratio "
          f"{report_s / per_case_s:.2f}x)")
    out = folder / "out"
    commands = {
        "deadlines -f csv": [*caseledger(), "deadlines", "-f", "csv"],
        "report compliance -f json": [*caseledger(), "report", "compliance", str(YEAR), "-f",
                                      "json"],
        "case list --status filed -f csv": [*caseledger(), "case", "list", "--status", "filed",
                                            "-f", "csv"],
        "case show 2025-1": [*caseledger(), "case", "show", f"{YEAR}-1"],
        "export cases (csv file)": [*caseledger(), "export", "cases", "-o", str(out) + ".csv"],
        "export disclosures (csv file)": [*caseledger(), "export", "disclosures", "-o",
                                          str(out) + "-disclosures.csv"],
        "python -c 'import sqlalchemy'": [sys.executable, "-c", "import sqlalchemy"],
        # A real step, refused by a rule after the ledger is opened and the recorder proven:
        # everything a step does but the write.
        "case close 2025-1 (refused: closed)": [*caseledger(), "case", "close", f"{YEAR}-1",
                                                "--approved-by", "wang"],
    }
    print(f"\n{'command (whole process)':40}{'median s':>10}")
    results = {}
    for name, cmd in commands.items():
        if "refused" in name:
            results[name] = statistics.median(
                _refused(cmd, env) for _ in range(args.repeat))
        else:
            results[name] = timed(cmd, env, args.repeat)
        print(f"{name:40}{results[name]:10.2f}", flush=True)
    exported = (Path(str(out) + ".csv").read_bytes().count(b"\n") - 1)
    clocks = measured([*caseledger(), "deadlines", "-f", "csv"], env)[2].count("\n") - 1
    print(f"\nexport cases wrote {exported:,} cases; deadlines listed {clocks:,} open clocks")
    base = results["python -c 'import sqlalchemy'"]
    print(f"a step's start-up / import sqlalchemy: "
          f"{results['case close 2025-1 (refused: closed)'] / base:.2f}x")


def _refused(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, check=False)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
