"""Reading helpers every app's selectors share."""

from django.db.models import QuerySet

from marketplace.core.errors import NotFound


def object_or_not_found(queryset: QuerySet, **lookups):
    """The one object of `queryset` matching `lookups`, or NotFound."""
    try:
        return queryset.get(**lookups)
    except queryset.model.DoesNotExist:
        raise NotFound from None
