"""What a resident may attach to a request: a few photos, of a limited size and type."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError

from marketplace.core.errors import DomainError

MAX_PHOTOS = 4
MAX_PHOTO_BYTES = 5 * 1024 * 1024
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def photos_check(photos) -> None:
    """Refuse too many photos, a photo too large, or a file that is not a JPEG, PNG or
    WebP image (judged by its content, not its name)."""
    if len(photos) > MAX_PHOTOS:
        raise DomainError(
            ngettext("Attach at most %(n)s photo.", "Attach at most %(n)s photos.", MAX_PHOTOS)
            % {"n": MAX_PHOTOS},
            field="photos",
        )
    for photo in photos:
        if photo.size > MAX_PHOTO_BYTES:
            raise DomainError(
                _("“%(name)s” is larger than %(mb)s MB.")
                % {"name": photo.name, "mb": MAX_PHOTO_BYTES // (1024 * 1024)},
                field="photos",
            )
        if _image_format(photo) not in ALLOWED_FORMATS:
            raise DomainError(
                _("“%(name)s” is not a JPEG, PNG or WebP photo.") % {"name": photo.name},
                field="photos",
            )


def _image_format(photo) -> str | None:
    try:
        photo.seek(0)
        with Image.open(photo) as image:
            image.verify()
            found = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        found = None
    photo.seek(0)
    return found
