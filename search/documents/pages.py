"""Documents for CMS pages: community sections, service guides, policy pages, tender and
award notices. Only live pages anyone may read enter the index."""

from django.utils.html import strip_tags
from wagtail.models import Page

from .base import SearchDocument, region_fields, text_fields
from .context import BuildContext


class PageDocument(SearchDocument):
    """A live, unrestricted CMS page."""


def page_document(page: Page, context: BuildContext) -> PageDocument | None:
    """A live page without a view restriction on it or above it."""
    restricted_paths = context.restricted_paths()
    if not page.live or page.depth <= 1:
        return None
    if any(page.path.startswith(path) for path in restricted_paths):
        return None
    page = page.specific
    parts = [getattr(page, "intro", "") or ""]
    body = getattr(page, "body", None)
    if body:
        parts.append(strip_tags(str(body)))
    project = getattr(page, "project", None)
    if project is not None:  # tender and award notices: what the notice itself shows
        parts += [project.title, project.purpose]
    community = getattr(page, "community", None)
    return PageDocument.of(
        "page",
        page.pk,
        url=page.url or "",
        kind=page._meta.model_name,
        updated_at=page.last_published_at,
        **region_fields(community),
        **text_fields(page.title, *parts),
    )
