"""Applying a declared status transition: state check, role check, save, audit."""

from django.utils.translation import gettext as _
from django_fsm import can_proceed, has_transition_perm

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError, NotPermitted


def transition_apply(
    *, obj, name: str, actor, event: str, fields: tuple[str, ...] = (), **data
) -> None:
    """Run transition `name` on `obj` for `actor`; the caller holds the transaction and lock."""
    method = getattr(obj, name)
    if not can_proceed(method):
        raise DomainError(
            _("This is not possible while the %(object)s is “%(status)s”.")
            % {"object": obj._meta.verbose_name, "status": obj.get_status_display()},
            code="forbidden_transition",
        )
    if not has_transition_perm(method, actor):
        raise NotPermitted(
            _("Your role does not allow this action on this %(object)s.")
            % {"object": obj._meta.verbose_name}
        )
    source = obj.status
    method()
    obj.save(update_fields=["status", "updated_at", *fields])
    audit_record(
        actor=actor, event=event, target=obj, source=source, target_status=obj.status, **data
    )


def transition_with_reason(
    *, obj, name: str, actor, event: str, reason: str, field: str = "cancel_reason"
) -> None:
    """A transition that must say why (cancel, reject): the reason is stored in `field`,
    saved with the status and written to the audit row. The caller has checked that the
    reason is not blank (its message names the object) and holds the lock."""
    setattr(obj, field, reason.strip())
    transition_apply(
        obj=obj, name=name, actor=actor, event=event, fields=(field,), reason=reason.strip()
    )
