"""Working groups, their members and their meetings with minutes.

Members are records (not page content) so that a withdrawn consent takes effect on the live site
at once instead of waiting for the page's approval route; their history is kept by simple-history.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from simple_history.models import HistoricalRecords

from kpss_pages import fragments
from kpss_pages.blocks import BaseStreamBlock, DocumentBlock
from kpss_pages.forms import WorkingGroupPageForm

from .base import BasePage
from .reference import TriadRole, attach_localized

# How an anonymous member's side of the triad reads in a list ("anonymní člen (uživatelé)").
TRIAD_SIDES = {
    TriadRole.COMMISSIONER: _("zadavatelé"),
    TriadRole.PROVIDER: _("poskytovatelé"),
    TriadRole.USER: _("uživatelé"),
    TriadRole.PUBLIC: _("veřejnost"),
}


class WorkingGroupIndexPage(BasePage):
    introduction = RichTextField(_("úvod"), blank=True)

    parent_page_types = ["kpss_pages.HomePage"]
    subpage_types = ["kpss_pages.WorkingGroupPage"]
    max_count_per_parent = 1
    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("přehled pracovních skupin")
        verbose_name_plural = _("přehledy pracovních skupin")


class WorkingGroupPage(BasePage):
    target_groups = ParentalManyToManyField(
        "kpss_pages.TargetGroup", verbose_name=_("cílové skupiny"), blank=True
    )
    description = RichTextField(_("popis činnosti"), blank=True)
    meeting_schedule = models.CharField(
        _("pravidelná setkání"),
        max_length=255,
        blank=True,
        help_text=_("Např. každé první úterý v měsíci od 14 hodin, MěÚ Valašské Meziříčí."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("další obsah"), blank=True)

    override_translatable_fields = [SynchronizedField("target_groups")]  # see services.py
    base_form_class = WorkingGroupPageForm
    parent_page_types = ["kpss_pages.WorkingGroupIndexPage"]
    subpage_types = ["kpss_pages.MeetingPage"]
    search_fields = [*BasePage.search_fields, index.SearchField("description")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("meeting_schedule"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("pracovní skupina")
        verbose_name_plural = _("pracovní skupiny")

    def public_members(self):
        # Members are kept once, on the source page; every translation shows them.
        return WorkingGroupMember.objects.filter(
            working_group__translation_key=self.translation_key,
            consent_withdrawn_date__isnull=True,
        ).exclude(public_display=WorkingGroupMember.Display.HIDDEN)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fragments.depends_on(
            fragments.model_tag(WorkingGroupMember), fragments.children_tag(self.pk)
        )
        context["members"] = self.public_members().select_related("organisation")
        attach_localized([self], ["target_groups"], self.locale_id)
        context["meetings"] = fragments.public(MeetingPage.objects.child_of(self).live()).order_by(
            "-date"
        )
        return context


class WorkingGroupMember(models.Model):
    """A member of a working group and how they agreed to be shown publicly (GDPR)."""

    class Display(models.TextChoices):
        NAME = "name", _("jménem a organizací")
        ORGANISATION = "organisation", _("pouze organizací")
        ANONYMOUS = "anonymous", _("anonymně (jen role v triádě)")
        HIDDEN = "hidden", _("nezveřejňovat")

    working_group = models.ForeignKey(
        WorkingGroupPage,
        verbose_name=_("pracovní skupina"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    name = models.CharField(_("jméno a příjmení"), max_length=255)
    organisation = models.ForeignKey(
        "kpss_pages.Organisation",
        verbose_name=_("organizace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_group_members",
    )
    position = models.CharField(_("funkce"), max_length=255, blank=True)
    triad_role = models.CharField(_("role v triádě"), max_length=20, choices=TriadRole.choices)
    is_manager = models.BooleanField(_("manažer pracovní skupiny"), default=False)
    email = models.EmailField(_("pracovní e-mail"), blank=True)
    public_display = models.CharField(
        _("zveřejnění na webu"), max_length=20, choices=Display.choices, default=Display.HIDDEN
    )
    consent_date = models.DateField(
        _("datum souhlasu se zveřejněním"),
        null=True,
        blank=True,
        help_text=_("Povinné u zástupců uživatelů a veřejnosti zveřejněných jménem."),
    )
    # Kept apart from public_display so that the record shows when consent ended (GDPR
    # accountability); a date here hides the member on the public site however they chose.
    consent_withdrawn_date = models.DateField(
        _("datum odvolání souhlasu"),
        null=True,
        blank=True,
        help_text=_(
            "Vyplňte, jakmile člen souhlas se zveřejněním odvolá: z webu zmizí hned po uložení."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    history = HistoricalRecords()

    panels = [
        FieldPanel("working_group"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("triad_role"), FieldPanel("is_manager")]),
        FieldPanel("email"),
        MultiFieldPanel(
            [
                FieldPanel("public_display"),
                FieldRowPanel([FieldPanel("consent_date"), FieldPanel("consent_withdrawn_date")]),
            ],
            heading=_("Zveřejnění (GDPR)"),
        ),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["working_group", "-is_manager", "sort_order", "name"]
        verbose_name = _("člen pracovní skupiny")
        verbose_name_plural = _("členové pracovních skupin")

    def __str__(self):
        return f"{self.name} ({self.working_group})"

    def clean(self):
        errors = {}
        if self.consent_withdrawn_date:
            self.public_display = self.Display.HIDDEN
            if self.consent_withdrawn_date > timezone.localdate():
                errors["consent_withdrawn_date"] = _("Datum odvolání nesmí být v budoucnosti.")
            elif self.consent_date and self.consent_withdrawn_date < self.consent_date:
                errors["consent_withdrawn_date"] = _("Souhlas nelze odvolat dříve, než byl udělen.")
        needs_consent = self.triad_role in (TriadRole.USER, TriadRole.PUBLIC)
        if self.public_display == self.Display.NAME and needs_consent and not self.consent_date:
            errors["consent_date"] = _(
                "Zástupce uživatelů nebo veřejnosti lze zveřejnit jménem jen s jeho výslovným "
                "souhlasem: vyplňte datum souhlasu, nebo zvolte jiný způsob zveřejnění."
            )
        if self.consent_date and self.consent_date > timezone.localdate():
            errors["consent_date"] = _("Datum souhlasu nesmí být v budoucnosti.")
        if errors:
            raise ValidationError(errors)

    @property
    def public_label(self):
        """What the public site may show about this member, as they chose."""
        if self.public_display == self.Display.NAME:
            return ", ".join(p for p in [self.name, str(self.organisation or "")] if p)
        if self.public_display == self.Display.ORGANISATION and self.organisation:
            return str(self.organisation)
        return _("anonymní člen (%(side)s)") % {"side": TRIAD_SIDES[self.triad_role]}


class MeetingPage(BasePage):
    date = models.DateField(_("datum jednání"))
    place = models.CharField(_("místo"), max_length=255)
    attendance_count = models.PositiveSmallIntegerField(
        _("počet přítomných"), null=True, blank=True
    )
    attendance = models.TextField(
        _("přítomní"),
        blank=True,
        help_text=_("Organizace nebo role přítomných; jména jen se souhlasem."),
    )
    agenda = RichTextField(_("program"), blank=True)
    minutes = RichTextField(_("zápis"))
    attachments = StreamField(
        [("document", DocumentBlock())], verbose_name=_("přílohy"), blank=True
    )

    parent_page_types = ["kpss_pages.WorkingGroupPage"]
    subpage_types = []
    search_fields = [*BasePage.search_fields, index.SearchField("minutes")]
    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("place")]),
        FieldRowPanel([FieldPanel("attendance_count"), FieldPanel("attendance")]),
        FieldPanel("agenda"),
        FieldPanel("minutes"),
        FieldPanel("attachments"),
    ]

    class Meta:
        verbose_name = _("zápis z jednání")
        verbose_name_plural = _("zápisy z jednání")
