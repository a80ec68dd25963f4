"""The figures of the analysis page, computed from the imported rows at each rendering (the page
cache keeps the result and forgets it when any of them changes): population by age per
municipality and its trend, services and capacities against population, and the needs."""

from collections import defaultdict
from functools import cached_property

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from wagtail.coreutils import get_supported_content_language_variant

from evidence.models import PopulationFigure, Sex, Territory
from kpss_pages import fragments
from kpss_pages.models import CommunityPlanPage, PlanChapterPage, ServicePage, ServicePlace

UNITS = ["beds", "clients", "simultaneous", "contacts"]


# The age groups the page shows: (name, from, to); `to` is exclusive, None = and older.
GROUPS = [("young", 0, 15), ("working", 15, 65), ("senior", 65, None), ("old", 80, None)]
OPEN = 999  # an open band's upper bound, for comparing bounds in SQL


def finest_bands(rows):
    """The age bands that contain no other band of their territory and year. ČSÚ files may
    hold 85+ beside 85–89, 90–94 and 95+, or 0–14 beside the five-year groups; summing only the
    finest counts nobody twice."""
    inner = (
        PopulationFigure.objects.filter(
            territory=OuterRef("territory"), year=OuterRef("year"), sex=Sex.ALL
        )
        .exclude(age_code="")
        .annotate(upper=Coalesce("age_to", OPEN))
        .filter(age_from__gte=OuterRef("age_from"), upper__lte=OuterRef("upper"))
        # strictly inside: two codes of the same bounds do not drop each other
        .exclude(age_from=OuterRef("age_from"), upper=OuterRef("upper"))
    )
    return rows.annotate(upper=Coalesce("age_to", OPEN)).filter(Q(age_code="") | ~Exists(inner))


def population_sums(towns, since=None):
    """{(territory id, year): {"total", "young", "working", "senior", "old"}} of both sexes,
    summed in one query; the total is ČSÚ's own where the file has it, else the bands' sum."""
    rows = PopulationFigure.objects.filter(territory__in=towns, sex=Sex.ALL)
    if since:
        rows = rows.filter(year__gte=since)
    band = ~Q(age_code="")
    sums = {
        name: Sum("value", filter=band & Q(age_from__gte=low, upper__lte=high or OPEN))
        for name, low, high in GROUPS
    }
    found = {}
    for row in (
        finest_bands(rows)
        .values("territory_id", "year")
        .annotate(
            given=Sum("value", filter=Q(age_code="")), bands=Sum("value", filter=band), **sums
        )
    ):
        total = row["given"] if row["given"] is not None else row["bands"] or 0
        # a file without ages (dataset 130149) gives totals only: its groups are unknown, not 0
        known = row["bands"] is not None
        found[row["territory_id"], row["year"]] = {
            "total": total,
            **{name: (row[name] or 0) if known else None for name, _low, _high in GROUPS},
        }
    return found


def share(part, whole):
    return f"{100 * part / whole:.1f} %".replace(".", ",") if whole and part is not None else "–"


