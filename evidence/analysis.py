"""The figures of the analysis page, computed from the imported rows at each rendering (the page
cache keeps the result and forgets it when any of them changes): population by age per
municipality and its trend, services and capacities against population, and the needs."""

from collections import defaultdict
from functools import cached_property

from django.http import Http404
from django.utils.translation import gettext as _

from wagtail.models import Locale

from evidence.models import PopulationFigure, Sex, Territory
from kpss_pages import fragments
from kpss_pages.charts import grouped_bars
from kpss_pages.models import CommunityPlanPage, PlanChapterPage, ServicePage, ServicePlace
from kpss_pages.spreadsheets import SEMICOLON, csv_response
from kpss_pages.templatetags.kpss_tags import thousands

UNITS = ["beds", "clients", "simultaneous", "contacts"]


def finest(bands):
    """The bands that contain no other band: ČSÚ files may hold 85+ beside 85–89, 90–94, 95+, or
    0–14 beside the five-year groups; summing only the finest counts nobody twice."""

    def contains(outer, inner):
        return (outer[0], outer[1]) != (inner[0], inner[1]) and (
            outer[0] <= inner[0]
            and (outer[1] is None or (inner[1] is not None and inner[1] <= outer[1]))
        )

    return [band for band in bands if not any(contains(band, other) for other in bands)]


class Counts:
    """One territory's population in one year: the total and the five-year (or finer) bands."""

    def __init__(self):
        self.total, self.bands = None, []

    def add(self, age_code, age_from, age_to, value):
        if age_code == "":
            self.total = value
        else:
            self.bands.append((age_from, age_to, value))

    def between(self, low, high=None):
        return sum(
            value
            for start, end, value in finest(self.bands)
            if start >= low and (high is None or (end is not None and end <= high))
        )

    @property
    def all(self):
        return self.total if self.total is not None else sum(v for _s, _e, v in finest(self.bands))


