from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.generic import ListView

from marketplace.notifications.selectors import notifications_of
from marketplace.notifications.services import notifications_mark_read


class NotificationListView(LoginRequiredMixin, ListView):
    """The signed-in person's notifications, newest first; POST marks them all read."""

    template_name = "notifications/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        return notifications_of(user=self.request.user)

    def post(self, request):
        notifications_mark_read(user=request.user)
        return redirect("notifications:list")
