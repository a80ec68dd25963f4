"""The catalogue of services, described the way the national registry of social services does."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from kpss_pages import fragments
from kpss_pages.forms import ServicePageForm
from kpss_pages.measure_services import change_text, relation_label
from kpss_pages.panels import ResponsibilityFieldPanel
from kpss_pages.validators import validate_postcode, validate_registry_id

from .base import BasePage
from .reference import attach_localized

# Code lists are concepts shared by every language: a translation keeps its source's rows
# (wagtail-localize would otherwise skip many-to-many fields) and shows them localized.
SHOWN_CODE_LISTS = ("forms_of_provision", "target_groups", "age_categories")


class ServiceIndexPage(BasePage):
    introduction = RichTextField(_("úvod"), blank=True)

    parent_page_types = ["kpss_pages.HomePage"]
    subpage_types = ["kpss_pages.ServicePage"]
    max_count_per_parent = 1
    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("katalog služeb")
        verbose_name_plural = _("katalogy služeb")

    def get_context(self, request, *args, **kwargs):
        from kpss_pages.catalogue import DIMENSIONS, CatalogueFilterForm, filter_services

        context = super().get_context(request, *args, **kwargs)
        # The list, and the filter choices, which name every row of the code lists.
        fragments.depends_on(
            fragments.children_tag(self.pk),
            *(fragments.model_tag(model) for _label, model, _rel in DIMENSIONS.values()),
        )
        form = CatalogueFilterForm(request.GET, self.locale_id)
        active = form.active()
        services = filter_services(
            fragments.public(ServicePage.objects.child_of(self).live()), active, self.locale_id
        )
        page = Paginator(services.order_by("title", "pk"), self.PER_PAGE).get_page(
            request.GET.get("strana")
        )
        page.object_list = page.object_list.select_related("provider", "kind").prefetch_related(
            "forms_of_provision", "target_groups"
        )
        attach_localized(page.object_list, ("forms_of_provision", "target_groups"), self.locale_id)
        context.update(
            filter_form=form,
            filtering=bool(active),
            services=page.object_list,
            page_obj=page,
            count=page.paginator.count,
        )
        return context

    PER_PAGE = 20

    def route(self, request, path_components):
        # A service in one query with its provider and kind, instead of Wagtail's three (the
        # page, its specific form, then each foreign key).
        if len(path_components) == 1:
            service = (
                ServicePage.objects.child_of(self)
                .select_related("provider", "kind")
                .filter(slug=path_components[0])
                .first()
            )
            if service is not None:
                return service.route(request, [])
        return super().route(request, path_components)


class ServicePage(BasePage):
    class ServiceType(models.TextChoices):
        REGISTERED = "registered", _("registrovaná sociální služba")
        RELATED = "related", _("související služba")

    class CapacityUnit(models.TextChoices):
        CLIENTS = "clients", _("klientů")
        BEDS = "beds", _("lůžek")
        SIMULTANEOUS = "simultaneous", _("klientů současně")
        CONTACTS = "contacts", _("kontaktů denně")

    provider = models.ForeignKey(
        "kpss_pages.Organisation",
        verbose_name=_("poskytovatel"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    service_type = models.CharField(
        _("typ služby"), max_length=20, choices=ServiceType.choices, default=ServiceType.REGISTERED
    )
    kind = models.ForeignKey(
        "kpss_pages.ServiceKind",
        verbose_name=_("druh služby"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
        help_text=_("Jen u registrované sociální služby."),
    )
    related_category = models.CharField(
        _("kategorie související služby"),
        max_length=255,
        blank=True,
        help_text=_("Jen u související služby, např. dobrovolnictví, dluhové poradenství."),
    )
    registry_id = models.CharField(
        _("identifikátor služby v registru"),
        max_length=7,
        blank=True,
        validators=[validate_registry_id],
        help_text=_("Sedm číslic z Registru poskytovatelů sociálních služeb."),
    )
    registration_date = models.DateField(_("datum registrace"), null=True, blank=True)
    forms_of_provision = ParentalManyToManyField(
        "kpss_pages.FormOfProvision", verbose_name=_("formy poskytování")
    )
    target_groups = ParentalManyToManyField(
        "kpss_pages.TargetGroup", verbose_name=_("cílové skupiny")
    )
    age_categories = ParentalManyToManyField(
        "kpss_pages.AgeCategory", verbose_name=_("věkové kategorie klientů"), blank=True
    )
    capacity = models.PositiveIntegerField(_("kapacita"), null=True, blank=True)
    capacity_unit = models.CharField(
        _("jednotka kapacity"), max_length=20, choices=CapacityUnit.choices, blank=True
    )
    municipalities = ParentalManyToManyField(
        "kpss_pages.Municipality", verbose_name=_("územní působnost (obce)"), blank=True
    )
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    web = models.URLField(_("web"), blank=True)
    opening_hours = models.TextField(_("provozní doba"), blank=True)
    fees = models.TextField(_("úhrady"), blank=True, help_text=_("Např. „zdarma“ nebo ceník."))
    description = RichTextField(_("popis služby"))

    override_translatable_fields = [
        SynchronizedField(name) for name in (*SHOWN_CODE_LISTS, "municipalities")
    ]
    base_form_class = ServicePageForm
    parent_page_types = ["kpss_pages.ServiceIndexPage"]
    subpage_types = []
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("related_category"),
        index.RelatedFields("provider", [index.SearchField("name")]),
        index.RelatedFields("kind", [index.SearchField("name")]),
        index.FilterField("service_type"),
    ]
    content_panels = [
        *BasePage.content_panels,
        ResponsibilityFieldPanel("provider"),
        MultiFieldPanel(
            [
                FieldPanel("service_type", widget=forms.RadioSelect),
                FieldPanel("kind"),
                FieldPanel("related_category"),
                FieldRowPanel([FieldPanel("registry_id"), FieldPanel("registration_date")]),
            ],
            heading=_("Druh služby"),
        ),
        FieldPanel("forms_of_provision", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("age_categories", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("capacity_unit")], heading=_("Kapacita")),
        FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
        InlinePanel("places", label=_("Místa poskytování"), min_num=0),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("web")], heading=_("Kontakty")
        ),
        FieldPanel("opening_hours"),
        FieldPanel("fees"),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("služba")
        verbose_name_plural = _("služby")

    @property
    def kind_label(self):
        if self.service_type == self.ServiceType.REGISTERED and self.kind_id:
            return str(self.kind)
        return self.related_category

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A page's URL is its parent's URL and its slug: no query for the parent.
        url = self.get_url(request) or ""
        context["catalogue_url"] = (
            url[: -len(self.slug) - 1] if url.endswith(f"/{self.slug}/") else None
        )
        attach_localized([self], SHOWN_CODE_LISTS, self.locale_id)
        context["plan_measures"] = self.plan_measures(request)
        return context

    def plan_measures(self, request):
        """The published measures that concern this service, with what they change, from the
        rows kept on publication (models/service_links.py): the chapters are read only when
        they name the service, so another chapter's publication leaves this page cached."""
        from .plan import CommunityPlanPage, PlanChapterPage

        links = sorted(
            self.measure_links.filter(chapter__live=True, plan__live=True),
            key=lambda link: (link.plan_id, link.sort_key),
        )
        if not links:
            return []
        chapters = fragments.public(
            PlanChapterPage.objects.filter(pk__in={link.chapter_id for link in links})
        ).in_bulk()
        plans = CommunityPlanPage.objects.in_bulk({link.plan_id for link in links})
        return [
            {
                "plan": plans[link.plan_id].title,
                "code": link.code,
                "title": link.title,
                "url": f"{chapters[link.chapter_id].get_url(request)}#opatreni-"
                + link.code.replace(".", "-"),
                "relation": relation_label(link.relation),
                "change": change_text(link.as_link()),
            }
            for link in links
            if link.chapter_id in chapters and link.plan_id in plans
        ]

    def public_places(self):
        """Places of provision that may be shown; a secret address never leaves the admin."""
        places = self.places.all()
        if "places" not in getattr(self, "_prefetched_objects_cache", {}):
            places = places.select_related("municipality")  # one query, not one per place
        return [place for place in places if not place.secret_address]


class ServicePlace(Orderable):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("název místa"), max_length=255, blank=True)
    street = models.CharField(_("ulice a číslo"), max_length=255)
    municipality = models.ForeignKey(
        "kpss_pages.Municipality", verbose_name=_("obec"), on_delete=models.PROTECT
    )
    postcode = models.CharField(_("PSČ"), max_length=6, validators=[validate_postcode])
    secret_address = models.BooleanField(
        _("utajená adresa"),
        default=False,
        help_text=_(
            "Adresa se nikdy nezobrazí veřejnosti (např. azylový dům, intervenční centrum)."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("street"), FieldPanel("postcode")]),
        FieldPanel("municipality"),
        FieldPanel("secret_address"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("místo poskytování")
        verbose_name_plural = _("místa poskytování")

    def __str__(self):
        return self.address

    @property
    def address(self):
        return f"{self.street}, {self.postcode} {self.municipality}"

    @property
    def map_url(self):
        """A plain link to a public map search; no third-party map is embedded in our pages."""
        return "https://mapy.cz/zakladni?" + urlencode({"q": self.address})
