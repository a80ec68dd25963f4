from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from kpss_pages import fragments
from kpss_pages.blocks import BaseStreamBlock, DocumentSectionBlock

from .base import BasePage


class HomePage(BasePage):
    introduction = RichTextField(_("úvod"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("obsah"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "kpss_pages.StandardPage",
        "kpss_pages.CommunityPlanPage",
        "kpss_pages.ServiceIndexPage",
        "kpss_pages.WorkingGroupIndexPage",
        "kpss_pages.NewsIndexPage",
        "kpss_pages.AccessibilityStatementPage",
        "kpss_pages.DocumentIndexPage",
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    class Meta:
        verbose_name = _("úvodní stránka")
        verbose_name_plural = _("úvodní stránky")

    def get_context(self, request, *args, **kwargs):
        from .news import NewsPage

        context = super().get_context(request, *args, **kwargs)
        fragments.depends_on(fragments.model_tag(NewsPage))
        context["latest_news"] = (
            fragments.public(NewsPage.objects.live()).descendant_of(self).order_by("-date")[:3]
        )
        return context


class StandardPage(BasePage):
    body = StreamField(BaseStreamBlock(), verbose_name=_("obsah"), blank=True)

    parent_page_types = ["kpss_pages.HomePage", "kpss_pages.StandardPage"]
    subpage_types = ["kpss_pages.StandardPage"]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("textová stránka")
        verbose_name_plural = _("textové stránky")


class DocumentIndexPage(BasePage):
    """Documents for download in sections: plans, minutes, reports, forms."""

    introduction = RichTextField(_("úvod"), blank=True, features=["bold", "italic", "link"])
    sections = StreamField(
        [("section", DocumentSectionBlock())], verbose_name=_("oddíly"), blank=True
    )

    parent_page_types = ["kpss_pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("sections")]
    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("sections")]

    class Meta:
        verbose_name = _("dokumenty")
        verbose_name_plural = _("stránky dokumentů")
