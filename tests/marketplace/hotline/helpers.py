"""Helpers the hotline tests share: filing through the service, photos, snapshots."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.core.models import AuditEvent
from marketplace.hotline import services
from marketplace.hotline.models import Request, RequestEvent, RequestPhoto
from marketplace.notifications.models import Notification


def file_request(world, category, *, resident=None, **fields):
    fields = {"text": "楼道里堆满了杂物，影响通行。", "place": "杏花路58号2幢", **fields}
    return services.request_file(actor=resident or world["resident"], category=category, **fields)


def photo_file(name="photo.jpg", image_format="JPEG", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def snapshot(resident_request: Request | None = None) -> dict:
    """Everything a refused service must leave as it was."""
    state = {
        "requests": Request.objects.count(),
        "events": RequestEvent.objects.count(),
        "photos": RequestPhoto.objects.count(),
        "audit": AuditEvent.objects.count(),
        "notifications": Notification.objects.count(),
    }
    if resident_request is not None:
        row = Request.objects.filter(pk=resident_request.pk).values().get()
        state["row"] = row
    return state


def hours(n: float) -> datetime.timedelta:
    return datetime.timedelta(hours=n)
