import logging

import pytest
from django.core.exceptions import ValidationError

from accounts.demo import make_id_number, make_uscc
from accounts.identity import (
    mask_id_number,
    mask_ids_in_text,
    validate_id_number,
    validate_mobile_phone,
    validate_uscc,
)
from accounts.logging import MaskIdentityNumbersFilter

VALID_ID = "11010519491231002X"  # GB 11643 example number
VALID_USCC = "91350100M000100Y43"  # GB 32100 example code


def test_known_valid_identifiers():
    assert validate_id_number(VALID_ID.lower()) == VALID_ID
    assert validate_uscc(VALID_USCC) == VALID_USCC


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("110105194912310021", "checksum"),
        ("11010519491231002", "length"),
        ("1101051949123100AX", "format"),
        ("110105194913310026", "birth_date"),
    ],
)
def test_invalid_id_numbers_are_rejected_with_a_specific_reason(value, code):
    with pytest.raises(ValidationError) as exc:
        validate_id_number(value)
    assert exc.value.code == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91350100M000100Y44", "checksum"),
        ("91350100M000100Y4", "length"),
        ("91350100M00010OY43", "format"),
    ],
)
def test_invalid_uscc_is_rejected(value, code):
    with pytest.raises(ValidationError) as exc:
        validate_uscc(value)
    assert exc.value.code == code


def test_demo_generators_make_valid_codes():
    assert validate_id_number(make_id_number("31011419850315231"))
    assert validate_uscc(make_uscc("91310114MA1GT3K5X"))


def test_masking():
    assert mask_id_number("330106199001011234") == "3301**********1234"
    assert mask_ids_in_text(f"user {VALID_ID} failed") == "user 1101**********002X failed"
    assert validate_mobile_phone("+86 138-0013-8000") == "13800138000"
    with pytest.raises(ValidationError):
        validate_mobile_phone("12345")


def test_log_filter_masks_id_numbers(caplog):
    logger = logging.getLogger("test.mask")
    logger.addFilter(MaskIdentityNumbersFilter())
    with caplog.at_level(logging.INFO, logger="test.mask"):
        logger.info("lookup for %s", VALID_ID)
    assert VALID_ID not in caplog.text
    assert "1101**********002X" in caplog.text
