"""Back office of payments.

Provider staff (members of a verified organization) manage the slots of their own
offerings and see and cancel the bookings of them; platform admins see everything, and
alone see the payments and the Stripe events, read only, with a retry for open events.
Writes go through the services: slot_create / slot_update, booking_cancel, event_process.
"""

from functools import partial

from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from marketplace.accounts.scope import of_own_organizations
from marketplace.backoffice.core.viewsets import (
    ReadOnlyModelViewSet,
    ReadOnlyPolicy,
    ScopedModelViewSet,
)
from marketplace.backoffice.payments.forms import (
    BookingFilterSet,
    PaymentFilterSet,
    SlotEditForm,
    SlotFilterSet,
    SlotForm,
    StripeEventFilterSet,
    offerings_of,
)
from marketplace.backoffice.payments.views import (
    BookingCancelView,
    BookingInspectView,
    PaymentInspectView,
    SlotIndexView,
    SlotInspectView,
    StripeEventDismissView,
    StripeEventInspectView,
    StripeEventRetryView,
)
from marketplace.payments.models import ATTENTION, Booking, BookingSlot, Payment, StripeEvent
from marketplace.payments.money import yuan_of
from marketplace.payments.services.bookings import slot_create
from marketplace.payments.services.slots import slot_update


class SlotPolicy(ModelPermissionPolicy):
    """Slots are added and changed through their services and never deleted: their
    bookings (and the payments of those) keep pointing at them."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)


register_permission_policy(BookingSlot, SlotPolicy(BookingSlot))
register_permission_policy(Booking, ReadOnlyPolicy(Booking))
register_permission_policy(Payment, ReadOnlyPolicy(Payment))
register_permission_policy(StripeEvent, ReadOnlyPolicy(StripeEvent))


def same_minute(value, initial) -> bool:
    """The form shows times to the minute: a time sent back unchanged has lost its seconds."""
    return initial is not None and value == initial.replace(second=0, microsecond=0)


def yuan_column(name: str, label, **kwargs) -> Column:
    return Column(name, label=label, accessor=lambda row: yuan_of(getattr(row, name)), **kwargs)


class SlotViewSet(ScopedModelViewSet):
    model = BookingSlot
    index_view_class = SlotIndexView
    inspect_view_class = SlotInspectView
    inspect_template_name = "payments/admin/slot_inspect.html"
    list_select_related = ("offering",)
    icon = "date"
    menu_label = _("Booking slots")
    list_display = [
        "offering",
        "starts_at",
        "ends_at",
        "capacity",
        "taken",
        Column("open_places", label=_("Places open")),
    ]
    filterset_class = SlotFilterSet
    inspect_view_fields = ["offering", "starts_at", "ends_at", "capacity", "taken"]

    managed_by = staticmethod(partial(of_own_organizations, via="offering__"))

    def get_form_class(self, for_update=False):
        return SlotEditForm if for_update else SlotForm

    def limit_form_choices(self, form, user):
        form.fields["offering"].queryset = offerings_of(user)

    def save_with_service(self, request, instance, form):
        if instance.pk is None:
            return slot_create(
                actor=request.user,
                offering=instance.offering,
                starts_at=instance.starts_at,
                ends_at=instance.ends_at,
                capacity=instance.capacity,
            )
        moved = {
            name: getattr(instance, name)
            for name in ("starts_at", "ends_at")
            if not same_minute(getattr(instance, name), form.initial.get(name))
        }
        return slot_update(actor=request.user, slot=instance, capacity=instance.capacity, **moved)

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "delete"]


class BookingViewSet(ReadOnlyModelViewSet):
    """Bookings of the organization's slots; cancelled (with a refund) on their own page."""

    model = Booking
    inspect_view_class = BookingInspectView
    inspect_template_name = "payments/admin/booking_inspect.html"
    list_select_related = ("slot__offering", "resident")
    icon = "list-ul"
    menu_label = _("Bookings")
    list_display = [
        "__str__",
        "resident",
        "status",
        yuan_column("amount", _("Amount (yuan)")),
        "created_at",
    ]
    filterset_class = BookingFilterSet
    inspect_view_fields = [
        "slot",
        "resident",
        "status",
        "amount",
        "hold_expires_at",
        "confirmed_at",
        "cancelled_at",
        "cancel_reason",
        "created_at",
    ]

    managed_by = staticmethod(partial(of_own_organizations, via="slot__offering__"))

    @property
    def cancel_view(self):
        return BookingCancelView.as_view(viewset=self)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("cancel/<int:pk>/", self.cancel_view, name="cancel"),
        ]


