"""The consultation page: one draft of the plan put out for comments within a window."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale

from consultation.page_form import ConsultationPageForm
from consultation.routes import ConsultationRoutes
from kpss_pages import fragments
from kpss_pages.models.base import BasePage


def locale_codes():
    """{locale id: language code, "default": the default locale's id}: the same for every
    request, so the consultation's pages ask the database for none of it."""

    def build():
        fragments.depends_on(fragments.model_tag(Locale))
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        codes["default"] = Locale.get_default().pk
        return codes

    return fragments.fragment("locale-codes", build)


class SettlingBody(models.TextChoices):
    MANAGEMENT_TEAM = "mt", _("Manažerský tým")
    STEERING_GROUP = "ns", _("Nadoborová skupina pro dohodu")


class ConsultationPage(ConsultationRoutes, BasePage):
    """Připomínkování: the public comments on one frozen draft of the plan (or an action plan),
    with the window, the public hearing and the rules. Its routes (the comment form, the
    confirmation link, a comment's answer) are in consultation/routes.py."""

    frozen = models.JSONField(
        _("připomínkované verze"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Revize plánu a jeho kapitol, které jsou předmětem připomínek."),
    )
    opens_on = models.DateField(_("připomínky od"))
    closes_on = models.DateField(_("připomínky do"))
    extended_to = models.DateField(
        _("prodlouženo do"), null=True, blank=True, help_text=_("Vyplňte jen při prodloužení.")
    )
    extension_reason = models.CharField(_("důvod prodloužení"), max_length=255, blank=True)
    hearing_at = models.DateTimeField(_("veřejné projednání (datum a čas)"), null=True, blank=True)
    hearing_place = models.CharField(_("místo veřejného projednání"), max_length=255, blank=True)
    rules = RichTextField(
        _("pravidla připomínkování"),
        blank=True,
        help_text=_("Kdo může připomínkovat, jakými cestami a jak budou připomínky vypořádány."),
    )
    settling_body = models.CharField(
        _("kdo vypořádání schvaluje"),
        max_length=2,
        choices=SettlingBody.choices,
        default=SettlingBody.STEERING_GROUP,
        help_text=_("Návrh vypořádání připravují pracovní skupiny odpovědné za kapitoly."),
    )

    base_form_class = ConsultationPageForm
    parent_page_types = ["kpss_pages.CommunityPlanPage", "kpss_pages.ActionPlanPage"]
    subpage_types = ["consultation.SettlementPage"]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                HelpPanel(template="consultation/admin/frozen_panel.html"),
                FieldPanel("refreeze"),
            ],
            heading=_("Připomínkovaný návrh"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
                FieldRowPanel([FieldPanel("extended_to"), FieldPanel("extension_reason")]),
            ],
            heading=_("Lhůta pro připomínky"),
        ),
        FieldRowPanel(
            [FieldPanel("hearing_at"), FieldPanel("hearing_place")],
            heading=_("Veřejné projednání"),
        ),
        FieldPanel("rules"),
        FieldPanel("settling_body"),
    ]

    class Meta:
        verbose_name = _("připomínkování")
        verbose_name_plural = _("připomínkování")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("Lhůta nemůže skončit dřív, než začne.")
        if self.extended_to:
            if self.closes_on and self.extended_to <= self.closes_on:
                errors["extended_to"] = _("Prodloužená lhůta musí skončit až po původní lhůtě.")
            if not self.extension_reason.strip():
                errors["extension_reason"] = _("Uveďte, proč byla lhůta prodloužena.")
        elif self.extension_reason.strip():
            errors["extended_to"] = _("Uveďte, do kdy byla lhůta prodloužena.")
        if self.hearing_place.strip() and not self.hearing_at:
            errors["hearing_at"] = _("Uveďte datum a čas veřejného projednání.")
        if errors:
            raise ValidationError(errors)

    @property
    def ends_on(self):
        return self.extended_to or self.closes_on

    def state(self, today=None):
        """ "planned", "open" or "closed", by the local date (the last day counts whole)."""
        today = today or timezone.localdate()
        source = self.canonical  # a translation takes comments exactly while its source does
        if today < source.opens_on:
            return "planned"
        return "open" if today <= source.ends_on else "closed"

    def is_open(self, today=None):
        return self.state(today) == "open"

    def window_text(self):
        source = self.canonical
        text = _("%(start)s až %(end)s") % {
            "start": date_format(source.opens_on, "DATE_FORMAT"),
            "end": date_format(source.ends_on, "DATE_FORMAT"),
        }
        return text

    @cached_property
    def canonical(self):
        """The consultation in the site's source language. A translation (the English page) is
        another door to it: comments, their numbers and the settlement are all the source's."""
        default = locale_codes()["default"]
        if self.locale_id == default:
            return self
        return self.get_translation_or_none(default) or self

    @property
    def language_code(self):
        return locale_codes().get(self.locale_id) or self.locale.language_code

    @cached_property
    def snapshot(self):
        from consultation.snapshot import Snapshot

        # The source's frozen draft, shown in this page's language where it was translated.
        return Snapshot(self.canonical.frozen, self.language_code)

    def live_settlement(self):
        """The published settlement, or None."""
        from consultation.models import SettlementPage

        return SettlementPage.objects.child_of(self).live().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["snapshot"] = self.snapshot
        context["draft_untranslated"] = (
            self.canonical.pk != self.pk and self.snapshot.in_source_language_only
        )
        context["consultation_state"] = self.state()
        # The "Připomínkovat" links, only while comments are taken.
        context["comment_base"] = self.route_url("comment") if self.is_open() else ""
        context["draft_html"] = self.snapshot.render(request, context["comment_base"])
        return context
