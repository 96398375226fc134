"""F-2 identifiers as pure functions, with hypothesis: every valid code passes, every single
mistyped character is caught, and full-width or lower-case spellings normalise to the same code."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseledger.domain.errors import InputError
from caseledger.domain.identifiers import (
    PartyKind,
    check_party_id,
    mask_resident_id,
    normalise,
)
from tests.ids import credit_code, full_width, resident_id

TODAY = dt.date(2026, 11, 25)
births = st.dates(min_value=dt.date(1920, 1, 1), max_value=TODAY)
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@given(st.integers(min_value=0, max_value=31**9 - 1))
def test_every_generated_credit_code_passes(n):
    code = credit_code(n)
    assert check_party_id(PartyKind.ORG, code, today=TODAY).value == code
    assert check_party_id(PartyKind.ORG, full_width(code), today=TODAY).value == code


@given(st.integers(min_value=0, max_value=31**9 - 1), st.integers(0, 17),
       st.sampled_from(USCC_CHARS))
def test_one_mistyped_character_in_a_credit_code_is_caught(n, position, char):
    code = credit_code(n)
    typo = code[:position] + char + code[position + 1:]
    if typo == code:
        return
    with pytest.raises(InputError) as caught:
        check_party_id(PartyKind.ORG, typo, today=TODAY)
    assert caught.value.rule == "F-2"


@given(births, st.integers(0, 999))
def test_every_generated_resident_id_passes(born, n):
    pid = resident_id(n, born=born)
    assert check_party_id(PartyKind.PERSON, pid.lower(), today=TODAY).value == pid


@given(births, st.integers(0, 999), st.integers(0, 16), st.sampled_from("0123456789"))
def test_one_mistyped_digit_in_a_resident_id_is_caught(born, n, position, digit):
    pid = resident_id(n, born=born)
    typo = pid[:position] + digit + pid[position + 1:]
    if typo == pid:
        return
    with pytest.raises(InputError) as caught:
        check_party_id(PartyKind.PERSON, typo, today=TODAY)
    assert caught.value.rule == "F-2"


@pytest.mark.parametrize("stem", ["51160219900229001", "51160220230231001", "51160219901301001"])
def test_impossible_birth_dates_are_refused(stem):
    from stdnum.cn import ric

    with pytest.raises(InputError, match="impossible birth date"):
        check_party_id(PartyKind.PERSON, stem + ric.calc_check_digit(stem + "0"), today=TODAY)


def test_leap_day_birth_date_is_real():
    pid = resident_id(5, born=dt.date(1992, 2, 29))
    assert check_party_id(PartyKind.PERSON, pid, today=TODAY).value == pid


def test_normalise_folds_width_case_spaces_and_hyphens():
    assert normalise(" ９１５１-１６０２ ｍａ ") == "91511602MA"


def test_mask_keeps_the_first_six_and_last_four():
    assert mask_resident_id("511602199001010017") == "511602********0017"
