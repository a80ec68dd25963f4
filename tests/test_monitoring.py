"""Monitoring rounds (issue 23, first part): the management team opens a round for a year, each
measure's report is filled in by the working group that answers for it (a partner reports its
own part) with Czech errors for bad input, the management team approves or returns it, and
every role is held to its own reports on the server."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from kpss_pages import factories
from kpss_pages.factories import ActionPlanPageFactory, action_item
from kpss_pages.models import PlanChapterPage
from monitoring.models import FundingLine, MeasureReport, MonitoringRound, ReviewState
from tests.route import publish, signed_in
from workflows import roles
from workflows.roles import AUDITOR, MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(db):
    return factories.OrganisationFactory(name="Spolek Partner", triad_role="poskytovatel")


@pytest.fixture
def monitored_chapter(chapter, partner):
    """Measure 1.1.2 names a partner; 1.1.3 runs only from 2027."""
    page = PlanChapterPage.objects.get(pk=chapter.pk)
    raw = page.priorities.stream_block.get_prep_value(page.priorities)
    measures = raw[0]["value"]["goals"][0]["value"]["measures"]
    measures[1]["value"]["partners"] = [partner.pk]
    measures[2]["value"]["year_from"] = 2027
    page.priorities = PlanChapterPage.hierarchy_from_raw(raw)
    return publish(page)


@pytest.fixture
def people(make_user, monitored_chapter, partner, home, working_group):
    roles.sync_working_group(monitored_chapter.working_group)
    roles.sync_organisation(partner)
    other_group = factories.WorkingGroupPageFactory(
        parent=working_group.get_parent(), title="Rodina"
    )
    roles.sync_working_group(other_group)
    return {
        "ps": make_user("manazerka", "Pracovní skupina – Senioři"),
        "other_ps": make_user("rodina", "Pracovní skupina – Rodina"),
        "partner": make_user("partner", "Poskytovatel – Spolek Partner"),
        "mt": make_user("mt", MANAGEMENT_TEAM),
        "ns": make_user("ns", STEERING_GROUP),
        "auditor": make_user("auditor", AUDITOR),
    }


def open_round(client, plan, year=2026, deadline=None):
    deadline = deadline or timezone.localdate() + datetime.timedelta(days=30)
    return client.post(
        reverse("monitoring:open"),
        {"plan": plan.pk, "year": str(year), "deadline": deadline.isoformat()},
    )


@pytest.fixture
def monitoring_round(plan, people):
    response = open_round(signed_in(people["mt"]), plan)
    assert response.status_code == 302
    return MonitoringRound.objects.get()


def report_of(monitoring_round, code, organisation=None):
    return monitoring_round.reports.get(code=code, organisation=organisation)


def test_opening_a_round_gives_each_measure_of_the_year_its_reports(monitoring_round, partner):
    reports = list(monitoring_round.reports.all())  # the group's report before the partner's
    assert [(r.code, r.organisation_id) for r in reports] == [
        ("1.1.1", None),
        ("1.1.2", None),
        ("1.1.2", partner.pk),
    ], "1.1.3 starts in 2027; the partner of 1.1.2 reports its part"
    first = reports[0]
    assert [(i.name, i.unit, i.target) for i in first.indicators.all()] == [
        ("počet klientů", "klientů", 10)
    ]
    assert list(first.funding.values_list("source", flat=True)) == ["obce"]
    assert ModelLogEntry.objects.filter(action="wagtail.create").exists()


def test_with_an_action_plan_its_measures_and_budgets_are_reported(plan, people, monitored_chapter):
    measures = {ref.code: ref for ref in plan.measures()}
    action_plan = ActionPlanPageFactory(
        parent=plan,
        items=[action_item(measures["1.1.3"].block_id, [("kraj", 70_000), ("obce", 30_000)])],
    )
    publish(action_plan)
    assert open_round(signed_in(people["mt"]), plan).status_code == 302
    report = MeasureReport.objects.get()
    assert report.code == "1.1.3"
    assert dict(report.funding.values_list("source", "planned")) == {"kraj": 70_000, "obce": 30_000}


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2031", "Rok 2031 je mimo období plánu 2026–2029."),
        ("2026", "Monitoring roku 2026 je už otevřen."),
    ],
)
def test_a_bad_round_gets_a_czech_message_and_nothing_is_opened(
    plan, people, monitoring_round, year, message
):
    before = MeasureReport.objects.count()
    response = open_round(signed_in(people["mt"]), plan, year=int(year))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert MonitoringRound.objects.count() == 1 and MeasureReport.objects.count() == before


def test_only_the_management_team_opens_a_round(plan, people):
    for role in ("ps", "ns", "auditor", "partner"):
        response = open_round(signed_in(people[role]), plan)
        assert response.status_code in (302, 403) and not MonitoringRound.objects.exists(), role
        if response.status_code == 302:
            assert "/login/" in response["Location"] or response["Location"] == "/admin/", role


def report_data(report, **changes):
    """The report form as sent: the report's fields, its indicators and funding lines."""
    indicators = list(report.indicators.all())
    funding = list(report.funding.all())
    data = {
        "status": "splneno",
        "percent": "100",
        "narrative": "Služba jezdí i v sobotu.",
        "reasons": "",
        "next_steps": "",
        "ukazatele-TOTAL_FORMS": str(len(indicators)),
        "ukazatele-INITIAL_FORMS": str(len(indicators)),
        "financovani-TOTAL_FORMS": str(len(funding)),
        "financovani-INITIAL_FORMS": str(len(funding)),
    }
    for index, value in enumerate(indicators):
        data.update(
            {
                f"ukazatele-{index}-id": str(value.pk),
                f"ukazatele-{index}-name": value.name,
                f"ukazatele-{index}-unit": value.unit,
                f"ukazatele-{index}-baseline": "4",
                f"ukazatele-{index}-target": str(value.target),
                f"ukazatele-{index}-actual": "8",
                f"ukazatele-{index}-source": "výkazy poskytovatele",
            }
        )
    for index, line in enumerate(funding):
        data.update(
            {
                f"financovani-{index}-id": str(line.pk),
                f"financovani-{index}-source": line.source,
                f"financovani-{index}-planned": "50000",
                f"financovani-{index}-approved": "45000",
                f"financovani-{index}-actual": "44000",
            }
        )
    data.update(changes)
    return data


