import pytest
from django.core.exceptions import ValidationError

from marketplace.accounts.validators import normalize_mobile, validate_id_number
from tests.factories import valid_id_number


@pytest.mark.parametrize(
    "raw", ["13800138000", "138 0013 8000", "+86 138-0013-8000", "008613800138000"]
)
def test_mainland_mobiles_normalize_to_e164(raw):
    assert normalize_mobile(raw) == "+8613800138000"


@pytest.mark.parametrize("raw", ["12800138000", "1380013800", "+1 4155550100", "abc", ""])
def test_other_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalize_mobile(raw)


def test_a_known_valid_id_number_passes():
    validate_id_number("11010519491231002X")  # the standard's own example
    validate_id_number(valid_id_number())


@pytest.mark.parametrize("raw", ["110105194912310021", "11010519491231002", "11010519491231002Y"])
def test_bad_id_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        validate_id_number(raw)
