from django.contrib.contenttypes.models import ContentType
from django.db import models

from marketplace.core.models import AuditEvent


def audit_record(*, actor, event: str, target: models.Model | None = None, **data) -> AuditEvent:
    """Record that `actor` did `event` (a dotted code such as `demands.demand.published`)."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        event=event,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        data=data,
    )