def report_url(report):
    return reverse("monitoring:report", args=[report.pk])


def refused(response, report=None):
    """Refused: back to the report with the reason shown (or Wagtail's "no permission")."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] in (
        "/admin/",
        report_url(report) if report else "",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "nesplneno"}, "U stavu „nesplněno“ uveďte důvody."),
        ({"status": ""}, "Vyberte stav plnění opatření."),
        ({"financovani-0-actual": "-5"}, "Hodnota musí být větší nebo rovna 0."),
        ({"financovani-0-approved": "hodně"}, "Zadejte celé číslo."),
        ({"ukazatele-0-unit": ""}, "Uveďte jednotku, ve které je skutečná hodnota."),
        ({"ukazatele-0-actual": "osm"}, "Zadejte číslo."),
        ({"percent": "120"}, "Hodnota musí být menší nebo rovna 100."),
    ],
)
def test_bad_report_input_gets_a_czech_message_and_nothing_is_saved(
    monitoring_round, people, changes, message
):
    report = report_of(monitoring_round, "1.1.1")
    response = signed_in(people["ps"]).post(
        report_url(report), report_data(report, **changes, odeslat="1")
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    report.refresh_from_db()
    assert report.status == "" and report.review_state == ReviewState.DRAFT
    assert not FundingLine.objects.filter(actual__isnull=False).exists()


def test_the_working_group_reports_and_the_management_team_reviews(monitoring_round, people):
    report = report_of(monitoring_round, "1.1.1")
    ps, mt = signed_in(people["ps"]), signed_in(people["mt"])
    dashboard = ps.get(reverse("monitoring:round", args=[monitoring_round.pk])).content.decode()
    assert "1.1.1" in dashboard and "Chybí (2)" in dashboard, "its own two reports are missing"

    assert ps.post(report_url(report), report_data(report, ulozit="1")).status_code == 302
    report.refresh_from_db()
    assert report.status == "splneno" and report.review_state == ReviewState.DRAFT
    assert report.indicators.get().actual == 8
    assert ps.post(report_url(report), report_data(report, odeslat="1")).status_code == 302
    report.refresh_from_db()
    assert report.review_state == ReviewState.SUBMITTED and report.submitted_by == people["ps"]
    assert refused(ps.post(report_url(report), report_data(report, ulozit="1")), report)

    # Returned without a reason: refused; with one: the group may change it again.
    response = mt.post(report_url(report), {"kontrola": "vratit", "vyjadreni": ""})
    assert response.status_code == 400
    assert "Napište, co má skupina v hlášení doplnit nebo opravit." in response.content.decode()
    mt.post(report_url(report), {"kontrola": "vratit", "vyjadreni": "Doplňte zdroj údajů."})
    report.refresh_from_db()
    assert report.review_state == ReviewState.RETURNED
    assert "Doplňte zdroj údajů." in ps.get(report_url(report)).content.decode()
    assert ps.post(report_url(report), report_data(report, odeslat="1")).status_code == 302
    assert refused(ps.post(report_url(report), {"kontrola": "schvalit"}))
    report.refresh_from_db()
    assert report.review_state == ReviewState.SUBMITTED, "a group does not approve itself"
    mt.post(report_url(report), {"kontrola": "schvalit"})
    report.refresh_from_db()
    assert report.review_state == ReviewState.APPROVED and report.reviewed_by == people["mt"]

    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"wagtail.edit", "kpss.monitoring.submit", "kpss.monitoring.return"} <= actions
    assert "kpss.monitoring.approve" in actions
    assert report.history.count() >= 5, "every save is in the report's history"


def test_after_the_deadline_only_the_management_team_fills_in(plan, people):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    open_round(signed_in(people["mt"]), plan, deadline=yesterday)
    report = report_of(MonitoringRound.objects.get(), "1.1.1")
    ps = signed_in(people["ps"])
    assert "Termín pro hlášení uplynul" in ps.get(report_url(report)).content.decode()
    assert refused(ps.post(report_url(report), report_data(report, odeslat="1")), report)
    report.refresh_from_db()
    assert report.review_state == ReviewState.DRAFT
    mt = signed_in(people["mt"])
    assert mt.post(report_url(report), report_data(report, odeslat="1")).status_code == 302


def test_each_role_sees_and_fills_in_only_its_own_reports(monitoring_round, people, partner):
    group_report = report_of(monitoring_round, "1.1.2")
    partner_part = report_of(monitoring_round, "1.1.2", partner)
    other = signed_in(people["other_ps"])
    assert other.get(report_url(group_report)).status_code == 404
    assert other.post(report_url(group_report), report_data(group_report)).status_code == 404

    provider = signed_in(people["partner"])
    assert provider.get(report_url(group_report)).status_code == 404
    assert (
        provider.post(report_url(partner_part), report_data(partner_part, odeslat="1")).status_code
        == 302
    )
    dashboard = provider.get(reverse("monitoring:round", args=[monitoring_round.pk]))
    assert "1.1.1" not in dashboard.content.decode()

    for role in ("ns", "auditor"):
        reader = signed_in(people[role])
        page = reader.get(report_url(group_report))
        assert page.status_code == 200 and "Toto hlášení můžete jen číst." in page.content.decode()
        assert refused(
            reader.post(report_url(group_report), report_data(group_report)), group_report
        )
        assert refused(reader.post(report_url(partner_part), {"kontrola": "vratit"}))
    group_report.refresh_from_db()
    assert group_report.status == ""


def test_groups_with_missing_reports_are_reminded_once_before_the_deadline(
    plan, people, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.core.management import call_command

    in_five_days = timezone.localdate() + datetime.timedelta(days=5)
    open_round(signed_in(people["mt"]), plan, deadline=in_five_days)
    monitoring_round = MonitoringRound.objects.get()
    done = report_of(monitoring_round, "1.1.1")
    signed_in(people["ps"]).post(report_url(done), report_data(done, odeslat="1"))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("kpss_monitoring_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_address = {tuple(message.to): message for message in mail.outbox}
    group_mail = by_address[(people["ps"].email,)]
    assert "1.1.2" in group_mail.body and "1.1.1" not in group_mail.body, "only what is missing"
    assert "Monitoring 2026" in group_mail.subject
    assert (people["partner"].email,) in by_address, "the partner for its part"
    count = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("kpss_monitoring_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == count, "once per round"
