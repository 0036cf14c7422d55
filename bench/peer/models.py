"""The corpus as Wagtail-indexed models: title and text as SearchFields (title weighted like
ours), every filter of search/backends/base.py as a FilterField, and coordinates as
FilterFields (Wagtail has no geo: a bounding box is what it can express).

RawDocument holds the text as written (Chinese without spaces): Wagtail's normal use.
SegmentedDocument holds search/text.py's jieba tokens instead, so Wagtail matches Chinese
words the way our backends do and does comparable work per query.
"""

from django.db import models
from wagtail.search import index


class PeerDocument(index.Indexed, models.Model):
    doc_id = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=20)
    title = models.TextField()
    text = models.TextField()
    category = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, blank=True)
    district = models.CharField(max_length=20, blank=True)
    street = models.CharField(max_length=20, blank=True)
    community = models.CharField(max_length=20, blank=True)
    starts_at = models.DateTimeField(null=True)
    open_seats = models.IntegerField(null=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    rating = models.FloatField(null=True)

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("text"),
        *[
            index.FilterField(name)
            for name in (
                "type",
                "category",
                "kind",
                "status",
                "district",
                "street",
                "community",
                "starts_at",
                "open_seats",
                "latitude",
                "longitude",
            )
        ],
    ]

    class Meta:
        abstract = True

    def __str__(self):
        return self.doc_id


class RawDocument(PeerDocument):
    """The text as written."""


class SegmentedDocument(PeerDocument):
    """The text as search/text.py segments it."""
