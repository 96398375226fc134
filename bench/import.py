"""`caseledger import` of a generated 100,000-case spreadsheet: rows per second and peak memory of
the whole process, beside a plain `sqlite3` `executemany` of the same rows into one table,
measured in the same run.

    python bench/import.py [--rows 100000] [--out DIR]

The file is a UTF-8 CSV with a BOM and Chinese headers, as Excel saves it, with a plausible mix
for a bureau's year: most cases decided with a fine, served, paid, disclosed and closed; some
not penalised; some transferred to the police; some still open. Every row is valid, so the
import writes all of them (all or nothing). The baseline reads the same file with `csv` and
inserts its rows as text into one table in one transaction: what storing the rows costs without
any rule, numbering, event or clock.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from deadlines import ADMIN, caseledger, staffed  # noqa: E402
from startup import credit_code  # noqa: E402

YEAR = 2025
HEADERS = ["领域", "当事人类型", "当事人名称", "证件号码", "违法行为", "执法人员", "立案审批人", "立案日期",
           "案件来源", "处罚依据", "罚款金额", "审核人", "审核日期", "告知日期", "陈述申辩日期", "决定人",
           "决定日期", "处理结果", "送达日期", "缴款日期", "公示日期", "移送机关", "移送日期", "公安立案日期",
           "结案日期", "结案审批人"]
DOMAINS = ["食品", "药品", "医疗器械", "化妆品", "特种设备", "产品质量", "商标", "价格收费", "广告"]


def rows(n: int, start: int = 0, open_share: float = 0.10) -> list[list[str]]:
    """`n` rows for cases `start` to `start + n - 1` (each party distinct), seeded by `start`;
    `open_share` of them still under investigation."""
    rng = random.Random(YEAR + start)
    scale = 0.90 / (1 - open_share)  # the other outcomes keep their proportions
    out = []
    for i in range(start, start + n):
        filed = dt.date(YEAR, 1, 2) + dt.timedelta(days=rng.randrange(0, 240))

        def day(offset: int, filed: dt.date = filed) -> str:
            return (filed + dt.timedelta(days=offset)).isoformat()

        row = dict.fromkeys(HEADERS, "")
        row.update({"领域": rng.choice(DOMAINS), "当事人类型": "org", "当事人名称": f"某某商贸有限公司{i}",
                    "证件号码": credit_code(i), "违法行为": "经营不符合食品安全标准的食品",
                    "执法人员": "zhang、li", "立案审批人": "wang", "立案日期": day(0),
                    "案件来源": "inspection"})
        kind = rng.random() * scale
        if kind < 0.70:  # a fine, served, paid, disclosed and closed
            row.update({"处罚依据": "《食品安全法》第一百二十四条", "罚款金额": f"{rng.randrange(1, 90)},000.00",
                        "审核人": "chen", "审核日期": day(10), "告知日期": day(12),
                        "陈述申辩日期": day(13), "决定人": "wang", "决定日期": day(20), "处理结果": "处罚",
                        "送达日期": day(21), "缴款日期": day(30), "公示日期": day(25),
                        "结案日期": day(31), "结案审批人": "wang"})
        elif kind < 0.85:  # not penalised
            row.update({"处罚依据": "《行政处罚法》第三十三条", "审核人": "chen", "审核日期": day(10),
                        "决定人": "wang", "决定日期": day(12), "处理结果": "不予处罚:minor",
                        "送达日期": day(13),  # a no-penalty decision is served too (S-1)
                        "结案日期": day(14), "结案审批人": "wang"})
        elif kind < 0.90:  # transferred to the police, which opened a case
            row.update({"审核人": "chen", "审核日期": day(10), "决定人": "wang", "决定日期": day(12),
                        "处理结果": "移送司法", "移送机关": "公安机关", "移送日期": day(14),
                        "公安立案日期": day(30), "结案日期": day(31), "结案审批人": "wang"})
        # else: still under investigation
        out.append([row[h] for h in HEADERS])
    return out


def write_csv(path: Path, data: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        writer.writerows(data)


def run_import(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak resident memory (bytes) of the whole process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss * 1024  # Linux reports kilobytes


def baseline(path: Path, csv_path: Path) -> float:
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE cases ({', '.join(f'c{i} TEXT' for i in range(len(HEADERS)))})")
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        with conn:
            conn.executemany(f"INSERT INTO cases VALUES ({', '.join('?' * len(HEADERS))})", reader)
    conn.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, help="keep the file and ledgers here")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="caseledger-bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"cases-{args.rows}.csv"
    write_csv(csv_path, rows(args.rows))
    print(f"{args.rows} rows, {csv_path.stat().st_size / 1e6:.1f} MB: {csv_path}", flush=True)

    plain = folder / "plain.db"
    plain.unlink(missing_ok=True)
    base_s = baseline(plain, csv_path)

    ledger_path = folder / "ledger.db"
    for p in folder.glob("ledger.db*"):
        p.unlink()
    url = f"sqlite:///{ledger_path}"
    staffed(url)
    env = {**os.environ, "CASELEDGER_DB": url, "CASELEDGER_USER": ADMIN}
    env.pop("CASELEDGER_TODAY", None)
    import_s, peak = run_import([*caseledger(), "import", str(csv_path)], env)
    counted = subprocess.run([*caseledger(), "info", "-f", "json"], env=env, capture_output=True,
                             text=True, check=True).stdout

    print(f"\n{'':32} {'seconds':>9} {'rows/s':>10}")
    print(f"{'sqlite3 executemany':32} {base_s:9.2f} {args.rows / base_s:10.0f}")
    print(f"{'caseledger import':32} {import_s:9.2f} {args.rows / import_s:10.0f}")
    print(f"\nimport / executemany time: {import_s / base_s:.0f}x")
    print(f"peak memory of the import process: {peak / 2**20:.0f} MB")
    print(f"ledger after the import: {counted.strip()}")
    if not args.out:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
