"""Builds the Wagtail page tree the public site needs, for tests."""

from wagtail.models import Page, Site

from cms.models import CommunityIndexPage, CommunityPage, HomePage


def build_site(communities=()) -> HomePage:
    root = Page.get_first_root_node()
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
