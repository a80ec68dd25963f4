from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from kpss_pages import fragments
from kpss_pages.blocks import BaseStreamBlock

from .base import BasePage

NEWS_PER_PAGE = 10


class NewsIndexPage(BasePage):
    parent_page_types = ["kpss_pages.HomePage"]
    subpage_types = ["kpss_pages.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("aktuality")
        verbose_name_plural = _("přehledy aktualit")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fragments.depends_on(fragments.children_tag(self.pk))
        news = fragments.public(NewsPage.objects.child_of(self).live()).order_by("-date", "-pk")
        context["news_page"] = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("strana"))
        return context


class NewsPage(BasePage):
    date = models.DateField(_("datum"), default=timezone.localdate)
    body = StreamField(BaseStreamBlock(), verbose_name=_("obsah"))

    parent_page_types = ["kpss_pages.NewsIndexPage"]
    subpage_types = []
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.FilterField("date")]
    content_panels = [*BasePage.content_panels, FieldPanel("date"), FieldPanel("body")]

    class Meta:
        verbose_name = _("aktualita")
        verbose_name_plural = _("aktuality")
