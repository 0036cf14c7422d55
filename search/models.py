"""The embedded search index: one row per document, its filter values beside it.

Used by the database backend (backends/database.py). Full-text matching runs on a
vendor index over `title` and `text` (space-separated tokens from search/text.py): an
FTS5 table on SQLite, a GIN-indexed tsvector on PostgreSQL (migration 0002).
"""

from django.db import models


class Entry(models.Model):
    doc_id = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=20)
    object_id = models.CharField(max_length=32)
    visibility = models.CharField(max_length=12)
    title = models.TextField()
    text = models.TextField()
    display_title = models.CharField(max_length=200)
    summary = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=300, blank=True)
    starts_at = models.DateTimeField(null=True)
    ends_at = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(null=True)
    open_seats = models.IntegerField(null=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    rating = models.FloatField(null=True)
    fingerprint = models.CharField(max_length=16, blank=True)  # backends.base.fingerprint

    class Meta:
        indexes = [
            models.Index(fields=["type", "visibility"]),
            models.Index(fields=["latitude", "longitude"]),
        ]

    def __str__(self):
        return self.doc_id


class EntryTerm(models.Model):
    """One filter value of an entry (category, kind, status, district, street, community…),
    so filters are joins and facets are GROUP BYs."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="terms")
    field = models.CharField(max_length=20)
    value = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["field", "value"])]
        constraints = [
            models.UniqueConstraint(fields=["entry", "field", "value"], name="one_term_per_value")
        ]

    def __str__(self):
        return f"{self.field}={self.value}"


class PendingUpdate(models.Model):
    """An object whose documents did not reach Elasticsearch (it was down or refused):
    retried after the next successful write and by `search_status --fix`; the database
    backend was updated at the time."""

    type = models.CharField(max_length=20)
    object_id = models.CharField(max_length=32)
    queued_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="one_pending_per_object")
        ]

    def __str__(self):
        return f"{self.type}-{self.object_id}"
