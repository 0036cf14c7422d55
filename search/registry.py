"""Every searchable type, declared once: its document class, its model, the function that
builds a document from an object, and the queryset a bulk reindex walks.

Adding a type is one entry here plus its builder in documents/. Bids are deliberately
absent: nothing of a bid (sealed or opened) is ever indexed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import QuerySet

from .documents.base import SearchDocument
from .documents.context import BuildContext
from .documents.marketplace import (
    DemandDocument,
    FacilityDocument,
    OfferingDocument,
    OrganizationDocument,
    SocialWorkerDocument,
    TaskDocument,
    demand_document,
    facility_document,
    offering_document,
    organization_document,
    social_worker_document,
    task_document,
)
from .documents.pages import PageDocument, page_document


@dataclass(frozen=True)
class SearchType:
    key: str
    model: str  # "app_label.ModelName"
    document: type[SearchDocument]
    build: Callable[[object, BuildContext], SearchDocument | None]
    related: tuple[str, ...] = ()
    prefetch: tuple = ()
    specific: bool = False  # Wagtail pages: read each page's own model in a batch

    def model_class(self):
        return apps.get_model(self.model)

    def queryset(self) -> QuerySet:
        """The objects a bulk reindex builds documents from (the builder filters more)."""
        objects = (
            self.model_class()
            .objects.select_related(*self.related)
            .prefetch_related(*self.prefetch)
            .order_by("pk")
        )
        return objects.specific() if self.specific else objects


_COMMUNITY = ("community__parent__parent",)

TYPES = {
    t.key: t
    for t in (
        SearchType(
            "demand",
            "demands.Demand",
            DemandDocument,
            demand_document,
            related=("category", "accepted_response", *_COMMUNITY),
        ),
        SearchType(
            "task",
            "volunteering.Task",
            TaskDocument,
            task_document,
            related=("category", *_COMMUNITY),
            prefetch=("shifts", "required_skills"),
        ),
        SearchType(
            "organization",
            "organizations.Organization",
            OrganizationDocument,
            organization_document,
            prefetch=("categories", "service_area"),
        ),
        SearchType(
            "offering",
            "organizations.Offering",
            OfferingDocument,
            offering_document,
            related=("organization", "category"),
            prefetch=("organization__service_area",),
        ),
        SearchType(
            "socialworker",
            "accounts.SocialWorkerProfile",
            SocialWorkerDocument,
            social_worker_document,
            related=("user", "organization"),
            prefetch=("specialties",),
        ),
        SearchType(
            "facility",
            "regions.Facility",
            FacilityDocument,
            facility_document,
            related=_COMMUNITY,
        ),
        SearchType("page", "wagtailcore.Page", PageDocument, page_document, specific=True),
    )
}


def types_for_model(model) -> list[SearchType]:
    """The search types whose objects are `model`'s (pages are wired by page signals)."""
    return [t for t in TYPES.values() if t.model_class() is model]


def documents_of(search_type: SearchType, progress=None):
    """Every document of a type, built from the database (for reindexing and checks);
    `progress(1)` is called per object read."""
    context = BuildContext(bulk=True)
    for obj in search_type.queryset().iterator(chunk_size=500):
        if progress is not None:
            progress(1)
        document = search_type.build(obj, context)
        if document is not None:
            yield document
