"""Short QR take-away codes: fixed once printed, read back exactly, garbage refused."""

from __future__ import annotations

import pytest

from catalog import LANGUAGES
from catalog.qrlink import (
    CODE_LENGTH,
    QrCodeError,
    ShortCode,
    article_key,
    device_key,
    parse_code,
    short_code,
)


def test_codes_never_change_once_printed() -> None:
    # Pinned: a change here breaks every QR code already shown on a kiosk screen.
    assert short_code("mong-cai-3fa9c1", "zh", "e-visa") == "t1106m2v719y7t"
    assert short_code("test-kiosk-01", "km", "entry-procedure") == "h3sekw49r4ty33"
    assert [short_code("k", lang, "a")[6] for lang in LANGUAGES] == ["0", "1", "2", "3", "4"]


def test_a_code_reads_back_as_its_kiosk_language_and_article() -> None:
    for lang in LANGUAGES:
        code = short_code("lao-bao-2", lang, "visa-exemption-asean-citizens")
        assert len(code) == CODE_LENGTH and code.isalnum() and code == code.lower()
        assert parse_code(code) == ShortCode(
            device_key("lao-bao-2"), lang, article_key("visa-exemption-asean-citizens")
        )


def test_a_code_typed_from_the_screen_is_read_kindly() -> None:
    code = short_code("mong-cai-3fa9c1", "vi", "e-visa")
    assert parse_code(code.upper()) == parse_code(code)
    assert parse_code(code.replace("0", "o").replace("1", "l")) == parse_code(code)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "t1106m2v719y7t0",
        "t1106m2v719y7",
        "t1106m2v719y7!",
        "t1106muv719y7t",
        "t1106mzv719y7t",
    ],
)
def test_anything_else_is_not_a_code(text: str) -> None:
    with pytest.raises(QrCodeError):
        parse_code(text)


def test_a_language_outside_the_catalog_has_no_short_code() -> None:
    with pytest.raises(QrCodeError):
        short_code("mong-cai-1", "fr", "e-visa")