def share(part, whole):
    return f"{100 * part / whole:.1f} %".replace(".", ",") if whole else "–"


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
        """{(territory id, year): Counts} of both sexes, from one query."""
        counts = defaultdict(Counts)
        rows = PopulationFigure.objects.filter(
            territory__in=[town.pk for town in self.municipalities], sex=Sex.ALL
        )
        if self.page.trend_from:
            rows = rows.filter(year__gte=self.page.trend_from)
        for territory_id, year, code, start, end, value in rows.values_list(
            "territory_id", "year", "age_code", "age_from", "age_to", "value"
        ):
            counts[territory_id, year].add(code, start, end, value)
        return counts

    @cached_property
    def years(self):
        return sorted({year for _territory, year in self.counts})

    @property
    def latest_year(self):
        return self.years[-1] if self.years else None

    def population(self, town, year):
        counts = self.counts.get((town.pk, year))
        if counts is None:
            return None
        total = counts.all
        return {
            "total": total,
            "young": counts.between(0, 15),
            "working": counts.between(15, 65),
            "senior": counts.between(65),
            "old": counts.between(80),
            "senior_share": share(counts.between(65), total),
            "old_share": share(counts.between(80), total),
        }

    @cached_property
    def population_rows(self):
        year = self.latest_year
        return [
            {"town": town, **(self.population(town, year) or {})} for town in self.municipalities
        ]

    @cached_property
    def trend_rows(self):
        rows = []
        for year in self.years:
            towns = [self.population(town, year) for town in self.municipalities]
            towns = [t for t in towns if t]
            total = sum(t["total"] for t in towns)
            senior, old = sum(t["senior"] for t in towns), sum(t["old"] for t in towns)
            rows.append(
                {
                    "year": year,
                    "total": total,
                    "senior": senior,
                    "old": old,
                    "senior_share": share(senior, total),
                    "old_share": share(old, total),
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
                locale=Locale.get_default(), service_type=ServicePage.ServiceType.REGISTERED
            )
        )
        capacity, serving, located = {}, defaultdict(set), defaultdict(set)
        for pk, amount, unit, town in pages.values_list(
            "pk", "capacity", "capacity_unit", "municipalities"
        ):
            capacity[pk] = (amount or 0, unit)
            if town is not None:
                serving[town].add(pk)
        places = ServicePlace.objects.filter(page__in=pages.values("pk"))
        for page_id, town in places.values_list("page_id", "municipality_id"):
            located[town].add(page_id)
        return capacity, serving, located

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
        _capacity, serving, located = self.services
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
        """The whole territory: each service serving any of its municipalities counted once."""
        _capacity, serving, _located = self.services
        pages = set().union(*(serving.get(t.municipality_id, set()) for t in self.municipalities))
        totals = self.capacities(pages)
        senior = sum(row.get("senior") or 0 for row in self.population_rows)
        total = sum(row.get("total") or 0 for row in self.population_rows)
        return {
            **totals,
            "serving": len(pages),
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

    # --- Charts: each beside its table, with the same figures -------------------------------

    def trend_chart(self):
        return grouped_bars(
            "graf-vyvoj",
            _("Vývoj počtu obyvatel ve věku 65+ a 80+"),
            [_("65 a více let"), _("80 a více let")],
            [(row["year"], [row["senior"], row["old"]]) for row in self.trend_rows],
            show=thousands,
        )

    def age_chart(self):
        return grouped_bars(
            "graf-vek",
            _("Obyvatelé obcí podle věku v roce %(year)s") % {"year": self.latest_year},
            [_("0–14 let"), _("15–64 let"), _("65 a více let")],
            [
                (
                    row["town"].name,
                    [row.get("young", 0), row.get("working", 0), row.get("senior", 0)],
                )
                for row in self.population_rows
            ],
            show=thousands,
        )

    def capacity_chart(self):
        return grouped_bars(
            "graf-kapacity",
            _("Služby a lůžka v obcích"),
            [_("služeb působících v obci"), _("služeb s místem v obci"), _("lůžek v obci")],
            [
                (row["town"].name, [row["serving"], row["located"], row["beds"]])
                for row in self.service_rows
            ],
            show=thousands,
        )

    # --- CSV ---------------------------------------------------------------------------------

    def csv(self, table):
        builders = {
            "obyvatelstvo": self.population_csv,
            "sluzby": self.services_csv,
            "potreby": self.needs_csv,
        }
        if table not in builders:
            raise Http404
        header, rows = builders[table]()
        return csv_response(
            self.request, header, rows, f"{self.page.slug}-{table}.csv", default=SEMICOLON
        )

    def population_csv(self):
        header = [
            _("Obec"),
            _("Kód obce"),
            _("Rok"),
            _("Obyvatel celkem"),
            _("0–14 let"),
            _("15–64 let"),
            _("65 a více let"),
            _("80 a více let"),
        ]
        rows = []
        for town in self.municipalities:
            for year in self.years:
                figures = self.population(town, year)
                if figures:
                    rows.append(
                        {
                            "town": town.name,
                            "code": town.code,
                            "year": year,
                            **{
                                key: figures[key]
                                for key in ("total", "young", "working", "senior", "old")
                            },
                        }
                    )
        return header, rows

    def services_csv(self):
        header = [
            _("Obec"), _("Kód obce"), _("Rok počtu obyvatel"), _("Obyvatel celkem"),
            _("65 a více let"), _("Služeb působících v obci"), _("Služeb s místem v obci"),
            _("Lůžek v obci"), _("Klientů"), _("Klientů současně"), _("Kontaktů denně"),
            _("Lůžek v obci na 1 000 obyvatel 65+"),
        ]  # fmt: skip
        rows = [
            {
                "town": row["town"].name,
                "code": row["town"].code,
                "year": self.latest_year or "",
                "total": row.get("total", ""),
                "senior": row.get("senior", ""),
                "serving": row["serving"],
                "located": row["located"],
                **{unit: row[unit] for unit in UNITS},
                "ratio": row["beds_per_senior"],
            }
            for row in self.service_rows
        ]
        whole = self.service_total
        rows.append(
            {
                "town": _("Celé území (každá služba jednou)"),
                "code": "",
                "year": self.latest_year or "",
                "total": whole["total"],
                "senior": whole["senior"],
                "serving": whole["serving"],
                "located": "",
                **{unit: whole[unit] for unit in UNITS},
                "ratio": whole["beds_per_senior"],
            }
        )
        return header, rows

    def needs_csv(self):
        header = [
            _("Potřeba"),
            _("Priorita"),
            _("Cílové skupiny"),
            _("Území"),
            _("Podklady"),
            _("Opatření"),
        ]
        rows = [
            {
                "title": need["title"],
                "priority": need["priority_label"],
                "groups": ", ".join(need["target_groups"]),
                "territory": need["territory"],
                "evidence": "; ".join(item["summary"] for item in need["evidence"]),
                "measures": ", ".join(f"{m['code']} {m['title']}" for m in need["measures"]),
            }
            for need in self.needs
        ]
        return header, rows
