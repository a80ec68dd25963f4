"""Prohlášení o přístupnosti: the statement act 99/2019 Sb. requires of public bodies' sites, with
the sections decree 523/2020 Sb. prescribes. Headings and the enforcement paragraph are fixed in
the template; what differs between sites is edited here."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from .base import BasePage


class AccessibilityStatementPage(BasePage):
    class Compliance(models.TextChoices):
        FULL = "full", _("plně v souladu")
        PARTIAL = "partial", _("částečně v souladu")
        NONE = "none", _("není v souladu")

    class Method(models.TextChoices):
        SELF = "self", _("samohodnocení provedené subjektem veřejného sektoru")
        THIRD = "third", _("hodnocení provedené třetí stranou")

    body_name = models.CharField(
        _("subjekt veřejného sektoru"),
        max_length=255,
        help_text=_("Např. „Mikroregion Valašskomeziříčsko-Kelečsko, svazek obcí“."),
    )
    website = models.CharField(_("internetové stránky"), max_length=255)
    compliance = models.CharField(
        _("stav souladu"), max_length=10, choices=Compliance.choices, default=Compliance.PARTIAL
    )
    inaccessible_content = RichTextField(
        _("nepřístupný obsah"),
        blank=True,
        help_text=_("Co není přístupné a proč (nesoulad, nepřiměřená zátěž, mimo rozsah zákona)."),
    )
    prepared_on = models.DateField(_("datum vypracování prohlášení"))
    reviewed_on = models.DateField(_("datum poslední revize"), null=True, blank=True)
    method = models.CharField(
        _("způsob hodnocení"), max_length=10, choices=Method.choices, default=Method.SELF
    )
    feedback_contact = RichTextField(
        _("zpětná vazba a kontakty"),
        features=["bold", "link"],
        help_text=_("Komu a jak hlásit nepřístupný obsah (e-mail, telefon, adresa)."),
    )

    parent_page_types = ["kpss_pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("inaccessible_content")]
    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("body_name"), FieldPanel("website")]),
        FieldPanel("compliance"),
        FieldPanel("inaccessible_content"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldPanel("method"),
            ],
            heading=_("Vypracování prohlášení"),
        ),
        FieldPanel("feedback_contact"),
    ]

    class Meta:
        verbose_name = _("prohlášení o přístupnosti")
        verbose_name_plural = _("prohlášení o přístupnosti")
