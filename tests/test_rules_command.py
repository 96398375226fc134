"""`caseledger rules [ID]` (CLI.md "Rules lookup"): read from the package, no ledger needed."""

from __future__ import annotations

import pytest

from caseledger.domain.rules import RULES


def test_the_list_names_every_rule_with_its_chinese_title(run):
    result = run("rules", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in result.json] == [r.id for r in RULES]
    first = result.json[0]
    assert first["title"] == RULES[0].title and first["title_zh"].startswith("工作日")


def test_the_table_fits_80_columns(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("rules")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "R-1" in result.stdout and "编号" in result.stdout


@pytest.mark.parametrize("typed", ["R-1", "r-1", "R1", "Ｒ－１"])
def test_one_rule_prints_its_text_in_chinese_then_english(run, typed):
    result = run("rules", typed)
    assert result.exit_code == 0, result.stderr
    chinese, english = result.stdout.index("法制审核"), result.stdout.index("No case is decided")
    assert chinese < english
    assert "《行政处罚法》第五十八条" in result.stdout.replace("\n", "")


def test_an_unknown_rule_exits_3_naming_the_list(run):
    result = run("rules", "Z-9")
    assert result.exit_code == 3 and "caseledger rules" in result.stderr, result.stderr


def test_it_needs_no_ledger(sh, tmp_path):
    """The installed command, pointed at a ledger that does not exist."""
    result = sh("--db", str(tmp_path / "nowhere.db"), "rules", "G-3")
    assert result.exit_code == 0, result.stderr
    assert "511602********0017" in result.stdout
    assert not (tmp_path / "nowhere.db").exists()
