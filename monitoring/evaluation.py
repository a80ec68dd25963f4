"""The yearly evaluation (vyhodnocení) as data: the round's approved reports frozen into the
evaluation page, so the steering group approves exactly what is published, and the roll-up per
priority and goal computed from that data by a rule anyone can repeat:

- statuses are counted;
- the % of fulfilment of a group is the average of its measures' % weighted by their planned
  cost: sum(% x planned cost) / sum(planned cost), over the measures that give both.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from kpss_pages.models import ActionPlanPage
from monitoring.models.reports import Fulfilment, ReviewState


def _number(value):
    return None if value is None else str(value)


def _funding(report):
    return [
        {
            "source": line.source,
            "planned": line.planned,
            "approved": line.approved,
            "actual": line.actual,
        }
        for line in report.funding.all()
    ]


def _report_data(report):
    return {
        "status": report.status,
        "percent": report.percent,
        "narrative": report.narrative,
        "reasons": report.reasons,
        "next_steps": report.next_steps,
        "funding": _funding(report),
        "evidence": [
            {"title": document.title, "url": document.url} for document in report.evidence.all()
        ],
    }


def freeze(monitoring_round):
    """The evaluation's data: every measure of the round, with its approved report (or none)."""
    plan = monitoring_round.plan
    index = plan.measure_index()
    action_plan = (
        ActionPlanPage.objects.child_of(plan).live().filter(year=monitoring_round.year).first()
    )
    in_action_plan = {c.value["measure"] for c in action_plan.items} if action_plan else set()
    reports = (
        monitoring_round.reports.select_related("organisation", "chapter")
        .prefetch_related("indicators", "funding", "evidence")
        .order_by("code", "organisation__name")
    )
    measures = {}
    for report in reports:
        ref = index.get(report.measure_id)
        entry = measures.setdefault(report.measure_id, _measure_entry(report, ref, in_action_plan))
        approved = report.review_state == ReviewState.APPROVED
        if report.organisation_id is None:
            entry["approved"] = approved
            if approved:
                entry.update(_report_data(report))
                entry["indicators"] = [
                    {
                        "name": value.name,
                        "unit": value.unit,
                        "baseline": _number(value.baseline),
                        "target": _number(value.target),
                        "actual": _number(value.actual),
                        "source": value.source,
                    }
                    for value in report.indicators.all()
                ]
        elif approved:
            entry["partners"].append(
                {"organisation": report.organisation.name, **_report_data(report)}
            )
    ordered = sorted(measures.values(), key=lambda m: [int(part) for part in m["code"].split(".")])
    return {
        "year": monitoring_round.year,
        "round": monitoring_round.pk,
        # The language the reports and the plan's titles are written in (a translation of the
        # evaluation shows them as they are, marked with it).
        "language": plan.locale.language_code,
        "measures": ordered,
    }


def _measure_entry(report, ref, in_action_plan):
    code = ref.code if ref else report.code
    return {
        "id": report.measure_id,
        "code": code,
        "anchor": "opatreni-" + code.replace(".", "-"),
        "title": ref.title if ref else report.title,
        "chapter": report.chapter_id,
        "priority_title": ref.priority_title if ref else "",
        "goal_title": ref.goal_title if ref else "",
        "in_action_plan": report.measure_id in in_action_plan,
        "approved": False,
        "status": "",
        "percent": None,
        "narrative": "",
        "reasons": "",
        "next_steps": "",
        "indicators": [],
        "funding": [],
        "evidence": [],
        "partners": [],
    }


# --- The roll-up ----------------------------------------------------------------------------


def _sum(measure, key):
    return sum(line[key] or 0 for line in measure["funding"])


@dataclass
class Group:
    """A priority or a goal, or the whole plan, with what its measures add up to."""

    code: str
    title: str
    measures: list = field(default_factory=list)
    children: list = field(default_factory=list)

    @property
    def counts(self):
        counted = Counter(m["status"] or "" for m in self.measures)
        return [(value, label, counted[value]) for value, label in STATUS_ROWS if counted[value]]

    @property
    def planned(self):
        return sum(_sum(m, "planned") for m in self.measures)

    @property
    def actual(self):
        return sum(_sum(m, "actual") for m in self.measures)

    @property
    def weighted(self):
        """(weighted %, the measures it rests on, sum of % x cost, sum of cost) or None."""
        basis = [
            (m["percent"], _sum(m, "planned"))
            for m in self.measures
            if m["percent"] is not None and _sum(m, "planned") > 0
        ]
        if not basis:
            return None
        products = sum(percent * cost for percent, cost in basis)
        costs = sum(cost for _percent, cost in basis)
        value = (Decimal(products) / Decimal(costs)).quantize(Decimal("0.1"))
        return {"percent": value, "count": len(basis), "products": products, "costs": costs}


NO_REPORT = ("", _("bez schváleného hlášení"))
STATUS_ROWS = [*Fulfilment.choices, NO_REPORT]


def rollup(data):
    """The whole plan as a Group whose children are priorities, theirs goals."""
    whole = Group("", "")
    priorities = {}
    for measure in data.get("measures", []):
        p_code, g_code = measure["code"].split(".")[0], ".".join(measure["code"].split(".")[:2])
        priority = priorities.get(p_code)
        if priority is None:
            priority = priorities[p_code] = Group(p_code, measure["priority_title"])
            whole.children.append(priority)
        goal = next((g for g in priority.children if g.code == g_code), None)
        if goal is None:
            goal = Group(g_code, measure["goal_title"])
            priority.children.append(goal)
        for group in (whole, priority, goal):
            group.measures.append(measure)
    return whole


def by_source(measures):
    """[(source, planned, approved, actual)] summed over the measures, in the sources' order."""
    from kpss_pages.blocks import FUNDING_SOURCES

    sums = {}
    for measure in measures:
        for line in measure["funding"]:
            row = sums.setdefault(line["source"], [0, 0, 0])
            for index, key in enumerate(("planned", "approved", "actual")):
                row[index] += line[key] or 0
    return [(label, *sums[code]) for code, label in FUNDING_SOURCES if code in sums]


def year_on_year(data, previous):
    """Both years' totals, and each measure's status the year before (by its stable id)."""
    if not previous:
        return None
    before = {m["id"]: m["status"] for m in previous.get("measures", [])}
    labels = dict(STATUS_ROWS)
    return {
        "year": previous.get("year"),
        "now": rollup(data),
        "then": rollup(previous),
        "statuses": {
            m["id"]: labels.get(before[m["id"]], "")
            for m in data.get("measures", [])
            if m["id"] in before
        },
    }
