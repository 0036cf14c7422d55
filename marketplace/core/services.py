"""Write helpers every app's services share."""

from collections.abc import Callable
from typing import TypeVar

from django.db import models

from marketplace.core.audit import audit_record
from marketplace.core.errors import NotPermitted
from marketplace.core.validation import validated

M = TypeVar("M", bound=models.Model)


def managed_save(
    *,
    actor,
    instance: M,
    may_manage: Callable[[M], bool],
    refused: str,
    event: str,
    check: Callable[[], None] | None = None,
    **audit_data,
) -> M:
    """Create or change `instance` as an edit form sent it. The actor must manage it as
    sent and, for a change, as stored (the row locked: nobody moves a record out of
    another's reach and saves it in one go); then `check()`, full_clean, save, and an
    audit row `<event>.created` or `<event>.updated`. Call it inside the service's
    transaction."""
    if not may_manage(instance):
        raise NotPermitted(refused)
    created = instance.pk is None
    if not created:
        stored = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        if not may_manage(stored):
            raise NotPermitted(refused)
    if check is not None:
        check()
    validated(instance)
    instance.save()
    audit_record(
        actor=actor,
        event=f"{event}.{'created' if created else 'updated'}",
        target=instance,
        **audit_data,
    )
    return instance
