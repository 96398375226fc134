"""Values that would break a later step are refused when entered (exit 2, naming the limit)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from caseledger.domain.dates import parse_date
from caseledger.domain.errors import InputError
from caseledger.domain.money import parse_yuan
from caseledger.domain.numbering import (
    CASE_PATTERN,
    DECISION_PATTERN,
    check_fits,
    check_pattern,
    format_number,
)
from caseledger.domain.penalty import build_proposal
from tests.rules import allows, refuses


@pytest.mark.parametrize("text", ["92,233,720,368,547,759", "100000000000.01", "٥٠٠٠", "५०००",
                                  "5٠٠٠"])
def test_money_beyond_the_limit_or_in_other_digits_is_refused(text):
    with pytest.raises(InputError):
        parse_yuan(text, "--fine")


@pytest.mark.parametrize(("text", "yuan"), [("100000000000", "100000000000.00"),
                                            ("５０００", "5000.00"), ("5,000.5", "5000.50")])
def test_money_up_to_the_limit_and_full_width_digits_are_taken(text, yuan):
    assert parse_yuan(text) == Decimal(yuan)


@pytest.mark.parametrize("text", ["0001-01-01", "1989-12-31", "2100-01-01", "9999-12-31",
                                  "٢٠٢٥-٠٣-٠٣"])
def test_dates_outside_1990_to_2099_or_in_other_digits_are_refused(text):
    with pytest.raises(InputError, match="filing date") as caught:
        parse_date(text, "filing date", rule="F-1")
    assert caught.value.rule == "F-1"


def test_dates_inside_the_range_are_taken():
    assert parse_date("1990-01-01", "x") == dt.date(1990, 1, 1)
    assert parse_date("2099-12-31", "x") == dt.date(2099, 12, 31)


@pytest.mark.parametrize("pattern", ["{prefix}立〔{year}〕{n:s}号", "{prefix}〔{year}〕{n:>100000}号",
                                     "{year}{n!r}", "{year:>9}{n}", "{year}{n}" + "号" * 100])
def test_number_patterns_with_formats_are_refused(pattern):
    with pytest.raises(InputError) as caught:
        check_pattern(pattern)
    assert caught.value.rule == "F-3"


def test_zero_padding_of_the_number_is_allowed():
    pattern = check_pattern("{prefix}立〔{year}〕第{n:03d}号")
    assert format_number(pattern, "广区市监", 2026, 7) == "广区市监立〔2026〕第007号"


@pytest.mark.parametrize(("months", "ok"), [(1200, True), (1201, False), (100000, False)])
def test_a_restriction_lasts_at_most_100_years(months, ok):
    def build():
        return build_proposal(warning=False, criticism=False, fine_fen=None, gains_fen=None,
                              property_text=None, sanctions=["business-suspension"],
                              basis="某条", discretion=None, discretion_ref=None, no_penalty=None,
                              citation=None, transfer=None, restriction_months=months)

    if ok:
        assert build().restriction_months == months
    else:
        with pytest.raises(InputError, match="1200"):
            build()


@refuses("F-3")
def test_a_pattern_and_prefix_giving_numbers_past_128_characters_are_refused():
    """A number must fit its 128-character column on every database."""
    with pytest.raises(InputError, match="at most 128"):
        check_fits("{prefix}" + "案" * 80 + "〔{year}〕{n}号", "广" * 64)


@allows("F-3")
def test_the_default_patterns_fit_with_the_longest_prefix():
    for pattern in (CASE_PATTERN, DECISION_PATTERN):
        check_fits(pattern, "广" * 64)
