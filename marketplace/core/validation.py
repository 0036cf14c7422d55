from django.core.exceptions import ValidationError


def validated(instance, *, exclude: list[str] | None = None):
    """full_clean() the instance; a ValidationError carries field-named messages to the form."""
    instance.full_clean(exclude=exclude)
    return instance


def first_error(error: ValidationError) -> str:
    return error.messages[0] if error.messages else str(error)
