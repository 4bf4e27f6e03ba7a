"""The privacy scrubber: what a traveller typed into search, made safe to keep."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kiosk.usage_privacy import MAX_QUERY_CHARS, clean_query


def test_passport_number_is_removed() -> None:
    assert clean_query("passport B1234567 lost") == "passport lost"


def test_machine_readable_zone_lines_are_removed() -> None:
    assert clean_query("P<VNMNGUYEN<<VAN<A") == ""
    assert clean_query("C12345678VNM8001014M2501017<<<<<<<<<<<<<<02") == ""
    assert clean_query("PVNMNGUYENVANANHXYZ") == ""  # typed without the fillers


def test_phone_numbers_are_removed() -> None:
    assert clean_query("+84 912 345 678") == ""
    assert clean_query("call (028) 3829-1234 taxi") == "call taxi"


def test_email_addresses_are_removed() -> None:
    assert clean_query("contact nguyen.van.a@example.com please") == "contact please"


def test_digit_runs_in_any_script_are_removed() -> None:
    assert clean_query("visa 15 days") == "visa days"
    assert clean_query("签证15天") == "签证 天"
    assert clean_query("ទិដ្ឋាការ ១២៣៤") == "ទិដ្ឋាការ"  # Khmer digits
    assert clean_query("ວີຊາ ໑໒໓") == "ວີຊາ"  # Lao digits
    assert clean_query("０９１２３４５６７８") == ""  # full-width digits


def test_query_is_folded_squeezed_and_cut_short() -> None:
    assert clean_query("  Thủ Tục   HẢI QUAN ") == "thủ tục hải quan"
    assert len(clean_query("customs " * 40)) <= MAX_QUERY_CHARS


def test_anything_but_text_becomes_empty() -> None:
    assert clean_query(None) == ""
    assert clean_query(12345678) == ""
    assert clean_query(b"B1234567") == ""


@given(st.text(max_size=200))
def test_no_digit_at_sign_or_filler_survives(text: str) -> None:
    cleaned = clean_query(text)
    assert not re.search(r"\d", cleaned)
    assert "@" not in cleaned and "<" not in cleaned
    assert len(cleaned) <= MAX_QUERY_CHARS
