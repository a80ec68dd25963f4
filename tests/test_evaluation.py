"""The yearly evaluation (issue 23): the round's approved reports frozen into an evaluation page
that passes the plan's route, published with its roll-up (rule stated, numbers to repeat it),
charts with their tables, a PDF, a line at each measure of the chapter, open data, and the
year before; a round in progress stays a 404."""

import csv
import io
import json
import shutil
import subprocess

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from kpss_pages.models import PlanChapterPage
from monitoring.factories import sample_data
from monitoring.models import EvaluationIndexPage, EvaluationPage, MonitoringRound
from tests import test_monitoring
from tests.admin_forms import page_form_data
from tests.route import add_url, approve_route, publish, signed_in
from tests.test_monitoring import open_round, report_data, report_of, report_url

pytestmark = pytest.mark.django_db

# The monitoring tests' fixtures: the chapter with a partner, the people, an open round.
partner = test_monitoring.partner
monitored_chapter = test_monitoring.monitored_chapter
people = test_monitoring.people
monitoring_round = test_monitoring.monitoring_round


def fill_and_approve(people, report, **changes):
    signed_in(people["ps"]).post(report_url(report), report_data(report, odeslat="1", **changes))
    signed_in(people["mt"]).post(report_url(report), {"kontrola": "schvalit"})


@pytest.fixture
def index(plan):
    page = EvaluationIndexPage(title="Vyhodnocení plánu", slug="vyhodnoceni")
    plan.add_child(instance=page)
    return publish(page)


