from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


class HomePage(Page):
    """The site's front page: a welcome, then live demand, facilities and providers."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["cms.CommunityIndexPage", "cms.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_highlights

        context = super().get_context(request, *args, **kwargs)
        context.update(home_highlights())
        return context


class CommunityIndexPage(Page):
    """Lists every community's section."""

    intro = models.TextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.CommunityPage"]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("community index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["communities"] = self.get_children().live().specific().order_by("title")
        return context


class CommunityPage(Page):
    """One community's section: its introduction, facilities and open demand.

    Community staff edit the text; facilities and demands come from the marketplace.
    """

    community = models.OneToOneField(
        "regions.Region",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="page",
        limit_choices_to={"level": "community"},
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("community"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.CommunityIndexPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("community page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import community_page_data

        context = super().get_context(request, *args, **kwargs)
        context.update(community_page_data(self.community))
        return context


class StandardPage(Page):
    """Policy pages, notices, news and service guides (办事指南)."""

    intro = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
