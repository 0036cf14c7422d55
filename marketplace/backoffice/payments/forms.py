"""Forms and list filters of the payments back office. They check only that what was
typed is well formed; the rules (places, times, refundable amounts) are the services'."""

from decimal import Decimal

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import BooleanRadioSelect

from marketplace.organizations.models import Offering
from marketplace.organizations.selectors import offerings_managed_by
from marketplace.payments.models import (
    ATTENTION,
    Booking,
    BookingSlot,
    BookingStatus,
    EventStatus,
    Payment,
    PaymentStatus,
    StripeEvent,
)
from marketplace.payments.money import fen_of, yuan_of


def offerings_of(user):
    """The offerings whose slots and bookings this user manages."""
    return offerings_managed_by(user).select_related("organization").order_by("title", "pk")


def _offerings_of_request(request):
    return offerings_of(request.user) if request is not None else Offering.objects.none()


class SlotForm(WagtailAdminModelForm):
    class Meta:
        model = BookingSlot
        fields = ["offering", "starts_at", "ends_at", "capacity"]

    def _get_validation_exclusions(self):
        # The model's checks on these fields (ends after it starts, places above those
        # taken) are made by slot_create / slot_update, with their own messages.
        return super()._get_validation_exclusions() | {"starts_at", "ends_at", "capacity"}


class SlotEditForm(SlotForm):
    """A slot stays with its offering; its places and (while none is taken) its time change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offering"].disabled = True


class BookingCancelForm(forms.Form):
    FULL, PARTIAL, NONE = "full", "partial", "none"

    reason = forms.CharField(
        label=_("Reason for cancelling"),
        help_text=_("Recorded with the booking and sent with the refund."),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    refund = forms.ChoiceField(label=_("Refund"), widget=forms.RadioSelect)
    refund_amount = forms.DecimalField(
        label=_("Amount to refund (yuan)"),
        help_text=_("Only for a partial refund."),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=9,
        decimal_places=2,
    )

    def __init__(self, *args, refundable: int, **kwargs):
        """`refundable`: fen still refundable of the booking's paid payments (0: nothing
        was paid, and there is nothing to choose)."""
        super().__init__(*args, **kwargs)
        if not refundable:
            del self.fields["refund"], self.fields["refund_amount"]
            return
        self.fields["refund"].choices = [
            (
                self.FULL,
                gettext("Refund all that is left: %(yuan)s yuan") % {"yuan": yuan_of(refundable)},
            ),
            (self.PARTIAL, gettext("Refund part of it")),
            (self.NONE, gettext("No refund")),
        ]
        self.fields["refund"].initial = self.FULL

    def clean(self):
        data = super().clean()
        if data.get("refund") == self.PARTIAL and data.get("refund_amount") is None:
            self.add_error("refund_amount", gettext("Enter the amount to refund."))
        return data

    def refund_fen(self) -> int | None:
        """The refund in fen: None for all that is left (or nothing paid), 0 for none."""
        choice = self.cleaned_data.get("refund")
        if choice == self.NONE:
            return 0
        if choice != self.PARTIAL:
            return None
        return fen_of(self.cleaned_data["refund_amount"])


class SlotFilterSet(WagtailFilterSet):
    UPCOMING, PAST = "upcoming", "past"

    period = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_period",
    )
    offering = django_filters.ModelChoiceFilter(
        label=_("Service offering"), queryset=_offerings_of_request
    )

    class Meta:
        model = BookingSlot
        fields = ["period", "offering"]

    def filter_period(self, queryset, name, value):
        now = timezone.now()
        if value == self.UPCOMING:
            return queryset.filter(ends_at__gte=now)
        return queryset.filter(ends_at__lt=now)


class BookingFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=BookingStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    slot_date = django_filters.DateFromToRangeFilter(
        label=_("Date of the slot"), field_name="slot__starts_at", widget=DateRangePickerWidget
    )
    offering = django_filters.ModelChoiceFilter(
        label=_("Service offering"),
        field_name="slot__offering",
        queryset=_offerings_of_request,
    )

    class Meta:
        model = Booking
        fields = ["status", "slot_date", "offering"]


class PaymentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=PaymentStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    paid_at = django_filters.DateFromToRangeFilter(label=_("Paid on"), widget=DateRangePickerWidget)

    class Meta:
        model = Payment
        fields = ["status", "paid_at"]


class StripeEventFilterSet(WagtailFilterSet):
    attention = django_filters.BooleanFilter(
        label=_("Needs attention"),
        help_text=_("Unmatched, refused or failed events."),
        widget=BooleanRadioSelect,
        method="filter_attention",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=EventStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    received_at = django_filters.DateFromToRangeFilter(
        label=_("Received on"), widget=DateRangePickerWidget
    )

    class Meta:
        model = StripeEvent
        fields = ["attention", "status", "received_at"]

    def filter_attention(self, queryset, name, value):
        if value is None:
            return queryset
        attention = queryset.filter(status__in=ATTENTION)
        return attention if value else queryset.exclude(status__in=ATTENTION)
