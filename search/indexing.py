"""Keeping the index in step with the database, off the request path.

A save or delete of a searchable object (or of something its document is made from: a
shift of a task, an offering's organization) queues a task for after the commit that
rebuilds those documents from the database — so a task always sees committed data, and
nothing is sent for a transaction that rolls back. The task takes (type, ids), the way
Wagtail's search sends (app, model, pk).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django_tasks import task

from marketplace.accounts.models import SocialWorkerProfile
from marketplace.organizations.models import Offering
from marketplace.reviews.registry import ProviderType

from . import backends
from .documents.base import doc_id
from .documents.context import BuildContext
from .models import PendingUpdate
from .registry import TYPES, types_for_model

log = logging.getLogger("linli.search")
PENDING_BATCH = 500  # waiting objects sent after each successful write

# Objects whose documents are built from another object: model label → [(type, how to
# find the objects)]. A review changes its provider's rating, which documents carry.
RELATED = {
    "volunteering.shift": [("task", lambda shift: [shift.task_id])],
    "organizations.offering": [
        ("organization", lambda offering: [offering.organization_id]),
    ],
    "organizations.organization": [
        ("offering", lambda org: list(org.offerings.values_list("pk", flat=True))),
    ],
    "reviews.review": [
        ("organization", lambda review: _rated_organization(review)),
        (
            "offering",
            lambda review: list(
                Offering.objects.filter(
                    organization_id__in=_rated_organization(review)
                ).values_list("pk", flat=True)
            ),
        ),
        (
            "socialworker",
            lambda review: list(
                SocialWorkerProfile.objects.filter(
                    user_id=review.provider_id
                    if review.provider_type == ProviderType.PERSON
                    else None
                ).values_list("pk", flat=True)
            ),
        ),
    ],
}


def _rated_organization(review) -> list[int]:
    return [review.provider_id] if review.provider_type == ProviderType.ORGANIZATION else []


def _queue(type_key: str, pks) -> None:
    """Reindex these objects once the transaction commits; never if it rolls back."""
    pks = sorted({pk for pk in pks if pk is not None})
    if pks:
        transaction.on_commit(
            lambda: index_objects_task.enqueue(type_key, pks),
            robust=True,  # a failing index update never fails the write itself
        )


def _changed(sender, instance, **kwargs) -> None:
    for search_type in types_for_model(sender):
        _queue(search_type.key, [instance.pk])
    for type_key, find in RELATED.get(sender._meta.label_lower, ()):
        _queue(type_key, find(instance))


def connect() -> None:
    """Listen to every model a document is built from (called from SearchConfig.ready)."""
    if not settings.SEARCH_INDEX_ON_SAVE:
        return
    from django.apps import apps

    models = {t.model_class() for t in TYPES.values()}
    models |= {apps.get_model(label) for label in RELATED}
    for model in models:
        post_save.connect(_changed, sender=model, dispatch_uid=f"search-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"search-del-{model._meta.label}")
    _connect_pages()


def _page_changed(sender, instance, **kwargs) -> None:
    _queue("page", [instance.pk])


def _connect_pages() -> None:
    """Every page model (a save of a live page, publishing, unpublishing, deleting)."""
    from wagtail.models import get_page_models
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    for model in get_page_models():
        label = model._meta.label
        post_save.connect(_page_changed, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(_page_changed, sender=model, dispatch_uid=f"search-del-{label}")


def build(type_key: str, pks) -> tuple[list, list[str]]:
    """The documents of these objects, and the ids of those no longer searchable."""
    search_type = TYPES[type_key]
    objects = {obj.pk: obj for obj in search_type.queryset().filter(pk__in=pks)}
    documents, gone, context = [], [], BuildContext()
    for pk in pks:
        obj = objects.get(pk)
        document = search_type.build(obj, context) if obj is not None else None
        if document is None:
            gone.append(doc_id(type_key, pk))
        else:
            documents.append(document)
    return documents, gone


def index_objects(type_key: str, pks) -> dict:
    """Rebuild these objects' documents in the database backend, then in Elasticsearch
    (when configured). Should Elasticsearch fail, the objects wait in PendingUpdate and
    the write that caused this still stands; after a write that works, what waits is
    sent too."""
    documents, gone = build(type_key, pks)
    local = backends.database_backend()
    result = {"indexed": local.index(documents), "removed": local.delete(gone), "pending": 0}
    remote = backends.elasticsearch_backend()
    if remote is None:
        return result
    from .backends.elasticsearch import OUTAGE, UNAVAILABLE

    if OUTAGE.active():
        _hold(type_key, pks, "Elasticsearch failed moments ago")
        result["pending"] = len(pks)
        return result
    try:
        remote.index(documents, refresh=False)
        remote.delete(gone, refresh=False)
    except UNAVAILABLE as error:
        OUTAGE.record()
        log.warning("search: Elasticsearch did not take %s %s (%s); queued", type_key, pks, error)
        _hold(type_key, pks, error)
        result["pending"] = len(pks)
        return result
    PendingUpdate.objects.filter(type=type_key, object_id__in=[str(pk) for pk in pks]).delete()
    result["pending"] = flush_pending(limit=PENDING_BATCH)
    return result


def _hold(type_key: str, pks, error) -> None:
    for pk in pks:
        held, created = PendingUpdate.objects.get_or_create(
            type=type_key, object_id=str(pk), defaults={"last_error": str(error)[:500]}
        )
        if not created:
            PendingUpdate.objects.filter(pk=held.pk).update(
                attempts=F("attempts") + 1, last_error=str(error)[:500]
            )


def flush_pending(limit: int | None = None) -> int:
    """Send what waits for Elasticsearch, oldest first; how many still wait."""
    remote = backends.elasticsearch_backend()
    if remote is None:
        return 0
    from .backends.elasticsearch import UNAVAILABLE

    waiting = PendingUpdate.objects.order_by("queued_at", "pk")
    rows = list(waiting[:limit] if limit else waiting)
    by_type: dict[str, list[PendingUpdate]] = {}
    for row in rows:
        by_type.setdefault(row.type, []).append(row)
    for type_key, held in by_type.items():
        if type_key not in TYPES:
            PendingUpdate.objects.filter(pk__in=[r.pk for r in held]).delete()
            continue
        documents, gone = build(type_key, [int(r.object_id) for r in held])
        try:
            remote.index(documents, refresh=False)
            remote.delete(gone, refresh=False)
        except UNAVAILABLE as error:
            log.warning("search: Elasticsearch still unavailable (%s)", error)
            PendingUpdate.objects.filter(pk__in=[r.pk for r in held]).update(
                attempts=F("attempts") + 1, last_error=str(error)[:500]
            )
            break
        # Keep a row queued again meanwhile (its attempts moved on): it may be newer.
        read = {r.pk: r.attempts for r in held}
        now = PendingUpdate.objects.filter(pk__in=read).values_list("pk", "attempts")
        PendingUpdate.objects.filter(pk__in=[pk for pk, n in now if read[pk] == n]).delete()
    return PendingUpdate.objects.count()


@task()
def index_objects_task(type_key: str, pks: list[int]) -> dict:
    """The background task behind every change (see _queue)."""
    return index_objects(type_key, pks)
