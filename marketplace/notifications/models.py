from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.notifications.kinds import render


class Notification(models.Model):
    """A message to one person, shown on the site and sent by email.

    The text is rendered from `kind` and `data` when it is shown, so each reader sees it
    in their own language.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40)
    data = models.JSONField(_("details"), default=dict)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.subject

    @property
    def subject(self) -> str:
        return render(self.kind, self.data)[0]

    @property
    def body(self) -> str:
        return render(self.kind, self.data)[1]