class Analysis:
    def __init__(self, page, request):
        self.page, self.request = page, request
        fragments.depends_on(
            fragments.model_tag(PopulationFigure),
            fragments.model_tag(Territory),
            fragments.model_tag(ServicePage),
            fragments.model_tag(CommunityPlanPage),
            fragments.model_tag(PlanChapterPage),
        )

    @cached_property
    def municipalities(self):
        return list(
            self.page.territory.municipalities().select_related("municipality").order_by("name")
        )

    @cached_property
    def counts(self):
        return population_sums([town.pk for town in self.municipalities], self.page.trend_from)

    @cached_property
    def years(self):
        return sorted({year for _territory, year in self.counts})

    @property
    def latest_year(self):
        return self.years[-1] if self.years else None

    def population(self, town, year):
        figures = self.counts.get((town.pk, year))
        if figures is None:
            return None
        return {
            **figures,
            "senior_share": share(figures["senior"], figures["total"]),
            "old_share": share(figures["old"], figures["total"]),
        }

    @cached_property
    def population_rows(self):
        year = self.latest_year
        unknown = dict.fromkeys(["total", *(name for name, _low, _high in GROUPS)])
        return [
            {"town": town, **unknown, **(self.population(town, year) or {})}
            for town in self.municipalities
        ]

    @cached_property
    def trend_rows(self):
        rows = []
        for year in self.years:
            towns = [self.population(town, year) for town in self.municipalities]
            towns = [t for t in towns if t]
            total = sum(t["total"] for t in towns)
            aged = [t for t in towns if t["senior"] is not None]
            senior = sum(t["senior"] for t in aged) if aged else None
            old = sum(t["old"] for t in aged) if aged else None
            rows.append(
                {
                    "year": year,
                    "total": total,
                    "senior": senior,
                    "old": old,
                    "senior_share": share(senior, sum(t["total"] for t in aged)),
                    "old_share": share(old, sum(t["total"] for t in aged)),
                    "towns": len(towns),
                }
            )
        return rows

    @cached_property
    def services(self):
        """Published registered services: {page id: (capacity, unit)}, the ones serving each
        municipality (its area) and the ones located in it (a place of provision there)."""
        pages = fragments.public(
            ServicePage.objects.live().filter(
                # the source language's pages, by a join rather than a query for the locale
                locale__language_code=get_supported_content_language_variant(
                    settings.LANGUAGE_CODE
                ),
                service_type=ServicePage.ServiceType.REGISTERED,
            )
        )
        capacity, serving, located = {}, defaultdict(set), defaultdict(set)
        for pk, amount, unit, town in pages.values_list(
            "pk", "capacity", "capacity_unit", "municipalities"
        ):
            capacity[pk] = (amount or 0, unit)
            if town is not None:
                serving[town].add(pk)
        secret = defaultdict(set)
        places = ServicePlace.objects.filter(page__in=pages.values("pk"))
        for page_id, town, hidden in places.values_list(
            "page_id", "municipality_id", "secret_address"
        ):
            # A secret place (azylový dům) is counted only in the whole territory: a row per
            # municipality would tell where it is.
            (secret if hidden else located)[town].add(page_id)
        return capacity, serving, located, secret

    def capacities(self, pages):
        capacity = self.services[0]
        totals = dict.fromkeys(UNITS, 0)
        for pk in pages:
            amount, unit = capacity[pk]
            if unit in totals:
                totals[unit] += amount
        return totals

    @staticmethod
    def per_thousand(beds, senior):
        return f"{1000 * beds / senior:.1f}".replace(".", ",") if senior else "–"

    @cached_property
    def service_rows(self):
        _capacity, serving, located, _secret = self.services
        rows = []
        for row in self.population_rows:
            town = row["town"].municipality_id
            here = located.get(town, set())
            totals = self.capacities(here)
            rows.append(
                {
                    **row,
                    **totals,
                    "serving": len(serving.get(town, ())),
                    "located": len(here),
                    "beds_per_senior": self.per_thousand(totals["beds"], row.get("senior") or 0),
                }
            )
        return rows

    @cached_property
    def service_total(self):
        """The whole territory, each service once: the services serving any of its
        municipalities, and the capacity of those located in it (secret places included)."""
        _capacity, serving, located, secret = self.services
        towns = [t.municipality_id for t in self.municipalities]
        pages = set().union(*(serving.get(town, set()) for town in towns))
        here = set().union(*(located.get(town, set()) | secret.get(town, set()) for town in towns))
        totals = self.capacities(here)
        senior = sum(row.get("senior") or 0 for row in self.population_rows)
        total = sum(row.get("total") or 0 for row in self.population_rows)
        return {
            **totals,
            "serving": len(pages),
            "located": len(here),
            "total": total,
            "senior": senior,
            "beds_per_senior": self.per_thousand(totals["beds"], senior),
        }

    @cached_property
    def measure_index(self):
        plan = self.page.plan
        if plan is None or not plan.live:
            return {}
        return plan.measure_index()

    @cached_property
    def needs(self):
        urls, needs = {}, []
        for block in self.page.needs:
            value = block.value
            measures = []
            for block_id in value["measures"]:
                ref = self.measure_index.get(block_id)
                if ref is None:
                    continue
                if ref.chapter.pk not in urls:
                    urls[ref.chapter.pk] = ref.chapter.get_url(self.request)
                measures.append(
                    {
                        "code": ref.code,
                        "title": ref.title,
                        "url": f"{urls[ref.chapter.pk]}#{ref.anchor}",
                    }
                )
            needs.append(
                {
                    "id": block.id,
                    "title": value["title"],
                    "description": value["description"],
                    "priority": value["priority"],
                    "priority_label": dict(block.block.child_blocks["priority"].field.choices).get(
                        value["priority"], value["priority"]
                    ),
                    "target_groups": [group.name for group in value["target_groups"] if group],
                    "territory": value["territory"].name
                    if value["territory"]
                    else self.page.territory.name,
                    "evidence": value["evidence"],
                    "measures": measures,
                }
            )
        return needs
