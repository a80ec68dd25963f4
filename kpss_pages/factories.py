"""Factories for tests; each builds valid objects with the fewest fields the model requires."""

from datetime import date

from django.utils.text import slugify

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from kpss_pages import models
from kpss_pages.validators import ico_check_digit


def _valid_ico(n):
    first_seven = f"{6_000_000 + n:07d}"
    return first_seven + str(ico_check_digit(first_seven))


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Organizace {n}")
    ico = factory.Sequence(_valid_ico)
    triad_role = models.TriadRole.PROVIDER


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = models.Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Obec {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class PageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True

    slug = factory.LazyAttribute(lambda o: slugify(o.title))


class StandardPageFactory(PageFactory):
    class Meta:
        model = models.StandardPage

    title = factory.Sequence(lambda n: f"Stránka {n}")


class AccessibilityStatementPageFactory(PageFactory):
    class Meta:
        model = models.AccessibilityStatementPage

    title = "Prohlášení o přístupnosti"
    body_name = "Svazek obcí"
    website = "kpss.example.cz"
    compliance = models.AccessibilityStatementPage.Compliance.FULL
    prepared_on = factory.LazyFunction(lambda: date(2026, 9, 1))
    feedback_contact = "<p>kpss@example.cz</p>"


class CommunityPlanPageFactory(PageFactory):
    class Meta:
        model = models.CommunityPlanPage

    title = factory.Sequence(lambda n: f"Komunitní plán {n}")
    territory = "mikroregion"
    valid_from = 2026
    valid_to = 2029


class WorkingGroupIndexPageFactory(PageFactory):
    class Meta:
        model = models.WorkingGroupIndexPage

    title = "Pracovní skupiny"


class WorkingGroupPageFactory(PageFactory):
    class Meta:
        model = models.WorkingGroupPage

    title = factory.Sequence(lambda n: f"Pracovní skupina {n}")


class MeetingPageFactory(PageFactory):
    class Meta:
        model = models.MeetingPage

    title = factory.Sequence(lambda n: f"Jednání {n}")
    date = factory.Faker("date_this_year")
    place = "Radnice"
    minutes = "<p>Zápis z jednání.</p>"


def measure_value(title, organisation, year_from=2026, year_to=2027, cost=100_000):
    return {
        "title": title,
        "description": "<p>Popis opatření.</p>",
        "responsible": [organisation.pk],
        "partners": [],
        "year_from": year_from,
        "year_to": year_to,
        "estimated_cost": cost,
        "funding_sources": ["obce"],
        "indicators": [{"name": "počet klientů", "unit": "klientů", "target_value": "10"}],
        "service_kinds": [],
        "services": [],
    }


def priority_value(title, goals):
    """goals: [(goal title, [measure values])] -> raw StreamField data of one priority."""
    return {
        "type": "priority",
        "value": {
            "title": title,
            "description": "",
            "goals": [{"title": t, "description": "", "measures": ms} for t, ms in goals],
        },
    }


class PlanChapterPageFactory(PageFactory):
    class Meta:
        model = models.PlanChapterPage

    title = factory.Sequence(lambda n: f"Kapitola {n}")
    number = factory.Sequence(lambda n: n + 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if isinstance(kwargs.get("priorities"), list):
            kwargs["priorities"] = model_class.hierarchy_from_raw(kwargs["priorities"])
        return super()._create(model_class, *args, **kwargs)


class ServiceIndexPageFactory(PageFactory):
    class Meta:
        model = models.ServiceIndexPage

    title = "Katalog služeb"


class ServicePageFactory(PageFactory):
    class Meta:
        model = models.ServicePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Služba {n}")
    provider = factory.SubFactory(OrganisationFactory)
    service_type = models.ServicePage.ServiceType.RELATED
    related_category = "dobrovolnictví"
    description = "<p>Popis služby.</p>"

    @factory.post_generation
    def forms_of_provision(obj, create, extracted, **kwargs):
        values = extracted or list(models.FormOfProvision.objects.filter(slug="terenni"))
        obj.forms_of_provision = values
        obj.target_groups = list(models.TargetGroup.objects.filter(slug="seniori"))
        if create:
            obj.save()


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = models.NewsIndexPage

    title = "Aktuality"


class NewsPageFactory(PageFactory):
    class Meta:
        model = models.NewsPage

    title = factory.Sequence(lambda n: f"Aktualita {n}")
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Text.</p>"}])


class ActionPlanPageFactory(PageFactory):
    class Meta:
        model = models.ActionPlanPage

    title = factory.Sequence(lambda n: f"Akční plán {n}")
    year = 2026


def action_item(measure_id, budget=(("obce", 50_000),), activities="<p>Co se v roce udělá.</p>"):
    """One item of an action plan's `items`: the measure's stable id and its budget lines."""
    return (
        "measure",
        {
            "measure": measure_id,
            "activities": activities,
            "budget": [{"source": source, "amount": amount} for source, amount in budget],
        },
    )
