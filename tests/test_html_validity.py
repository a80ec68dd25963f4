"""Every public page type is valid HTML by the Nu HTML Checker (vnu.jar, `make test` fetches it
from the npm registry; it runs on Java), in both languages."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

from wagtail.models import Locale, Site

import pytest

from consultation.factories import ConsultationPageFactory
from consultation.models import Comment, SettlementPage, SettlementRow
from kpss_pages import factories
from kpss_pages.models import DocumentIndexPage, SiteSettings
from monitoring.factories import sample_data
from monitoring.models import EvaluationIndexPage, EvaluationPage, MonitoringRound
from tests.route import publish
from tests.test_evidence_page import build_evidence

VNU = Path(__file__).resolve().parent.parent / ".venv" / "vnu" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not JAVA, reason="Java chybí."),
    pytest.mark.skipif(not VNU.exists(), reason="vnu.jar chybí (make test jej stáhne přes npm)."),
]


@pytest.fixture
def public_urls(home, plan, chapter, working_group):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.is_demo = True
    settings.save()
    catalogue = publish(factories.ServiceIndexPageFactory(parent=home, show_in_menus=True))
    service = publish(factories.ServicePageFactory(parent=catalogue, title="Senior taxi"))
    news_index = publish(factories.NewsIndexPageFactory(parent=home))
    news = publish(factories.NewsPageFactory(parent=news_index, title="Zpráva"))
    meeting = publish(
        factories.MeetingPageFactory(
            parent=working_group, title="Jednání", date=datetime.date(2026, 2, 10)
        )
    )
    statement = publish(factories.AccessibilityStatementPageFactory(parent=home, slug="prohlaseni"))
    evidence = build_evidence(home, plan, chapter, catalogue)
    analysis = publish(evidence["page"])
    documents = DocumentIndexPage(title="Dokumenty", slug="dokumenty")
    home.add_child(instance=documents)
    publish(documents)
    for page in (working_group.get_parent().specific, working_group):
        publish(page)
    english = Locale.objects.get(language_code="en")
    home_en = publish(home.copy_for_translation(english))
    plan_en = publish(plan.copy_for_translation(english))
    analysis_en = publish(analysis.copy_for_translation(english))
    consultation = publish(
        ConsultationPageFactory(
            parent=plan,
            hearing_at=datetime.datetime(2026, 12, 10, 17, tzinfo=datetime.UTC),
            hearing_place="Radnice",
            rules="<p>Připomínky může podat kdokoli.</p>",
        )
    )
    comment = Comment.objects.create(
        consultation=consultation,
        name="Marie Svobodová",
        target_chapter=chapter,
        target_label="Kapitola 1: Senioři",
        text="Text připomínky.",
    )
    comment.count()
    settlement = SettlementPage(title="Vypořádání připomínek", slug="vyporadani")
    consultation.add_child(instance=settlement)
    settlement.rows = [SettlementRow(comment=comment, outcome="akceptovano", reason="Ano.")]
    publish(settlement)
    measures = plan.measures()
    action_plan = publish(
        factories.ActionPlanPageFactory(
            parent=plan,
            items=[
                factories.action_item(measures[0].block_id, [("obce", 10_000), ("kraj", 5_000)]),
                factories.action_item(measures[1].block_id, []),
            ],
        )
    )
    draft = factories.ActionPlanPageFactory(
        parent=plan, year=2027, live=False, items=[factories.action_item(measures[0].block_id)]
    )
    draft.save_revision()
    action_consultation = publish(ConsultationPageFactory(parent=draft, slug="k-akcnimu-planu"))
    evaluations = EvaluationIndexPage(title="Vyhodnocení", slug="vyhodnoceni")
    plan.add_child(instance=evaluations)
    publish(evaluations)
    for year in (2026, 2027):
        monitoring_round = MonitoringRound.objects.create(
            plan=plan, year=year, deadline="2028-01-31"
        )
        evaluation = EvaluationPage(
            title=f"Vyhodnocení {year}",
            slug=str(year),
            round=monitoring_round,
            data=sample_data(year, 12),
        )
        evaluations.add_child(instance=evaluation)
        publish(evaluation)
    return [
        analysis.url,
        evidence["home_care"].url,
        evaluations.url,
        evaluation.url,
        action_plan.url,
        action_consultation.url,
        settlement.url,
        f"{settlement.url}?vysledek=akceptovano&razeni=vysledek",
        consultation.url,
        f"{consultation.url}pripominkovat/",
        f"{consultation.url}pripominka/{comment.number}/",
        home.url,
        plan.url,
        chapter.url,
        f"{chapter.url}historie/",
        catalogue.url,
        f"{catalogue.url}?skupina=seniori&q=taxi",
        service.url,
        working_group.get_parent().url,
        working_group.url,
        meeting.url,
        news_index.url,
        news.url,
        statement.url,
        documents.url,
        "/hledat/",
        "/hledat/?q=senior",
        home_en.url,
        plan_en.url,
        analysis_en.url,
        "/en/hledat/?q=senior",
    ]


def test_public_pages_are_valid_html(client, public_urls, tmp_path):
    files = {}
    for number, url in enumerate(public_urls):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files[path.as_uri()] = url
    paths = [str(tmp_path / f"page-{number}.html") for number in range(len(public_urls))]
    result = subprocess.run(  # noqa: S603 - a fixed command on files this test wrote
        [JAVA, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    problems = [
        f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['type']} {m['message']}"
        for m in messages
        if m["type"] != "info"
    ]
    assert problems == []
    assert {m.get("url") for m in messages} <= set(files), "vnu read the pages written"
