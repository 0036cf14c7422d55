"""Who may move a resident's request between statuses.

The allowed source and target statuses are declared on the model's transitions
(models.Request); the role each transition needs is declared here, in one place.

  submit ──accept──▶ accepted ──resolve──▶ resolved ──close──▶ closed
     │ (staff)                  (staff)                (resident or staff)
     ├──reject (staff, with a reason)──▶ rejected
     └──withdraw (the resident)────────▶ withdrawn

Staff are the community staff of the request's community, the staff of the street it
belongs to (where overdue requests escalate), and platform admins.
"""

from marketplace.accounts.scope import scope_of


def is_request_staff(request, user) -> bool:
    """Staff of the request's community or of its street (or a platform admin)."""
    return user.is_authenticated and scope_of(user).oversees_community(request.community)


def is_request_resident(request, user) -> bool:
    """The resident who filed the request."""
    return user.is_authenticated and request.resident_id == user.pk


def is_resident_or_staff(request, user) -> bool:
    return is_request_resident(request, user) or is_request_staff(request, user)
