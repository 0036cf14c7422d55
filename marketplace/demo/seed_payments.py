"""Seeds bookable time: every offering of a verified provider gets slots over the next two
weeks, and residents (the demo resident among them) hold confirmed bookings of the free
ones. Paid bookings are left to the visitor: without Stripe keys they are off."""

from datetime import time, timedelta

from django.utils import timezone

from marketplace.accounts.models import ResidentProfile
from marketplace.demo.seed import Ctx
from marketplace.organizations.models import Offering, provider_q
from marketplace.payments.models import Booking, BookingSlot, BookingStatus

SLOTS_PER_OFFERING = 3
STARTS = (time(9, 0), time(14, 0), time(18, 30))


def bookable_offerings():
    return Offering.objects.filter(provider_q("organization__"), is_active=True).order_by("pk")


def seed_payments(ctx: Ctx) -> None:
    ctx.stage("booking slots")
    residents = list(ResidentProfile.objects.order_by("pk").values_list("user_id", flat=True))
    demo = ctx.demo_users["resident"].pk
    demo_booked = False
    for offering in bookable_offerings():
        for n in range(SLOTS_PER_OFFERING):
            day = ctx.anchor + timedelta(days=ctx.rng.randint(2 + 4 * n, 5 + 4 * n))
            starts = timezone.make_aware(
                timezone.datetime.combine(day.date(), ctx.rng.choice(STARTS))
            )
            slot = ctx.save(
                BookingSlot(
                    offering=offering,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    capacity=ctx.rng.randint(1, 4),
                )
            )
            if offering.price is None:
                demo_booked = _book_free(ctx, slot, residents, demo, demo_booked)


def _book_free(ctx: Ctx, slot: BookingSlot, residents, demo: int, demo_booked: bool) -> bool:
    """A free slot's places, some taken; the demo resident books the first one offered."""
    people = ctx.rng.sample(residents, ctx.rng.randint(0, slot.capacity - 1))
    if not demo_booked:
        people = [demo, *[p for p in people if p != demo]][: slot.capacity]
    for person in people:
        ctx.save(
            Booking(
                slot=slot,
                resident_id=person,
                status=BookingStatus.CONFIRMED,
                amount=0,
                confirmed_at=ctx.anchor - timedelta(days=1),
            ),
            tick=False,
        )
    BookingSlot.objects.filter(pk=slot.pk).update(taken=len(people))
    return demo_booked or demo in people


def planned_slots() -> int:
    """For the progress bar: organizations' offerings are seeded before this runs, so the
    count comes from the demo data."""
    from marketplace.demo.data_orgs import ORGANIZATIONS

    return SLOTS_PER_OFFERING * sum(
        len(org["offerings"])
        for org in ORGANIZATIONS
        if org.get("status", "verified") == "verified" and org.get("type") != "purchaser"
    )
