"""Builds the Wagtail page tree the public site needs, for tests."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import CommunityIndexPage, CommunityPage, HomePage


def _root() -> Page:
    """Wagtail's root page and default locale, put back if a transactional test before
    this one flushed what the migrations had created."""
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _ = Locale.objects.get_or_create(language_code=language)
    return Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )


def build_site(communities=()) -> HomePage:
    root = _root()
    for child in root.get_children():
        if not isinstance(child.specific, HomePage):
            Site.objects.filter(root_page=child).delete()
            child.delete()
    home = root.add_child(instance=HomePage(title="邻里", slug="home", intro="社区服务平台"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    index = home.add_child(instance=CommunityIndexPage(title="社区", slug="communities"))
    for community in communities:
        index.add_child(
            instance=CommunityPage(title=community.name, slug=community.slug, community=community)
        )
    return home