def paid_for(payment: Payment) -> str:
    if payment.booking_id:
        return gettext("Booking #%(id)s") % {"id": payment.booking_id}
    return gettext("Donation #%(id)s") % {"id": payment.donation_id}


class PaymentViewSet(ReadOnlyModelViewSet):
    """Every payment (platform admins): what it was, how it split, what went back."""

    model = Payment
    inspect_view_class = PaymentInspectView
    inspect_template_name = "payments/admin/payment_inspect.html"
    icon = "tag"
    menu_label = _("Payments")
    list_display = [
        "id",
        Column("paid_for", label=_("For"), accessor=paid_for),
        yuan_column("amount", _("Amount (yuan)")),
        yuan_column("platform_fee", _("Platform fee (yuan)")),
        yuan_column("provider_share", _("Provider's share (yuan)")),
        yuan_column("amount_refunded", _("Refunded (yuan)")),
        "status",
        "checkout_session_id",
        "payment_intent_id",
        "paid_at",
    ]
    filterset_class = PaymentFilterSet
    search_fields = ["checkout_session_id", "payment_intent_id"]
    inspect_view_fields = [
        "booking",
        "donation",
        "amount",
        "platform_fee",
        "provider_share",
        "amount_refunded",
        "currency",
        "status",
        "checkout_session_id",
        "payment_intent_id",
        "paid_at",
        "created_at",
    ]


class StripeEventViewSet(ReadOnlyModelViewSet):
    """Every event Stripe sent (platform admins); the open ones can be processed again."""

    model = StripeEvent
    inspect_view_class = StripeEventInspectView
    inspect_template_name = "payments/admin/event_inspect.html"
    icon = "warning"
    menu_label = _("Stripe events")
    list_display = [
        "type",
        "status",
        Column("note", label=_("Note"), accessor=lambda e: Truncator(e.note).chars(120)),
        Column("attempts", label=_("Attempts"), sort_key="attempts"),
        "received_at",
        "created",
    ]
    filterset_class = StripeEventFilterSet
    search_fields = ["event_id", "type", "object_id", "payment_intent_id"]
    inspect_view_fields = [
        "event_id",
        "type",
        "status",
        "note",
        "attempts",
        "object_id",
        "payment_intent_id",
        "created",
        "received_at",
        "handled_at",
    ]

    @property
    def retry_view(self):
        return StripeEventRetryView.as_view(viewset=self)

    @property
    def dismiss_view(self):
        return StripeEventDismissView.as_view(viewset=self)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("retry/<int:pk>/", self.retry_view, name="retry"),
            path("dismiss/<int:pk>/", self.dismiss_view, name="dismiss"),
        ]


class AttentionMenuItem(MenuItem):
    """ "Events needing attention (n)": the unmatched, refused and failed Stripe events."""

    def is_shown(self, request):
        return request.user.is_superuser

    def render_component(self, request):
        count = StripeEvent.objects.filter(status__in=ATTENTION).count()
        label = gettext("Events needing attention (%(n)s)") % {"n": count}
        url = reverse("stripeevent:index") + "?attention=true"
        return LinkMenuItemComponent(
            self.name, label, url, icon_name=self.icon_name, attrs=self.attrs
        )


class PaymentsGroup(ViewSetGroup):
    menu_label = _("Bookings and payments")
    menu_icon = "tag"
    items = (SlotViewSet, BookingViewSet, PaymentViewSet, StripeEventViewSet)

    def get_submenu_items(self):
        attention = AttentionMenuItem(
            _("Events needing attention"), "", name="payments-attention", icon_name="warning"
        )
        return [*super().get_submenu_items(), attention]


@hooks.register("register_admin_viewset")
def register_payments():
    return PaymentsGroup()
