"""Donations (慈善捐赠) to a community project page, and what the project page shows.

A donation is made `pending` here; it is paid through donation_checkout and becomes
`received` only on Stripe's signed webhook (services/events.py), never on the browser's
return. The page a donation is for is any Wagtail page that says it `accepts_donations`
(cms.ProjectPage: live and open), so this app does not import the CMS.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError
from marketplace.payments import gateway
from marketplace.payments.models import Donation, DonationStatus, Payment, PaymentStatus
from marketplace.payments.money import FEN_PER_YUAN, MIN_CHARGE
from marketplace.payments.services.checkout import SESSION_LIFETIME

MIN_DONATION = MIN_CHARGE  # fen
MAX_DONATION = 50_000 * FEN_PER_YUAN  # fen: larger gifts go through the community office
NAME_MAX = Donation._meta.get_field("donor_name").max_length
MESSAGE_MAX = Donation._meta.get_field("message").max_length


@transaction.atomic
def donation_create(
    *,
    actor,
    project: Page,
    amount_fen: int,
    donor_name: str = "",
    anonymous: bool = False,
    message: str = "",
) -> Donation:
    """A pending donation of `amount_fen` to an open project page, by a visitor (signed in
    or not). Shown publicly as "Anonymous donor" when `anonymous`; the record still keeps
    the signed-in donor and the name given."""
    if not gateway.enabled():
        raise gateway.PaymentsOff()
    page = _open_project(project)
    _check_amount(amount_fen)
    signed_in = actor is not None and actor.is_authenticated
    name = (donor_name or "").strip() or (actor.name.strip() if signed_in else "")
    if not name and not anonymous:
        raise DomainError(
            _("Give the name to show with your donation, or donate anonymously."),
            field="donor_name",
        )
    if len(name) > NAME_MAX:
        raise DomainError(
            _("A name has at most %(n)s characters.") % {"n": NAME_MAX}, field="donor_name"
        )
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise DomainError(
            _("A message has at most %(n)s characters.") % {"n": MESSAGE_MAX}, field="message"
        )
    donation = Donation.objects.create(
        project=page,
        donor=actor if signed_in else None,
        donor_name=name,
        anonymous=bool(anonymous),
        message=message,
        amount=amount_fen,
    )
    audit_record(actor=actor, event="payments.donation.created", target=donation, amount=amount_fen)
    return donation


def _open_project(project) -> Page:
    page = Page.objects.filter(pk=getattr(project, "pk", None)).first()
    page = page.specific if page is not None else None
    if page is None or not getattr(page, "accepts_donations", False):
        raise DomainError(_("This project is not taking donations."), code="project_closed")
    return page


def _check_amount(amount_fen) -> None:
    if not isinstance(amount_fen, int) or not MIN_DONATION <= amount_fen <= MAX_DONATION:
        raise DomainError(
            _("A donation is between %(low)s and %(high)s yuan.")
            % {"low": MIN_DONATION // FEN_PER_YUAN, "high": f"{MAX_DONATION // FEN_PER_YUAN:,}"},
            field="amount",
        )


def donation_expire_unpaid(*, now=None) -> int:
    """Mark pending donations whose every session has run out (or was never made) as not
    paid; how many. A payment that still lands receives it all the same."""
    now = now or timezone.now()
    live = Payment.objects.filter(
        donation=OuterRef("pk"), status=PaymentStatus.OPEN, session_expires_at__gt=now
    )
    stale = Donation.objects.filter(
        status=DonationStatus.PENDING, created_at__lt=now - SESSION_LIFETIME
    ).exclude(Exists(live))
    return stale.update(status=DonationStatus.EXPIRED, updated_at=now)
