from django.urls import path

from marketplace.web.bookings import views

app_name = "payments"
urlpatterns = [
    path("", views.MyBookingsView.as_view(), name="mine"),
    path("slots/<int:pk>/book/", views.SlotBookView.as_view(), name="book"),
    path("<int:pk>/", views.BookingDetailView.as_view(), name="detail"),
    path("<int:pk>/pay/", views.BookingPayView.as_view(), name="pay"),
    path("<int:pk>/return/", views.BookingReturnView.as_view(), name="return"),
    path("<int:pk>/status/", views.BookingStatusView.as_view(), name="status"),
    path("<int:pk>/cancel/", views.BookingCancelView.as_view(), name="cancel"),
]
