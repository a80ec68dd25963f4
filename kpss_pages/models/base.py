"""Fields and behaviour shared by all KPSS pages, and the site-wide settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from simple_history.models import HistoricalRecords

from kpss_pages import fragments
from kpss_pages.blocks import rich_text_sources
from kpss_pages.validators import validate_rich_text


class BasePage(Page):
    """Adds the short summary used in listings, search results and link previews."""

    summary = models.TextField(
        _("perex"),
        blank=True,
        max_length=500,
        help_text=_("Krátké shrnutí do výpisů a výsledků vyhledávání (nejvýše 500 znaků)."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    content_panels = [*Page.content_panels, FieldPanel("summary")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.check_rich_text()

    def check_rich_text(self):
        """Every rich text field and every rich text block of the StreamFields, however the
        page is saved: the admin's forms check them too, but the translation editor and code
        that builds pages do not."""
        errors = {}
        for field in self._meta.concrete_fields:
            if isinstance(field, RichTextField):
                sources = [field.value_from_object(self)]
            elif isinstance(field, StreamField):
                # What will be stored: a value changed in place (as wagtail-localize's
                # translation does) leaves the StreamValue's raw data as it was loaded.
                stored = field.stream_block.get_prep_value(getattr(self, field.name))
                sources = rich_text_sources(field.stream_block, stored)
            else:
                continue
            for source in sources:
                try:
                    validate_rich_text(source)
                except ValidationError as error:
                    errors.setdefault(field.name, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)

    def permissions_for_user(self, user):
        # The route's rules (who edits what, when) are not the content's: settings name them.
        return import_string(settings.KPSS_PAGE_PERMISSION_TESTER)(user, self)

    def get_view_restrictions(self):
        # Wagtail checks the restrictions on every request (two queries); most pages are in no
        # private section, which the cached list of private sections answers without a query.
        if not fragments.is_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def listing_pages(self):
        """Live, public children in the editor's tree order; never drafts."""
        fragments.depends_on(fragments.children_tag(self.pk))
        return fragments.public(self.get_children().live()).specific()


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    region_name = models.CharField(
        _("název regionu"), max_length=255, default="Mikroregion Valašskomeziříčsko-Kelečsko"
    )
    contact_name = models.CharField(_("koordinátor KPSS"), max_length=255, blank=True)
    contact_email = models.EmailField(_("kontaktní e-mail"), blank=True)
    contact_phone = models.CharField(_("kontaktní telefon"), max_length=40, blank=True)
    contact_address = models.TextField(_("adresa"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("stránka o ochraně osobních údajů"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Odkaz v patičce každé stránky."),
    )
    is_demo = models.BooleanField(
        _("ukázková data"),
        default=False,
        help_text=_("Zobrazí na webu upozornění, že obsah je ukázkový a smyšlený."),
    )

    panels = [
        FieldPanel("region_name"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading=_("Kontakty v patičce"),
        ),
        FieldPanel("privacy_page"),
        FieldPanel("is_demo"),
    ]

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nastavení webu")