def create_evaluation(people, index, monitoring_round):
    client = signed_in(people["mt"])
    url = add_url(EvaluationPage, index)
    data = page_form_data(
        client,
        url,
        EvaluationPage(),
        title=f"Vyhodnocení {monitoring_round.year}",
        slug="x",
        round=str(monitoring_round.pk),
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return EvaluationPage.objects.get(round=monitoring_round)


@pytest.fixture
def evaluation(people, monitoring_round, index):
    fill_and_approve(people, report_of(monitoring_round, "1.1.1"))
    fill_and_approve(
        people,
        report_of(monitoring_round, "1.1.2"),
        status="castecne",
        percent="50",
        reasons="Chyběla pečovatelka.",
    )
    page = create_evaluation(people, index, monitoring_round)
    assert not page.live
    approve_route(
        page,
        author=people["mt"],
        management_team=people["mt"],
        steering_group=people["ns"],
        resolution="NS/2026/30",
        meeting_date="2026-11-30",
    )
    return EvaluationPage.objects.get(pk=page.pk)


def test_an_evaluation_in_progress_is_not_public(client, people, monitoring_round, index):
    page = create_evaluation(people, index, monitoring_round)
    assert page.slug == "2026" and page.url.endswith("/vyhodnoceni/2026/")
    assert client.get(page.url).status_code == 404
    assert "Zatím nebylo schváleno žádné vyhodnocení." in client.get(index.url).content.decode()
    assert [m["code"] for m in page.data["measures"]] == ["1.1.1", "1.1.2"]
    assert not any(m["approved"] for m in page.data["measures"]), "nothing approved yet"


def test_the_approved_evaluation_states_its_rule_and_the_numbers_to_repeat_it(
    client, evaluation, index
):
    assert evaluation.live
    html = client.get(evaluation.url).content.decode()
    assert "vážený plánovanými náklady" in html
    # Both measures planned 50 000 Kč: (100 x 50 000 + 50 x 50 000) / 100 000 = 75 %.
    assert "75,0 %" in html
    assert "7\xa0500\xa0000 / 100\xa0000" in html
    assert "splněno: 1; částečně splněno: 1" in html
    assert "Chyběla pečovatelka." in html
    assert 'role="img"' in html and '<title id="graf-stavy-t">' in html
    assert "NS/2026/30" in html, "the approval line names the resolution"
    assert evaluation.url in client.get(index.url).content.decode()


def test_the_chapter_links_each_measure_to_its_evaluation(client, evaluation, monitored_chapter):
    html = client.get(monitored_chapter.url).content.decode()
    assert "Plnění 2026: splněno" in html and "Plnění 2026: částečně splněno" in html
    assert f'href="{evaluation.url}#opatreni-1-1-1"' in html


def test_open_data_holds_approved_evaluations_only(client, evaluation, people, plan):
    open_round(signed_in(people["mt"]), plan, year=2027)  # in progress: not in the data
    response = client.get("/otevrena-data/monitoring.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {row["rok"] for row in rows} == {"2026"}
    funding = [r for r in rows if r["radek"] == "financovani" and r["opatreni"] == "1.1.1"]
    assert funding[0]["planovano_kc"] == "50000" and funding[0]["skutecne_kc"] == "44000"
    indicator = next(r for r in rows if r["radek"] == "ukazatel" and r["opatreni"] == "1.1.1")
    assert (indicator["cilova_hodnota"], indicator["skutecna_hodnota"]) == ("10.00", "8.00")
    excel = client.get("/otevrena-data/monitoring.csv?oddelovac=strednik").content.decode()
    assert excel.splitlines()[0].count(";") == 18
    payload = json.loads(client.get("/otevrena-data/monitoring.json").content)
    assert payload["pocet"] == len(rows) and set(payload["pole"]) == set(rows[0])
    assert client.get("/otevrena-data/monitoring.csv?oddelovac=x").status_code == 400


def test_the_evaluation_as_a_tagged_pdf(client, evaluation, tmp_path):
    response = client.get(evaluation.url + "pdf/")
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        path = tmp_path / "vyhodnoceni.pdf"
        path.write_bytes(content)
        info = subprocess.run(  # noqa: S603 - a fixed command on a file this test wrote
            [pdfinfo, str(path)], capture_output=True, text=True, check=True
        ).stdout
        assert "Tagged:          yes" in info and evaluation.title in info


def evaluation_page(index, plan, year, count):
    monitoring_round = MonitoringRound.objects.create(plan=plan, year=year, deadline="2027-01-31")
    page = EvaluationPage(
        title=f"Vyhodnocení {year}",
        slug=str(year),
        round=monitoring_round,
        data=sample_data(year, count),
    )
    index.add_child(instance=page)
    return publish(page)


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [
        q["sql"]
        for q in captured.captured_queries
        if not q["sql"].startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE", "ROLLBACK"))
    ]


def test_the_evaluation_page_keeps_its_query_budget_from_5_to_300_measures(
    client, plan, index, settings
):
    settings.KPSS_PAGE_CACHE = False
    small = evaluation_page(index, plan, 2026, 5)
    large = evaluation_page(index, plan, 2027, 300)
    few, many = queries(client, small.url), queries(client, large.url)
    assert len(few) <= 12, "\n".join(few)
    assert len(many) == len(few), "\n".join(many)
    html = client.get(large.url).content.decode()
    assert "Opatření 299" in html and "Srovnání s předchozím rokem" in html


def test_a_working_group_cannot_create_or_approve_an_evaluation(people, monitoring_round, index):
    client = signed_in(people["ps"])
    response = client.get(add_url(EvaluationPage, index))
    assert response.status_code in (302, 403)
    assert not EvaluationPage.objects.exists()


def test_chapter_page_unchanged_without_evaluations(client, monitored_chapter):
    assert "Plnění 20" not in client.get(monitored_chapter.url).content.decode()
    assert PlanChapterPage.objects.count() == 1


def test_the_evaluation_has_an_english_translation_of_the_same_round(client, evaluation):
    from wagtail.models import Locale

    english = evaluation.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    for page in english.get_ancestors().filter(depth__gt=1, live=False):
        publish(page.specific)
    publish(english)
    english = EvaluationPage.objects.get(pk=english.pk)
    assert english.round_id == evaluation.round_id and english.data == evaluation.data
    html = client.get(english.url).content.decode()
    assert english.url.startswith("/en/") and "How the summary is calculated" in html
    assert "75.0 %" in html or "75,0 %" in html
    # The reports are in Czech: marked as such on the English page (WCAG 3.1.2).
    assert '<span lang="cs">Chyběla pečovatelka.</span>' in html
    rows = client.get("/en/otevrena-data/monitoring.json").json()["radky"]
    assert rows and {row["rok"] for row in rows} == {2026}
