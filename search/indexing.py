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
from marketplace.demands.models import Demand
from marketplace.organizations.models import Offering
from marketplace.reviews.registry import ProviderType
from marketplace.volunteering.models import Task

from . import backends
from .documents.base import doc_id
from .documents.context import BuildContext
from .models import PendingUpdate
from .registry import TYPES, types_for_model

log = logging.getLogger("linli.search")
PENDING_BATCH = 500  # waiting objects sent per batch by search_retry
MAX_ATTEMPTS = 20  # an update refused this often is left for staff to look at

# Objects whose documents are built from another object: model label → a function of
# the changed object giving [(type, pks)] of the documents to rebuild.
RELATED = {
    "volunteering.shift": lambda shift: [("task", [shift.task_id])],
    "organizations.offering": lambda offering: [("organization", [offering.organization_id])],
    "organizations.organization": lambda org: [
        ("offering", list(org.offerings.values_list("pk", flat=True)))
    ],
    "reviews.review": lambda review: _rated_documents(review),
    "accounts.user": lambda user: [
        (
            "socialworker",
            list(SocialWorkerProfile.objects.filter(user=user).values_list("pk", flat=True)),
        )
    ],
    "wagtailcore.pageviewrestriction": lambda restriction: [
        ("page", _subtree(restriction.page_id))
    ],
}


def _rated_documents(review) -> list[tuple[str, list[int]]]:
    """A review changes its provider's rating, which these documents carry."""
    provider = review.provider_id
    if review.provider_type == ProviderType.ORGANIZATION:
        return [
            ("organization", [provider]),
            ("offering", _pks(Offering.objects.filter(organization_id=provider))),
            ("demand", _pks(Demand.objects.filter(accepted_response__organization_id=provider))),
            ("task", _pks(Task.objects.filter(organization_id=provider))),
        ]
    if review.provider_type == ProviderType.COMMUNITY:
        return [("task", _pks(Task.objects.filter(community_id=provider, organization=None)))]
    return [("socialworker", _pks(SocialWorkerProfile.objects.filter(user_id=provider)))]


def _pks(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def _subtree(page_id) -> list[int]:
    """A page and every page below it (a restriction or a move applies to all of them)."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    return _pks(Page.objects.descendant_of(page, inclusive=True)) if page else []


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
    related = RELATED.get(sender._meta.label_lower)
    for type_key, pks in related(instance) if related else ():
        _queue(type_key, pks)


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


def _page_moved(sender, instance, **kwargs) -> None:
    _queue("page", _subtree(instance.pk))  # it may now sit under a restricted section


def _connect_pages() -> None:
    """Every page model (a save of a live page, publishing, unpublishing, deleting)."""
    from wagtail.models import get_page_models
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_page_move.connect(_page_moved, dispatch_uid="search-page-moved")
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
    (when configured). Should Elasticsearch fail, the objects wait in PendingUpdate (sent
    by `search_retry`) and the write that caused this still stands."""
    pending_before = dict(
        PendingUpdate.objects.filter(
            type=type_key, object_id__in=[str(pk) for pk in pks]
        ).values_list("pk", "attempts")
    )
    documents, gone = build(type_key, pks)
    local = backends.database_backend()
    result = {"indexed": local.index(documents), "removed": local.delete(gone), "held": 0}
    remote = backends.elasticsearch_backend()
    if remote is None:
        return result
    from .backends.elasticsearch import OUTAGE

    error = (
        "Elasticsearch failed moments ago" if OUTAGE.active() else _send(remote, documents, gone)
    )
    if error:
        _hold(type_key, pks, error)
        result["held"] = len(pks)
    else:  # sent as they are now; a row queued again since the build stays
        _forget(pending_before)
    return result


def _send(remote, documents, gone) -> str:
    """Write to Elasticsearch; "" when it took everything, else what went wrong."""
    from .backends.elasticsearch import OUTAGE, UNAVAILABLE, is_outage

    try:
        remote.index(documents, refresh=False)
        remote.delete(gone, refresh=False)
    except UNAVAILABLE as error:
        if is_outage(error):
            OUTAGE.record()
        log.warning("search: Elasticsearch did not take %d documents (%s)", len(documents), error)
        return str(error)[:500] or error.__class__.__name__
    return ""


def _forget(pending: dict[int, int]) -> None:
    """Delete these PendingUpdate rows (pk → attempts read) unless queued again since."""
    now = PendingUpdate.objects.filter(pk__in=pending).values_list("pk", "attempts")
    PendingUpdate.objects.filter(pk__in=[pk for pk, n in now if pending[pk] == n]).delete()


def _hold(type_key: str, pks, error: str) -> None:
    for pk in pks:
        held, created = PendingUpdate.objects.get_or_create(
            type=type_key, object_id=str(pk), defaults={"last_error": error}
        )
        if not created:
            PendingUpdate.objects.filter(pk=held.pk).update(
                attempts=F("attempts") + 1, last_error=error
            )


def flush_pending() -> int:
    """Send what waits for Elasticsearch, oldest first, in batches, until the queue is
    empty or the node is down; how many still wait. A batch Elasticsearch refuses (a
    bad document) stays queued with its error, and the rest still go; after
    MAX_ATTEMPTS an update is left for staff (search_status lists it)."""
    from .backends.elasticsearch import OUTAGE

    remote = backends.elasticsearch_backend()
    if remote is None:
        return 0
    OUTAGE.clear()  # asked to try now
    tried: set[int] = set()
    while True:
        rows = list(
            PendingUpdate.objects.filter(attempts__lt=MAX_ATTEMPTS)
            .exclude(pk__in=tried)
            .order_by("queued_at", "pk")[:PENDING_BATCH]
        )
        if not rows:
            break
        tried |= {row.pk for row in rows}
        by_type: dict[str, list[PendingUpdate]] = {}
        for row in rows:
            by_type.setdefault(row.type, []).append(row)
        for type_key, held in by_type.items():
            if type_key not in TYPES:
                PendingUpdate.objects.filter(pk__in=[r.pk for r in held]).delete()
                continue
            documents, gone = build(type_key, [int(r.object_id) for r in held])
            error = _send(remote, documents, gone)
            if not error:
                _forget({r.pk: r.attempts for r in held})
                continue
            PendingUpdate.objects.filter(pk__in=[r.pk for r in held]).update(
                attempts=F("attempts") + 1, last_error=error
            )
            if OUTAGE.active():
                return PendingUpdate.objects.count()
    return PendingUpdate.objects.count()


@task()
def index_objects_task(type_key: str, pks: list[int]) -> dict:
    """The background task behind every change (see _queue)."""
    return index_objects(type_key, pks)
