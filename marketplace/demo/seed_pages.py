"""Seeds the Wagtail site: the home page (replacing Wagtail's welcome page), one page
per community under the community index, and a few policy and guide pages."""

from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from cms.models import CommunityIndexPage, CommunityPage, HomePage, ProjectPage, StandardPage
from marketplace.demo import data
from marketplace.demo.data_people import DEMO_RESIDENT_HOME
from marketplace.demo.seed import Ctx

TYPE_LABELS = {"urban": "城市社区", "village": "行政村", "resettlement": "安置社区"}


def seed_pages(ctx: Ctx) -> None:
    ctx.stage("pages")
    home = _home(ctx)
    index = _publish(
        ctx,
        home,
        CommunityIndexPage(
            title="社区",
            slug="communities",
            intro=data.COMMUNITY_INDEX_INTRO,
        ),
    )
    sections = {}
    for community in ctx.communities:
        intro = data.COMMUNITY_INTROS[community.community_type].format(
            c=community.name,
            s=community.parent.name,
            p=f"{community.population:,}",
        )
        sections[community.slug] = _publish(
            ctx,
            index,
            CommunityPage(
                title=community.name,
                slug=community.slug,
                community=community,
                intro=intro,
                seo_title=f"{community.name}（{TYPE_LABELS[community.community_type]}）",
                body=[
                    ("paragraph", RichText(data.COMMUNITY_BODY)),
                    ("guide_step", data.COMMUNITY_GUIDE_STEP),
                ],
            ),
        )
    _publish(ctx, sections[DEMO_RESIDENT_HOME[0]], ProjectPage(**data.DONATION_PROJECT))
    for page in data.STANDARD_PAGES:
        _publish(
            ctx,
            home,
            StandardPage(
                title=page["title"],
                slug=page["slug"],
                intro=page["intro"],
                body=[(kind, _block_value(kind, value)) for kind, value in page["body"]],
            ),
        )


def _block_value(kind: str, value):
    if kind == "paragraph":
        return RichText(value)
    if kind == "notice":
        return {**value, "text": RichText(value["text"])}
    return value


def _publish(ctx: Ctx, parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    ctx.bar.update(1)
    return page


def _home(ctx: Ctx) -> HomePage:
    """Put the home page under the tree root, point the default site at it and delete
    Wagtail's welcome page (a plain Page) that the site pointed at before."""
    root = Page.get_first_root_node()
    welcome = [p for p in root.get_children() if p.specific_class is Page]
    home = _publish(ctx, root, HomePage(title="邻里", slug="linli", intro=data.HOME_INTRO))
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name, site.root_page = "localhost", 80, "邻里", home
    site.full_clean()
    site.save()
    for page in welcome:
        page.delete()
    return home
