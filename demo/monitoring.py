"""The demo's monitoring: 2026 reported by the working groups and partners, reviewed by the
management team, evaluated and approved by the steering group; 2027 in progress with some
reports approved, some waiting for review and some missing."""

import datetime
from decimal import Decimal

from django.utils import timezone

from demo import route
from demo.site import rich
from monitoring.access import responsible_group
from monitoring.evaluation import freeze
from monitoring.models import (
    EvaluationIndexPage,
    EvaluationPage,
    Fulfilment,
    MonitoringRound,
    ReviewState,
)
from monitoring.opening import open_round
from workflows import notifications

# What happened to the measures, in turn: (status, %, share of the planned money spent).
OUTCOMES = [
    (Fulfilment.DONE, 100, Decimal("0.96")),
    (Fulfilment.ONGOING, 70, Decimal("0.85")),
    (Fulfilment.DONE, 100, Decimal("1.04")),
    (Fulfilment.PARTIAL, 60, Decimal("0.55")),
    (Fulfilment.ONGOING, 80, Decimal("0.9")),
    (Fulfilment.DONE, 100, Decimal("0.98")),
    (Fulfilment.NOT_DONE, 0, Decimal("0.05")),
    (Fulfilment.POSTPONED, 10, Decimal("0.1")),
]
REASONS = {
    Fulfilment.PARTIAL: "Druhou pečovatelku se podařilo přijmout až v září.",
    Fulfilment.NOT_DONE: "Obce nenašly vhodné prostory; hledání pokračuje s Městem Kelč.",
    Fulfilment.POSTPONED: "Dotační výzva kraje byla vyhlášena až v listopadu.",
}


def reporter(users, report):
    """The person of the group that answers for the report."""
    group = responsible_group(report)
    member = group.user_set.order_by("pk").first() if group else None
    return member or users["mt.kovarova"]


def fill(report, index, users, state):
    status, percent, spent = OUTCOMES[index % len(OUTCOMES)]
    author = reporter(users, report)
    report.status, report.percent = status, percent
    report.narrative = (
        f"Opatření {report.code} „{report.title}“: {status.label} v roce {report.round.year}."
    )
    report.reasons = REASONS.get(status, "")
    report.next_steps = "Pokračovat podle akčního plánu na další rok."
    for value in report.indicators.all():
        value.baseline = (value.target or 0) * Decimal("0.4")
        value.actual = ((value.target or 0) * Decimal(percent) / 100).quantize(Decimal("1"))
        value.source = "výkazy poskytovatelů a evidence obcí"
        value.save()
    for line in report.funding.all():
        planned = line.planned or 20_000
        line.planned = planned
        line.approved = int(planned * Decimal("0.95"))
        line.actual = int(planned * spent)
        line.save()
    report.review_state = state
    if state in (ReviewState.SUBMITTED, ReviewState.APPROVED):
        report.submitted_by, report.submitted_at = author, timezone.now()
    if state == ReviewState.APPROVED:
        report.reviewed_by, report.reviewed_at = users["mt.kovarova"], timezone.now()
    report._history_user = author  # simple-history: who made this version
    report.save()


def monitoring(builder, users, plan):
    """Returns the number of things created."""
    today = timezone.localdate()
    past = MonitoringRound.objects.create(
        plan=plan,
        year=plan.valid_from,
        deadline=today - datetime.timedelta(days=40),
        opened_by=users["mt.kovarova"],
    )
    created = 1 + open_round(past)
    for index, report in enumerate(past.reports.select_related("chapter", "round")):
        fill(report, index, users, ReviewState.APPROVED)
    evaluations = builder.child(
        plan,
        EvaluationIndexPage,
        "vyhodnoceni",
        title="Vyhodnocení plánu",
        summary="Každoroční vyhodnocení plnění opatření, schválené nadoborovou skupinou.",
    )
    page = builder.child(
        evaluations,
        EvaluationPage,
        str(past.year),
        publish=False,
        title=f"Vyhodnocení plnění plánu za rok {past.year}",
        summary=f"Co opatření v roce {past.year} dokázala, kolik stála a kdo je zaplatil.",
        round=past,
        introduction=rich(
            "Většina opatření se plní podle plánu. Zpožďuje se krizové bydlení a projekty "
            "závislé na dotacích kraje; jejich další kroky jsou u opatření."
        ),
        data=freeze(past),
    )
    with notifications.muted():
        route.approve(page, users, ("08", 10))

    current = MonitoringRound.objects.create(
        plan=plan,
        year=plan.valid_from + 1,
        deadline=today + datetime.timedelta(days=45),
        opened_by=users["mt.kovarova"],
    )
    created += 3 + open_round(current)
    states = [ReviewState.APPROVED, ReviewState.SUBMITTED, ReviewState.RETURNED]
    for index, report in enumerate(current.reports.select_related("chapter", "round")):
        if index % 4 == 3:
            continue  # not reported yet
        fill(report, index + 2, users, states[index % 3])
        if report.review_state == ReviewState.RETURNED:
            report.review_comment = "Doplňte prosím zdroj údajů u ukazatelů."
            report.save(update_fields=["review_comment"])
    return created
