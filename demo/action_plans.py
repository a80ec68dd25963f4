"""Annual action plans of the demo plan: 2026 approved through the route, 2027 a draft that is
out for public comment. Each year takes the plan's measures running in it, with the yearly share
of the measure's estimated cost split over its funding sources."""

from demo import route
from demo.site import rich
from kpss_pages.models import ActionPlanPage
from workflows import notifications

INTRODUCTION = (
    "Akční plán vybírá z komunitního plánu opatření, která se v roce {year} provedou, a říká, "
    "kolik na ně bude třeba a z jakých zdrojů. Skutečné plnění a náklady vyhodnotíme v "
    "monitoringu za rok {year}."
)
# Shares of a measure's yearly cost by funding source (the rest goes to the first source).
SHARES = {"kraj": 0.35, "stat": 0.3, "uhrady": 0.1, "nadace": 0.2, "esf": 0.5}


def budget(measure, year):
    """The measure's yearly cost split over its sources, rounded to thousands of crowns."""
    cost = measure["estimated_cost"] or 0
    years = measure["year_to"] - measure["year_from"] + 1
    yearly = cost / years
    sources = measure["funding_sources"] or ["obce"]
    lines, rest = [], yearly
    for source in sources[1:]:
        amount = round(yearly * SHARES.get(source, 0.2), -3)
        lines.append({"source": source, "amount": int(amount)})
        rest -= amount
    lines.insert(0, {"source": sources[0], "amount": int(round(rest, -3))})
    return [line for line in lines if line["amount"] > 0]


def items_for(plan, year):
    return [
        (
            "measure",
            {
                "measure": ref.block_id,
                "activities": rich(
                    f"V roce {year}: {ref.title.lower()} podle harmonogramu opatření {ref.code}."
                ),
                "budget": budget(ref.data, year),
            },
        )
        for ref in plan.measures()
        if ref.data["year_from"] <= year <= ref.data["year_to"]
    ]


def action_plan(builder, plan, year):
    return builder.child(
        plan,
        ActionPlanPage,
        f"akcni-plan-{year}",
        title=f"Akční plán na rok {year}",
        summary=f"Opatření komunitního plánu na rok {year} a jejich rozpočet podle zdrojů.",
        year=year,
        introduction=rich(INTRODUCTION.format(year=year)),
        items=items_for(plan, year),
        publish=False,
    )


def action_plans(builder, users, plan):
    """The approved 2026 plan and the 2027 draft; returns the draft."""
    current = action_plan(builder, plan, plan.valid_from)
    with notifications.muted():
        route.approve(current, users, route.UPDATE)
    upcoming = action_plan(builder, plan, plan.valid_from + 1)
    route.save_draft(upcoming, users["mt.kovarova"])
    return upcoming
