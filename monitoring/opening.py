"""Opening a monitoring round: a report for every measure of the year, prefilled from the plan
(indicators with their targets) and from the year's action plan (planned amounts by source)."""

from django.db import transaction

from kpss_pages.models import ActionPlanPage
from monitoring.models import FundingLine, IndicatorValue, MeasureReport


def measures_of_year(plan, year):
    """The plan's published measures reported on in `year`: those of the year's approved action
    plan, or without one, those whose time frame includes the year; with their budgets."""
    action_plan = ActionPlanPage.objects.child_of(plan).live().filter(year=year).first()
    if action_plan is not None:
        items = action_plan.resolved_items(plan.measure_index())
        return [(item.ref, item.value["budget"]) for item in items if item.ref is not None]
    return [
        (ref, [])
        for ref in plan.measures()
        if (ref.data.get("year_from") or year) <= year <= (ref.data.get("year_to") or year)
    ]


def _partners(ref):
    ids = []
    for item in ref.data.get("partners") or []:
        value = item.get("value") if isinstance(item, dict) else item
        if value and value not in ids:
            ids.append(value)
    return ids


def _prefill(report, ref, budget):
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            report=report,
            sort_order=order,
            name=indicator.get("name", ""),
            unit=indicator.get("unit", ""),
            target=indicator.get("target_value") or None,
        )
        for order, indicator in enumerate(_values(ref.data.get("indicators")))
    )
    planned = {line["source"]: line["amount"] for line in budget}
    sources = list(planned) or list(ref.data.get("funding_sources") or [])
    FundingLine.objects.bulk_create(
        FundingLine(report=report, source=source, planned=planned.get(source)) for source in sources
    )


def _values(items):
    for item in items or []:
        yield item["value"] if isinstance(item, dict) and "value" in item else item


@transaction.atomic
def open_round(monitoring_round):
    """Create the reports still missing (the round may be opened again after the plan grew).
    Returns the number created."""
    existing = set(monitoring_round.reports.values_list("measure_id", "organisation_id"))
    created = 0
    for ref, budget in measures_of_year(monitoring_round.plan, monitoring_round.year):
        for organisation_id in [None, *_partners(ref)]:
            if (ref.block_id, organisation_id) in existing:
                continue
            report = MeasureReport.objects.create(
                round=monitoring_round,
                measure_id=ref.block_id,
                code=ref.code,
                title=ref.title,
                chapter=ref.chapter,
                organisation_id=organisation_id,
            )
            if organisation_id is None:
                _prefill(report, ref, budget)
            created += 1
    return created
