"""report year (Y-1): steps count in the year of their business date, per domain, with the
previous year beside them; the shape of its JSON, CSV and Markdown follows CLI.md."""

from __future__ import annotations

import pytest

from tests.conftest import open_args
from tests.ids import credit_code
from tests.rules import allows, refuses


def penalty_case(run, n, *, domain="food", filed="2022-11-01", fine="5000", decided="2023-01-10"):  # type: ignore[no-untyped-def]
    assert run(*open_args(credit_code(n), domain=domain, on=filed)).exit_code == 0
    case = run("case", "list", "--party", credit_code(n), "-f", "json").json[0]["short_id"]
    steps = [
        ("propose", "--fine", fine, "--basis", "某法第1条", "--on", filed),
        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen", "--on", filed),
        ("notify", "--on", filed),
        ("statement", "--waived", "--on", filed),
        ("decide", "--by", "wang", "--on", decided),
    ]
    for name, *args in steps:
        result = run("case", name, case, *args)
        assert result.exit_code == 0, (name, result.stderr)
    return case


@pytest.fixture
def year(bureau):  # type: ignore[no-untyped-def]
    penalty_case(bureau, 1, domain="food", filed="2022-11-01", fine="5000", decided="2023-01-10")
    penalty_case(bureau, 2, domain="drug", filed="2023-02-01", fine="1234.56", decided="2023-03-01")
    c3 = penalty_case(bureau, 3, domain="food", filed="2023-04-03", fine="800", decided="2023-05-04")
    assert bureau("case", "revoke", c3, "--reason", "复议撤销", "--on", "2023-06-01").exit_code == 0
    return bureau


@refuses("Y-1")
@allows("Y-1")
def test_counts_fall_in_the_year_of_their_business_date(year):
    report = year("report", "year", "2023", "-f", "json").json
    rows = {r["key"]: r for r in report["rows"]}
    assert rows["food"]["filed"] == 1 and rows["food"]["decided"] == 2  # one filed in 2022
    assert rows["drug"]["filed"] == 1 and rows["drug"]["decided"] == 1
    assert report["total"]["filed"] == 2
    assert report["previous"] == {"year": 2022, "total": {**report["previous"]["total"], "filed": 1,
                                                         "decided": 0, "case_reviews": 1}}


def test_a_revoked_decision_still_counts_with_its_money(year):
    total = year("report", "year", "2023", "-f", "json").json["total"]
    assert total["decided"] == 3
    assert total["fines"] == "7034.56"  # 5000 + 1234.56 + 800, exact
    assert total["confiscations"] == "0.00"


@refuses("Y-1")
def test_reviews_count_cases_not_events(bureau):
    case = penalty_case(bureau, 5, filed="2023-03-01", decided="2023-04-03")
    bureau("case", "propose", case, "--fine", "4000", "--basis", "x", "--on", "2023-04-03")
    rows = bureau("report", "year", "2023", "-f", "json").json["rows"]
    food = next(r for r in rows if r["key"] == "food")
    assert food["case_reviews"] == 1 and food["legal_reviews"] == 0


def test_json_rows_follow_the_vocabulary_with_zero_rows_kept(year):
    report = year("report", "year", "2023", "-f", "json").json
    assert [r["key"] for r in report["rows"]][:4] == ["food", "drug", "medical_device", "cosmetics"]
    assert len(report["rows"]) == 19
    assert set(report) == {"year", "bureau", "by", "rows", "total", "previous", "chain_head",
                           "head"}
    assert report["chain_head"] == year("info", "-f", "json").json["chain_head"]["hash"]
    keys = ["filed", "decided", "no_penalty", "transferred", "police_accepted", "legal_reviews",
            "case_reviews", "discussions", "disclosed", "disclosed_late", "closed", "fines",
            "confiscations"]
    assert list(report["rows"][0]) == ["key", "label", *keys]
    assert list(report["total"]) == keys


def test_csv_has_a_header_a_line_per_domain_and_a_total(year):
    lines = year("report", "year", "2023", "-f", "csv").stdout.strip().splitlines()
    assert lines[0].startswith("key,label,filed,decided,no_penalty")
    assert len(lines) == 1 + 19 + 1
    assert lines[-1].startswith("total,")
    assert lines[1].startswith("food,食品,1,2,")


def test_by_group_and_markdown(year):
    groups = year("report", "year", "2023", "--by", "group", "-f", "json").json["rows"]
    assert groups[0]["key"] == "drug_safety" and groups[0]["decided"] == 3
    md = year("report", "year", "2023", "-f", "markdown").stdout
    assert "| 合计 |" in md and "| 食品 |" in md


def test_table_uses_chinese_labels_and_ends_with_a_total(year, monkeypatch):
    monkeypatch.delenv("CASELEDGER_LANG")  # the default: Chinese
    out = year("report", "year", "2023").stdout
    assert "食品" in out and "合计" in out and "处罚决定" in out


def test_the_tally_reads_whole_at_80_columns(year, monkeypatch):
    """At 80 columns the tally is stacked in several tables, each under 80 columns, every
    column present and no number cut (#14); money with thousands separators."""
    monkeypatch.delenv("CASELEDGER_LANG")
    monkeypatch.setenv("COLUMNS", "80")
    out = year("report", "year", "2023").stdout
    lines = out.splitlines()
    from rich.cells import cell_len

    assert max(cell_len(line) for line in lines) <= 80
    assert "…" not in out
    from caseledger.reports.year import LABELS

    for label in LABELS.values():
        assert label in out, label
    total = year("report", "year", "2023", "-f", "json").json["total"]
    fines = f"{int(total['fines'].split('.')[0]):,}.{total['fines'].split('.')[1]}"
    assert fines in out and "," in fines
    assert out.count("合计") >= 2  # each stacked table ends with the total


def test_by_month(year):
    months = year("report", "year", "2023", "--by", "month", "-f", "json").json["rows"]
    assert [m["decided"] for m in months][:5] == [1, 0, 1, 0, 1]
