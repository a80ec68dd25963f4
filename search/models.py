"""The search index: plain text of every published page, folded (see search/text.py)."""

from django.db import models

from wagtail.models import Locale, Page

from search.text import fold, page_text


class PageSearchText(models.Model):
    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="+")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=255)
    title_folded = models.CharField(max_length=255)
    text = models.TextField(blank=True)
    text_folded = models.TextField(blank=True)

    class Meta:
        # Kept from the content app, where the model was first (migration search 0001).
        db_table = "kpss_pages_pagesearchtext"
        verbose_name = "text stránky pro vyhledávání"

    def __str__(self):
        return self.title

    @classmethod
    def update_for(cls, page):
        """Index the live version of `page`; drop it when it is not live."""
        page = page.specific
        if not page.live:
            cls.objects.filter(page_id=page.pk).delete()
            return
        text = page_text(page)
        cls.objects.update_or_create(
            page_id=page.pk,
            defaults={
                "locale_id": page.locale_id,
                "title": page.title,
                "title_folded": fold(page.title),
                "text": text,
                "text_folded": fold(text),
            },
        )

    @classmethod
    def rebuild(cls):
        for page in Page.objects.live().exclude(depth=1).specific().iterator():
            cls.update_for(page)
        cls.objects.exclude(page__live=True).delete()
