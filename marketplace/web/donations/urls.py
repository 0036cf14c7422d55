"""Donations to community projects; mounted at /donations/ inside i18n_patterns."""

from django.urls import path

from marketplace.web.donations.views import DonationCreateView, DonationReceiptView

app_name = "donations"

urlpatterns = [
    path("donate/<int:page_id>/", DonationCreateView.as_view(), name="donate"),
    path("receipt/<uuid:receipt_key>/", DonationReceiptView.as_view(), name="receipt"),
]
