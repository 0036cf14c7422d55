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
from django.db.models.signals import post_delete, post_save
from django_tasks import task

from .registry import TYPES, types_for_model

log = logging.getLogger("linli.search")

# Objects whose document is built from another object: model label → how to find it.
RELATED = {
    "volunteering.shift": ("task", lambda shift: [shift.task_id]),
    "organizations.offering": ("organization", lambda offering: [offering.organization_id]),
    "organizations.organization": (
        "offering",
        lambda org: list(org.offerings.values_list("pk", flat=True)),
    ),
}


def backend():
    """The configured backend (the database backend until Elasticsearch joins)."""
    from .backends.database import DatabaseBackend

    return DatabaseBackend()


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
    if related is not None:
        type_key, find = related
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


@task()
def index_objects_task(type_key: str, pks: list[int]) -> dict:
    """Rebuild the documents of these objects; remove those no longer searchable."""
    search_type = TYPES[type_key]
    objects = {obj.pk: obj for obj in search_type.queryset().filter(pk__in=pks)}
    documents, gone = [], []
    for pk in pks:
        obj = objects.get(pk)
        document = search_type.build(obj) if obj is not None else None
        if document is None:
            gone.append(f"{type_key}-{pk}")
        else:
            documents.append(document)
    target = backend()
    indexed = target.index(documents)
    removed = target.delete(gone)
    return {"indexed": indexed, "removed": removed}
