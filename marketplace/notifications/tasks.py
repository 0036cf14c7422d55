from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django_tasks import task


@task()
def notification_email_task(notification_ids: list[int]) -> int:
    """Email the notifications not emailed yet (safe to run twice)."""
    from marketplace.notifications.models import Notification

    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
    for note in pending.select_related("user"):
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = note.subject, note.body
        if note.url:
            body = f"{body}\n\n{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{note.url}"
        send_mail(subject, body, None, [note.user.email])
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
