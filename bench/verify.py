"""`caseledger verify` on a signed ledger of 10,000 cases: events per second, beside a plain
SHA-256 over the same rows and the Ed25519 signature checks alone, all measured in one run.

    python bench/verify.py [--cases 10000] [--repeat 3] [--out DIR]

The ledger is built as bench/deadlines.py builds it (through the service layer, every event
signed with the benchmark's own key). `verify` is timed as a whole process: it re-hashes the
chain, checks every signature against the key in force, re-derives every value and replays every
gate. The baselines read the same `event` rows with `sqlite3` in one process: "sha256" hashes each
row's previous hash and stored fields once (what the chain alone costs); "ed25519" checks each
row's signature with the `cryptography` package (what the signatures alone cost).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from deadlines import ADMIN, build, caseledger, timed  # noqa: E402
from startup import bench_signer  # noqa: E402


def rows(db: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT prev_hash, seq, coalesce(case_id, ''), step, business_date, actor, "
            "coalesce(responsible, ''), recorded_at, payload, signer_key, signature, hash "
            "FROM event ORDER BY seq").fetchall()


def sha256_pass(events: list[tuple[str, ...]]) -> float:
    started = time.perf_counter()
    for row in events:
        hashlib.sha256("|".join(str(v) for v in row[:10]).encode("utf-8")).hexdigest()
    return time.perf_counter() - started


def signature_pass(events: list[tuple[str, ...]]) -> float:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    keys: dict[str, Ed25519PublicKey] = {}
    started = time.perf_counter()
    for row in events:
        public, signature, digest = row[9], row[10], row[11]
        key = keys.get(public)
        if key is None:
            key = keys[public] = Ed25519PublicKey.from_public_bytes(
                base64.b64decode(public.removeprefix("ed25519:")))
        key.verify(base64.b64decode(signature), digest.encode("ascii"))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="keep the ledger here (reused on the next run)")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="caseledger-bench-verify-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"ledger-{args.cases}.db"
    url = f"sqlite:///{db}"
    key = folder / "signing.key"
    if key.exists():
        os.environ["CASELEDGER_KEY"] = str(key)
    try:
        if not db.exists():
            bench_signer()
            shutil.copy(os.environ["CASELEDGER_KEY"], key)
            print(f"building {args.cases} cases ...", flush=True)
            print(f"  built in {build(url, args.cases):.0f} s", flush=True)
        env = {**os.environ, "CASELEDGER_DB": url, "CASELEDGER_USER": ADMIN}
        events = rows(db)
        n = len(events)
        verify = statistics.median(timed([*caseledger(), "verify"], env)
                                   for _ in range(args.repeat))
        plain = statistics.median(sha256_pass(events) for _ in range(args.repeat))
        signed = statistics.median(signature_pass(events) for _ in range(args.repeat))
        print(f"\n{args.cases} cases, {n} events, all signed\n")
        print(f"{'':34}{'seconds':>9}{'events/s':>12}")
        for name, seconds in (("caseledger verify (whole process)", verify),
                              ("sha256 over the same rows", plain),
                              ("ed25519 signature checks alone", signed)):
            print(f"{name:34}{seconds:9.2f}{n / seconds:12,.0f}")
        print(f"\nverify / sha256: {verify / plain:.0f}x; verify / signature checks: "
              f"{verify / signed:.1f}x; signatures are {signed / verify:.0%} of verify")
    finally:
        if not args.out:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
