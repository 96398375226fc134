"""`caseledger demo` reproduces the 2023 report's figures, through the same rules as the CLI."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_demo_reproduces_the_reports_figures(run, db_url):
    result = run("demo", "--db", db_url, "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = result.json
    rows = {r["key"]: r for r in report["rows"]}
    total = report["total"]
    assert report["year"] == 2023 and report["by"] == "domain"
    assert total["filed"] == 529
    assert rows["food"]["filed"] == 160
    assert sum(rows[k]["filed"] for k in ("drug", "medical_device", "cosmetics")) == 108
    assert rows["special_equipment"]["filed"] == 19
    assert rows["product_quality"]["filed"] == 25
    assert rows["product_quality"]["transferred"] == 2
    assert rows["trademark"]["decided"] == 18 and rows["trademark"]["transferred"] == 1
    assert rows["patent"]["filed"] == 2
    assert total["transferred"] == 9 and total["police_accepted"] == 9
    assert total["legal_reviews"] == 303
    assert total["discussions"] == 303
    assert report["previous"] == {"year": 2022, "total": {**report["previous"]["total"],
                                                         "filed": 0}}
    typical = run("--db", db_url, "case", "list", "--year", "2023", "-f", "json").json
    assert len(typical) == 529
    assert run("--db", db_url, "verify").exit_code == 0
    # The documents of one typical case, all eight, into the scratch folder it names (#15).
    import re
    from pathlib import Path

    found = re.search(r"the 8 documents of (\S+): (.+)$", result.stderr, re.MULTILINE)
    assert found, result.stderr
    files = sorted(Path(found[2].strip()).glob("*.docx"))
    assert len(files) == 8
    assert run("--db", db_url, "doc", "verify", str(files[0])).exit_code == 0
    # The tally the table shows is the same as the JSON, with the 合计 row.
    table = run("--db", db_url, "report", "year", "2023")
    assert "合计" in table.stdout and "食品" in table.stdout and "529" in table.stdout
    # A second demo into the same ledger is refused rather than doubling it.
    again = run("demo", "--db", db_url)
    assert again.exit_code == 2 and "already holds cases" in again.stderr
