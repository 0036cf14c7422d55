"""Writes to request categories: platform admins only."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError
from marketplace.core.services import managed_save
from marketplace.core.validation import first_error
from marketplace.hotline.models import RequestCategory


@transaction.atomic
def category_save(*, actor, category: RequestCategory) -> RequestCategory:
    """Create or change a category; new deadlines apply to requests filed from now on."""
    try:
        return managed_save(
            actor=actor,
            instance=category,
            may_manage=lambda _category: actor.is_superuser,
            refused=_("Only a platform administrator manages request categories."),
            event="hotline.category",
            response_hours=category.response_hours,
            resolution_hours=category.resolution_hours,
            is_active=category.is_active,
        )
    except ValidationError as error:
        raise DomainError(first_error(error)) from None
