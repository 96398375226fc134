"""`deadlines` on a ledger of 100,000 cases, whole process, beside `report year` on the same
ledger and `python -c pass`, all measured in one run.

    python bench/deadlines.py [--cases 100000] [--repeat 5] [--out DIR]

The ledger is built through the service layer (the same functions as the commands), in
transactions of 500 cases, with a plausible mix for a bureau's year: most cases terminated or
decided and closed, some still under investigation, some decided and awaiting service, payment
or disclosure. With --out the ledger is kept and reused on the next run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from startup import bench_signer, credit_code  # noqa: E402

YEAR = 2025
ADMIN = "admin"


def caseledger() -> list[str]:
    exe = Path(sys.executable).parent / "caseledger"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "caseledger"]


def staffed(url: str) -> None:
    """A new ledger with two officers (zhang, li), a reviewer (chen) and a head (wang)."""
    from caseledger.services import ledger, staff
    from caseledger.store import chain, db

    signer = bench_signer()
    ledger.init(url, ADMIN, "基准市场监督管理局", "基准市监", signer)
    with db.transaction(url, write=True) as s:
        chain.sign_with(s, signer)
        for login, role in (("zhang", "officer"), ("li", "officer"), ("chen", "reviewer"),
                            ("wang", "head")):
            extra = {"cert_no": f"cert-{login}", "cert_until": "2030-12-31"} if role == "officer" else {}
            staff.add(s, ADMIN, login=login, name=login, roles=[role],
                      legal_qualified=role == "reviewer", **extra)


def build(url: str, n: int) -> float:
    from caseledger.services import cases, steps
    from caseledger.store import chain, db

    started = time.perf_counter()
    staffed(url)
    rng = random.Random(YEAR)
    signer = bench_signer()
    for start in range(0, n, 500):
        with db.transaction(url, write=True) as s:
            chain.sign_with(s, signer)
            for i in range(start, min(start + 500, n)):
                day = f"{YEAR}-{rng.randrange(1, 12):02d}-{rng.randrange(1, 28):02d}"
                ref = cases.open_case(
                    s, ADMIN, domain_key=rng.choice(["food", "drug", "price", "trademark"]),
                    party_kind="org", party_name=f"企业{i}", party_id=credit_code(i),
                    party_id_type=None, violation="违法行为", officers=["zhang", "li"],
                    approved_by="wang", on=day)["short_id"]
                kind = rng.random()
                if kind < 0.85:  # terminated and closed: every clock met
                    steps.terminate(s, ADMIN, ref, on=day, reason="终止")
                    steps.close(s, ADMIN, ref, on=day, approved_by="wang")
                elif kind < 0.95:  # proposed, awaiting review
                    steps.propose(s, ADMIN, ref, on=day, fine="3000", basis="某法")
                else:  # decided, awaiting service, payment and disclosure
                    steps.propose(s, ADMIN, ref, on=day, fine="3000", basis="某法")
                    steps.review(s, ADMIN, ref, on=day, outcome="agree", opinion="同意",
                                 reviewer="chen")
                    steps.notify(s, ADMIN, ref, on=day)
                    steps.statement(s, ADMIN, ref, on=day, waived=True)
                    steps.decide(s, ADMIN, ref, on=day, by="wang")
        if start and start % 10000 == 0:
            print(f"  built {start} cases ({time.perf_counter() - started:.0f} s)", flush=True)
    return time.perf_counter() - started


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="caseledger-bench-deadlines-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ledger-{args.cases}.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        print(f"building {args.cases} cases in {path} ...", flush=True)
        print(f"built in {build(url, args.cases):.0f} s", flush=True)
    env = {**os.environ, "CASELEDGER_DB": url, "CASELEDGER_USER": ADMIN}
    env.pop("CASELEDGER_TODAY", None)
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "deadlines -f json": [*caseledger(), "deadlines", "-f", "json"],
        "deadlines (table)": [*caseledger(), "deadlines"],
        "report year -f json": [*caseledger(), "report", "year", str(YEAR), "-f", "json"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, cmd in commands.items():
            times[name].append(timed(cmd, env))
    base = statistics.median(times["python -c pass"])
    report = statistics.median(times["report year -f json"])
    print(f"\n{'command':24} {'median s':>9} {'min s':>7} {'x python':>9} {'x report':>9}")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:24} {med:9.3f} {min(values):7.3f} {med / base:9.1f} {med / report:9.2f}")
    open_clocks = subprocess.run([*caseledger(), "deadlines", "-f", "csv"], env=env,
                                 capture_output=True, text=True, check=True).stdout.count("\n") - 1
    print(f"\n{args.cases} cases; deadlines lists {open_clocks} open clocks")
    if not args.out:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
