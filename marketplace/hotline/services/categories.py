"""Writes to request categories: platform admins only."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted
from marketplace.core.validation import first_error, validated
from marketplace.hotline.models import RequestCategory


@transaction.atomic
def category_save(*, actor, category: RequestCategory) -> RequestCategory:
    """Create or change a category; new deadlines apply to requests filed from now on."""
    if not actor.is_superuser:
        raise NotPermitted(_("Only a platform administrator manages request categories."))
    created = category.pk is None
    try:
        validated(category)
    except ValidationError as error:
        raise DomainError(first_error(error)) from None
    category.save()
    audit_record(
        actor=actor,
        event="hotline.category.created" if created else "hotline.category.updated",
        target=category,
        response_hours=category.response_hours,
        resolution_hours=category.resolution_hours,
        is_active=category.is_active,
    )
    return category
