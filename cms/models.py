from django.core.validators import MinValueValidator
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
    subpage_types = ["cms.CommunityIndexPage", "cms.NoticeIndexPage", "cms.StandardPage"]
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
    subpage_types = ["cms.StandardPage", "cms.ProjectPage"]

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


class NoticeIndexPage(Page):
    """政府购买服务公告: the tender and award notices, newest first."""

    intro = models.TextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.TenderNoticePage", "cms.AwardNoticePage"]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("procurement notices")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices"] = self.get_children().live().specific().order_by("-first_published_at")
        return context


class TenderNoticePage(Page):
    """The tender notice (招标公告) of a purchased-service project. Linli creates and
    publishes it when the project is published; editors may add text and documents.
    The deadline, criteria and questions shown come live from the project."""

    project = models.OneToOneField(
        "procurement.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="tender_notice",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("additional information"))
    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["cms.NoticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tender notice")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["criteria"] = self.project.criteria.all()
        context["clarifications"] = self.project.clarifications.filter(answered_at__isnull=False)
        return context


class AwardNoticePage(Page):
    """The award notice (中标公告): winner, price, the evaluation report, and the
    objection period. Created and published by Linli at the award."""

    project = models.OneToOneField(
        "procurement.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="award_notice",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("additional information"))
    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["cms.NoticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("award notice")


class ProjectPage(Page):
    """社区项目: a community project residents can donate to. Editors write what it is
    for and may set a goal; the total received, the donors and the donate form come from
    the donations (marketplace.payments), received only on Stripe's signed webhooks."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    goal = models.DecimalField(
        _("fundraising goal (yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Optional. Leave empty for a project without a target."),
    )
    is_open = models.BooleanField(
        _("open for donations"),
        default=True,
        help_text=_("Untick when the project stops taking donations."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("goal"),
        FieldPanel("is_open"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.CommunityPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("community project")

    @property
    def accepts_donations(self) -> bool:
        """What the donation service asks of the page a donation is for."""
        return self.live and self.is_open

    def get_context(self, request, *args, **kwargs):
        from marketplace.payments.selectors import project_page_summary

        context = super().get_context(request, *args, **kwargs)
        context.update(project_page_summary(self, page_number=request.GET.get("page")))
        return context
