import pytest
from django.core.exceptions import ValidationError

from marketplace.organizations.validators import validate_credit_code
from tests.factories import valid_credit_code

# Published codes of real organizations (their public registration records).
KNOWN_VALID = ["91350100M000100Y43", "91110108551385082Q", "53100000500021676K"]


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_real_codes_pass(code):
    validate_credit_code(code)


def test_generated_codes_pass():
    for serial in range(50):
        validate_credit_code(valid_credit_code(serial))


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("91350100M000100Y44", "check character"),
        ("91350100M000100Y4", "18 characters"),
        ("91350100M000100YI3", "cannot contain"),
    ],
)
def test_bad_codes_say_what_is_wrong(code, fragment):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    from django.utils import translation

    with translation.override("en"):
        assert fragment in " ".join(str(m) for m in error.value.messages)
