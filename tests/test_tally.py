"""The year tally's read model (`case_tally`, issue #13): every step keeps it in its own
transaction, `report year` reads only it, `verify` re-derives it from the events, and the
migration that introduced it builds it for an older ledger."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from tests.conftest import open_args
from tests.ids import credit_code
from tests.rules import allows, refuses
from tests.test_report_year import penalty_case


def _reviewed_in_two_months(run, n: int) -> str:  # type: ignore[no-untyped-def]
    """A food case reviewed in March (sent back to correct) and again in April, decided then."""
    assert run(*open_args(credit_code(n), on="2023-03-01")).exit_code == 0
    case = f"2023-{n}"
    for name, *args in (("propose", "--fine", "3000", "--basis", "某法第1条", "--on", "2023-03-01"),
                        ("review", "--outcome", "correct", "--opinion", "补充证据", "--reviewer",
                         "chen", "--on", "2023-03-02"),
                        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen",
                         "--on", "2023-04-03"),
                        ("notify", "--on", "2023-04-03"), ("statement", "--waived", "--on",
                                                           "2023-04-04"),
                        ("decide", "--by", "wang", "--on", "2023-04-10")):
        result = run("case", name, case, *args)
        assert result.exit_code == 0, (name, result.stderr)
    return case


def _sql(db_url: str, statement: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()


def _reports(run, year: str = "2023") -> list[dict]:  # type: ignore[no-untyped-def]
    return [run("report", "year", year, "--by", by, "-f", "json").json["rows"]
            for by in ("domain", "month", "source", "campaign", "group")]


@allows("Y-1")
def test_a_case_reviewed_in_two_months_counts_once_a_year_and_once_a_month(bureau):
    twice = _reviewed_in_two_months(bureau, 1)
    case = penalty_case(bureau, 8, filed="2023-03-01", decided="2023-03-20")
    assert bureau("case", "revoke", case, "--reason", "复议撤销", "--on", "2023-05-02").exit_code == 0
    assert bureau("case", "tag", twice, "--campaign", "铁拳", "--on", "2023-04-28").exit_code == 0
    months = {r["key"]: r for r in bureau("report", "year", "2023", "--by", "month", "-f",
                                         "json").json["rows"]}
    assert (months[3]["case_reviews"], months[3]["filed"], months[3]["decided"]) == (2, 2, 1)
    assert (months[4]["case_reviews"], months[4]["decided"], months[4]["fines"]) == (
        1, 1, "3000.00")
    campaigns = bureau("report", "year", "2023", "--by", "campaign", "-f", "json").json["rows"]
    assert [(r["key"], r["filed"], r["case_reviews"]) for r in campaigns] == [
        ("铁拳", 1, 1), (None, 1, 1)]
    total = bureau("report", "year", "2023", "-f", "json").json["total"]
    assert (total["case_reviews"], total["decided"], total["fines"]) == (2, 2, "8000.00")
    assert bureau("verify").exit_code == 0


@allows("Y-1")
def test_a_corrected_source_moves_the_cases_counts(bureau):
    case = penalty_case(bureau, 10, filed="2023-03-01", decided="2023-03-20")
    before = {r["key"]: r["filed"] for r in bureau("report", "year", "2023", "--by", "source",
                                                    "-f", "json").json["rows"]}
    assert bureau("case", "correct", case, "--field", "source", "--value", "complaint",
                  "--reason", "来源登记错误").exit_code == 0
    after = {r["key"]: r["filed"] for r in bureau("report", "year", "2023", "--by", "source",
                                                   "-f", "json").json["rows"]}
    assert after["complaint"] == before["complaint"] + 1
    assert sum(after.values()) == sum(before.values())
    assert bureau("verify").exit_code == 0


@refuses("Y-1")
def test_an_edited_tally_row_fails_verify(bureau, db_url):
    penalty_case(bureau, 11, filed="2023-03-01", decided="2023-03-20")
    _sql(db_url, "UPDATE case_tally SET events = events + 1 WHERE fact = 'decided'")
    result = bureau("verify")
    assert result.exit_code == 4
    assert "decided tally for 2023-03 is domain='food'" in result.stderr, result.stderr
    assert "events=2" in result.stderr


@refuses("Y-1")
def test_a_tally_row_for_nothing_recorded_fails_verify(bureau, db_url):
    penalty_case(bureau, 12, filed="2023-03-01", decided="2023-03-20")
    _sql(db_url, "INSERT INTO case_tally (year, case_id, fact, month, domain, source, campaign, "
                 "events, once, fine_fen, gains_fen) SELECT 2023, id, 'closed', 3, domain, source, "
                 "campaign, 1, 1, 0, 0 FROM cases")
    result = bureau("verify")
    assert result.exit_code == 4 and "closed tally for 2023-03 is" in result.stderr, result.stderr
    assert "the events give missing" in result.stderr


def test_upgrading_a_ledger_from_before_the_tally_builds_it(bureau, db_url):
    from caseledger.store import migrate
    from caseledger.store.db import engine_for

    for n, (filed, decided) in enumerate((("2022-11-01", "2023-01-10"),
                                          ("2023-02-01", "2023-03-01"),
                                          ("2023-06-01", "2023-06-20")), start=20):
        case = penalty_case(bureau, n, filed=filed, decided=decided)
    assert bureau("case", "tag", case, "--campaign", "双随机", "--on", "2023-06-20").exit_code == 0
    reports = _reports(bureau)
    migrate.downgrade(db_url, "0005")
    engine_for(db_url).dispose()
    assert bureau("report", "year", "2023").exit_code == 5  # the schema is behind the program
    assert bureau("db", "upgrade").exit_code == 0
    assert _reports(bureau) == reports
    assert bureau("verify").exit_code == 0


@refuses("Y-1")
def test_an_edited_total_fails_verify(bureau, db_url):
    penalty_case(bureau, 13, filed="2023-03-01", decided="2023-03-20")
    _sql(db_url, "UPDATE tally_total SET cases = cases + 1 WHERE fact = 'filed'")
    result = bureau("verify")
    assert result.exit_code == 4 and "the filed total for 2023-03, food" in result.stderr, \
        result.stderr
    assert "in the totals table but the per-case tally sums to events=1" in result.stderr


@allows("Y-1")
def test_the_report_reads_the_totals_not_the_cases(bureau, db_url):
    """The totals are what the report shows: a figure edited there shows (and fails verify)."""
    penalty_case(bureau, 14, filed="2023-03-01", decided="2023-03-20")
    _sql(db_url, "UPDATE tally_total SET events = 41 WHERE fact = 'filed'")
    assert bureau("report", "year", "2023", "-f", "json").json["total"]["filed"] == 41
    assert bureau("verify").exit_code == 4


@allows("Y-1")
def test_a_campaign_corrected_twice_leaves_no_empty_rows(bureau):
    assert bureau(*open_args(credit_code(30), on="2023-03-01")).exit_code == 0
    for name in ("A", "B"):
        assert bureau("case", "correct", "2023-1", "--field", "campaign", "--value", name,
                      "--reason", "更正").exit_code == 0
    rows = bureau("report", "year", "2023", "--by", "campaign", "-f", "json").json["rows"]
    assert [(r["key"], r["filed"]) for r in rows] == [("B", 1)]
    assert bureau("verify").exit_code == 0
